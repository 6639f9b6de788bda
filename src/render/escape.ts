/**
 * HTML escaping as Handlebars does it for {{value}} (the same characters, the same entities), for text
 * made outside a template that a template prints as it is: without loading Handlebars, which a build
 * with nothing to print never does.
 */
const ENTITIES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#x27;",
  "`": "&#x60;",
  "=": "&#x3D;",
};

export const escapeHtml = (text: string) => text.replace(/[&<>"'`=]/g, (c) => ENTITIES[c]!);
