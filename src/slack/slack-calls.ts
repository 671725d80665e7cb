/**
 * How the background poster talks to Slack: posts in one paced queue per channel, edits in their own
 * queue at chat.update's pace, 429s waited out, and every failure sorted once, here, into one of four
 * classes (SPEC X3):
 * - message: Slack refused this message (invalid_blocks, msg_too_long…); the caller counts and gives up.
 * - outcome unknown: timeout, network, 5xx, internal_error…; the post may exist, so read back, then retry.
 * - channel: the channel refuses every post (not_in_channel, is_archived…); that channel's writes are held.
 * - auth: Slack refuses Fanfare itself (token_revoked…); every write is held.
 * A hold keeps the work queued in the store; the next write after a growing pause is the probe that
 * ends it. The admins are told through `events`, once per hold.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { webApi } from '@slack/bolt';
import PQueue from 'p-queue';
import type { Logger } from '../log.js';

export type RefusalKind = 'message' | 'channel' | 'auth';

/** ok:false answers that say nothing about the message: Slack failed, and may have acted (Slack's docs). */
const OUTCOME_UNKNOWN = new Set(['internal_error', 'fatal_error', 'service_unavailable', 'request_timeout']);

/** The channel refuses Fanfare, whatever the message; another channel, an invitation or an unarchive fixes it. */
const CHANNEL_ERRORS = new Set([
  'not_in_channel',
  'is_archived',
  'channel_not_found',
  'channel_is_archived',
  'method_not_supported_for_channel_type',
  'restricted_action',
  'restricted_action_read_only_channel',
  'restricted_action_thread_only_channel',
  'restricted_action_non_threadable_channel',
  'ekm_access_denied',
  'team_access_not_granted',
]);

/**
 * Slack refuses Fanfare's installation everywhere. `missing_scope` belongs here: the app was installed
 * with fewer scopes than its manifest asks for, so every call of that method fails in every channel, and
 * only an admin reinstalling fixes it, exactly like a revoked token; as a message error it would drop
 * every alert after a few tries.
 */
const AUTH_ERRORS = new Set([
  'invalid_auth',
  'not_authed',
  'token_revoked',
  'token_expired',
  'account_inactive',
  'team_disabled',
  'user_removed_from_team',
  'org_login_required',
  'not_allowed_token_type',
  'missing_scope',
  'no_permission',
]);

export function refusalKind(error: string): RefusalKind {
  if (CHANNEL_ERRORS.has(error)) return 'channel';
  if (AUTH_ERRORS.has(error)) return 'auth';
  return 'message';
}

/** Slack answered ok:false with a definite refusal: nothing was posted. */
export class SlackRefusal extends Error {
  /** Already logged with its context by whoever caught it first. */
  reported = false;
  readonly kind: RefusalKind;

  constructor(readonly error: string, readonly details: string[] = []) {
    super(`Slack refused the call: ${error}${details.length ? ` (${details.join('; ')})` : ''}`);
    this.kind = refusalKind(error);
  }
}

/** Network error, timeout, 5xx or a Slack-side failure: the call may or may not have taken effect. */
export class SlackOutcomeUnknown extends Error {}

/** Not sent at all: its channel (or every channel, for auth) is held after a channel or auth refusal. */
export class SlackHeld extends Error {
  constructor(readonly kind: 'channel' | 'auth', readonly error: string) {
    super(kind === 'auth' ? `Slack posting is paused: ${error}` : `posting in this channel is paused: ${error}`);
  }
}

