/**
 * The look every chart shares, merged under each spec's own config: the body font at sizes that
 * print at 9–10 pt, ink and blues that stay apart in greyscale and for colour-blind readers, and
 * no label limits, because a cut label ("burgerlijke stand/burg…") loses the category.
 */
import { FONT_FAMILY } from "../assets/fonts.ts";

/** 12 CSS px is 9 pt once the SVG is placed at its own width on the page. */
const LABEL_SIZE = 12;

const INK = "#1a1a1a";
/** Single series: 8.7:1 against white paper. */
const BAR = "#1f4e79";
/**
 * Compared series: a mid blue (3:1 against white) and the dark blue (2.9:1 against the mid one),
 * told apart by lightness alone, so greyscale print and every kind of colour blindness keep them.
 */
const SERIES = ["#6b98c4", BAR];
const GRID = "#d9d9d9";

export const theme = {
  // Quoted: an unquoted family name ending in a number is not valid CSS.
  font: `'${FONT_FAMILY}'`,
  background: null,
  aria: false,
  view: { stroke: null },
  bar: { color: BAR },
  text: { color: INK, fontSize: LABEL_SIZE },
  rule: { color: INK },
  range: { category: SERIES },
  axis: {
    labelFontSize: LABEL_SIZE,
    labelColor: INK,
    labelLimit: 0,
    // Never hide a label that would collide: the layout check then fails the build instead.
    labelOverlap: false,
    titleFontSize: LABEL_SIZE,
    titleFontWeight: 600,
    titleColor: INK,
    titleLimit: 0,
    gridColor: GRID,
    domainColor: INK,
    tickColor: INK,
  },
  axisY: { grid: false, domain: false, ticks: false },
  legend: {
    labelFontSize: LABEL_SIZE,
    labelColor: INK,
    labelLimit: 0,
    titleFontSize: LABEL_SIZE,
    titleFontWeight: 600,
    titleColor: INK,
    titleLimit: 0,
  },
  title: { fontSize: LABEL_SIZE + 1, fontWeight: 600, color: INK, limit: 0 },
  // nl-BE for vega's format() in specs: decimal comma, thousands dot.
  locale: { number: { decimal: ",", thousands: ".", grouping: [3], currency: ["€ ", ""] } },
};
