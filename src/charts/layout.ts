/**
 * A chart whose labels collide prints unreadable; this finds that in the laid-out scenegraph,
 * whose text boxes vega measured with the body font, before any SVG is written.
 */

interface Bounds {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

interface SceneItem {
  x?: number;
  y?: number;
  text?: unknown;
  opacity?: number;
  bounds?: Bounds;
  items?: SceneMark[];
}

/** vega's scenegraph as far as the checks read it (its typings describe it otherwise). */
export interface SceneMark {
  marktype: string;
  items: SceneItem[];
}

export interface TextBox extends Bounds {
  text: string;
}

/**
 * Text boxes in SVG coordinates: the scenegraph starts at the view's origin (padding plus room for
 * axes), and group items shift the coordinates of what they contain.
 */
export function textBoxes(root: SceneMark, origin: [number, number]): TextBox[] {
  const boxes: TextBox[] = [];
  const visit = (mark: SceneMark, dx: number, dy: number) => {
    for (const item of mark.items) {
      if (mark.marktype === "group") {
        for (const child of item.items ?? []) visit(child, dx + (item.x ?? 0), dy + (item.y ?? 0));
      } else if (mark.marktype === "text" && item.bounds && item.opacity !== 0) {
        const text = Array.isArray(item.text) ? item.text.join(" ") : String(item.text ?? "").trim();
        if (text === "") continue;
        const b = item.bounds;
        boxes.push({ text, x1: b.x1 + dx, y1: b.y1 + dy, x2: b.x2 + dx, y2: b.y2 + dy });
      }
    }
  };
  visit(root, origin[0], origin[1]);
  return boxes;
}

/** Boxes may touch; they overlap when they share more than this many px both ways. */
const TOLERANCE = 0.5;

export function overlaps(a: Bounds, b: Bounds): boolean {
  return (
    Math.min(a.x2, b.x2) - Math.max(a.x1, b.x1) > TOLERANCE && Math.min(a.y2, b.y2) - Math.max(a.y1, b.y1) > TOLERANCE
  );
}

export function overlappingPairs(boxes: TextBox[]): [TextBox, TextBox][] {
  const pairs: [TextBox, TextBox][] = [];
  boxes.forEach((a, i) => boxes.slice(i + 1).forEach((b) => overlaps(a, b) && pairs.push([a, b])));
  return pairs;
}

/** Boxes that reach outside the drawing (0, 0)–(width, height): the page would cut them off. */
export function outside(boxes: TextBox[], width: number, height: number): TextBox[] {
  return boxes.filter(
    (b) => b.x1 < -TOLERANCE || b.y1 < -TOLERANCE || b.x2 > width + TOLERANCE || b.y2 > height + TOLERANCE,
  );
}