export function classifySlackError(error: unknown): SlackRefusal | SlackOutcomeUnknown | unknown {
  const e = error as { code?: string; data?: { error?: string; response_metadata?: { messages?: string[] } }; message?: string };
  if (e?.code === webApi.ErrorCode.PlatformError) {
    const code = e.data?.error ?? 'unknown_error';
    if (OUTCOME_UNKNOWN.has(code)) return new SlackOutcomeUnknown(`Slack answered ${code}`);
    return new SlackRefusal(code, e.data?.response_metadata?.messages ?? []);
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

/** Calls under one Slack limit: one at a time, `intervalMs` apart. */
interface Lane {
  queue: PQueue;
  intervalMs: number;
  nextAt: number;
}

/** A channel (or, for auth, every channel) that refused: held until `probeAt`, when one write may try. */
interface Hold {
  error: string;
  probeAt: number;
  pauseMs: number;
}

export interface HoldNotice {
  kind: 'channel' | 'auth';
  /** The held channel; null for auth. */
  channel: string | null;
  error: string;
}

export interface PacedSlackOptions {
  /** Gap between posts to one channel; Slack allows about one message a second per channel. */
  intervalMs?: number;
  /**
   * Gap between edits (chat.update), whatever the channel: Slack limits them per workspace, Tier 3, about
   * 50 a minute, apart from posts. So an edit never takes a reply's turn, nor a reply an edit's.
   * Unset: 1.2 × `intervalMs` (1200 ms by default; unpaced when posts are).
   */
  editIntervalMs?: number;
  /** How many 429s in a row one call waits out before giving up (and leaving the work queued). */
  maxRateLimitWaits?: number;
  /** First pause after a channel or auth refusal before a write may try again; it doubles up to `maxHoldMs`. */
  holdMs?: number;
  maxHoldMs?: number;
  /** Told once when a hold starts (to tell the admins) and when it ends. */
  events?: { held?: (notice: HoldNotice) => void; resumed?: (notice: HoldNotice) => void };
  logger?: Logger;
  now?: () => number;
}

/**
 * How far before the first attempt a post is looked for in the channel. Posts carry metadata naming their
 * match or session, so a wide window costs nothing in precision; it only has to outlast a skewed clock.
 */
export const RECONCILE_WINDOW_SECONDS = 600;

/** Write priorities within a channel's lane: match posts go before stream card refreshes (audit finding 5). */
export const PRIORITY = { match: 1, card: 0 } as const;

/**
 * Runs Slack writes at Slack's pace: posts one channel at a time, edits in a lane of their own. A 429
 * holds only the lane that got it for Retry-After, a channel refusal holds only that channel (posts and
 * edits), an auth refusal holds them all.
 */
export class PacedSlack {
  private readonly lanes = new Map<string, Lane>();
  private readonly edits: Lane;
  private readonly channelHolds = new Map<string, Hold>();
  private authHold: Hold | null = null;
  /** Channels Fanfare joined (or tried to: a private one needs an invitation) since their last refusal. */
  private readonly joined = new Set<string>();
  private readonly intervalMs: number;
  private readonly maxRateLimitWaits: number;
  private readonly holdMs: number;
  private readonly maxHoldMs: number;
  private readonly now: () => number;
  private stopping = false;

  constructor(private readonly options: PacedSlackOptions = {}) {
    this.intervalMs = options.intervalMs ?? 1000;
    this.maxRateLimitWaits = options.maxRateLimitWaits ?? 5;
    this.holdMs = options.holdMs ?? 5000;
    this.maxHoldMs = options.maxHoldMs ?? 300_000;
    this.now = options.now ?? Date.now;
    this.edits = newLane(options.editIntervalMs ?? this.intervalMs * 1.2);
  }

  /**
   * Runs a post (`call`) in the channel's queue. Throws SlackHeld (not sent), SlackRefusal,
   * SlackOutcomeUnknown or the original error. A 429 means Slack did nothing, so the same call is simply
   * repeated after Retry-After.
   */
  write<T>(channel: string, call: () => Promise<T>, priority: number = PRIORITY.card): Promise<T> {
    return this.run(this.lane(channel), channel, call, priority);
  }

  /** Runs an edit of a message in `channel` (chat.update) in the edit queue; it throws as `write` does. */
  edit<T>(channel: string, call: () => Promise<T>, priority: number = PRIORITY.card): Promise<T> {
    return this.run(this.edits, channel, call, priority);
  }

  private async run<T>(lane: Lane, channel: string, call: () => Promise<T>, priority: number): Promise<T> {
    return (await lane.queue.add(
      async () => {
        this.throwIfHeld(channel, true);
        // A steady gap rather than "one per window": windows let two posts through back to back at a boundary.
        const wait = lane.nextAt - Date.now();
        if (wait > 0) await sleep(wait);
        lane.nextAt = Date.now() + lane.intervalMs;
        try {
          const result = await this.waitingOutRateLimits(call);
          this.accepted(channel);
          return result;
        } catch (error) {
          if (error instanceof SlackRefusal) this.refused(channel, error);
          throw error;
        }
      },
      { priority },
    )) as T;
  }

  /**
   * Reads are not paced per channel (they are Tier 3), but 429s are still honoured. A channel refusing a
   * read holds nothing (Fanfare may post where it cannot read); Slack refusing Fanfare itself holds everything.
   */
  async read<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await this.waitingOutRateLimits(call);
    } catch (error) {
      if (error instanceof SlackRefusal && error.kind === 'auth') this.refused('', error);
      throw error;
    }
  }

  /** Whether a write to `channel` would be held now (callers skip their work early rather than read first). */
  isHeld(channel: string): boolean {
    try {
      this.throwIfHeld(channel, false);
      return false;
    } catch {
      return true;
    }
  }

  /**
   * Joins a public channel before Fanfare's first post there: posting needs no membership
   * (chat:write.public), but reading a thread or the channel back after an unknown outcome does. A private
   * channel needs an invitation instead. Tried once per channel until the channel next refuses a post.
   */
  async join(client: webApi.WebClient, channel: string): Promise<void> {
    if (this.joined.has(channel)) return;
    try {
      await this.read(() => client.conversations.join({ channel }));
      this.joined.add(channel);
    } catch (error) {
      if (error instanceof SlackOutcomeUnknown) return;
      this.joined.add(channel);
      const reason = error instanceof SlackRefusal ? error.error : String(error);
      this.options.logger?.warn({ channel, reason }, 'could not join the match channel: for a private channel, invite @Fanfare to it');
    }
  }

  private throwIfHeld(channel: string, probing: boolean): void {
    const now = this.now();
    const holds = [this.authHold, this.channelHolds.get(channel)].filter((hold): hold is Hold => hold !== null && hold !== undefined);
    for (const hold of holds) {
      if (now < hold.probeAt) throw new SlackHeld(hold === this.authHold ? 'auth' : 'channel', hold.error);
    }
    // This write is the probe; other writes stay held until its answer.
    if (probing) for (const hold of holds) hold.probeAt = now + hold.pauseMs;
  }

  private accepted(channel: string): void {
    const held = this.channelHolds.get(channel);
    if (held) {
      this.channelHolds.delete(channel);
      this.options.logger?.info({ channel, error: held.error }, 'the match channel accepts posts again; held posts go out now');
      this.options.events?.resumed?.({ kind: 'channel', channel, error: held.error });
    }
    if (this.authHold) {
      const { error } = this.authHold;
      this.authHold = null;
      this.options.logger?.info({ error }, 'Slack accepts Fanfare again; held posts go out now');
      this.options.events?.resumed?.({ kind: 'auth', channel: null, error });
    }
  }

  private refused(channel: string, refusal: SlackRefusal): void {
    if (refusal.kind === 'message') return;
    refusal.reported = true;
    const existing = refusal.kind === 'auth' ? this.authHold : this.channelHolds.get(channel);
    const pauseMs = existing ? Math.min(existing.pauseMs * 2, this.maxHoldMs) : this.holdMs;
    const hold: Hold = { error: refusal.error, probeAt: this.now() + pauseMs, pauseMs };
    if (refusal.kind === 'auth') this.authHold = hold;
    else {
      this.channelHolds.set(channel, hold);
      // Rejoin on the probe: a removed bot can put itself back in a public channel.
      this.joined.delete(channel);
    }
    if (existing) return;
    if (refusal.kind === 'auth') {
      this.options.logger?.error(
        { error: refusal.error },
        'SLACK_BOT_TOKEN: Slack refuses Fanfare (revoked, deactivated or missing scopes?): every post is held until it accepts it again; reinstall the app or fix the token',
      );
    } else {
      this.options.logger?.error(
        { channel, error: refusal.error },
        'the match channel refuses Fanfare: its posts are held until it accepts them or an admin picks another channel',
      );
    }
    this.options.events?.held?.({ kind: refusal.kind, channel: refusal.kind === 'auth' ? null : channel, error: refusal.error });
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
      lane = newLane(this.intervalMs);
      this.lanes.set(channel, lane);
    }
    return lane;
  }

  /** Stops waiting out rate limits and resolves when queued writes have finished. */
  async drain(): Promise<void> {
    this.stopping = true;
    await Promise.all([...this.lanes.values(), this.edits].map((lane) => lane.queue.onIdle()));
  }
}

function newLane(intervalMs: number): Lane {
  return { queue: new PQueue({ concurrency: 1 }), intervalMs, nextAt: 0 };
}
