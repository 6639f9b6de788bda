/** Waiting in tests for something another process does. */

/** Resolves once `condition` holds, checking every `everyMs`; fails naming `what` after `ms`. */
export async function until(condition: () => boolean, ms: number, what: string, everyMs = 10): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`gave up after ${ms} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
