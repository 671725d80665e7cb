/**
 * The durable SMS outbox (SPEC S1, S3, S4, O2): every SMS alert goes through here.
 *
 * Persist before you send, reconcile after doubt. A delivery is in the store before `enqueue` resolves,
 * is marked "attempted" in the store before its create call, and sent (with the sid) once Twilio took it.
 * An attempt whose outcome is unknown (crash, timeout, network error, 5xx) is looked up in Twilio's
 * message list before anything is sent again: better "maybe lost" than "sent twice" (twilio.md §2–§3).
 *
 * One member has at most one SMS in flight; their queued deliveries that share a coalesce key go out as
 * one SMS. Members are served round-robin at one pace for the whole process (pacer.ts).
 *
 * Replicas (SPEC O3): any replica may enqueue (a welcome SMS) or purge (`/fanfare stop`); only the
 * started one, the leader, sends. An outbox that was never started writes to the store only (the inbox),
 * and the started one reads the inbox and the purges again every `pickupMs` (outbox/pickup.ts).
 */
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { SegmentedMessage } from 'sms-segments-calculator';
import type { Logger } from '../log.js';
import { Pickup, purged } from '../outbox/pickup.js';
import { isFinal, OutboxClosedError, OutboxRepo, toChunks, type OutboxChunk, type OutboxIndex, type OutboxPurges, type StoredDelivery } from '../store/outbox-repo.js';
import type { Store } from '../store/store.js';
import type { SubscriberRepo } from '../store/subscribers.js';
import { DropLog } from './drop-log.js';
import { findAttempt, RECONCILE_LIMIT } from './reconcile.js';
import { Pacer } from './pacer.js';
import { maskPhone } from './phone.js';
import { describeTwilioError, type Twilio } from './twilio-client.js';
import { classifyTwilioError, clampRetryAfter, exposeRetryAfter, OPTED_OUT, type WithRetryAfter } from './twilio-errors.js';
import { metrics } from '../ops/metrics.js';

export interface OutboxItem {
  userId: string;
  /** E.164. */
  to: string;
  text: string;
  /** E.g. the match key: a member's queued items with the same key go out as ONE combined SMS. */
  coalesceKey: string;
}

export interface OutboxEvents {
  /** 21610: the member texted STOP. */
  optedOut(userId: string): void;
  /** 21211, 21408, 21606, 21614, 30005…: permanent for that number only. `reason` is "<code> <short reason>". */
  numberRejected(userId: string, reason: string): void;
  /** Account errors (20003/401, 20005, 21701–21705, 30002…): all sending paused, nothing lost. Fires once per pause. */
  paused(reason: string): void;
  resumed(): void;
}

export interface OutboxOptions {
  client: Twilio;
  messagingServiceSid: string;
  store: Store;
  subscribers: SubscriberRepo;
  logger: Logger;
  /** SMS_RATE_PER_SECOND: one pace for the whole process. */
  ratePerSecond: number;
  /** SMS_VALIDITY_SECONDS: a delivery not handed to Twilio by then is dropped, never sent late. */
  validitySeconds: number;
  /** Joins a burst into one SMS. */
  combine: (texts: string[]) => string;
  events: OutboxEvents;
  /** Wall clock (ms) for validity and attempt times. */
  now?: () => number;
  maxConcurrency?: number;
  /** First retry delay after a 429, 5xx or network error; doubles each time (with jitter). */
  retryBaseMs?: number;
  /** How often a paused outbox tries one real send. */
  pauseProbeMs?: number;
  /** How often the started outbox looks for what other replicas enqueued or purged (default 5 s). */
  pickupMs?: number;
}

export interface OutboxStats {
  /** SMS Twilio accepted (a combined SMS counts once). */
  sent: number;
  /** Deliveries folded into another delivery's SMS. */
  combined: number;
  /** Deliveries never attempted: expired, or the member is no longer subscribed at that number. */
  dropped: number;
  /** SMS sent again: after a 429, or after an unknown outcome (5xx, timeout, crash) Twilio turned out not to have. */
  retried: number;
  /** SMS found at Twilio after an unknown outcome, and so not sent again. */
  reconciled: number;
  /** Deliveries Twilio refused for good, or given up as "maybe lost". */
  failed: number;
}

// ---------------------------------------------------------------------------------------------------------
// In-memory view of what is queued

interface Delivery {
  record: StoredDelivery;
  chunk: OutboxChunk;
  alert: LiveAlert;
}

interface LiveAlert {
  id: string;
  chunks: OutboxChunk[];
  /** Deliveries not yet sent, dropped or failed. */
  open: number;
}

/** One SMS: one delivery, or several combined. */
interface Unit {
  id: string;
  userId: string;
  to: string;
  body: string;
  deliveries: Delivery[];
  attemptedAt: number;
}

