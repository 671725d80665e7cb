/**
 * Members' Slack locale and time zone (SPEC P3), kept in their prefs so that alerts ask Slack nothing.
 * The member context stores them when a member interacts; this fills them in for members who have not
 * since (right after an upgrade, say) and keeps them fresh: the leader pages through users.list at start
 * and once a day, and each `user_change` event updates its member. Only members Fanfare knows (who follow
 * something or have prefs) are written, never the whole workspace.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { webApi } from '@slack/bolt';
import type { Logger } from '../log.js';
import type { FollowRepo } from '../store/follows.js';
import { DEFAULT_PREFS, type MemberPrefsRepo } from '../store/member-prefs.js';
import { StoreError } from '../store/store.js';
import { prefsUpdate } from './member-context.js';
import type { PacedSlack } from './slack-calls.js';

/** A member as users.list and user_change describe them (`locale` only when asked with include_locale). */
export interface SlackUser {
  id?: string;
  deleted?: boolean;
  is_bot?: boolean;
  tz?: string;
  locale?: string;
}

export interface KnownMembers {
  follows: Pick<FollowRepo, 'getMany'>;
  prefs: Pick<MemberPrefsRepo, 'getStoredMany' | 'patch'>;
}

/**
 * Stores the Slack locale and time zone of the members Fanfare knows among `users`, where they changed;
 * deleted users and bots are skipped. Answers how many members were updated. A store failure is thrown:
 * a member whose records cannot be read is not taken for a stranger.
 */
export async function refreshSlackProfiles(deps: KnownMembers, users: readonly SlackUser[]): Promise<number> {
  const people = users.filter((u): u is SlackUser & { id: string } => typeof u.id === 'string' && u.id !== '' && !u.deleted && !u.is_bot);
  if (people.length === 0) return 0;
  const ids = people.map((u) => u.id);
  const [follows, prefs] = await Promise.all([deps.follows.getMany(ids), deps.prefs.getStoredMany(ids)]);
  let updated = 0;
  for (const [i, user] of people.entries()) {
    const stored = prefs[i];
    const followed = follows[i];
    const followsSomething = (followed?.teams.length ?? 0) + (followed?.streamers.length ?? 0) > 0;
    if (!stored && !followsSomething) continue;
    const update = prefsUpdate({ isAdmin: false, locale: user.locale || undefined, timeZone: user.tz || undefined }, stored ?? DEFAULT_PREFS);
    if (!update) continue;
    await deps.prefs.patch(user.id, update);
    updated += 1;
  }
  return updated;
}

const DAY_MS = 86_400_000;
/**
 * users.list is Tier 2 (about 20 a minute, per method): one page every 6 s leaves half of it to the admin
 * notices' lookup. Other methods have limits of their own, so nothing else waits on this.
 */
const PAGE_GAP_MS = 6_000;
const RETRY_MS = 60_000;
const MAX_RETRY_MS = 3_600_000;

export interface MemberBackfillOptions extends KnownMembers {
  client: webApi.WebClient;
  /** Its own instance: 429s are waited out (Retry-After) without holding any post. */
  slack: PacedSlack;
  logger: Logger;
  pageGapMs?: number;
  /** Between two successful rounds (default a day). */
  everyMs?: number;
  /** The wait after a failed round; it doubles with each failure in a row, up to an hour. */
  retryMs?: number;
}

/** The leader's round over users.list: once at start, then once a day; a failed round is tried again later. */
export class MemberBackfill {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private abort = new AbortController();
  private failures = 0;
  private stopped = false;

  constructor(private readonly options: MemberBackfillOptions) {}

  start(): void {
    this.stopped = false;
    this.abort = new AbortController();
    this.run();
  }

  /** Stops scheduling and waits for a round in progress to end (it stops between pages). */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    this.abort.abort();
    await this.running;
  }

  private run(): void {
    if (this.stopped) return;
    this.running = this.round()
      .then(
        (updated) => {
          if (this.failures > 0) this.options.logger.info('users.list answers again');
          this.failures = 0;
          this.options.logger.info({ updated }, 'members\' Slack locale and time zone brought up to date');
          this.schedule(this.options.everyMs ?? DAY_MS);
        },
        (error: unknown) => {
          if (this.stopped) return;
          this.failures += 1;
          this.report(error);
          this.schedule(Math.min((this.options.retryMs ?? RETRY_MS) * 2 ** (this.failures - 1), MAX_RETRY_MS));
        },
      )
      .finally(() => (this.running = undefined));
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => this.run(), delayMs);
    this.timer.unref();
  }

  private async round(): Promise<number> {
    const { client, slack } = this.options;
    let cursor: string | undefined;
    let updated = 0;
    let first = true;
    do {
      if (!first) await sleep(this.options.pageGapMs ?? PAGE_GAP_MS, undefined, { signal: this.abort.signal });
      first = false;
      // Without include_locale Slack leaves `locale` out.
      const page = await slack.read(() => client.users.list({ limit: 200, cursor, include_locale: true }));
      updated += await refreshSlackProfiles(this.options, (page.members ?? []) as SlackUser[]);
      cursor = page.response_metadata?.next_cursor || undefined;
    } while (cursor && !this.stopped);
    return updated;
  }

  /** A store failure each time; Slack failing once per run of failures, not at every retry. */
  private report(error: unknown): void {
    const { logger } = this.options;
    if (error instanceof StoreError) {
      logger.error({ err: error }, 'members\' Slack locale and time zone not brought up to date: the store failed; trying again later');
    } else if (this.failures === 1) {
      logger.warn({ err: error }, 'users.list failed: members\' Slack locale and time zone are brought up to date later; until then alerts use what is stored');
    } else {
      logger.debug({ err: error, failures: this.failures }, 'users.list failed again');
    }
  }
}
