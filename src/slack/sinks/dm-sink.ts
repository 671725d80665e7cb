/**
 * The DM sink (SPEC P1, P2): each follower who chose it gets a Slack DM, exactly once across crashes.
 *
 * Persist before you send, reconcile after doubt, as the SMS outbox does and on the same durable layout
 * (OutboxRepo: chunks of deliveries, an index of unfinished alerts). A delivery is in the store before
 * `deliver` resolves, is marked "attempted" before its chat.postMessage, and sent (with the ts) once Slack
 * took it. The DM carries metadata naming its unit and alerts; after an unknown outcome (crash, timeout,
 * 5xx) the member's DM history is read back before anything is posted again.
 *
 * One member has one DM in flight; their queued alerts of one match go out as ONE DM. Each DM is its own
 * channel (Slack: about one post a second per channel, paced by PacedSlack), so many members are served
 * side by side, up to `concurrency` at once, at one workspace-wide pace.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { webApi } from '@slack/bolt';
import type { Audience } from '../../alerts/audience.js';
import { renderMatchDm, renderStreamDm } from '../../alerts/dm-text.js';
import { isLocale, type Locale } from '../../alerts/i18n/locales.js';
import type { Alert, AlertSink, MatchAlert } from '../../alerts/types.js';
import type { Logger } from '../../log.js';
import { CHUNK_SIZE, isFinal, OutboxRepo, type OutboxChunk, type OutboxIndex, type StoredDelivery } from '../../store/outbox-repo.js';
import type { Store, StoreArea } from '../../store/store.js';
import { Pacer } from '../../sms/pacer.js';
import { RECONCILE_WINDOW_SECONDS, SlackOutcomeUnknown, SlackRefusal, type PacedSlack } from '../slack-calls.js';

/** Slack's answers that mean "this member cannot get a DM from Fanfare": skip them, never retry. */
const DESTINATION_ERRORS = new Set(['user_not_found', 'user_disabled', 'cannot_dm_bot', 'messages_tab_disabled', 'not_allowed', 'user_is_restricted']);

export const DM_EVENT_TYPE = 'fanfare_dm';
const AREA = 'dm-outbox';
const DAY_MS = 86_400_000;
const STOP_GRACE_MS = 5000;
/** Slack documents no figure for the workspace-wide cap; 10 a second stays well clear of it. */
export const DM_RATE_PER_SECOND = 10;
/** How long a post takes to reach Slack, at most, for pacing (see turn()). */
const ARRIVAL_MS = 25;

export interface DmSinkOptions {
  client: webApi.WebClient;
  /** Its own instance: DM channels are paced one post a second each, and 429s are waited out. */
  slack: PacedSlack;
  store: Store;
  audience: Audience;
  /** The match thread's permalink, or null while there is none. */
  threadUrl: (matchKey: string) => Promise<string | null>;
  /** LOCALE: for members who did not choose a language. */
  locale: Locale;
  logger: Logger;
  /** DMs in flight at once across the workspace (default 20). */
  concurrency?: number;
  /**
   * DMs posted per second across the workspace (default DM_RATE_PER_SECOND): each DM is its own channel,
   * but chat.postMessage also has a workspace-wide cap, and a 429 would stall every DM behind it.
   */
  ratePerSecond?: number;
  /** A failed turn (Slack paused, store down) is tried again after this long. */
  retryMs?: number;
  now?: () => number;
}

interface Delivery {
  record: StoredDelivery;
  chunk: OutboxChunk;
}

interface Member {
  userId: string;
  queue: Delivery[];
  busy: boolean;
  waiting: boolean;
  /** After a failed turn the member waits until then (ms). */
  pausedUntil: number;
}

export interface DmStats {
  sent: number;
  /** DMs found in the member's history after an unknown outcome, and so not posted again. */
  reconciled: number;
  failed: number;
}

