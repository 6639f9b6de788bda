/**
 * A small seeded PRNG (mulberry32) and the sampling the generator needs. Own code rather than
 * Math.random so that the same seed gives the same data on every machine and Node version.
 */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(below: number): number {
    return Math.floor(this.next() * below);
  }

  /** Roughly standard normal (Irwin–Hall with four terms): enough for a latent score. */
  normal(): number {
    return (this.next() + this.next() + this.next() + this.next() - 2) * Math.sqrt(3);
  }

  shuffle<T>(items: readonly T[]): T[] {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      [out[i], out[j]] = [out[j]!, out[i]!];
    }
    return out;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error("pick from an empty list");
    return items[this.int(items.length)]!;
  }

  /**
   * Exactly k items without replacement, each drawn with probability in proportion to its weight
   * (Efraimidis–Spirakis: the k largest u^(1/w)).
   */
  sample<T>(items: readonly T[], k: number, weight: (item: T) => number = () => 1): T[] {
    if (k > items.length) throw new Error(`cannot draw ${k} from ${items.length}`);
    return items
      .map((item) => ({ item, key: Math.log(1 - this.next()) / Math.max(weight(item), 1e-12) }))
      .sort((a, b) => b.key - a.key)
      .slice(0, k)
      .map(({ item }) => item);
  }
}