interface Member {
  userId: string;
  /** Unfinished deliveries in enqueue order (queued, or attempted as part of `unknown`). */
  queue: Delivery[];
  /** Attempts whose outcome is unknown: settled before anything else is sent to this member. */
  unknown: Unit[];
  busy: boolean;
  inReady: boolean;
  /** Wall-clock-free backoff: pacer clock ms before which this member waits. */
  notBefore: number;
  failures: number;
  timer?: NodeJS.Timeout;
}

type TurnOutcome = 'sent' | 'config' | 'failed' | 'nothing';

const MAX_BODY = 1600;
const MAX_VALIDITY_SECONDS = 36_000;
const MAX_BACKOFF_MS = 60_000;
/** setTimeout fires at once past 2^31-1 ms; a longer wait is simply re-checked when this one ends. */
const MAX_TIMER_MS = 2_147_483_647;
const START_RECONCILE_CONCURRENCY = 8;
const STOP_GRACE_MS = 3000;
const DEFAULT_RETRY_BASE_MS = 1000;
const DEFAULT_PROBE_MS = 60_000;
const RECENT_ALERTS = 200;
const SID_MEMORY_MS = 10 * 60_000;
const DEFAULT_PICKUP_MS = 5000;

export class SmsOutbox {
  readonly stats: OutboxStats = { sent: 0, combined: 0, dropped: 0, retried: 0, reconciled: 0, failed: 0 };
  /** Deliveries waiting (not yet sent, failed or dropped): the outbox depth on /metrics. */
  get depth(): number {
    return this.open;
  }

  private readonly repo: OutboxRepo;
  private readonly pacer: Pacer;
  private readonly now: () => number;
  private readonly validityMs: number;
  private readonly maxConcurrency: number;
  private readonly retryBaseMs: number;
  private readonly pauseProbeMs: number;
  private readonly log: Logger;

  private readonly alerts = new Map<string, LiveAlert>();
  private readonly members = new Map<string, Member>();
  private readonly ready: Member[] = [];
  private readonly enqueueTails = new Map<string, Promise<unknown>>();
  private readonly turns = new Set<Promise<void>>();
  private readonly idleWaiters: (() => void)[] = [];
  /**
   * Sids this outbox knows it sent (→ when), so a reconciliation never claims one of them for another
   * SMS with the same text. Only recent ones matter: a reconciliation looks one minute before its attempt.
   */
  private readonly knownSids = new Map<string, number>();
  /** Alerts finished lately, so enqueuing one again right away is recognised before the store catches up. */
  private readonly finished = new Map<string, OutboxChunk[]>();
  private readonly pickup: Pickup;
  private readonly drops: DropLog;

  private open = 0;
  private active = 0;
  private running = false;
  private stopped = false;
  private paused: string | null = null;
  private probeDue = false;
  private probeTimer: NodeJS.Timeout | undefined;
  private starting: Promise<void> | undefined;

  constructor(private readonly options: OutboxOptions) {
    this.now = options.now ?? Date.now;
    this.validityMs = options.validitySeconds * 1000;
    this.repo = new OutboxRepo(options.store, this.validityMs);
    this.pacer = new Pacer(options.ratePerSecond);
    this.maxConcurrency = Math.max(1, options.maxConcurrency ?? Math.min(Math.ceil(options.ratePerSecond), 50));
    this.retryBaseMs = options.retryBaseMs ?? DEFAULT_RETRY_BASE_MS;
    this.pauseProbeMs = options.pauseProbeMs ?? DEFAULT_PROBE_MS;
    this.log = options.logger.child({ component: 'sms-outbox' });
    this.drops = new DropLog(this.log);
    exposeRetryAfter(options.client);
    this.pickup = new Pickup({
      repo: this.repo,
      target: {
        holds: (alertId) => this.alerts.has(alertId) || this.finished.has(alertId),
        adopt: (alertId, chunks) => void this.adopt(alertId, chunks),
        applyPurges: (purges) => this.applyPurges(purges),
        saveIndex: () => this.repo.saveIndex(() => this.indexSnapshot()),
        wake: () => {
          for (const member of this.members.values()) this.schedule(member);
          this.pump();
          this.checkIdle();
        },
      },
      logger: this.log,
      validityMs: this.validityMs,
      now: this.now,
    });
  }

  /** Durable before it resolves; idempotent per (alertId, userId). */
  enqueue(alertId: string, items: OutboxItem[]): Promise<void> {
    if (this.stopped) return Promise.reject(new Error('the SMS outbox is stopped'));
    // One enqueue per alert at a time, so a repeated alert is compared with everything already stored.
    const previous = this.enqueueTails.get(alertId) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(() => this.enqueueNow(alertId, items));
    this.enqueueTails.set(alertId, next);
    void next.catch(() => undefined).then(() => {
      if (this.enqueueTails.get(alertId) === next) this.enqueueTails.delete(alertId);
    });
    return next;
  }

  /** Reconciles every attempt left unknown by a crash, then sends. */
  start(): Promise<void> {
    this.starting ??= this.startNow();
    return this.starting;
  }

