/**
 * The DM sink (SPEC P1, P2): each follower who chose it gets a Slack DM, exactly once across crashes.
 *
 * The durable per-member queue (record, send, read back after doubt) is the shared MemberOutbox; this
 * file is what is Slack about it: who gets which alert (the audience), the DM's words (rendered when
 * sent, since one DM may carry several alerts of one match), the post with message metadata naming its
 * alerts, the DM history read back after an unknown outcome, Slack's errors sorted into the outbox's
 * classes, and the pace: one post a second per DM channel (PacedSlack) and one workspace-wide rate.
 */
import type { webApi } from '@slack/bolt';
import type { Audience } from '../../alerts/audience.js';
import { renderMatchDm, renderStreamDm } from '../../alerts/dm-text.js';
import { isLocale, type Locale } from '../../alerts/i18n/locales.js';
import { memberLocale } from '../../alerts/i18n/member-locale.js';
import { renderDigestDm, renderReminderDm, type PersonalNotice } from '../../alerts/personal.js';
import type { SlackMessage } from '../../alerts/slack-blocks.js';
import type { Alert, AlertSink, MatchAlert } from '../../alerts/types.js';
import type { Logger } from '../../log.js';
import { metrics } from '../../ops/metrics.js';
import { MemberOutbox, type MemberOutboxStats } from '../../outbox/member-outbox.js';
import type { FindOutcome, MemberTransport, OutboxItem, OutboxUnit, SendOutcome } from '../../outbox/transport.js';
import { Pacer } from '../../sms/pacer.js';
import type { Store, StoreArea } from '../../store/store.js';
import { RECONCILE_WINDOW_SECONDS, SlackHeld, SlackOutcomeUnknown, SlackRefusal, type PacedSlack } from '../slack-calls.js';

/** Slack's answers that mean "this member cannot get a DM from Fanfare": skip them, never retry. */
const DESTINATION_ERRORS = new Set(['user_not_found', 'user_disabled', 'cannot_dm_bot', 'messages_tab_disabled', 'not_allowed', 'user_is_restricted']);

export const DM_EVENT_TYPE = 'fanfare_dm';
const AREA = 'dm-outbox';
const DAY_MS = 86_400_000;
/** Slack documents no figure for chat.postMessage's workspace-wide cap; 10 a second stays well clear of it. */
export const DM_RATE_PER_SECOND = 10;
/** How long a post takes to reach Slack, at most, for pacing (see post()). */
const ARRIVAL_MS = 25;
/** A DM still unsent this long after its alert (Fanfare was down, Slack paused it) is old news: dropped. */
export const DM_VALIDITY_MS = 3 * 3600_000;
/** Personal notices enqueued side by side. */
const NOTICE_BATCH = 50;
/** Alerts kept in memory for rendering; the rest are read from the store when needed. */
const ALERT_CACHE_SIZE = 500;

export interface DmSinkOptions {
  client: webApi.WebClient;
  /** Its own instance: DM channels are paced one post a second each, and 429s are waited out. */
  slack: PacedSlack;
  store: Store;
  audience: Audience;
  /** The match thread's permalink, or null while there is none. */
  threadUrl: (matchKey: string) => Promise<string | null>;
  /** LOCALE: for members who chose no language and whose Slack locale Fanfare does not speak. */
  locale: Locale;
  logger: Logger;
  /** DMs in flight at once across the workspace (default 20). */
  concurrency?: number;
  /**
   * DMs posted per second across the workspace (default DM_RATE_PER_SECOND): each DM is its own channel,
   * but chat.postMessage also has a workspace-wide cap, and a 429 would stall every DM behind it.
   */
  ratePerSecond?: number;
  /** A DM that could not go (rate limited, store down) is first tried again after this long; then longer. */
  retryMs?: number;
  /** While Slack refuses Fanfare's token, one DM tries this often (default a minute); the rest wait. */
  pauseProbeMs?: number;
  now?: () => number;
}

export class DmSink implements AlertSink {
  private readonly outbox: MemberOutbox;
  private readonly bodies: StoreArea<Alert | PersonalNotice>;
  private readonly alertCache = new Map<string, Alert | PersonalNotice>();
  /** Member id → their DM channel id, learnt from a post's answer (to read the history back). */
  private readonly channels = new Map<string, string>();
  private readonly pacer: Pacer;
  private readonly now: () => number;
  private enqueueTail: Promise<void> = Promise.resolve();

