/**
 * Every kind of file a build leaves in its output folder, one row each: which `--only` makes it, which
 * narrower selections leave it out, where its files stand and what they hold, and whether manifest.json
 * lists it. The manifest's `kind`, the choices of `--only`, what a build selects and the README's list
 * of outputs are read from this table (test/outputs.test.ts holds the README to it). A new output
 * format is a row here and a producer (src/outputs/producer.ts).
 */

/** What `--only` can name. */
export const ONLY_CHOICES = ["bijlage", "fiches", "web"] as const;
export type OnlyChoice = (typeof ONLY_CHOICES)[number];

/** Options that narrow a build to part of the documents, and so leave out what needs all of them. */
export type Narrowing = "ids" | "shard";

export interface OutputKindRow {
  /** The `--only` choice that makes it; undefined for the build's own records, which every build writes. */
  only?: OnlyChoice;
  /** Left out by these options (the web edition links to every document, so it needs them all). */
  leftOutBy: readonly Narrowing[];
  /** Made only when this option is set. */
  onlyWith?: "keepHtml";
  /** Listed in manifest.json with its checksum and input key. */
  listed: boolean;
  /** Where its files stand in the output folder, as the README lists them. */
  files: string;
  what: string;
}

export const OUTPUT_KINDS = {
  bijlage: {
    only: "bijlage",
    leftOutBy: ["ids"],
    listed: true,
    files: "`bijlage.pdf`",
    what: 'the bijlage: A4, PDF/UA-1 and PDF/A-2b, with outline, table of contents, running header, "page n / total"',
  },
  html: {
    only: "bijlage",
    leftOutBy: ["ids"],
    listed: true,
    files: "`bijlage.html`",
    what: "the same document for the web (fonts in `assets/fonts/`)",
  },
  asset: {
    only: "bijlage",
    leftOutBy: ["ids"],
    listed: false,
    files: "`assets/fonts/`",
    what: "the body font of `bijlage.html`",
  },
  errata: {
    only: "bijlage",
    leftOutBy: ["ids"],
    listed: true,
    files: "`errata.md`",
    what: "every figure of the printed bijlage that the data or its own arithmetic contradicts",
  },
  fiche: {
    only: "fiches",
    leftOutBy: [],
    listed: true,
    files: "`fiches/<id>.pdf`",
    what:
      "one fact sheet per respondent (G001…G070, O001…O062), at most two pages (a longer one fails the build and " +
      "is not written), PDF/UA-1 and PDF/A-2b; `<nis>.pdf` with `--name-files-by nis`",
  },
  index: {
    only: "fiches",
    leftOutBy: [],
    listed: false,
    files: "`fiches/index.csv`",
    what: "`id,type,vrind_class,pages,file` for every fact sheet, then `name,nis` when the data names its respondents",
  },
  web: {
    only: "web",
    leftOutBy: ["ids", "shard"],
    listed: true,
    files: "`web/`",
    what: "the web edition, ready to publish as it is (see [Web edition](#web-edition))",
  },
  printed: {
    leftOutBy: [],
    onlyWith: "keepHtml",
    listed: false,
    files: "`html/`",
    what: "with `--keep-html`: the exact HTML that was printed",
  },
  manifest: {
    leftOutBy: [],
    listed: false,
    files: "`manifest.json`",
    what: "every listed output: path, sha256, pages, input key, time to build",
  },
  record: {
    leftOutBy: [],
    listed: false,
    files: "`.vvsg-up-to-date.json`",
    what:
      "the build's record of the folder, which answers a rebuild with nothing changed (not an output: see " +
      "[Incremental and reproducible builds](#incremental-and-reproducible-builds))",
  },
} as const satisfies Record<string, OutputKindRow>;

export type OutputKind = keyof typeof OUTPUT_KINDS;

/** The kinds manifest.json lists. */
export type ListedKind = { [K in OutputKind]: (typeof OUTPUT_KINDS)[K]["listed"] extends true ? K : never }[OutputKind];

/** What a build was asked for: the options that choose which kinds it makes. */
export interface Selection {
  only?: OnlyChoice;
  ids?: readonly string[];
  shard?: unknown;
  keepHtml?: boolean;
}

/** Whether a build with these options makes files of this kind. */
export function makes(kind: OutputKind, selection: Selection): boolean {
  const row: OutputKindRow = OUTPUT_KINDS[kind];
  if (row.onlyWith && !selection[row.onlyWith]) return false;
  if (row.leftOutBy.some((option) => selection[option] !== undefined)) return false;
  return !row.only || !selection.only || row.only === selection.only;
}