export class DmSink implements AlertSink {
  readonly stats: DmStats = { sent: 0, reconciled: 0, failed: 0 };
  private readonly repo: OutboxRepo;
  private readonly bodies: StoreArea<Alert>;
  private readonly alertCache = new Map<string, Alert>();
  /** Alert id → its chunks and how many deliveries are unfinished. */
  private readonly alerts = new Map<string, { chunks: OutboxChunk[]; open: number }>();
  private readonly members = new Map<string, Member>();
  private readonly ready: Member[] = [];
  private readonly channels = new Map<string, string>();
  private readonly idleWaiters: (() => void)[] = [];
  private readonly concurrency: number;
  private readonly retryMs: number;
  private readonly now: () => number;
  private active = 0;
  private readonly turns = new Set<Promise<boolean>>();
  private readonly pacer: Pacer;
  private running = false;
  private stopped = false;
  private enqueueTail: Promise<void> = Promise.resolve();

  constructor(private readonly options: DmSinkOptions) {
    this.repo = new OutboxRepo(options.store, DAY_MS, AREA);
    this.bodies = options.store.area(`${AREA}-alert`);
    this.concurrency = options.concurrency ?? 20;
    this.pacer = new Pacer(options.ratePerSecond ?? DM_RATE_PER_SECOND);
    this.retryMs = options.retryMs ?? 30_000;
    this.now = options.now ?? Date.now;
  }

  /** Unfinished DMs queued right now. */
  get depth(): number {
    let open = 0;
    for (const alert of this.alerts.values()) open += alert.open;
    return open;
  }

  /**
   * Durable once resolved; the same alert handed over again adds nothing. The whole batch is queued before
   * any member's turn starts, so a burst of one match goes to each member as one DM.
   */
  deliver(alerts: readonly Alert[]): Promise<void> {
    const next = this.enqueueTail.catch(() => undefined).then(async () => {
      const touched = new Set<Member>();
      try {
        for (const alert of alerts) for (const userId of await this.enqueue(alert)) touched.add(this.member(userId));
      } finally {
        if (this.running) {
          for (const member of touched) this.schedule(member);
          this.pump();
        }
      }
    });
    this.enqueueTail = next;
    return next;
  }

  /** Takes back what a previous run left (attempts are reconciled on their member's turn), then sends. */
  async start(): Promise<void> {
    const index = await this.repo.readIndex();
    for (const [alertId, count] of Object.entries(index)) {
      if (!this.alerts.has(alertId)) this.adopt(alertId, await this.repo.readChunks(alertId, count));
    }
    this.running = true;
    for (const member of this.members.values()) this.schedule(member);
    this.pump();
  }

  /**
   * No new turns; posts in flight get a few seconds to finish. Whatever is still unanswered then stays
   * "attempted" in the store and is reconciled at the next start.
   */
  async stop(): Promise<void> {
    this.stopped = true;
    this.running = false;
    this.pacer.cancelAll();
    const grace = sleep(STOP_GRACE_MS, undefined, { ref: false });
    await Promise.race([Promise.allSettled([...this.turns]), grace]);
    await Promise.race([this.repo.settled(), grace]);
    this.repo.close();
    for (const resolve of this.idleWaiters.splice(0)) resolve();
  }

  /** Resolves when nothing is queued or in flight (tests, the bench). */
  async idle(): Promise<void> {
    while (!this.stopped && (this.depth > 0 || this.active > 0)) await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
    await this.repo.settled();
  }

  // ----- enqueue -------------------------------------------------------------------------------------------

