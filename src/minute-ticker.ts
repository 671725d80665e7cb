/**
 * Runs `work` once now, then a little after each whole minute of the clock (`offsetMs` past it), never
 * overlapping itself. Quiet hours end and matches kick off on whole minutes: a round just after the
 * minute is on time, where a fixed interval from start could be up to a minute late.
 *
 * `periodMs` (CLOCK_ROUND_SECONDS, a divisor of a minute; tests use a few seconds) adds rounds between
 * the minutes, `offsetMs` past each whole period; the rounds just after each minute stay among them.
 * It changes how often the work looks at the clock, never what the work does with it.
 */
const MINUTE_MS = 60_000;

export class MinuteTicker {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;

  constructor(
    private readonly work: () => Promise<void>,
    private readonly onError: (error: unknown) => void,
    private readonly offsetMs = 5_000,
    private readonly now: () => number = Date.now,
    private readonly periodMs = MINUTE_MS,
  ) {
    if (!(periodMs > 0 && MINUTE_MS % periodMs === 0)) throw new Error(`periodMs must divide a minute, got ${periodMs}`);
  }

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
    this.timer = setTimeout(() => this.run(), nextRound(now, this.offsetMs, this.periodMs) - now);
    this.timer.unref();
  }

  /** Stops scheduling and waits for a round in progress to finish. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }
}

/**
 * The first round more than a second (or half a period) after `now`: rounds are `offsetMs` past each
 * whole period of the clock, so with a period dividing a minute, `offsetMs` past each whole minute is one.
 */
export function nextRound(now: number, offsetMs: number, periodMs = MINUTE_MS): number {
  const gap = Math.min(1000, periodMs / 2);
  let next = Math.floor((now - offsetMs) / periodMs) * periodMs + offsetMs;
  while (next <= now + gap) next += periodMs;
  return next;
}
