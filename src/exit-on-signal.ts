/**
 * Ctrl-C, a kill or a closed terminal end the process through process.exit, so that its "exit"
 * handlers run (browsers killed, temporary files removed). The handlers stay installed: a second
 * signal during that clean-up is caught and ignored instead of killing the process half-way.
 */
const CODES: Partial<Record<NodeJS.Signals, number>> = { SIGHUP: 129, SIGINT: 130, SIGTERM: 143 };

let installed = false;

export function exitOnSignals(): void {
  if (installed) return;
  installed = true;
  for (const [signal, code] of Object.entries(CODES)) process.on(signal, () => process.exit(code));
}