  /** Answers the members it queued a DM for. */
  private async enqueue(alert: Alert): Promise<string[]> {
    if (this.alerts.has(alert.id) || (await this.repo.readAlert(alert.id))) return [];
    const recipients = await this.options.audience.of(alert, 'dm');
    if (recipients.length === 0) return [];
    const enqueuedAt = this.now();
    const coalesceKey = alert.source === 'match' ? alert.matchKey : alert.id;
    // The DM is rendered when sent (one DM may carry several alerts): a delivery keeps the language only.
    const fresh: StoredDelivery[] = recipients.map((r) => ({ userId: r.userId, to: r.userId, text: r.language ?? this.options.locale, coalesceKey, enqueuedAt, state: 'queued' }));
    const chunks: OutboxChunk[] = [];
    for (let i = 0; i < fresh.length; i += CHUNK_SIZE) chunks.push({ alertId: alert.id, index: chunks.length, deliveries: fresh.slice(i, i + CHUNK_SIZE) });
    // The alert, then its chunks, then the index that makes them visible to a restart, then the record
    // that recognises the alert once it is done: a crash in between leaves nothing half-visible.
    await this.bodies.set(alert.id, alert, DAY_MS);
    this.alertCache.set(alert.id, alert);
    await this.repo.saveChunks(chunks);
    const live = { chunks, open: fresh.length };
    this.alerts.set(alert.id, live);
    try {
      await this.repo.saveIndex(() => this.indexSnapshot());
      await this.repo.saveAlert(alert.id, { chunks: chunks.length, enqueuedAt });
    } catch (error) {
      this.alerts.delete(alert.id);
      throw error;
    }
    for (const chunk of chunks) for (const record of chunk.deliveries) this.member(record.userId).queue.push({ record, chunk });
    this.options.logger.info({ alert: alert.id, recipients: fresh.length }, 'DMs queued');
    return recipients.map((r) => r.userId);
  }

  private adopt(alertId: string, chunks: OutboxChunk[]): void {
    const live = { chunks, open: 0 };
    this.alerts.set(alertId, live);
    for (const chunk of chunks) {
      for (const record of chunk.deliveries) {
        if (isFinal(record.state)) continue;
        live.open += 1;
        this.member(record.userId).queue.push({ record, chunk });
      }
    }
    if (live.open === 0) this.alerts.delete(alertId);
  }

  private member(userId: string): Member {
    let member = this.members.get(userId);
    if (!member) {
      member = { userId, queue: [], busy: false, waiting: false, pausedUntil: 0 };
      this.members.set(userId, member);
    }
    return member;
  }

  private indexSnapshot(): OutboxIndex {
    const index: OutboxIndex = {};
    for (const [alertId, alert] of this.alerts) if (alert.open > 0) index[alertId] = alert.chunks.length;
    return index;
  }

  // ----- scheduling ----------------------------------------------------------------------------------------

  private schedule(member: Member): void {
    if (member.busy || member.waiting || member.queue.length === 0 || Date.now() < member.pausedUntil) return;
    member.waiting = true;
    this.ready.push(member);
  }

  private pump(): void {
    while (this.running && this.active < this.concurrency && this.ready.length > 0) {
      const member = this.ready.shift() as Member;
      member.waiting = false;
      member.busy = true;
      this.active += 1;
      const later = () => {
        member.pausedUntil = Date.now() + this.retryMs;
        setTimeout(() => {
          member.pausedUntil = 0;
          this.schedule(member);
          this.pump();
        }, this.retryMs).unref();
      };
      const turn = this.turn(member);
      this.turns.add(turn);
      void turn
        .then(
          (retryLater) => {
            if (retryLater) later();
          },
          (error: unknown) => {
            this.options.logger.error({ err: error, member: member.userId }, 'DM turn failed; trying again later');
            later();
          },
        )
        .finally(() => {
          this.turns.delete(turn);
          member.busy = false;
          this.active -= 1;
          this.schedule(member);
          this.pump();
          if (this.depth === 0 && this.active === 0) for (const resolve of this.idleWaiters.splice(0)) resolve();
        });
    }
  }

  // ----- a member's turn -----------------------------------------------------------------------------------

