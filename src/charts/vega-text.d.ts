// vega exports vega-scenegraph's text metrics, but its typings leave them out.
import "vega";

declare module "vega" {
  export const textMetrics: {
    width: (item: object, text: unknown) => number;
    height: (item: object) => number;
  };
  export function fontSize(item: object): number;
}
