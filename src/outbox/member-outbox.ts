/**
 * The durable per-member delivery queue shared by the SMS and the DM sinks (SPEC S1, S3, S4, O2, O3).
 * What is Twilio or Slack about a delivery lives in a transport (sms/sms-transport.ts, the DM sink);
 * this is the rest: persist before you send, reconcile after doubt.
 *
 * - `enqueue` stores an alert's deliveries before it resolves (OutboxRepo: chunks, then the index, then
 *   the alert record); the same alert enqueued again adds only members it had no delivery for.
 * - A member's turn marks their next unit "attempted" in the store, then hands it to the transport. One
 *   member has one unit in flight; their queued deliveries sharing a coalesce key and an address form ONE
 *   unit (the transport combines their texts, up to its longest body).
 * - An outcome the transport cannot know (crash, timeout, 5xx) leaves the unit "attempted". Before anything
 *   else goes to that member (and at start, before anything at all is sent) the transport is asked whether
 *   it arrived: found, it was sent; absent, it goes again; no answer, ask again later, and once it expired,
 *   give it up as "maybe lost". Better maybe lost than sent twice.
 * - The other outcomes come in the classes every API is sorted into: the message is bad (given up), the
 *   destination is bad (that member's address only), the account is bad (everything pauses, one probe now
 *   and then, the listener told once), or nothing went out (backoff, at least what the API asked for).
 * - Settled deliveries keep no address and no text: only what recognising a repeat needs (SPEC O6).
 *
 * Replicas (SPEC O3): any replica may enqueue or purge, only the started one (the leader) sends. An outbox
 * that is not started writes to the store only (the inbox); the started one reads the inbox and the purges
 * again every `pickupMs` (pickup.ts).
 */
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from '../log.js';
import { isFinal, OutboxClosedError, OutboxRepo, toChunks, type OutboxChunk, type OutboxIndex, type OutboxPurges, type StoredDelivery } from '../store/outbox-repo.js';
import type { Store } from '../store/store.js';
import { Pickup, purged } from './pickup.js';
import type { FindOutcome, MemberTransport, OutboxItem, OutboxUnit, SendOutcome } from './transport.js';

export interface MemberOutboxOptions {
  store: Store;
  /** The store area of this outbox's records (one per sink). */
  area: string;
  transport: MemberTransport;
  /** What the logs call its deliveries: "SMS", "DM". */
  label: string;
  logger: Logger;
  /** A delivery not sent this long after it was enqueued is dropped, never sent late (records stay a day longer). */
  validityMs: number;
  /** Units in flight at once, across members (default 20). */
  concurrency?: number;
  /** First wait after a turn that came to nothing; doubles each time, with jitter, up to a minute (default 1 s). */
  retryBaseMs?: number;
  /** How often a paused outbox tries one real send (default a minute). */
  pauseProbeMs?: number;
  /** How often the started outbox looks for what other replicas enqueued or purged (default 5 s). */
  pickupMs?: number;
  /** The account was refused (once per pause) and accepted again. */
  onPause?(reason: string): void;
  onResume?(): void;
  /** Wall clock (ms) for validity and attempt times. */
  now?: () => number;
}

