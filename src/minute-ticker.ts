/**
 * Runs `work` once now, then a little after each whole minute of the clock (`offsetMs` past it), never
 * overlapping itself. Quiet hours end and matches kick off on whole minutes: a round just after the
 * minute is on time, where a fixed interval from start could be up to a minute late.
 */
export class MinuteTicker {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;

  constructor(
    private readonly work: () => Promise<void>,
    private readonly onError: (error: unknown) => void,
    private readonly offsetMs = 5_000,
    private readonly now: () => number = Date.now,
  ) {}

  start(): void {
    this.stopped = false;
    this.run();
  }

  private run(): void {
    if (this.stopped) return;
    this.running = this.work()
      .catch(this.onError)
      .finally(() => {
        this.running = undefined;
        this.schedule();
      });
  }

  private schedule(): void {
    if (this.stopped) return;
    const now = this.now();
    let next = Math.floor(now / 60_000) * 60_000 + this.offsetMs;
    while (next <= now + 1000) next += 60_000;
    this.timer = setTimeout(() => this.run(), next - now);
    this.timer.unref();
  }

  /** Stops scheduling and waits for a round in progress to finish. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }
}