  private async startNow(): Promise<void> {
    if (this.stopped) return;
    // A store that fails now is asked again: an index read as empty would orphan every queued SMS (S3).
    await this.patiently('read the SMS queue', () => this.pickup.once());
    const unknown = [...this.members.values()].flatMap((member) => member.unknown.map((unit) => ({ member, unit })));
    if (unknown.length > 0) this.log.info({ attempts: unknown.length }, 'checking SMS whose outcome was unknown at the last stop');
    let cursor = 0;
    const worker = async (): Promise<void> => {
      while (cursor < unknown.length) {
        const { member, unit } = unknown[cursor++] as { member: Member; unit: Unit };
        await this.settleUnknown(member, unit);
      }
    };
    await Promise.all(Array.from({ length: Math.min(START_RECONCILE_CONCURRENCY, unknown.length) }, worker));
    if (this.stopped) return;
    this.running = true;
    for (const member of this.members.values()) this.schedule(member);
    this.pump();
    this.checkIdle();
    // What other replicas queue or purge (SPEC O3), and what a previous run left (above).
    this.pickup.every(this.options.pickupMs ?? DEFAULT_PICKUP_MS);
  }

  /** Runs `read` until the store answers (with backoff), or until the outbox is stopped. */
  private async patiently<T>(what: string, read: () => Promise<T>): Promise<T> {
    for (let failures = 1; ; failures++) {
      try {
        return await read();
      } catch (error) {
        if (this.stopped) throw error;
        const waitMs = Math.min(this.retryBaseMs * 2 ** failures, MAX_BACKOFF_MS);
        this.log.error({ err: (error as Error).message, retryInMs: waitMs }, `could not ${what} from the store; trying again`);
        await sleep(waitMs, undefined, { ref: false });
      }
    }
  }

  /** Stops taking new work, lets requests in flight finish (a few seconds at most), leaves the rest durable. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.running = false;
    if (this.probeTimer) clearTimeout(this.probeTimer);
    this.pickup.stop();
    for (const member of this.members.values()) if (member.timer) clearTimeout(member.timer);
    this.pacer.cancelAll();
    const grace = sleep(STOP_GRACE_MS, undefined, { ref: false });
    await Promise.race([Promise.allSettled([...this.turns]), grace]);
    await Promise.race([this.repo.settled(), grace]);
    // Whatever finishes later is not written: the store says "attempted", and the next start reconciles it.
    this.repo.close();
    this.drops.flush();
    for (const resolve of this.idleWaiters.splice(0)) resolve();
  }

  /**
   * The member stopped SMS or left (SPEC O6): their queued deliveries are dropped and stored without number
   * or text, here at once if this outbox holds them, and by the started one, on whichever replica, at its
   * next look at the store (each turn also checks the subscription, so nothing is sent meanwhile).
   */
  purge(userId: string): Promise<void> {
    return this.pickup.purge(userId);
  }

  /** The app was uninstalled: nobody's number stays in a queued delivery. */
  purgeAll(): Promise<void> {
    return this.pickup.purgeAll();
  }

  private async applyPurges(purges: OutboxPurges): Promise<void> {
    const doomed: Delivery[] = [];
    for (const member of this.members.values()) for (const d of member.queue) if (purged(purges, d.record)) doomed.push(d);
    if (doomed.length > 0) await this.drop(doomed, 'stopped');
  }

  /** Resolves when nothing is queued or in flight and every write has landed. */
  async idle(): Promise<void> {
    for (;;) {
      if (this.stopped) return;
      if (this.open === 0 && this.active === 0) {
        await this.repo.settled();
        if (this.open === 0 && this.active === 0) return;
      }
      await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
    }
  }

  // ----- enqueue -------------------------------------------------------------------------------------------