export interface MemberOutboxStats {
  /** Units the API accepted (a combined one counts once). */
  sent: number;
  /** Deliveries folded into another delivery's unit. */
  combined: number;
  /** Deliveries never attempted: expired, purged, or no longer wanted at that address. */
  dropped: number;
  /** Units sent again: after "later", or after an unknown outcome the API turned out not to have. */
  retried: number;
  /** Units found delivered after an unknown outcome, and so not sent again. */
  reconciled: number;
  /** Deliveries refused for good, or given up as "maybe lost". */
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

interface Unit extends OutboxUnit {
  alertIds: string[];
  deliveries: StoredDelivery[];
  /** The same deliveries, with where they are kept. */
  parts: Delivery[];
}

interface Member {
  userId: string;
  /** Unfinished deliveries in enqueue order (queued, or attempted as part of `unknown`). */
  queue: Delivery[];
  /** Attempts whose outcome is unknown: settled before anything else is sent to this member. */
  unknown: Unit[];
  busy: boolean;
  inReady: boolean;
  /** Monotonic ms before which this member waits. */
  notBefore: number;
  failures: number;
  timer?: NodeJS.Timeout;
}

type TurnOutcome = 'sent' | 'account' | 'failed' | 'nothing';

const MAX_BACKOFF_MS = 60_000;
/** setTimeout fires at once past 2^31-1 ms; a longer wait is simply re-checked when this one ends. */
const MAX_TIMER_MS = 2_147_483_647;
const START_RECONCILE_CONCURRENCY = 8;
const STOP_GRACE_MS = 3000;
const DEFAULT_RETRY_BASE_MS = 1000;
const DEFAULT_PROBE_MS = 60_000;
const DEFAULT_PICKUP_MS = 5000;
/** Finished alerts remembered, so enqueuing one again right away is recognised before the store catches up. */
const RECENT_ALERTS = 200;
/** Refs remembered past the validity: a read-back looks a few minutes before its attempt. */
const REF_MEMORY_MS = 10 * 60_000;
/** A delivery with less than this left is not worth starting (an SMS needs a whole second of validity). */
const LAST_SECOND_MS = 1000;

const monotonic = (): number => performance.now();

export class MemberOutbox {
  readonly stats: MemberOutboxStats = { sent: 0, combined: 0, dropped: 0, retried: 0, reconciled: 0, failed: 0 };

  private readonly repo: OutboxRepo;
  private readonly transport: MemberTransport;
  private readonly log: Logger;
  private readonly now: () => number;
  private readonly validityMs: number;
  private readonly concurrency: number;
  private readonly retryBaseMs: number;
  private readonly pauseProbeMs: number;

  private readonly alerts = new Map<string, LiveAlert>();
  private readonly members = new Map<string, Member>();
  private readonly ready: Member[] = [];
  private readonly enqueueTails = new Map<string, Promise<unknown>>();
  private readonly turns = new Set<Promise<void>>();
  private readonly idleWaiters: (() => void)[] = [];
  /** Refs this outbox knows it sent (→ when), so a read-back never claims one of them for another unit. */
  private readonly knownRefs = new Map<string, number>();
  private readonly finished = new Map<string, OutboxChunk[]>();
  private readonly pickup: Pickup;

  private open = 0;
  private active = 0;
  private running = false;
  private stopped = false;
  private paused: string | null = null;
  private probeDue = false;
  private probeTimer: NodeJS.Timeout | undefined;
  private starting: Promise<void> | undefined;

  constructor(private readonly options: MemberOutboxOptions) {
    this.transport = options.transport;
    this.log = options.logger;
    this.now = options.now ?? Date.now;
    this.validityMs = options.validityMs;
    this.repo = new OutboxRepo(options.store, options.validityMs, options.area);
    this.concurrency = Math.max(1, options.concurrency ?? 20);
    this.retryBaseMs = options.retryBaseMs ?? DEFAULT_RETRY_BASE_MS;
    this.pauseProbeMs = options.pauseProbeMs ?? DEFAULT_PROBE_MS;
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

  /** Unfinished deliveries right now (the outbox depth on /metrics). */
  get depth(): number {
    return this.open;
  }

  get isStopped(): boolean {
    return this.stopped;
  }

  /** Whether this alert was enqueued before (in this run or, as its record says, an earlier one). */
  async knows(alertId: string): Promise<boolean> {
    return this.alerts.has(alertId) || this.finished.has(alertId) || (await this.repo.readAlert(alertId)) !== undefined;
  }

  /**
   * Stores the alert's deliveries for members it has none for yet; durable once resolved. They go out once
   * `send(userIds)` is called for their members, so a batch of alerts is queued whole before any turn starts.
   */
  enqueue(alertId: string, items: readonly OutboxItem[]): Promise<void> {
    if (this.stopped) return Promise.reject(new Error('the outbox is stopped'));
    // One enqueue per alert at a time, so a repeated alert is compared with everything already stored.
    const previous = this.enqueueTails.get(alertId) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(() => this.enqueueNow(alertId, items));
    this.enqueueTails.set(alertId, next);
    void next.catch(() => undefined).then(() => {
      if (this.enqueueTails.get(alertId) === next) this.enqueueTails.delete(alertId);
    });
    return next;
  }

  /** Starts the turns of these members (those with something queued). */
  send(userIds: Iterable<string>): void {
    if (!this.running) return;
    for (const userId of userIds) {
      const member = this.members.get(userId);
      if (member) this.schedule(member);
    }
    this.pump();
  }

  /** Takes back what a previous run left, settles every attempt it left unknown, then sends. */
  start(): Promise<void> {
    this.starting ??= this.startNow();
    return this.starting;
  }

  /** The member asked that their queued deliveries go (e.g. `/fanfare stop`), on whichever replica. */
  purge(userId: string): Promise<void> {
    return this.pickup.purge(userId);
  }

  /** Everyone's queued deliveries go (uninstall). */
  purgeAll(): Promise<void> {
    return this.pickup.purgeAll();
  }

  /**
   * No new turns; units in flight get a few seconds to finish. Whatever is still unanswered then stays
   * "attempted" in the store and is reconciled at the next start.
   */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.running = false;
    if (this.probeTimer) clearTimeout(this.probeTimer);
    this.pickup.stop();
    for (const member of this.members.values()) if (member.timer) clearTimeout(member.timer);
    const grace = sleep(STOP_GRACE_MS, undefined, { ref: false });
    await Promise.race([Promise.allSettled([...this.turns]), grace]);
    await Promise.race([this.repo.settled(), grace]);
    // Whatever finishes later is not written: the store says "attempted", and the next start reconciles it.
    this.repo.close();
    for (const resolve of this.idleWaiters.splice(0)) resolve();
  }