  constructor(private readonly options: DmSinkOptions) {
    const transport: MemberTransport = {
      send: (unit, live) => this.post(unit, live),
      find: (unit) => this.findDm(unit),
      dropped: (reason, deliveries) => options.logger.info({ reason, dropped: deliveries.length }, 'DMs dropped, not sent'),
    };
    this.outbox = new MemberOutbox({
      store: options.store,
      area: AREA,
      transport,
      label: 'DM',
      logger: options.logger.child({ component: 'dm-outbox' }),
      concurrency: options.concurrency,
      retryBaseMs: options.retryMs,
      pauseProbeMs: options.pauseProbeMs,
      validityMs: DM_VALIDITY_MS,
      now: options.now,
    });
    this.bodies = options.store.area(`${AREA}-alert`);
    this.pacer = new Pacer(options.ratePerSecond ?? DM_RATE_PER_SECOND);
    this.now = options.now ?? Date.now;
  }

  get stats(): MemberOutboxStats {
    return this.outbox.stats;
  }

  get depth(): number {
    return this.outbox.depth;
  }

  /**
   * Durable once resolved; the same alert handed over again adds nothing. The whole batch is queued before
   * any member's turn starts, so a burst of one match goes to each member as one DM.
   */
  deliver(alerts: readonly Alert[]): Promise<void> {
    const next = this.enqueueTail.catch(() => undefined).then(async () => {
      const batch: { alertId: string; items: OutboxItem[] }[] = [];
      for (const alert of alerts) {
        const items = await this.deliveriesOf(alert);
        if (items.length > 0) batch.push({ alertId: alert.id, items });
      }
      await this.outbox.enqueueBatch(batch);
      for (const { alertId, items } of batch) this.options.logger.info({ alert: alertId, recipients: items.length }, 'DMs queued');
    });
    this.enqueueTail = next;
    return next;
  }

  /**
   * Personal notices (a quiet-hours summary, a kick-off reminder, SPEC P4/P5): one DM each to its member,
   * in `locale`, exactly once per notice id across restarts, as durable as any alert once resolved.
   */
  notify(notices: readonly { notice: PersonalNotice; locale: Locale }[]): Promise<void> {
    const next = this.enqueueTail.catch(() => undefined).then(async () => {
      const touched = new Set<string>();
      try {
        // Side by side in batches: the outbox's index writes then coalesce (thousands of summaries at 07:00).
        for (let i = 0; i < notices.length; i += NOTICE_BATCH) {
          await Promise.all(
            notices.slice(i, i + NOTICE_BATCH).map(async ({ notice, locale }) => {
              if (await this.outbox.knows(notice.id)) return;
              await this.bodies.set(notice.id, notice, DAY_MS);
              this.remember(notice);
              // Its own coalesce key: a notice is never merged into a match's DM.
              await this.outbox.enqueue(notice.id, [{ userId: notice.userId, to: notice.userId, text: locale, coalesceKey: notice.id }]);
              touched.add(notice.userId);
            }),
          );
        }
      } finally {
        this.outbox.send(touched);
      }
    });
    this.enqueueTail = next;
    return next;
  }

  /** Whether a notice with this id was ever queued (its record outlives the send by a day). */
  knows(id: string): Promise<boolean> {
    return this.outbox.knows(id);
  }

  start(): Promise<void> {
    return this.outbox.start();
  }

  /** The member left (deactivated in Slack): the DMs still queued for them go, on whichever replica. */
  purge(userId: string): Promise<void> {
    return this.outbox.purge(userId);
  }

  async stop(): Promise<void> {
    this.pacer.cancelAll();
    await this.outbox.stop();
  }

  idle(): Promise<void> {
    return this.outbox.idle();
  }

