/**
 * One sending pace for the whole process (SPEC S3), never exceeded in any one-second window as Twilio
 * counts it, and smooth: grants are spaced evenly at `ratePerSecond` rather than let through in bursts
 * at window boundaries.
 *
 * Twilio counts a request when it arrives, somewhere between our grant and its answer; under load that
 * gap is anything from 1 to 200+ ms. So a request holds its place in the window from its grant until
 * one second after its answer (`release`): then whatever the delays, no window of a second can see more
 * than the rate arrive. Costs the answer latency per second of throughput (a few ms: ~99.5%).
 *
 * Grants can weigh more than one (a two-segment SMS uses two of the sender's slots, reference twilio.md §6).
 */

export interface PacerOptions {
  /** Monotonic clock in ms (performance.now by default). */
  now?: () => number;
  /** Margin on the window for clocks that round to whole ms (Twilio's, the fake's). */
  guardMs?: number;
  /** How far the even spacing may catch up after a late timer. Bounded so an idle pacer never bursts. */
  maxLagMs?: number;
}

/** Call once the request was answered (or failed, or was never made). */
export type Release = () => void;

interface Waiter {
  weight: number;
  resolve: (release: Release | null) => void;
}

const WINDOW_MS = 1000;

export class Pacer {
  private readonly interval: number;
  /** Most weight any window may hold. At least 1 so that rates below 1/s still send (one per 1/rate s). */
  private readonly capacity: number;
  private readonly clock: () => number;
  private readonly span: number;
  private readonly maxLagMs: number;
  private readonly waiters: Waiter[] = [];
  private inFlight = 0;
  /** Answered requests still inside the window, by answer time (oldest first). */
  private readonly answered: { at: number; weight: number }[] = [];
  private answeredWeight = 0;
  private nextAt = -Infinity;
  private holdUntil = -Infinity;
  private timer: NodeJS.Timeout | undefined;
  private timerAt = Infinity;

  constructor(
    readonly ratePerSecond: number,
    options: PacerOptions = {},
  ) {
    if (!(ratePerSecond > 0) || !Number.isFinite(ratePerSecond)) throw new RangeError(`rate must be a positive number, got ${ratePerSecond}`);
    this.interval = WINDOW_MS / ratePerSecond;
    this.capacity = Math.max(1, Math.floor(ratePerSecond));
    this.clock = options.now ?? (() => performance.now());
    this.span = WINDOW_MS + (options.guardMs ?? 2);
    this.maxLagMs = options.maxLagMs ?? 20;
  }

  now(): number {
    return this.clock();
  }

  /** Requests waiting for a grant. */
  get waiting(): number {
    return this.waiters.length;
  }

  /**
   * Resolves when the caller may send (first come, first served) with the function to call once the
   * request is answered; null when the pacer was cancelled. The caller must send right away.
   */
  take(weight = 1): Promise<Release | null> {
    return new Promise<Release | null>((resolve) => {
      this.waiters.push({ weight: Math.min(Math.max(1, Math.ceil(weight)), this.capacity), resolve });
      this.pump();
    });
  }

  /** No grant before `ms` from now (Twilio's Retry-After is about the whole account, not one request). */
  holdFor(ms: number): void {
    if (!(ms > 0)) return;
    this.holdUntil = Math.max(this.holdUntil, this.clock() + ms);
    this.reschedule();
  }

  /** Every waiting `take` resolves null (stopping). Later takes work as usual. */
  cancelAll(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.timerAt = Infinity;
    for (const waiter of this.waiters.splice(0)) waiter.resolve(null);
  }

  private pump(): void {
    while (this.waiters.length > 0) {
      const now = this.clock();
      const head = this.waiters[0] as Waiter;
      const wait = this.waitFor(head.weight, now);
      if (wait > 0) {
        // Infinity: only a release can make room, and release pumps.
        if (Number.isFinite(wait)) this.schedule(wait);
        return;
      }
      this.waiters.shift();
      head.resolve(this.grant(head.weight, now));
    }
  }

  /** Milliseconds until a grant of `weight` is allowed (0: now; Infinity: after a release). */
  private waitFor(weight: number, now: number): number {
    this.prune(now);
    let wait = Math.max(0, this.holdUntil - now, this.nextAt - now);
    let excess = this.inFlight + this.answeredWeight + weight - this.capacity;
    for (const entry of this.answered) {
      if (excess <= 0) break;
      wait = Math.max(wait, entry.at + this.span - now);
      excess -= entry.weight;
    }
    return excess > 0 ? Infinity : wait;
  }

  private grant(weight: number, now: number): Release {
    // A timer that fired a little late may catch up with the schedule; after an idle spell the schedule restarts now.
    const base = this.nextAt >= now - this.maxLagMs ? this.nextAt : now;
    this.nextAt = base + this.interval * weight;
    this.inFlight += weight;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.inFlight -= weight;
      this.answered.push({ at: this.clock(), weight });
      this.answeredWeight += weight;
      this.pump();
    };
  }

  private prune(now: number): void {
    while (this.answered.length > 0 && (this.answered[0] as { at: number }).at + this.span <= now) {
      this.answeredWeight -= (this.answered.shift() as { weight: number }).weight;
    }
  }

  private schedule(waitMs: number): void {
    // Node's timers have 1 ms resolution; rounding up never grants early.
    // setTimeout fires at once past 2^31-1 ms; a longer wait is re-checked when this timer ends.
    const delay = Math.min(Math.max(1, Math.ceil(waitMs)), 2_147_483_647);
    const at = this.clock() + delay;
    if (this.timer && this.timerAt <= at) return;
    if (this.timer) clearTimeout(this.timer);
    this.timerAt = at;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.timerAt = Infinity;
      this.pump();
    }, delay);
  }

  private reschedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.timerAt = Infinity;
    this.pump();
  }
}