  /** Resolves when nothing is queued or in flight and every write has landed (tests, the bench). */
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

  // ----- start ---------------------------------------------------------------------------------------------

  private async startNow(): Promise<void> {
    if (this.stopped) return;
    // A store that fails now is asked again: an index read as empty would orphan every queued delivery.
    await this.patiently(`read the ${this.options.label} queue`, () => this.pickup.once());
    const unknown = [...this.members.values()].flatMap((member) => member.unknown.map((unit) => ({ member, unit })));
    if (unknown.length > 0) this.log.info({ attempts: unknown.length }, 'checking deliveries whose outcome was unknown at the last stop');
    let cursor = 0;
    const worker = async (): Promise<void> => {
      while (cursor < unknown.length && !this.stopped) {
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

  // ----- enqueue -------------------------------------------------------------------------------------------

  private async enqueueNow(alertId: string, items: readonly OutboxItem[]): Promise<void> {
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
        this.send(alert.chunks.flatMap((chunk) => chunk.deliveries.map((d) => d.userId)));
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
      // Not durable, so not queued: the caller's retry must find these members new again.
      alert.chunks = alert.chunks.filter((chunk) => !chunks.includes(chunk));
      alert.open -= fresh.length;
      this.open -= fresh.length;
      if (alert.open === 0) this.finishAlert(alert);
      throw error;
    }
    for (const chunk of chunks) for (const record of chunk.deliveries) this.member(record.userId).queue.push({ record, chunk, alert });
  }

  /**
   * On a replica that does not send: written to the store only, for the sender to pick up. A copy kept
   * here could be sent again should this replica lead one day.
   */
  private async enqueueStored(alertId: string, items: readonly OutboxItem[]): Promise<void> {
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

  /** Puts an alert's stored chunks back into the in-memory queue, attempts with them. */
  private adopt(alertId: string, chunks: OutboxChunk[]): LiveAlert {
    const alert: LiveAlert = { id: alertId, chunks, open: 0 };
    this.alerts.set(alertId, alert);
    for (const chunk of chunks) {
      for (const record of chunk.deliveries) {
        if (record.state === 'sent' && record.sid) this.rememberRef(record.sid, record.attemptedAt ?? record.enqueuedAt);
        if (isFinal(record.state)) continue;
        const delivery: Delivery = { record, chunk, alert };
        this.member(record.userId).queue.push(delivery);
        alert.open += 1;
        this.open += 1;
        if (record.state === 'attempted') this.adoptAttempt(delivery);
      }
    }
    if (alert.open === 0) this.finishAlert(alert);
    return alert;
  }

  /** Rebuilds the unit an attempted delivery went out in; a combined one may span several alerts. */
  private adoptAttempt(delivery: Delivery): void {
    const { record } = delivery;
    const member = this.member(record.userId);
    const id = record.unit ?? `${record.attemptedAt ?? 0}`;
    const unit = member.unknown.find((u) => u.id === id);
    if (unit) {
      unit.parts.push(delivery);
      unit.deliveries.push(record);
      unit.alertIds.push(delivery.alert.id);
      unit.expiresAt = Math.min(unit.expiresAt, this.expiry(record));
      return;
    }
    member.unknown.push({
      id,
      userId: record.userId,
      to: record.to,
      body: record.body ?? record.text,
      alertIds: [delivery.alert.id],
      parts: [delivery],
      deliveries: [record],
      expiresAt: this.expiry(record),
      attemptedAt: record.attemptedAt ?? record.enqueuedAt,
    });
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

  private async applyPurges(purges: OutboxPurges): Promise<void> {
    const doomed: Delivery[] = [];
    for (const member of this.members.values()) for (const d of member.queue) if (purged(purges, d.record)) doomed.push(d);
    if (doomed.length > 0) await this.drop(doomed, 'stopped');
  }

  // ----- scheduling ----------------------------------------------------------------------------------------

  /** Puts a member with work in line, now or when its backoff ends. */
  private schedule(member: Member): void {
    if (!this.running || member.busy || member.inReady || member.timer) return;
    if (member.queue.length === 0 && member.unknown.length === 0) {
      this.members.delete(member.userId);
      return;
    }
    const wait = member.notBefore - monotonic();
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
    while (this.running && this.active < this.concurrency && this.ready.length > 0) {
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
          if (!this.stopped) this.log.error({ err: (error as Error).message, user: member.userId }, 'delivery turn failed; trying again later');
          member.failures += 1;
          this.delay(member, this.backoff(member.failures));
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
    member.notBefore = Math.max(member.notBefore, monotonic() + ms);
  }

  /** May this turn send now? Not once stopping, and while paused only as the probe. */
  private sending(probe: boolean): boolean {
    return this.running && (this.paused === null || probe);
  }

  // ----- one member's turn ---------------------------------------------------------------------------------

  private async turn(member: Member, probe: boolean): Promise<TurnOutcome> {
    while (member.unknown.length > 0) {
      const settled = await this.settleUnknown(member, member.unknown[0] as Unit);
      if (settled === 'found') return 'nothing';
      if (settled === 'unreachable') return 'failed';
      if (settled === 'account') return 'account';
    }
    const unit = this.formUnit(member);
    if (!unit) return 'nothing';
    const unwanted = await this.transport.unwanted?.(unit);
    if (unwanted) {
      this.dropAddress(member, unit.to, unwanted);
      return 'nothing';
    }
    if (!this.sending(probe)) return 'nothing';

    // Durable "attempted" before the request leaves: from here on a crash is reconciled, never resent blind.
    unit.attemptedAt = this.now();
    for (const d of unit.parts) {
      d.record.state = 'attempted';
      d.record.attemptedAt = unit.attemptedAt;
      d.record.unit = unit.id;
      // Every part of a combined unit carries its text: the parts may sit in different chunks.
      if (unit.parts.length > 1) d.record.body = unit.body;
    }
    try {
      await this.save(unit.parts);
    } catch (error) {
      this.revert(unit);
      throw error;
    }
    const outcome = await this.transport
      .send(unit, () => this.sending(probe))
      .catch((error: unknown): SendOutcome => ({ kind: 'unknown', reason: (error as Error)?.message ?? String(error) }));
    return this.settle(member, unit, outcome);
  }

  /** The member's oldest queued delivery, with every queued one sharing its coalesce key and address. */
  private formUnit(member: Member): Unit | undefined {
    const now = this.now();
    const expired = member.queue.filter((d) => d.record.state === 'queued' && this.expiry(d.record) - now < LAST_SECOND_MS);
    if (expired.length > 0) void this.drop(expired, 'expired').catch(() => undefined);
    const head = member.queue.find((d) => d.record.state === 'queued');
    if (!head) return undefined;
    const parts = member.queue.filter((d) => d.record.state === 'queued' && d.record.coalesceKey === head.record.coalesceKey && d.record.to === head.record.to);
    let body = this.bodyOf(parts);
    const maxBody = this.transport.maxBody ?? Infinity;
    while (body.length > maxBody && parts.length > 1) {
      parts.pop();
      body = this.bodyOf(parts);
    }
    return {
      id: randomBytes(6).toString('base64url'),
      userId: member.userId,
      to: head.record.to,
      body,
      alertIds: parts.map((d) => d.alert.id),
      parts,
      deliveries: parts.map((d) => d.record),
      expiresAt: Math.min(...parts.map((d) => this.expiry(d.record))),
      attemptedAt: 0,
    };
  }

  private bodyOf(parts: Delivery[]): string {
    const texts = parts.map((d) => d.record.text);
    return texts.length === 1 || !this.transport.combine ? (texts[0] as string) : this.transport.combine(texts);
  }

  private expiry(record: StoredDelivery): number {
    return record.enqueuedAt + this.validityMs;
  }

  private async settle(member: Member, unit: Unit, outcome: SendOutcome): Promise<TurnOutcome> {
    const fields = { user: unit.userId, reason: 'reason' in outcome ? outcome.reason : undefined };
    switch (outcome.kind) {
      case 'sent':
        this.markSent(unit, outcome.ref, false);
        member.failures = 0;
        return 'sent';
      case 'unknown':
        member.unknown.push(unit);
        member.failures += 1;
        this.delay(member, this.backoff(member.failures));
        this.log.warn(fields, 'delivery outcome unknown; checking before sending again');
        return 'failed';
      case 'destination':
        this.fail(unit, outcome.reason);
        this.dropAddress(member, unit.to, outcome.reason);
        return 'failed';
      case 'message':
        this.fail(unit, outcome.reason);
        return 'failed';
      case 'later': {
        this.revert(unit);
        void this.save(unit.parts).catch(() => undefined);
        // Stopping or paused meanwhile is no retry: the unit simply waits its next turn.
        if (!this.running || this.paused !== null) return 'nothing';
        this.stats.retried += 1;
        member.failures += 1;
        this.delay(member, Math.max(outcome.retryAfterMs ?? 0, this.backoff(member.failures)));
        this.log.debug(fields, 'delivery not sent; trying again later');
        return 'failed';
      }
      case 'account':
        this.revert(unit);
        void this.save(unit.parts).catch(() => undefined);
        this.pause(outcome.reason, fields);
        return 'account';
      case 'drop':
        void this.drop(unit.parts, outcome.reason).catch(() => undefined);
        return 'nothing';
    }
  }

  /**
   * An attempt with an unknown outcome: did it arrive? Found → sent. Absent → its deliveries are queued
   * again. No answer → asked again later, never sent blind; once the deliveries expire they are given up
   * as "maybe lost".
   */
  private async settleUnknown(member: Member, unit: Unit): Promise<'found' | 'absent' | 'unreachable' | 'account'> {
    const take = (): void => {
      member.unknown = member.unknown.filter((u) => u !== unit);
    };
    const found = await this.transport
      .find(unit, this.knownRefs)
      .catch((error: unknown): FindOutcome => ({ kind: 'unreachable', reason: (error as Error)?.message ?? String(error) }));
    const fields = { user: unit.userId, reason: 'reason' in found ? found.reason : undefined };
    switch (found.kind) {
      case 'found':
        take();
        this.markSent(unit, found.ref, true);
        member.failures = 0;
        this.log.info({ user: unit.userId }, 'a delivery with an unknown outcome had arrived; not sending it again');
        return 'found';
      case 'absent':
        take();
        this.revert(unit);
        this.stats.retried += 1;
        void this.save(unit.parts).catch(() => undefined);
        this.log.info({ user: unit.userId }, 'a delivery with an unknown outcome never arrived; sending it again');
        return 'absent';
      case 'unreachable':
      case 'account':
        if (unit.expiresAt - this.now() < LAST_SECOND_MS) {
          take();
          this.fail(unit, 'maybe lost');
          this.log.warn(fields, 'could not check a delivery with an unknown outcome before it expired: maybe lost');
          return 'unreachable';
        }
        if (found.kind === 'account') {
          this.pause(found.reason, fields);
          return 'account';
        }
        member.failures += 1;
        this.delay(member, this.backoff(member.failures));
        this.log.warn(fields, 'could not check a delivery with an unknown outcome; will ask again');
        return 'unreachable';
    }
  }

  // ----- pause ---------------------------------------------------------------------------------------------

  private pause(reason: string, fields: Record<string, unknown>): void {
    if (this.paused === null) {
      this.paused = reason;
      this.log.error({ ...fields, reason }, `${this.options.label} sending PAUSED: the API refused our account or configuration; nothing is lost, fix it and Fanfare resumes`);
      this.notify(() => this.options.onPause?.(reason));
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
      this.log.info({ reason: this.paused }, `${this.options.label} sending resumed`);
      this.paused = null;
      this.probeDue = false;
      if (this.probeTimer) clearTimeout(this.probeTimer);
      this.probeTimer = undefined;
      this.notify(() => this.options.onResume?.());
      return;
    }
    if (outcome === 'account') return; // pause() already set the next probe
    // The probe said nothing about the account (nothing to send, or a per-address answer): try another soon.
    this.scheduleProbe(outcome === 'nothing' ? 0 : Math.min(this.retryBaseMs, this.pauseProbeMs));
  }

  /** While paused nobody's turn comes, so expired deliveries are dropped here. */
  private sweepExpired(): void {
    const now = this.now();
    const expired: Delivery[] = [];
    for (const member of this.members.values()) {
      for (const d of member.queue) if (d.record.state === 'queued' && this.expiry(d.record) - now < LAST_SECOND_MS) expired.push(d);
    }
    if (expired.length > 0) void this.drop(expired, 'expired').catch(() => undefined);
  }

  // ----- settling ------------------------------------------------------------------------------------------

  private markSent(unit: Unit, ref: string, reconciled: boolean): void {
    this.finish(unit.parts, 'sent', { sid: ref });
    this.rememberRef(ref, unit.attemptedAt);
    if (reconciled) this.stats.reconciled += 1;
    else this.stats.sent += 1;
    this.stats.combined += unit.parts.length - 1;
    // Not awaited: if this write is lost, the deliveries read "attempted" and the next start finds the ref.
    void this.save(unit.parts).catch((error: unknown) => {
      if (!(error instanceof OutboxClosedError)) this.log.warn({ err: (error as Error).message }, 'could not record a sent delivery');
    });
  }

  private fail(unit: Unit, reason: string): void {
    this.finish(unit.parts, 'failed', { reason });
    this.stats.failed += unit.parts.length;
    void this.save(unit.parts).catch(() => undefined);
  }

  /** Drops every queued delivery of the member to this address (unsubscribed, opted out, rejected). */
  private dropAddress(member: Member, to: string, reason: string): void {
    const doomed = member.queue.filter((d) => d.record.state === 'queued' && d.record.to === to);
    if (doomed.length > 0) void this.drop(doomed, reason).catch(() => undefined);
  }

  /** Deliveries that were definitely not sent go back to "queued" in their place. */
  private revert(unit: Unit): void {
    for (const d of unit.parts) {
      if (d.record.state !== 'attempted') continue;
      d.record.state = 'queued';
      delete d.record.attemptedAt;
      delete d.record.unit;
      delete d.record.body;
    }
  }

  /**
   * Deliveries never sent (expired, unwanted, purged): final at once, without address or text, counted,
   * and told to the transport. Resolves once stored; if that write is lost they are dropped again at the next start.
   */
  private drop(deliveries: Delivery[], reason: string): Promise<void> {
    const live = deliveries.filter((d) => !isFinal(d.record.state));
    if (live.length > 0) this.notify(() => this.transport.dropped?.(reason, live.map((d) => d.record)));
    this.finish(live, 'dropped', { reason });
    this.stats.dropped += live.length;
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

  private rememberRef(ref: string, at: number): void {
    this.knownRefs.set(ref, at);
    if (this.knownRefs.size % 10_000 !== 0) return;
    const horizon = this.now() - this.validityMs - REF_MEMORY_MS;
    for (const [known, when] of this.knownRefs) if (when < horizon) this.knownRefs.delete(known);
  }

  /** A listener's exception must not break the outbox. */
  private notify(call: () => void): void {
    try {
      call();
    } catch (error) {
      this.log.error({ err: (error as Error).message }, 'outbox listener failed');
    }
  }
}

/** A settled delivery keeps only what recognising a repeat needs (SPEC O6): no address, no text. */
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

/** Chunks are numbered from 0; one lost before it was written leaves a gap, never a shorter count. */
function chunkCount(chunks: OutboxChunk[]): number {
  return chunks.reduce((max, chunk) => Math.max(max, chunk.index + 1), 0);
}