  /** Sends (or settles) one DM of this member's; answers true when the member must wait before the next. */
  private async turn(member: Member): Promise<boolean> {
    const attempted = member.queue.filter((d) => d.record.state === 'attempted');
    if (attempted.length > 0) {
      // Left unknown by a crash or an ambiguous answer: look before posting again.
      await this.settleUnknown(member, attempted);
      return false;
    }
    const first = member.queue[0];
    if (!first || this.stopped) return false;
    const unit = member.queue.filter((d) => d.record.coalesceKey === first.record.coalesceKey);
    const unitId = `${member.userId}/${first.chunk.alertId}`;
    const attemptedAt = this.now();
    for (const d of unit) Object.assign(d.record, { state: 'attempted', attemptedAt, unit: unitId });
    await this.repo.saveChunks(new Set(unit.map((d) => d.chunk)));
    try {
      const message = await this.render(unit);
      // Posting to the member's id lands in their DM with Fanfare: no conversations.open (Tier 3, ~50 a
      // minute) per member. The DM's channel id, from the answer, is kept for reading the history back.
      const channel = member.userId;
      const release = await this.pacer.take();
      if (!release) throw new Error('stopping');
      // Slack counts a post when it arrives, a few ms after it is sent: the slot is handed back then rather
      // than at the answer, or the answer's latency would come off the rate. A post that arrives later
      // risks a 429, which PacedSlack waits out: never a lost or doubled DM.
      setTimeout(release, ARRIVAL_MS).unref();
      const answer = await this.options.slack.write(channel, () =>
        this.options.client.chat.postMessage({
          channel,
          text: message.text,
          blocks: message.blocks,
          unfurl_links: false,
          unfurl_media: false,
          metadata: { event_type: DM_EVENT_TYPE, event_payload: { unit: unitId, alerts: unit.map((d) => ({ id: d.chunk.alertId })) } },
        }),
      ).finally(release);
      if (answer.channel) this.channels.set(member.userId, answer.channel);
      this.finish(member, unit, 'sent', answer.ts);
      this.stats.sent += 1;
      return false;
    } catch (error) {
      return this.onError(member, unit, error);
    }
  }

  private async onError(member: Member, unit: Delivery[], error: unknown): Promise<boolean> {
    const { logger } = this.options;
    if (error instanceof SlackOutcomeUnknown) {
      // The DM may exist: the next turn reads the history back first (the deliveries stay "attempted").
      logger.warn({ member: member.userId, err: error.message }, 'DM outcome unknown; checking the conversation before posting again');
      return true;
    }
    if (error instanceof SlackRefusal && (error.kind === 'channel' || DESTINATION_ERRORS.has(error.error))) {
      // This member cannot get DMs: skip their queue, never retry it.
      logger.warn({ member: member.userId, error: error.error }, 'Slack refuses DMs to this member; their DMs are skipped');
      this.finish(member, [...member.queue], 'failed', undefined, error.error);
      this.stats.failed += 1;
      return false;
    }
    if (error instanceof SlackRefusal && error.kind === 'message') {
      logger.error({ member: member.userId, error: error.error }, 'Slack refused a DM; it is given up');
      this.finish(member, unit, 'failed', undefined, error.error);
      this.stats.failed += unit.length;
      return false;
    }
    // Slack refuses Fanfare (held) or the store failed: nothing was posted; the DM waits, queued.
    for (const d of unit) Object.assign(d.record, { state: 'queued', attemptedAt: undefined, unit: undefined });
    await this.repo.saveChunks(new Set(unit.map((d) => d.chunk))).catch(() => undefined);
    logger.warn({ member: member.userId, err: (error as Error).message }, 'DM not sent; trying again later');
    return true;
  }

  private async settleUnknown(member: Member, attempted: Delivery[]): Promise<void> {
    const channel = await this.openDm(member.userId);
    const since = Math.min(...attempted.map((d) => d.record.attemptedAt ?? d.record.enqueuedAt));
    const found = await this.findDm(channel, since);
    const posted = attempted.filter((d) => found.get(d.chunk.alertId) !== undefined);
    for (const d of posted) this.finish(member, [d], 'sent', found.get(d.chunk.alertId));
    if (posted.length > 0) this.stats.reconciled += 1;
    const absent = attempted.filter((d) => !posted.includes(d));
    for (const d of absent) Object.assign(d.record, { state: 'queued', attemptedAt: undefined, unit: undefined });
    if (absent.length > 0) await this.repo.saveChunks(new Set(absent.map((d) => d.chunk)));
  }

