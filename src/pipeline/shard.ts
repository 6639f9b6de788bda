/**
 * --shard i/n: the i-th of n parts of the documents, so that n processes or CI jobs build each document exactly once.
 */
import { UsageError } from "../errors.ts";
import * as msg from "../messages.ts";

export interface Shard {
  index: number;
  count: number;
}

export function parseShard(text: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || count < 1 || index < 1 || index > count) {
    throw new UsageError(msg.badShard(text));
  }
  return { index, count };
}

/** Every n-th document from the i-th on: parts differ in size by at most one, and together hold every document once. */
export function inShard<T>(documents: T[], shard: Shard | undefined): T[] {
  if (!shard) return documents;
  return documents.filter((_, position) => position % shard.count === shard.index - 1);
}
