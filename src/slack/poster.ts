/**
 * Owns match threads: one parent per match, one reply per alert, the parent kept current.
 *
 * Persist before you announce, reconcile after a crash: each post is marked "attempted" in the store
 * before it is sent and carries metadata naming its alert. An attempt whose outcome is unknown (crash,
 * timeout, 5xx) is looked up in the channel before anything is posted again, so nothing appears twice.
 * Only a message Slack refuses as such is given up after a few tries; a channel or token Slack refuses
 * holds the thread (see slack-calls.ts), and a thread not posted yet follows the channel an admin picks.
 */
import type { webApi } from '@slack/bolt';
import type { Locale } from '../alerts/i18n/locales.js';
import { renderParent, renderReply, type SlackMessage } from '../alerts/slack-blocks.js';
import type { MatchAlert, MatchSummary } from '../alerts/types.js';
import type { Logger } from '../log.js';
import type { SettingsRepo } from '../store/settings.js';
import type { PendingPost, ThreadRecord, ThreadRepo } from '../store/threads.js';
import { PacedSlack, PRIORITY, RECONCILE_WINDOW_SECONDS, SlackHeld, SlackOutcomeUnknown, SlackRefusal } from './slack-calls.js';
import { metrics } from '../ops/metrics.js';

type WebClient = webApi.WebClient;

export const PARENT_EVENT_TYPE = 'fanfare_match';
export const REPLY_EVENT_TYPE = 'fanfare_alert';

/** How often Slack may refuse one reply, or the parent, as a bad message before Fanfare gives up on it (logged each time). */
const MAX_REFUSALS = 3;
/** Slack's answers to an edit of a parent that is no longer there (deleted, or not Fanfare's): post a new one. */
const PARENT_GONE = new Set(['message_not_found', 'cant_update_message']);

export interface PosterOptions {
  client: WebClient;
  threads: ThreadRepo;
  settings: SettingsRepo;
  locale: Locale;
  logger: Logger;
  slack?: PacedSlack;
}

interface SlackMessageRow {
  ts?: string;
  metadata?: { event_type?: string; event_payload?: Record<string, unknown> };
}

export class MatchPoster {
  private readonly slack: PacedSlack;
  /** The score and phase each parent shows, to know when a burst has moved past it. */
  private readonly headlines = new Map<string, string>();
  /** The summary each parent was last confirmed to show, so an unchanged poll renders nothing. */
  private readonly summaries = new Map<string, string>();
  private stopping = false;

  constructor(private readonly options: PosterOptions) {
    this.slack = options.slack ?? new PacedSlack();
  }

  /**
   * Brings the match's thread up to date: the parent exists, every queued alert is posted in order, and
   * the parent shows the newest `summary()`. Stops at the first post whose outcome is unknown; the next
   * call resumes.
   *
   * During a burst the parent is edited beside the replies, not between them (edits have their own lane,
   * slack-calls.ts): once, to the newest score, as the burst starts, and again, once that edit is done,
   * only if a newer poll has moved the score meanwhile. So the replies go at Slack's pace, and the
   * parent's score is never behind the thread's for longer than one edit takes. It may show a goal a few
   * seconds before its reply lands: the parent is the live state (ESPN's score leads its events too).
   */
  async flush(matchKey: string, summary: () => MatchSummary): Promise<void> {
    const { threads, logger } = this.options;
    let thread = await threads.get(matchKey);
    if (!thread) return;
    thread = await this.rehome(matchKey, thread);
    // A held channel is left alone until its next probe: no reads, no error line per poll.
    if (thread.parentGivenUp || this.slack.isHeld(thread.channel)) return;
    const log = logger.child({ match: matchKey, channel: thread.channel });
    let editing: Promise<void> | null = null;
    let editFailure: unknown = null;
    const editParentBeside = () => {
      if (editing || editFailure || headline(summary()) === this.headlines.get(matchKey)) return;
      editing = threads
        .get(matchKey)
        .then(async (current) => {
          if (current) await this.refreshParent(matchKey, current, summary());
        })
        // Thrown at the end of the burst (held, unknown, refused), not tried again within it.
        .catch((error: unknown) => void (editFailure = error))
        .finally(() => void (editing = null));
    };
    try {
      let threadRead: Map<string, string> | undefined;
      for (;;) {
        if (!thread.parentTs) {
          thread = await this.postParent(matchKey, thread, summary());
          if (!thread.parentTs) return;
          threadRead = undefined;
        }
        if (thread.pending.length === 0 || this.stopping) break;
        editParentBeside();
        const next = thread.pending[0] as PendingPost;
        if (next.attempted && !thread.replies[next.alert.id]) {
          const parentTs = thread.parentTs;
          threadRead ??= await this.readThread(thread).catch((error: unknown) => {
            if (!isReadRefusal(error)) throw error;
            // Better a reply that may show twice than a thread stuck for the rest of the match.
            log.error({ err: error.message, parentTs }, 'cannot read the thread back; posting the unconfirmed reply again');
            return new Map<string, string>();
          });
          const ts = threadRead.get(replyMarker(next.alert));
          if (ts) {
            log.info({ alert: next.alert.id }, 'reply was already in the thread; not posting it again');
            thread = await this.recordReply(matchKey, next.alert, ts);
            continue;
          }
        }
        thread = await this.postReply(matchKey, thread, next);
      }
      await editing;
      if (editFailure) throw editFailure;
      // The edit beside the replies may have changed the record (the parent found gone).
      thread = (await threads.get(matchKey)) ?? thread;
      thread = await this.refreshParent(matchKey, thread, summary());
      // The parent was gone: a new one now, showing the match as it stands.
      if (!thread.parentTs && !this.stopping) await this.postParent(matchKey, thread, summary());
    } catch (error) {
      if (error instanceof SlackHeld) {
        log.debug({ err: error.message }, 'match thread held');
        return;
      }
      if (error instanceof SlackOutcomeUnknown) {
        log.warn({ err: error.message }, 'Slack did not answer; will check the thread and retry on the next poll');
        return;
      }
      if (error instanceof SlackRefusal) {
        // Retried on the next poll; replies, the parent and holds log their own refusals with more context.
        if (!error.reported) log.error({ err: error.message }, 'Slack refused to update the match thread');
        return;
      }
      throw error;
    }
  }