  private async enqueueNow(alertId: string, items: OutboxItem[]): Promise<void> {
    if (!this.starting) return this.enqueueStored(alertId, items);
    let alert = this.alerts.get(alertId);
    let previous: OutboxChunk[] = alert?.chunks ?? this.finished.get(alertId) ?? [];
    if (!alert && previous.length === 0) {
      const record = await this.repo.readAlert(alertId);
      const stored = record ? await this.repo.readChunks(alertId, record.chunks) : [];
      // start() may have taken the alert back from the index meanwhile.
      alert = this.alerts.get(alertId);
      previous = alert?.chunks ?? this.finished.get(alertId) ?? stored;
      // Unfinished deliveries of an alert missing from the index (a crash between writes) are taken back.
      if (!alert && previous === stored && stored.some((chunk) => chunk.deliveries.some((d) => !isFinal(d.state)))) {
        alert = this.adopt(alertId, stored);
        if (this.running) this.scheduleAll(alert);
      }
    }
    const enqueuedAt = this.now();
    const fresh = newDeliveries(items, previous, enqueuedAt);
    if (fresh.length === 0) return;
    const chunks = toChunks(alertId, fresh, chunkCount(previous));
    // Chunks first, then the index that makes them visible to a restart, then the record that
    // recognises the alert once it is done. A crash in between leaves nothing half-visible.
    await this.repo.saveChunks(chunks);
    alert ??= { id: alertId, chunks: [...previous], open: 0 };
    // Live again (it may have finished while the chunks were written), and counted as unfinished at
    // once so it stays in the index; members see the deliveries only once the index has them.
    if (this.alerts.get(alertId) !== alert) {
      this.alerts.set(alertId, alert);
      this.finished.delete(alertId);
    }
    alert.chunks.push(...chunks);
    alert.open += fresh.length;
    this.open += fresh.length;
    try {
      await this.repo.saveIndex(() => this.indexSnapshot());
      await this.repo.saveAlert(alertId, { chunks: chunkCount(alert.chunks), enqueuedAt });
    } catch (error) {
      // Not durable, so not queued: the caller's retry must find these followers new again.
      alert.chunks = alert.chunks.filter((chunk) => !chunks.includes(chunk));
      alert.open -= fresh.length;
      this.open -= fresh.length;
      if (alert.open === 0) this.finishAlert(alert);
      throw error;
    }

    for (const chunk of chunks) {
      for (const record of chunk.deliveries) this.member(record.userId).queue.push({ record, chunk, alert });
    }
    if (this.running) {
      for (const record of fresh) this.schedule(this.member(record.userId));
      this.pump();
    }
  }

  /**
   * On a replica that does not send: written to the store only, for the sender to pick up. A copy kept
   * here could be sent again should this replica lead one day.
   */
  private async enqueueStored(alertId: string, items: OutboxItem[]): Promise<void> {
    const record = await this.repo.readAlert(alertId);
    const previous = record ? await this.repo.readChunks(alertId, record.chunks) : [];
    const enqueuedAt = this.now();
    const fresh = newDeliveries(items, previous, enqueuedAt);
    if (fresh.length === 0) return;
    const first = Math.max(record?.chunks ?? 0, chunkCount(previous));
    const chunks = toChunks(alertId, fresh, first);
    await this.repo.saveChunks(chunks);
    await this.repo.addToInbox(alertId, first + chunks.length);
    await this.repo.saveAlert(alertId, { chunks: first + chunks.length, enqueuedAt });
  }

  /** Puts an alert's stored chunks back into the in-memory queue. */
  private adopt(alertId: string, chunks: OutboxChunk[]): LiveAlert {
    const alert: LiveAlert = { id: alertId, chunks, open: 0 };
    this.alerts.set(alertId, alert);
    for (const chunk of chunks) {
      for (const record of chunk.deliveries) {
        if (record.state === 'sent' && record.sid) this.rememberSid(record.sid, record.attemptedAt ?? record.enqueuedAt);
        if (isFinal(record.state)) continue;
        const delivery: Delivery = { record, chunk, alert };
        this.addDelivery(delivery);
        if (record.state === 'attempted') this.adoptAttempt(delivery);
      }
    }
    if (alert.open === 0) this.finishAlert(alert);
    return alert;
  }

  /** Rebuilds the SMS an attempted delivery went out in; a combined one may span several alerts. */
  private adoptAttempt(delivery: Delivery): void {
    const { record } = delivery;
    const member = this.member(record.userId);
    const id = record.unit ?? `${record.attemptedAt ?? 0}`;
    const unit = member.unknown.find((u) => u.id === id);
    if (unit) {
      unit.deliveries.push(delivery);
      return;
    }
    member.unknown.push({
      id,
      userId: record.userId,
      to: record.to,
      body: record.body ?? record.text,
      deliveries: [delivery],
      attemptedAt: record.attemptedAt ?? record.enqueuedAt,
    });
  }

  private addDelivery(delivery: Delivery): void {
    this.member(delivery.record.userId).queue.push(delivery);
    delivery.alert.open += 1;
    this.open += 1;
  }

  private member(userId: string): Member {
    let member = this.members.get(userId);
    if (!member) {
      member = { userId, queue: [], unknown: [], busy: false, inReady: false, notBefore: 0, failures: 0 };
      this.members.set(userId, member);
    }
    return member;
  }

  private indexSnapshot(): OutboxIndex {
    const index: OutboxIndex = {};
    for (const alert of this.alerts.values()) index[alert.id] = chunkCount(alert.chunks);
    return index;
  }

  private scheduleAll(alert: LiveAlert): void {
    for (const chunk of alert.chunks) for (const d of chunk.deliveries) if (!isFinal(d.state)) this.schedule(this.member(d.userId));
    this.pump();
  }

  // ----- scheduling ----------------------------------------------------------------------------------------

