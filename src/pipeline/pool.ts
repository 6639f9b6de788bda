/**
 * Runs jobs with a fixed number in flight. Results are not collected here: each job reports its own
 * outcome, so a batch of 10,000 documents holds no list of PDFs in memory.
 */
export async function runPool<T>(
  items: Iterable<T>,
  concurrency: number,
  worker: (item: T) => Promise<void>,
): Promise<void> {
  const iterator = items[Symbol.iterator]();
  const lanes = Array.from({ length: Math.max(1, concurrency) }, async () => {
    for (let next = iterator.next(); !next.done; next = iterator.next()) await worker(next.value);
  });
  await Promise.all(lanes);
}

/**
 * `work` on every item, some at a time, its results in the items' order. A rebuild with nothing changed
 * reads and hashes every output; one read after another left the process waiting on the disk most of the time.
 */
export async function inParallel<T, R>(items: T[], work: (item: T) => Promise<R>, atOnce = 16): Promise<R[]> {
  const results: R[] = new Array(items.length);
  await runPool(items.keys(), atOnce, async (i) => {
    results[i] = await work(items[i]!);
  });
  return results;
}