  /** The alert's DMs, none when it was queued before; its body is stored first (the DM is rendered from it when sent). */
  private async deliveriesOf(alert: Alert): Promise<OutboxItem[]> {
    if (await this.outbox.knows(alert.id)) return [];
    const recipients = await this.options.audience.of(alert, 'dm');
    if (recipients.length === 0) return [];
    const coalesceKey = alert.source === 'match' ? alert.matchKey : alert.id;
    await this.bodies.set(alert.id, alert, DAY_MS);
    this.remember(alert);
    // A DM delivery keeps the member's language as its text (SPEC P3: their choice, else their Slack locale, else LOCALE).
    return recipients.map((r) => ({ userId: r.userId, to: r.userId, text: memberLocale(r.language, r.slackLocale, this.options.locale), coalesceKey }));
  }

  // ----- the transport -------------------------------------------------------------------------------------

  private async post(unit: OutboxUnit, live: () => boolean): Promise<SendOutcome> {
    let message: SlackMessage;
    try {
      const notice = await this.noticeOf(unit);
      // A reminder held back (Slack paused, Fanfare down) until the match started is no reminder (SPEC P5).
      if (notice?.kind === 'kickoff-reminder' && this.now() >= Date.parse(notice.kickoff)) return { kind: 'drop', reason: 'the match has kicked off' };
      message = notice ? await this.renderNotice(notice, unit) : await this.render(unit);
    } catch (error) {
      return { kind: 'later', reason: `could not render the DM: ${(error as Error).message}` };
    }
    const release = await this.pacer.take();
    if (!release || !live()) {
      release?.();
      return { kind: 'later', reason: 'stopping or paused' };
    }
    // Slack counts a post when it arrives, a few ms after it is sent: the slot is handed back then rather
    // than at the answer, or the answer's latency would come off the rate. A post that arrives later
    // risks a 429, which PacedSlack waits out: never a lost or doubled DM.
    setTimeout(release, ARRIVAL_MS).unref();
    try {
      // Posting to the member's id lands in their DM with Fanfare: no conversations.open (Tier 3, about
      // 50 a minute) per member.
      const answer = await this.options.slack
        .write(unit.userId, () =>
          this.options.client.chat.postMessage({
            channel: unit.userId,
            text: message.text,
            blocks: message.blocks,
            unfurl_links: false,
            unfurl_media: false,
            metadata: { event_type: DM_EVENT_TYPE, event_payload: { unit: unit.id, alerts: unit.alertIds.map((id) => ({ id })) } },
          }),
        )
        .finally(release);
      if (answer.channel) this.channels.set(unit.userId, answer.channel);
      metrics.dmSent();
      return { kind: 'sent', ref: answer.ts ?? '' };
    } catch (error) {
      const outcome = classify(error);
      metrics.dmFailed(failureClass(error, outcome));
      return outcome;
    }
  }

  /** After an unknown outcome: the DM that carried any of the unit's alerts, if Slack has it. */
  private async findDm(unit: OutboxUnit): Promise<FindOutcome> {
    try {
      const found = await this.findDms(unit.userId, unit.attemptedAt);
      const ts = unit.alertIds.map((id) => found.get(id)).find((t) => t !== undefined);
      return ts === undefined ? { kind: 'absent' } : { kind: 'found', ref: ts };
    } catch (error) {
      const outcome = classify(error);
      return outcome.kind === 'account' ? outcome : { kind: 'unreachable', reason: (error as Error)?.message ?? String(error) };
    }
  }

  /** Alert id → ts of the DM that carried it, among Fanfare's DMs to this member since `sinceMs`. */
  private async findDms(userId: string, sinceMs: number): Promise<Map<string, string>> {
    const { client, slack } = this.options;
    const channel = await this.dmChannel(userId);
    const found = new Map<string, string>();
    const oldest = String(Math.floor(sinceMs / 1000) - RECONCILE_WINDOW_SECONDS);
    let cursor: string | undefined;
    do {
      const page = await slack.read(() => client.conversations.history({ channel, oldest, include_all_metadata: true, limit: 200, cursor }));
      for (const message of page.messages ?? []) {
        // The metadata lists `{ id }` per alert: Slack takes arrays of flat objects, not of strings.
        const metadata = message.metadata as { event_type?: string; event_payload?: { alerts?: unknown } } | undefined;
        if (metadata?.event_type !== DM_EVENT_TYPE || !Array.isArray(metadata.event_payload?.alerts) || !message.ts) continue;
        for (const alert of metadata.event_payload.alerts as { id?: unknown }[]) if (typeof alert?.id === 'string') found.set(alert.id, message.ts);
      }
      cursor = page.response_metadata?.next_cursor || undefined;
    } while (cursor);
    return found;
  }

