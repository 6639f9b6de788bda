/** Time and peak memory per pipeline stage, for the build log and the benchmark. */
export type Stage = "load" | "validate" | "aggregate" | "charts" | "templates" | "print";

/** What a stage that can be timed is given: the build's StageTimer, or nothing that measures. */
export interface StageTiming {
  time<T>(stage: Stage, work: () => Promise<T> | T): Promise<T>;
}

export class StageTimer implements StageTiming {
  readonly ms: Record<Stage, number> = { load: 0, validate: 0, aggregate: 0, charts: 0, templates: 0, print: 0 };
  peakRss = process.memoryUsage.rss();

  async time<T>(stage: Stage, work: () => Promise<T> | T): Promise<T> {
    const started = performance.now();
    try {
      return await work();
    } finally {
      this.ms[stage] += performance.now() - started;
      this.sample();
    }
  }

  sample(): void {
    this.peakRss = Math.max(this.peakRss, process.memoryUsage.rss());
  }
}
