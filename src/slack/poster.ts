/**
 * Owns match threads: one parent per match, one reply per alert, the parent kept current.
 *
 * Persist before you announce, reconcile after a crash: each post is marked "attempted" in the store
 * before it is sent and carries metadata naming its alert. An attempt whose outcome is unknown (crash,
 * timeout, 5xx) is looked up in the channel before anything is posted again, so nothing appears twice.
 */
import type { webApi } from '@slack/bolt';
import type { Locale } from '../alerts/i18n/locales.js';
import { renderParent, renderReply, type SlackMessage } from '../alerts/slack-blocks.js';
import type { MatchAlert, MatchSummary } from '../alerts/types.js';
import type { Logger } from '../log.js';
import type { SettingsRepo } from '../store/settings.js';
import type { PendingPost, ThreadRecord, ThreadRepo } from '../store/threads.js';
import { PacedSlack, SlackOutcomeUnknown, SlackRefusal } from './slack-calls.js';

type WebClient = webApi.WebClient;

export const PARENT_EVENT_TYPE = 'fanfare_match';
export const REPLY_EVENT_TYPE = 'fanfare_alert';

/** How often Slack may refuse one reply before Fanfare gives up on it (it is logged each time). */
const MAX_REFUSALS = 3;

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
  private readonly joined = new Set<string>();
  private stopping = false;

  constructor(private readonly options: PosterOptions) {
    this.slack = options.slack ?? new PacedSlack();
  }

  /**
   * Brings the match's thread up to date: the parent exists, every queued alert is posted in order, and
   * the parent shows the newest `summary()`. Stops at the first post whose outcome is unknown; the next
   * call resumes.
   */
  async flush(matchKey: string, summary: () => MatchSummary): Promise<void> {
    const { threads, logger } = this.options;
    let thread = await threads.get(matchKey);
    if (!thread) return;
    const log = logger.child({ match: matchKey, channel: thread.channel });
    try {
      if (!thread.parentTs) {
        thread = await this.postParent(matchKey, thread, summary());
        if (!thread.parentTs) return;
      }
      let threadRead: Map<string, string> | undefined;
      while (thread.pending.length > 0 && !this.stopping) {
        const next = thread.pending[0] as PendingPost;
        if (next.attempted && !thread.replies[next.alert.id]) {
          threadRead ??= await this.readThread(thread).catch((error: unknown) => {
            if (!(error instanceof SlackRefusal)) throw error;
            // Better a reply that may show twice than a thread stuck for the rest of the match.
            log.error({ err: error.message }, 'cannot read the thread back; posting the unconfirmed reply again');
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
        // During a burst the parent keeps up with the replies: its score is never behind the thread's.
        // (An edit of an earlier reply carries the match as it stood then, so it never moves the parent.)
        if (next.alert.revision === 0 && headline(next.alert.match) !== this.headlines.get(matchKey)) {
          thread = await this.refreshParent(matchKey, thread, next.alert.match);
        }
      }
      await this.refreshParent(matchKey, thread, summary());
    } catch (error) {
      if (error instanceof SlackOutcomeUnknown) {
        log.warn({ err: error.message }, 'Slack did not answer; will check the thread and retry on the next poll');
        return;
      }
      if (error instanceof SlackRefusal) {
        // Retried on the next poll; replies and the parent post log their own refusals with more context.
        if (!error.reported) log.error({ err: error.message }, 'Slack refused to update the match thread');
        return;
      }
      throw error;
    }
  }

  private async postParent(matchKey: string, thread: ThreadRecord, summary: MatchSummary): Promise<ThreadRecord> {
    const { threads, client } = this.options;
    if (thread.parentAttempted) {
      const ts = await this.findParent(thread, matchKey);
      if (ts) return threads.update(matchKey, (t) => ({ ...t, parentTs: ts, parentAttempted: false }));
    }
    await this.join(thread.channel);
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
    const posted = await this.slack.write(thread.channel, post).catch((error: unknown) => {
      if (error instanceof SlackRefusal) {
        this.options.logger.error({ match: matchKey, err: error.message }, 'Slack refused the match parent');
        error.reported = true;
      }
      throw error;
    });
    this.options.logger.info({ match: matchKey, ts: posted.ts }, 'posted match thread');
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
        await this.slack.write(thread.channel, () =>
          client.chat.update({ channel: thread.channel, ts: existing.ts, ...message, metadata: replyMetadata(alert) }),
        );
        return await this.recordReply(matchKey, alert, existing.ts);
      }
      await threads.update(matchKey, (t) => markAttempted(t, alert.id));
      const broadcast = alert.kind === 'goal' && (await this.options.settings.get()).broadcastGoals;
      const posted = await this.slack.write(thread.channel, () =>
        client.chat.postMessage({
          channel: thread.channel,
          thread_ts: thread.parentTs as string,
          ...message,
          reply_broadcast: broadcast,
          unfurl_links: false,
          unfurl_media: false,
          metadata: replyMetadata(alert),
        }),
      );
      return await this.recordReply(matchKey, alert, posted.ts as string);
    } catch (error) {
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
      this.summaries.set(matchKey, summaryJson);
      return thread;
    }
    const { client, threads } = this.options;
    await this.slack.write(thread.channel, () =>
      client.chat.update({
        channel: thread.channel,
        ts: thread.parentTs as string,
        ...message,
        metadata: { event_type: PARENT_EVENT_TYPE, event_payload: { match_key: matchKey } },
      }),
    );
    this.headlines.set(matchKey, headline(summary));
    this.summaries.set(matchKey, summaryJson);
    return threads.update(matchKey, (t) => ({ ...t, parentRendered: rendered }));
  }

  /**
   * Joins a public channel before its first thread: posting needs no membership (chat:write.public), but
   * reading a thread back after a crash does. A private channel needs an invitation instead.
   */
  private async join(channel: string): Promise<void> {
    if (this.joined.has(channel)) return;
    try {
      await this.slack.read(() => this.options.client.conversations.join({ channel }));
      this.joined.add(channel);
    } catch (error) {
      const reason = error instanceof SlackRefusal ? error.error : String(error);
      this.options.logger.warn({ channel, reason }, 'could not join the match channel: for a private channel, invite @Fanfare to it');
    }
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
          found.set(`${payload.alert_id}@${String(payload.revision ?? 0)}`, message.ts);
        }
      }
      cursor = page.response_metadata?.next_cursor || undefined;
    } while (cursor);
    return found;
  }

  /** Looks for a parent posted for this match since the first attempt. */
  private async findParent(thread: ThreadRecord, matchKey: string): Promise<string | null> {
    let cursor: string | undefined;
    const oldest = String((thread.parentAttemptedAt ?? 0) - 60);
    do {
      const page = await this.slack.read(() =>
        this.options.client.conversations.history({ channel: thread.channel, oldest, include_all_metadata: true, limit: 200, cursor }),
      );
      for (const message of (page.messages ?? []) as SlackMessageRow[]) {
        if (message.metadata?.event_type === PARENT_EVENT_TYPE && message.metadata.event_payload?.match_key === matchKey && message.ts) {
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
  return { ...thread, pending: thread.pending.map((p) => (p.alert.id === alertId ? { ...p, attempted: true } : p)) };
}

/** What makes a parent edit worth its place in the paced queue mid-burst: the score and the phase. */
function headline(summary: MatchSummary): string {
  return JSON.stringify([summary.score, summary.penalties, summary.phase]);
}

function fingerprint(message: SlackMessage): string {
  return JSON.stringify(message);
}
