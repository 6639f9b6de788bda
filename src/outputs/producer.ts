/**
 * The one shape in which outputs leave a build: a producer makes the files of one input key (a printed
 * document and its web copy, a page of the web edition with its CSVs, the errata), and returns them as
 * files; it never writes. The pipeline decides whether it must run (its key, and the checksums of what it
 * made last time), writes what it returns through the output folder (src/pipeline/output-folder.ts), and
 * lists it in the manifest.
 */
import type { OutputKind } from "./kinds.ts";

/** What the manifest says of a file besides its checksum: a PDF's pages, a fact sheet's respondent. */
export interface FileFacts {
  pages?: number;
  id?: string;
  respondentType?: string;
  vrindClass?: string;
  name?: string;
  nis?: string;
}

export interface OutputFile {
  /** Relative to the output folder, with forward slashes. */
  path: string;
  kind: OutputKind;
  content: string | Uint8Array;
  facts?: FileFacts;
}

export interface Producer<Tools = void> {
  /** Its main file, which names it in messages and progress. */
  name: string;
  /** A hash of everything its files are made from. */
  inputKey: string;
  make(tools: Tools): Promise<OutputFile[]>;
}