  private async dmChannel(userId: string): Promise<string> {
    const known = this.channels.get(userId);
    if (known) return known;
    const answer = await this.options.slack.read(() => this.options.client.conversations.open({ users: userId }));
    const channel = answer.channel?.id;
    if (!channel) throw new SlackOutcomeUnknown('conversations.open answered no channel');
    this.channels.set(userId, channel);
    return channel;
  }

  private async render(unit: OutboxUnit): Promise<SlackMessage> {
    const language = unit.deliveries[0]?.text ?? '';
    const locale = isLocale(language) ? language : this.options.locale;
    const alerts = (await Promise.all(unit.alertIds.map((id) => this.alertOf(id)))).sort((a, b) => a.at.localeCompare(b.at));
    const [head] = alerts;
    if (head?.source === 'stream') return renderStreamDm(head, locale, this.now());
    const matchAlerts = alerts.filter((a): a is MatchAlert => a.source === 'match');
    const url = await this.options.threadUrl((matchAlerts[0] as MatchAlert).matchKey).catch(() => null);
    return renderMatchDm(matchAlerts, locale, url);
  }

  /** The notice a unit carries, if it is one (a notice always goes alone). */
  private async noticeOf(unit: OutboxUnit): Promise<PersonalNotice | null> {
    if (unit.alertIds.length !== 1) return null;
    const body = await this.bodyOf(unit.alertIds[0] as string);
    return 'source' in body ? null : body;
  }

  private async renderNotice(notice: PersonalNotice, unit: OutboxUnit): Promise<SlackMessage> {
    const language = unit.deliveries[0]?.text ?? '';
    const locale = isLocale(language) ? language : this.options.locale;
    if (notice.kind === 'quiet-digest') return renderDigestDm(notice.results, locale);
    const url = await this.options.threadUrl(notice.matchKey).catch(() => null);
    return renderReminderDm(notice, locale, url);
  }

  private async alertOf(alertId: string): Promise<Alert> {
    const body = await this.bodyOf(alertId);
    if (!('source' in body)) throw new Error(`${alertId} is a personal notice, not an alert`);
    return body;
  }

  private async bodyOf(id: string): Promise<Alert | PersonalNotice> {
    const cached = this.alertCache.get(id);
    if (cached) return cached;
    const stored = await this.bodies.get(id);
    if (!stored) throw new Error(`the DM outbox lost alert ${id}`);
    this.remember(stored);
    return stored;
  }

  private remember(alert: Alert | PersonalNotice): void {
    this.alertCache.set(alert.id, alert);
    if (this.alertCache.size > ALERT_CACHE_SIZE) this.alertCache.delete(this.alertCache.keys().next().value as string);
  }
}

/**
 * For /metrics, the same classes as the other DMs (see tellMember): refused for the message, the member's
 * DM (channel) or the token (auth), outcome unknown, or not posted for now (held, rate limited: retried).
 */
function failureClass(error: unknown, outcome: SendOutcome): string {
  if (outcome.kind === 'destination') return 'channel';
  if (error instanceof SlackRefusal) return error.kind;
  if (outcome.kind === 'unknown') return 'unknown';
  return 'other';
}

/** Slack's answer to a DM post, in the outbox's classes. */
function classify(error: unknown): SendOutcome {
  if (error instanceof SlackOutcomeUnknown) return { kind: 'unknown', reason: error.message };
  if (error instanceof SlackRefusal) {
    if (error.kind === 'channel' || DESTINATION_ERRORS.has(error.error)) return { kind: 'destination', reason: error.error };
    if (error.kind === 'message') return { kind: 'message', reason: error.error };
    return { kind: 'account', reason: error.error };
  }
  // Slack refuses Fanfare's token: every DM waits (one probe now and then), nothing was posted.
  if (error instanceof SlackHeld) return error.kind === 'auth' ? { kind: 'account', reason: error.error } : { kind: 'later', reason: error.message };
  // Still rate limited after the waits: nothing was posted.
  return { kind: 'later', reason: (error as Error)?.message ?? String(error) };
}
