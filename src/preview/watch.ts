/**
 * Notices edits under the data and template folders. An editor's save is a burst of events (write,
 * rename, chmod, often on several files), so changes are gathered until the folders have been
 * quiet for a moment and reported once.
 */
import { watch, type FSWatcher } from "node:fs";
import { basename, join } from "node:path";

export interface Watcher {
  close(): void;
}

/** Editors' swap files, lock files and backups (".x.swp", ".#x", "x~"): their churn is no edit. */
const isEditorScratch = (file: string) => basename(file).startsWith(".") || file.endsWith("~");

/**
 * Calls onChange with the paths changed (relative to their folder joined to it) once no folder
 * has changed for `quietMs`. Folders are watched recursively.
 */
export function watchFolders(
  folders: string[],
  quietMs: number,
  onChange: (paths: string[]) => void,
  onError: (error: Error) => void,
): Watcher {
  const changed = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  const flush = () => {
    timer = undefined;
    const paths = [...changed].sort();
    changed.clear();
    onChange(paths);
  };
  const watchers: FSWatcher[] = folders.map((folder) =>
    watch(folder, { recursive: true }, (_event, file) => {
      // Linux names the file; a watcher that cannot still saw a change somewhere in the folder.
      const path = file ? join(folder, file.toString()) : folder;
      if (file && isEditorScratch(path)) return;
      changed.add(path);
      clearTimeout(timer);
      timer = setTimeout(flush, quietMs);
    }).on("error", onError),
  );
  return {
    close() {
      clearTimeout(timer);
      for (const w of watchers) w.close();
    },
  };
}