  /** Puts a member with work in line, now or when its backoff ends. */
  private schedule(member: Member): void {
    if (!this.running || member.busy || member.inReady || member.timer) return;
    if (member.queue.length === 0 && member.unknown.length === 0) {
      this.members.delete(member.userId);
      return;
    }
    const wait = member.notBefore - this.pacer.now();
    if (wait > 0) {
      member.timer = setTimeout(() => {
        member.timer = undefined;
        this.schedule(member);
        this.pump();
      }, Math.min(Math.ceil(wait), MAX_TIMER_MS));
      return;
    }
    member.inReady = true;
    this.ready.push(member);
  }

  private pump(): void {
    while (this.running && this.active < this.maxConcurrency && this.ready.length > 0) {
      if (this.paused !== null && !this.probeDue) return;
      const member = this.ready.shift() as Member;
      member.inReady = false;
      if (member.busy) continue;
      const probe = this.paused !== null;
      if (probe) this.probeDue = false;
      this.active += 1;
      member.busy = true;
      const turn = this.turn(member, probe)
        .catch((error: unknown) => {
          if (!this.stopped) this.log.error({ err: (error as Error).message, user: member.userId }, 'SMS outbox turn failed');
          member.failures += 1;
          member.notBefore = this.pacer.now() + this.backoff(member.failures);
          return 'failed' as const;
        })
        .then((outcome) => {
          this.active -= 1;
          member.busy = false;
          this.turns.delete(turn);
          if (probe) this.afterProbe(outcome);
          this.schedule(member);
          this.pump();
          this.checkIdle();
        });
      this.turns.add(turn);
    }
  }

  private checkIdle(): void {
    if (this.open !== 0 || this.active !== 0) return;
    for (const resolve of this.idleWaiters.splice(0)) resolve();
  }

  private backoff(failures: number): number {
    const base = Math.min(MAX_BACKOFF_MS, this.retryBaseMs * 2 ** Math.max(0, failures - 1));
    return base * (0.5 + Math.random() * 0.5);
  }

  private delay(member: Member, ms: number): void {
    member.notBefore = Math.max(member.notBefore, this.pacer.now() + ms);
  }

  // ----- one member's turn ---------------------------------------------------------------------------------

  private async turn(member: Member, probe: boolean): Promise<TurnOutcome> {
    while (member.unknown.length > 0) {
      const settled = await this.settleUnknown(member, member.unknown[0] as Unit);
      if (settled === 'sent') return 'nothing';
      if (settled === 'unreachable') return 'failed';
      if (settled === 'config') return 'config';
    }
    const unit = this.formUnit(member);
    if (!unit) return 'nothing';
    const segments = segmentsOf(unit.body);

    const subscription = await this.options.subscribers.get(member.userId);
    if (!subscription || subscription.status !== 'active' || subscription.phone !== unit.to) {
      const why = !subscription ? 'no subscription' : subscription.phone !== unit.to ? 'number changed' : `subscription ${subscription.status}`;
      this.dropMember(member, unit.to, why);
      return 'nothing';
    }
    if (!this.sending(probe)) return 'nothing';

    // Durable "attempted" before the request leaves: from here on a crash is reconciled, never resent blind.
    unit.attemptedAt = this.now();
    for (const d of unit.deliveries) {
      d.record.state = 'attempted';
      d.record.attemptedAt = unit.attemptedAt;
      d.record.unit = unit.id;
      // Every part of a combined SMS carries its text: the parts may sit in different chunks.
      if (unit.deliveries.length > 1) d.record.body = unit.body;
    }
    try {
      await this.save(unit.deliveries);
    } catch (error) {
      this.revert(unit);
      throw error;
    }

    const release = await this.pacer.take(segments);
    const validity = this.secondsLeft(unit.deliveries);
    if (!release || !this.sending(probe) || validity < 1) {
      release?.();
      if (release && this.sending(probe)) void this.drop(unit.deliveries, 'expired').catch(() => undefined);
      else {
        this.revert(unit);
        void this.save(unit.deliveries).catch(() => undefined);
      }
      return 'nothing';
    }

    let sid: string;
    try {
      const message = await this.options.client.messages.create({
        messagingServiceSid: this.options.messagingServiceSid,
        to: unit.to,
        body: unit.body,
        validityPeriod: Math.min(MAX_VALIDITY_SECONDS, validity),
      });
      sid = message.sid;
    } catch (error) {
      return this.onSendError(member, unit, error);
    } finally {
      release();
    }
    this.markSent(unit, sid, false);
    member.failures = 0;
    this.log.info(
      { user: unit.userId, phone: maskPhone(unit.to), sid, segments, alerts: unit.deliveries.length, validitySeconds: validity },
      'SMS sent',
    );
    return 'sent';
  }

  /** May this turn send now? Not once stopping, and while paused only as the probe. */
  private sending(probe: boolean): boolean {
    return this.running && (this.paused === null || probe);
  }

