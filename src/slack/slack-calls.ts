/**
 * How the background poster talks to Slack: one paced queue per channel, 429s waited out, and every
 * failure sorted into "Slack refused it" (definite) or "outcome unknown" (the post may exist).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { webApi } from '@slack/bolt';
import PQueue from 'p-queue';

/** Slack answered ok:false: nothing was posted. */
export class SlackRefusal extends Error {
  /** Already logged with its context by whoever caught it first. */
  reported = false;

  constructor(readonly error: string, readonly details: string[] = []) {
    super(`Slack refused the call: ${error}${details.length ? ` (${details.join('; ')})` : ''}`);
  }
}

/** Network error, timeout or 5xx: the call may or may not have taken effect. */
export class SlackOutcomeUnknown extends Error {}

export function classifySlackError(error: unknown): SlackRefusal | SlackOutcomeUnknown | unknown {
  const e = error as { code?: string; data?: { error?: string; response_metadata?: { messages?: string[] } }; message?: string };
  if (e?.code === webApi.ErrorCode.PlatformError) {
    return new SlackRefusal(e.data?.error ?? 'unknown_error', e.data?.response_metadata?.messages ?? []);
  }
  if (e?.code === webApi.ErrorCode.RequestError || e?.code === webApi.ErrorCode.HTTPError) {
    return new SlackOutcomeUnknown(e.message ?? 'request failed');
  }
  return error;
}

function rateLimitWait(error: unknown): number | null {
  const e = error as { code?: string; retryAfter?: number };
  return e?.code === webApi.ErrorCode.RateLimitedError ? Math.max(1, e.retryAfter ?? 1) : null;
}

/** One channel's writes: one at a time, `intervalMs` apart. */
interface Lane {
  queue: PQueue;
  nextAt: number;
}

export interface PacedSlackOptions {
  /** Gap between writes to one channel; Slack allows about one message a second per channel. */
  intervalMs?: number;
  /** How many 429s in a row one call waits out before giving up (and leaving the work queued). */
  maxRateLimitWaits?: number;
}

/** Runs Slack writes one channel at a time at Slack's pace; a 429 holds only that channel for Retry-After. */
export class PacedSlack {
  private readonly lanes = new Map<string, Lane>();
  private readonly intervalMs: number;
  private readonly maxRateLimitWaits: number;
  private stopping = false;

  constructor(options: PacedSlackOptions = {}) {
    this.intervalMs = options.intervalMs ?? 1000;
    this.maxRateLimitWaits = options.maxRateLimitWaits ?? 5;
  }

  /**
   * Runs `call` in the channel's queue. Throws SlackRefusal, SlackOutcomeUnknown or the original error.
   * A 429 means Slack did nothing, so the same call is simply repeated after Retry-After.
   */
  async write<T>(channel: string, call: () => Promise<T>): Promise<T> {
    const lane = this.lane(channel);
    return (await lane.queue.add(async () => {
      // A steady gap rather than "one per window": windows let two posts through back to back at a boundary.
      const wait = lane.nextAt - Date.now();
      if (wait > 0) await sleep(wait);
      lane.nextAt = Date.now() + this.intervalMs;
      return this.waitingOutRateLimits(call);
    })) as T;
  }

  /** Reads are not paced per channel (they are Tier 3), but 429s are still honoured. */
  read<T>(call: () => Promise<T>): Promise<T> {
    return this.waitingOutRateLimits(call);
  }

  private async waitingOutRateLimits<T>(call: () => Promise<T>): Promise<T> {
    for (let waits = 0; ; waits++) {
      try {
        return await call();
      } catch (error) {
        const retryAfter = rateLimitWait(error);
        if (retryAfter === null || waits >= this.maxRateLimitWaits || this.stopping) throw classifySlackError(error);
        await sleep(retryAfter * 1000);
      }
    }
  }

  private lane(channel: string): Lane {
    let lane = this.lanes.get(channel);
    if (!lane) {
      lane = { queue: new PQueue({ concurrency: 1 }), nextAt: 0 };
      this.lanes.set(channel, lane);
    }
    return lane;
  }

  /** Stops waiting out rate limits and resolves when queued writes have finished. */
  async drain(): Promise<void> {
    this.stopping = true;
    await Promise.all([...this.lanes.values()].map((lane) => lane.queue.onIdle()));
  }
}
