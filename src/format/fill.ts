/**
 * Fills the placeholders of a text from the data folder ("{id} is …"): the wording is the
 * data's, the values the document's. A placeholder nobody fills is an error, never printed as braces.
 */
export function fill(text: string, values: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined)
      throw new Error(
        `no value for {${name}} in "${text}"; known: ${
          Object.keys(values)
            .map((k) => `{${k}}`)
            .join(", ") || "none"
        }`,
      );
    return String(value);
  });
}