  /** The member's oldest queued delivery, with every queued one sharing its coalesce key and number. */
  private formUnit(member: Member): Unit | undefined {
    const now = this.now();
    const expired = member.queue.filter((d) => d.record.state === 'queued' && d.record.enqueuedAt + this.validityMs - now < 1000);
    if (expired.length > 0) void this.drop(expired, 'expired').catch(() => undefined);
    const head = member.queue.find((d) => d.record.state === 'queued');
    if (!head) return undefined;
    const group = member.queue.filter(
      (d) => d.record.state === 'queued' && d.record.coalesceKey === head.record.coalesceKey && d.record.to === head.record.to,
    );
    let body = this.bodyOf(group);
    while (body.length > MAX_BODY && group.length > 1) {
      group.pop();
      body = this.bodyOf(group);
    }
    return { id: newUnitId(), userId: member.userId, to: head.record.to, body, deliveries: group, attemptedAt: 0 };
  }

  private bodyOf(group: Delivery[]): string {
    return group.length === 1 ? (group[0] as Delivery).record.text : this.options.combine(group.map((d) => d.record.text));
  }

  /** Whole seconds the unit's oldest delivery has left (Twilio's ValidityPeriod). */
  private secondsLeft(deliveries: Delivery[]): number {
    const oldest = Math.min(...deliveries.map((d) => d.record.enqueuedAt));
    return Math.floor((oldest + this.validityMs - this.now()) / 1000);
  }

  // ----- outcomes ------------------------------------------------------------------------------------------

  private markSent(unit: Unit, sid: string, reconciled: boolean): void {
    this.finish(unit.deliveries, 'sent', { sid });
    this.rememberSid(sid, unit.attemptedAt);
    metrics.smsSent();
    if (reconciled) this.stats.reconciled += 1;
    else this.stats.sent += 1;
    this.stats.combined += unit.deliveries.length - 1;
    // Not awaited: if this write is lost, the deliveries read "attempted" and the next start finds the sid.
    void this.save(unit.deliveries).catch((error: unknown) => {
      if (!(error instanceof OutboxClosedError)) this.log.warn({ err: (error as Error).message }, 'could not record a sent SMS');
    });
  }

