/**
 * Vega's SVG made fit to inline in an accessible page: one image with its own title and
 * description, no ARIA noise from vega's internal groups, nothing that points outside the file.
 */

export function escapeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/**
 * With role="img" the marks inside are presentational, so vega's per-group roles only add noise
 * to what a screen reader walks through.
 */
function stripAria(markup: string): string {
  return markup.replace(/ (?:role|aria-[a-z]+)="[^"]*"/g, "");
}

export function accessibleSvg(svg: string, id: string, title: string, description: string): string {
  const open = /^<svg\b[^>]*>/.exec(svg);
  if (!open) throw new Error("vega returned no <svg> element");
  const size = (name: string) => new RegExp(`\\b${name}="([^"]*)"`).exec(open[0])?.[1];
  const [width, height, viewBox] = [size("width"), size("height"), size("viewBox")];
  const root =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="${viewBox}"` +
    ` role="img" aria-labelledby="${id}-title ${id}-desc">` +
    `<title id="${id}-title">${escapeXml(title)}</title>` +
    `<desc id="${id}-desc">${escapeXml(description)}</desc>`;
  return root + stripAria(svg.slice(open[0].length));
}
