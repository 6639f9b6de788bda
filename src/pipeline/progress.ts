/**
 * Progress of a batch: a bar with ETA redrawn in place on a terminal, plain lines elsewhere (CI logs
 * keep every line, so there we print one per tenth of the work and every failure).
 */
export interface Progress {
  done(label: string, ok: boolean): void;
  finish(): void;
}

function formatDuration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  return seconds >= 60 ? `${Math.floor(seconds / 60)}m${String(seconds % 60).padStart(2, "0")}s` : `${seconds}s`;
}

export function eta(doneCount: number, total: number, elapsedMs: number): string {
  if (doneCount === 0) return "?";
  return formatDuration((elapsedMs / doneCount) * (total - doneCount));
}

export function createProgress(
  title: string,
  total: number,
  stream: NodeJS.WriteStream = process.stderr,
  now = () => Date.now(),
): Progress {
  const started = now();
  const interactive = Boolean(stream.isTTY) && !process.env.CI;
  let doneCount = 0;
  let failed = 0;
  const step = Math.max(1, Math.ceil(total / 10));
  return {
    done(label, ok) {
      doneCount++;
      if (!ok) failed++;
      const elapsed = now() - started;
      if (interactive) {
        const width = 28;
        const filled = Math.round((doneCount / total) * width);
        stream.write(
          `\r${title} [${"#".repeat(filled)}${"-".repeat(width - filled)}] ${doneCount}/${total}` +
            `${failed ? ` (${failed} failed)` : ""} ETA ${eta(doneCount, total, elapsed)}  `,
        );
      } else if (!ok || doneCount % step === 0 || doneCount === total) {
        stream.write(
          `${title}: ${doneCount}/${total}${ok ? "" : ` failed: ${label}`}` +
            `${failed ? ` (${failed} failed so far)` : ""}, ` +
            `${formatDuration(elapsed)} elapsed, ETA ${eta(doneCount, total, elapsed)}\n`,
        );
      }
    },
    finish() {
      if (interactive) stream.write("\n");
    },
  };
}