  private async onSendError(member: Member, unit: Unit, error: unknown): Promise<TurnOutcome> {
    const info = describeTwilioError(error);
    const asked = (error as WithRetryAfter | null)?.retryAfterMs;
    const retryAfterMs = asked === undefined ? undefined : clampRetryAfter(asked, this.secondsLeft(unit.deliveries) * 1000);
    const failure = classifyTwilioError({ ...info, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) });
    metrics.smsFailed(failure.kind);
    const fields = { user: unit.userId, phone: maskPhone(unit.to), status: info.status, twilioCode: info.code, error: info.message };
    switch (failure.kind) {
      case 'throttled': {
        this.revert(unit);
        void this.save(unit.deliveries).catch(() => undefined);
        this.stats.retried += 1;
        member.failures += 1;
        if (failure.retryAfterMs !== undefined) this.pacer.holdFor(failure.retryAfterMs);
        this.delay(member, Math.max(failure.retryAfterMs ?? 0, this.backoff(member.failures)));
        this.log.debug(fields, 'Twilio throttled an SMS; retrying later');
        return 'failed';
      }
      case 'unknown': {
        member.unknown.push(unit);
        member.failures += 1;
        this.delay(member, this.backoff(member.failures));
        this.log.warn({ ...fields, network: info.network }, 'SMS outcome unknown; will check Twilio before sending again');
        return 'failed';
      }
      case 'opted-out': {
        this.finish(unit.deliveries, 'failed', { reason: `${OPTED_OUT} opted out` });
        this.stats.failed += unit.deliveries.length;
        void this.save(unit.deliveries).catch(() => undefined);
        this.dropMember(member, unit.to, 'opted out');
        await this.updateSubscription(unit, { status: 'opted-out' });
        this.log.info(fields, 'member texted STOP: SMS opted out');
        this.notify(() => this.options.events.optedOut(unit.userId));
        return 'failed';
      }
      case 'number': {
        this.finish(unit.deliveries, 'failed', { reason: failure.reason });
        this.stats.failed += unit.deliveries.length;
        void this.save(unit.deliveries).catch(() => undefined);
        this.dropMember(member, unit.to, 'number rejected');
        await this.updateSubscription(unit, { status: 'failed', failure: failure.reason });
        this.log.warn({ ...fields, reason: failure.reason }, 'Twilio rejected the number for good');
        this.notify(() => this.options.events.numberRejected(unit.userId, failure.reason));
        return 'failed';
      }
      case 'config': {
        this.revert(unit);
        void this.save(unit.deliveries).catch(() => undefined);
        this.pause(failure.reason, fields);
        return 'config';
      }
      case 'rejected': {
        this.finish(unit.deliveries, 'failed', { reason: failure.reason });
        this.stats.failed += unit.deliveries.length;
        void this.save(unit.deliveries).catch(() => undefined);
        this.log.error({ ...fields, reason: failure.reason }, 'Twilio refused an SMS; not retrying it');
        return 'failed';
      }
    }
  }

  /**
   * An attempt with an unknown outcome: is it in Twilio's message list? Found → sent. Absent → its
   * deliveries are queued again. Twilio unreachable → asked again later, never resent blind; once the
   * deliveries expire they are given up as "maybe lost".
   */
  private async settleUnknown(member: Member, unit: Unit): Promise<'sent' | 'absent' | 'unreachable' | 'config'> {
    const take = (): void => {
      member.unknown = member.unknown.filter((u) => u !== unit);
    };
    let rows;
    try {
      // Not filtered by DateSent on Twilio's side: a message still queued at Twilio has no date sent yet.
      // The newest rows to this number, compared by creation time here, include it.
      rows = await this.options.client.messages.list({ to: unit.to, limit: RECONCILE_LIMIT });
    } catch (error) {
      const info = describeTwilioError(error);
      const failure = classifyTwilioError(info);
      const fields = { user: unit.userId, phone: maskPhone(unit.to), status: info.status, twilioCode: info.code, error: info.message };
      if (this.secondsLeft(unit.deliveries) < 1) {
        take();
        this.finish(unit.deliveries, 'failed', { reason: 'maybe lost' });
        this.stats.failed += unit.deliveries.length;
        void this.save(unit.deliveries).catch(() => undefined);
        this.log.warn(fields, 'could not check an SMS with an unknown outcome before it expired: maybe lost');
        return 'unreachable';
      }
      if (failure.kind === 'config') {
        this.pause(failure.reason, fields);
        return 'config';
      }
      member.failures += 1;
      this.delay(member, this.backoff(member.failures));
      this.log.warn(fields, 'could not check Twilio for an SMS with an unknown outcome; will ask again');
      return 'unreachable';
    }
    take();
    const found = findAttempt(rows, unit, this.options.messagingServiceSid, this.knownSids);
    if (found) {
      this.markSent(unit, found.sid, true);
      member.failures = 0;
      this.log.info({ user: unit.userId, phone: maskPhone(unit.to), sid: found.sid }, 'SMS with an unknown outcome was at Twilio; not sending it again');
      return 'sent';
    }
    this.revert(unit);
    this.stats.retried += 1;
    void this.save(unit.deliveries).catch(() => undefined);
    this.log.info({ user: unit.userId, phone: maskPhone(unit.to) }, 'SMS with an unknown outcome never reached Twilio; sending it again');
    return 'absent';
  }

  /** Drops every queued delivery of the member to this number (opted out, rejected, unsubscribed). */
  private dropMember(member: Member, to: string, reason: string): void {
    const doomed = member.queue.filter((d) => d.record.state === 'queued' && d.record.to === to);
    if (doomed.length > 0) void this.drop(doomed, reason).catch(() => undefined);
  }

  private async updateSubscription(unit: Unit, patch: { status: 'opted-out' | 'failed'; failure?: string }): Promise<void> {
    try {
      // The member may have subscribed another number meanwhile: that one is not at fault (checked in the lock).
      await this.options.subscribers.update(unit.userId, patch, { phone: unit.to });
    } catch (error) {
      this.log.error({ err: (error as Error).message, user: unit.userId }, 'could not update the SMS subscription');
    }
  }

  private pause(reason: string, fields: Record<string, unknown>): void {
    if (this.paused === null) {
      this.paused = reason;
      this.log.error({ ...fields, reason }, 'SMS sending PAUSED: Twilio refused our account or configuration; nothing is lost, fix it and Fanfare resumes');
      this.notify(() => this.options.events.paused(reason));
    }
    this.scheduleProbe(this.pauseProbeMs);
  }

  private scheduleProbe(ms: number): void {
    if (this.probeTimer) clearTimeout(this.probeTimer);
    this.probeTimer = setTimeout(() => {
      this.probeTimer = undefined;
      if (!this.running || this.paused === null) return;
      this.sweepExpired();
      this.probeDue = true;
      this.pump();
      this.checkIdle();
    }, ms);
  }

  private afterProbe(outcome: TurnOutcome): void {
    if (this.paused === null) return;
    if (outcome === 'sent') {
      this.log.info({ reason: this.paused }, 'SMS sending resumed');
      this.paused = null;
      this.probeDue = false;
      if (this.probeTimer) clearTimeout(this.probeTimer);
      this.probeTimer = undefined;
      this.notify(() => this.options.events.resumed());
      return;
    }
    if (outcome === 'config') return; // pause() already set the next probe
    // The probe said nothing about the configuration (nothing to send, or a per-number answer): try another soon.
    this.scheduleProbe(outcome === 'nothing' ? 0 : Math.min(this.retryBaseMs, this.pauseProbeMs));
  }

  /** While paused nobody's turn comes, so expired deliveries are dropped here. */
  private sweepExpired(): void {
    const now = this.now();
    const expired: Delivery[] = [];
    for (const member of this.members.values()) {
      for (const d of member.queue) if (d.record.state === 'queued' && d.record.enqueuedAt + this.validityMs - now < 1000) expired.push(d);
    }
    if (expired.length > 0) void this.drop(expired, 'expired').catch(() => undefined);
  }

  /** Deliveries that were definitely not sent go back to "queued" in their place. */
  private revert(unit: Unit): void {
    for (const d of unit.deliveries) {
      if (d.record.state !== 'attempted') continue;
      d.record.state = 'queued';
      delete d.record.attemptedAt;
      delete d.record.unit;
      delete d.record.body;
    }
  }

  /**
   * Deliveries never sent (expired, unsubscribed, opted out, purged): final at once, without number or
   * text, counted, and in the drop log. Resolves once stored; if that write is lost they are dropped again
   * at the next start.
   */
  private drop(deliveries: Delivery[], reason: string): Promise<void> {
    const numbers = deliveries.map((d) => d.record.to);
    this.finish(deliveries, 'dropped', { reason });
    this.stats.dropped += deliveries.length;
    this.drops.note(reason, numbers, deliveries.length);
    return this.save(deliveries);
  }

  private finish(deliveries: Delivery[], state: 'sent' | 'dropped' | 'failed', extra: { sid?: string; reason?: string }): void {
    const byMember = new Set<Member>();
    for (const d of deliveries) {
      if (isFinal(d.record.state)) continue;
      d.record.state = state;
      if (extra.sid) d.record.sid = extra.sid;
      if (extra.reason) d.record.reason = extra.reason;
      forgetContent(d.record);
      d.alert.open -= 1;
      this.open -= 1;
      const member = this.members.get(d.record.userId);
      if (member) byMember.add(member);
      if (d.alert.open === 0) this.finishAlert(d.alert);
    }
    for (const member of byMember) member.queue = member.queue.filter((d) => !isFinal(d.record.state));
  }

  /** Every delivery of the alert is final: it leaves the index (its record stays, to recognise a repeat). */
  private finishAlert(alert: LiveAlert): void {
    if (this.alerts.get(alert.id) !== alert) return;
    this.alerts.delete(alert.id);
    this.finished.set(alert.id, alert.chunks);
    this.pickup.retire(alert.id);
    if (this.finished.size > RECENT_ALERTS) this.finished.delete(this.finished.keys().next().value as string);
    const record = { chunks: chunkCount(alert.chunks), enqueuedAt: alert.chunks[0]?.deliveries[0]?.enqueuedAt ?? this.now() };
    void this.repo.saveAlert(alert.id, record).catch(() => undefined);
    void this.repo.saveIndex(() => this.indexSnapshot()).catch(() => undefined);
  }

  private save(deliveries: Delivery[]): Promise<void> {
    return this.repo.saveChunks(new Set(deliveries.map((d) => d.chunk)));
  }

  private rememberSid(sid: string, at: number): void {
    this.knownSids.set(sid, at);
    if (this.knownSids.size % 10_000 !== 0) return;
    const horizon = this.now() - this.validityMs - SID_MEMORY_MS;
    for (const [known, when] of this.knownSids) if (when < horizon) this.knownSids.delete(known);
  }

  /** A listener's exception must not break the outbox. */
  private notify(call: () => void): void {
    try {
      call();
    } catch (error) {
      this.log.error({ err: (error as Error).message }, 'SMS outbox event listener failed');
    }
  }
}