  /** Alert id → ts of the DM that carried it (its metadata lists `{ id }` per alert: Slack takes arrays of flat objects), among Fanfare's DMs to this member since `sinceMs`. */
  private async findDm(channel: string, sinceMs: number): Promise<Map<string, string>> {
    const { client, slack } = this.options;
    const found = new Map<string, string>();
    const oldest = String(Math.floor(sinceMs / 1000) - RECONCILE_WINDOW_SECONDS);
    let cursor: string | undefined;
    do {
      const page = await slack.read(() => client.conversations.history({ channel, oldest, include_all_metadata: true, limit: 200, cursor }));
      for (const message of page.messages ?? []) {
        const metadata = message.metadata as { event_type?: string; event_payload?: { alerts?: unknown } } | undefined;
        if (metadata?.event_type !== DM_EVENT_TYPE || !Array.isArray(metadata.event_payload?.alerts)) continue;
        for (const alert of metadata.event_payload.alerts as { id?: unknown }[]) if (typeof alert?.id === 'string' && message.ts) found.set(alert.id, message.ts);
      }
      cursor = page.response_metadata?.next_cursor || undefined;
    } while (cursor);
    return found;
  }

  private async openDm(userId: string): Promise<string> {
    const known = this.channels.get(userId);
    if (known) return known;
    const answer = await this.options.slack.read(() => this.options.client.conversations.open({ users: userId }));
    const channel = answer.channel?.id;
    if (!channel) throw new SlackOutcomeUnknown('conversations.open answered no channel');
    this.channels.set(userId, channel);
    return channel;
  }

  private async render(unit: Delivery[]) {
    const first = unit[0] as Delivery;
    const language = isLocale(first.record.text) ? first.record.text : this.options.locale;
    const alerts = (await Promise.all(unit.map((d) => this.alertOf(d.chunk.alertId)))).sort((a, b) => a.at.localeCompare(b.at));
    const [head] = alerts;
    if (head?.source === 'stream') return renderStreamDm(head, language, this.now());
    const matchAlerts = alerts.filter((a): a is MatchAlert => a.source === 'match');
    const url = await this.options.threadUrl((matchAlerts[0] as MatchAlert).matchKey).catch(() => null);
    return renderMatchDm(matchAlerts, language, url);
  }

  private async alertOf(alertId: string): Promise<Alert> {
    const cached = this.alertCache.get(alertId);
    if (cached) return cached;
    const stored = await this.bodies.get(alertId);
    if (!stored) throw new Error(`the DM outbox lost alert ${alertId}`);
    this.alertCache.set(alertId, stored);
    return stored;
  }

  private finish(member: Member, deliveries: Delivery[], state: 'sent' | 'failed', ts?: string, reason?: string): void {
    for (const d of deliveries) {
      Object.assign(d.record, { state, ...(ts ? { sid: ts } : {}), ...(reason ? { reason } : {}) });
      const alert = this.alerts.get(d.chunk.alertId);
      if (alert) {
        alert.open -= 1;
        if (alert.open <= 0) {
          this.alerts.delete(d.chunk.alertId);
          this.alertCache.delete(d.chunk.alertId);
        }
      }
    }
    member.queue = member.queue.filter((d) => !deliveries.includes(d));
    // Written in the background (coalesced per chunk): a crash before it lands leaves "attempted", which
    // the next start reconciles from the DM history.
    void this.repo.saveChunks(new Set(deliveries.map((d) => d.chunk))).catch(() => undefined);
    void this.repo.saveIndex(() => this.indexSnapshot()).catch(() => undefined);
  }
}