  /**
   * A thread whose parent is not posted yet follows the channel an admin picks (the old one may refuse
   * Fanfare); a posted thread stays where its readers are.
   */
  private async rehome(matchKey: string, thread: ThreadRecord): Promise<ThreadRecord> {
    if (thread.parentTs) return thread;
    const picked = thread.competitionChannel ?? (await this.options.settings.get()).channel;
    if (!picked || picked === thread.channel) return thread;
    this.options.logger.info({ match: matchKey, from: thread.channel, to: picked }, 'match thread not posted yet: moving it to the picked channel');
    return this.options.threads.update(matchKey, (t) =>
      t.parentTs ? t : { ...t, channel: picked, parentAttempted: false, parentAttemptedAt: null, parentRefusals: 0, parentGivenUp: false },
    );
  }

  private async postParent(matchKey: string, thread: ThreadRecord, summary: MatchSummary): Promise<ThreadRecord> {
    const { threads, client, logger } = this.options;
    if (thread.parentAttempted) {
      const ts = await this.findParent(thread, matchKey).catch((error: unknown) => {
        if (!isReadRefusal(error)) throw error;
        logger.error({ match: matchKey, err: error.message }, 'cannot read the channel back; posting the unconfirmed match parent again');
        return null;
      });
      if (ts) return threads.update(matchKey, (t) => ({ ...t, parentTs: ts, parentAttempted: false }));
    }
    await this.slack.join(client, thread.channel);
    const message = renderParent(summary, this.options.locale);
    const attemptedAt = thread.parentAttemptedAt ?? Math.floor(Date.now() / 1000);
    await threads.update(matchKey, (t) => ({ ...t, parentAttempted: true, parentAttemptedAt: attemptedAt }));
    const post = () =>
      client.chat.postMessage({
        channel: thread.channel,
        ...message,
        unfurl_links: false,
        unfurl_media: false,
        metadata: { event_type: PARENT_EVENT_TYPE, event_payload: { match_key: matchKey } },
      });
    let posted;
    try {
      posted = await this.slack.write(thread.channel, post, PRIORITY.match);
    } catch (error) {
      if (error instanceof SlackHeld || (error instanceof SlackRefusal && error.kind !== 'message')) {
        // Definitely not posted: no read-back needed when the channel works again.
        await threads.update(matchKey, (t) => ({ ...t, parentAttempted: thread.parentAttempted }));
        throw error;
      }
      if (!(error instanceof SlackRefusal)) throw error;
      // Refused as a message: retried on the next poll; after a few refusals the thread is given up, so
      // the match can retire instead of being polled (and logged) for ever.
      const refusals = (thread.parentRefusals ?? 0) + 1;
      const giveUp = refusals >= MAX_REFUSALS;
      logger.error({ match: matchKey, err: error.message, giveUp }, 'Slack refused the match parent');
      error.reported = true;
      return threads.update(matchKey, (t) => ({ ...t, parentAttempted: false, parentRefusals: refusals, parentGivenUp: giveUp }));
    }
    logger.info({ match: matchKey, ts: posted.ts }, 'posted match thread');
    metrics.alertPosted('match-parent');
    this.headlines.set(matchKey, headline(summary));
    return threads.update(matchKey, (t) => ({
      ...t,
      channel: posted.channel ?? t.channel,
      parentTs: posted.ts ?? null,
      parentAttempted: false,
      parentRendered: fingerprint(message),
    }));
  }