/** Plain ASCII that GSM-7 encodes in one septet each: the usual alert needs no full calculation. */
const PLAIN_GSM = /^[A-Za-z0-9 \n\r!"#$%&'()*+,\-./:;<=>?@_]*$/;

/** Segments the text takes (reference twilio.md §8): what the sender's throughput is counted in. */
export function segmentsOf(text: string): number {
  if (text.length <= 160 && PLAIN_GSM.test(text)) return 1;
  return new SegmentedMessage(text, 'auto').segmentsCount;
}

/** Chunks are numbered from 0; one lost before it was written leaves a gap, never a shorter count. */
/** A settled delivery keeps only what recognising a repeat needs (SPEC O6): no number, no text. */
function forgetContent(record: StoredDelivery): void {
  record.to = '';
  record.text = '';
  delete record.body;
}

/** The items for members the alert has no delivery for yet (idempotent per alert and member). */
function newDeliveries(items: readonly OutboxItem[], previous: readonly OutboxChunk[], enqueuedAt: number): StoredDelivery[] {
  const known = new Set(previous.flatMap((chunk) => chunk.deliveries.map((d) => d.userId)));
  const fresh: StoredDelivery[] = [];
  for (const item of items) {
    if (known.has(item.userId)) continue;
    known.add(item.userId);
    fresh.push({ userId: item.userId, to: item.to, text: item.text, coalesceKey: item.coalesceKey, enqueuedAt, state: 'queued' });
  }
  return fresh;
}

function chunkCount(chunks: OutboxChunk[]): number {
  return chunks.reduce((max, chunk) => Math.max(max, chunk.index + 1), 0);
}

function newUnitId(): string {
  return randomBytes(6).toString('base64url');
}
