/** "a", "a en b", "a, b en c": the Dutch list with its serial "en" (no comma before it). */
export function joinDutch(parts: string[], conjunction = "en"): string {
  if (parts.length <= 1) return parts.join("");
  return `${parts.slice(0, -1).join(", ")} ${conjunction} ${parts.at(-1)}`;
}
