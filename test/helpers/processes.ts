/** Looking for processes from tests, through /proc (no ps needed). */
import { readdirSync, readFileSync } from "node:fs";

/** Process ids whose command line contains `text`. */
export function processesMentioning(text: string): number[] {
  return readdirSync("/proc")
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, "utf8").includes(text);
      } catch {
        return false;
      }
    })
    .map(Number);
}