  private async postReply(matchKey: string, thread: ThreadRecord, pending: PendingPost): Promise<ThreadRecord> {
    const { threads, client, locale, logger } = this.options;
    const { alert } = pending;
    const message = renderReply(alert, locale);
    const existing = thread.replies[alert.id];
    try {
      if (existing) {
        // A later revision of something already posted: edit it in place, never notify twice.
        await this.slack.edit(
          thread.channel,
          () => client.chat.update({ channel: thread.channel, ts: existing.ts, ...message, metadata: replyMetadata(alert) }),
          PRIORITY.match,
        );
        return await this.recordReply(matchKey, alert, existing.ts);
      }
      await threads.update(matchKey, (t) => markAttempted(t, alert.id));
      // The competition's switch, as the loop last saw it (threads from before it existed: the workspace's).
      const broadcast = alert.kind === 'goal' && (thread.goalsInChannel ?? (await this.options.settings.get()).broadcastGoals);
      const posted = await this.slack.write(
        thread.channel,
        () =>
          client.chat.postMessage({
            channel: thread.channel,
            thread_ts: thread.parentTs as string,
            ...message,
            reply_broadcast: broadcast,
            unfurl_links: false,
            unfurl_media: false,
            metadata: replyMetadata(alert),
          }),
        PRIORITY.match,
      );
      metrics.alertPosted('match-reply');
      return await this.recordReply(matchKey, alert, posted.ts as string);
    } catch (error) {
      if (error instanceof SlackHeld || (error instanceof SlackRefusal && error.kind !== 'message')) {
        // Not posted, and not the message's fault: it waits, uncounted, for the channel or token to work.
        if (!existing) await threads.update(matchKey, (t) => setAttempted(t, alert.id, pending.attempted));
        throw error;
      }
      if (!(error instanceof SlackRefusal)) throw error;
      // Refused: try again on the next poll (the cause may pass); after a few refusals, skip it so the
      // rest of the match still reaches the thread.
      const refusals = pending.refusals + 1;
      const giveUp = refusals >= MAX_REFUSALS;
      logger.error({ match: matchKey, alert: alert.id, err: error.message, giveUp }, 'Slack refused a match reply');
      const updated = await threads.update(matchKey, (t) => ({
        ...t,
        pending: giveUp
          ? t.pending.filter((p) => p.alert.id !== alert.id)
          : t.pending.map((p) => (p.alert.id === alert.id ? { ...p, attempted: false, refusals } : p)),
      }));
      error.reported = true;
      if (!giveUp) throw error;
      return updated;
    }
  }

  private recordReply(matchKey: string, alert: MatchAlert, ts: string): Promise<ThreadRecord> {
    return this.options.threads.update(matchKey, (t) => ({
      ...t,
      replies: { ...t.replies, [alert.id]: { ts, revision: alert.revision } },
      pending: t.pending.filter((p) => !(p.alert.id === alert.id && p.alert.revision <= alert.revision)),
    }));
  }

  private async refreshParent(matchKey: string, thread: ThreadRecord, summary: MatchSummary): Promise<ThreadRecord> {
    if (!thread.parentTs) return thread;
    const summaryJson = JSON.stringify(summary);
    if (this.summaries.get(matchKey) === summaryJson) return thread;
    const message = renderParent(summary, this.options.locale);
    const rendered = fingerprint(message);
    if (rendered === thread.parentRendered) {
      this.headlines.set(matchKey, headline(summary));
      this.summaries.set(matchKey, summaryJson);
      return thread;
    }
    const { client, threads, logger } = this.options;
    try {
      await this.slack.edit(
        thread.channel,
        () =>
          client.chat.update({
            channel: thread.channel,
            ts: thread.parentTs as string,
            ...message,
            metadata: { event_type: PARENT_EVENT_TYPE, event_payload: { match_key: matchKey } },
          }),
        PRIORITY.match,
      );
    } catch (error) {
      if (!(error instanceof SlackRefusal) || error.kind !== 'message') throw error;
      error.reported = true;
      if (PARENT_GONE.has(error.error)) {
        // Deleted (or no longer Fanfare's): a new parent carries the thread on; the old replies stay where they are.
        logger.warn({ match: matchKey, ts: thread.parentTs, err: error.message }, 'the match parent is gone from Slack; posting a new one');
        this.headlines.delete(matchKey);
        return threads.update(matchKey, (t) => ({ ...t, parentTs: null, parentAttempted: false, parentAttemptedAt: null, parentRendered: null, parentRefusals: 0 }));
      }
      // The replies matter more than the parent's score line: they go on, and the end of the burst tries
      // again, then the next flush (not the next reply: its headline counts as shown).
      logger.error({ match: matchKey, err: error.message }, 'Slack refused an edit of the match parent');
      this.headlines.set(matchKey, headline(summary));
      return thread;
    }
    this.headlines.set(matchKey, headline(summary));
    this.summaries.set(matchKey, summaryJson);
    return threads.update(matchKey, (t) => ({ ...t, parentRendered: rendered }));
  }

  /** Replies already in the thread, by "alert id@revision" from their metadata. */
  private async readThread(thread: ThreadRecord): Promise<Map<string, string>> {
    const found = new Map<string, string>();
    let cursor: string | undefined;
    do {
      const page = await this.slack.read(() =>
        this.options.client.conversations.replies({
          channel: thread.channel,
          ts: thread.parentTs as string,
          include_all_metadata: true,
          limit: 200,
          cursor,
        }),
      );
      for (const message of (page.messages ?? []) as SlackMessageRow[]) {
        const payload = message.metadata?.event_payload;
        if (message.metadata?.event_type === REPLY_EVENT_TYPE && typeof payload?.alert_id === 'string' && message.ts) {
          found.set(`${withProvider(payload.alert_id)}@${String(payload.revision ?? 0)}`, message.ts);
        }
      }
      cursor = page.response_metadata?.next_cursor || undefined;
    } while (cursor);
    return found;
  }

  /** Looks for a parent posted for this match since the first attempt. */
  private async findParent(thread: ThreadRecord, matchKey: string): Promise<string | null> {
    let cursor: string | undefined;
    const oldest = String((thread.parentAttemptedAt ?? 0) - RECONCILE_WINDOW_SECONDS);
    do {
      const page = await this.slack.read(() =>
        this.options.client.conversations.history({ channel: thread.channel, oldest, include_all_metadata: true, limit: 200, cursor }),
      );
      for (const message of (page.messages ?? []) as SlackMessageRow[]) {
        if (message.metadata?.event_type === PARENT_EVENT_TYPE && withProvider(String(message.metadata.event_payload?.match_key)) === matchKey && message.ts) {
          return message.ts;
        }
      }
      cursor = page.response_metadata?.next_cursor || undefined;
    } while (cursor);
    return null;
  }

  /** At shutdown: finishes the post under way, leaves the rest queued in the store for the next start. */
  drain(): Promise<void> {
    this.stopping = true;
    return this.slack.drain();
  }
}

function replyMetadata(alert: MatchAlert) {
  return { event_type: REPLY_EVENT_TYPE, event_payload: { alert_id: alert.id, match_key: alert.matchKey, revision: alert.revision } };
}

function replyMarker(alert: MatchAlert): string {
  return `${alert.id}@${alert.revision}`;
}

function markAttempted(thread: ThreadRecord, alertId: string): ThreadRecord {
  return setAttempted(thread, alertId, true);
}

function setAttempted(thread: ThreadRecord, alertId: string, attempted: boolean): ThreadRecord {
  return { ...thread, pending: thread.pending.map((p) => (p.alert.id === alertId ? { ...p, attempted } : p)) };
}

/**
 * A read-back Slack refused (not_in_channel for a channel Fanfare posts to without being a member, a
 * thread it cannot see): posting again beats holding the thread for the rest of the match. Auth refusals
 * hold instead, and unknown outcomes are retried.
 */
function isReadRefusal(error: unknown): error is SlackRefusal {
  return error instanceof SlackRefusal && error.kind !== 'auth';
}

/** What makes a parent edit worth making mid-burst: the score and the phase. */
function headline(summary: MatchSummary): string {
  return JSON.stringify([summary.score, summary.penalties, summary.phase]);
}

function fingerprint(message: SlackMessage): string {
  return JSON.stringify(message);
}

/** Posted before providers existed, a message names its match by FIFA's bare key (`17/285023/…`): a `fifa:` match. */
function withProvider(key: string): string {
  return key.includes(':') ? key : `fifa:${key}`;
}
