/**
 * A durable per-member delivery queue: what a per-member sink (DM today; SMS is the next to move here)
 * needs besides talking to its API. Persist before you send, reconcile after doubt:
 * - `enqueue` stores an alert's deliveries (OutboxRepo: chunks, then the index, then the alert record)
 *   before it resolves; the same alert enqueued again adds nothing.
 * - A member's turn marks their next unit "attempted" in the store, then hands it to the transport.
 * - An outcome the transport cannot know (crash, timeout, 5xx) leaves the unit "attempted"; the member's
 *   next turn (after `retryMs`, or at the next start) asks the transport what reached the member before
 *   anything is sent again.
 * One member has one unit in flight; their queued deliveries with the same coalesce key form ONE unit.
 * Members are served side by side, up to `concurrency` at once; pacing belongs to the transport.
 *
 * Replicas (SPEC O3): any replica may enqueue or purge, only the started one (the leader) sends. An
 * outbox that is not started writes to the store only (the inbox, see outbox-repo.ts); the started one
 * reads the inbox and the purges again every `pickupMs`, so what a follower wrote is sent (or dropped)
 * within seconds (pickup.ts).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from '../log.js';
import { isFinal, OutboxRepo, toChunks, type OutboxChunk, type OutboxIndex, type OutboxPurges, type StoredDelivery } from '../store/outbox-repo.js';
import type { Store } from '../store/store.js';
import { Pickup, purged } from './pickup.js';

/** What a transport makes of one unit, sorted once into the classes every API is sorted into. */
export type SendOutcome =
  /** Delivered; `ref` names it at the API (a message ts, an SMS sid). */
  | { kind: 'sent'; ref: string }
  /** It may have been delivered: look (`find`) before sending again. */
  | { kind: 'unknown'; reason: string }
  /** This member cannot be reached: their queue is given up, never retried. */
  | { kind: 'destination'; reason: string }
  /** The API refused this message: it is given up. */
  | { kind: 'message'; reason: string }
  /** Nothing was sent (paused, stopping, store down): try again after `retryMs`. */
  | { kind: 'later'; reason: string };

export interface OutboxUnit {
  userId: string;
  /** Stable across retries of the same first delivery: the transport puts it in what it sends. */
  id: string;
  /** The alerts it carries, oldest enqueued first. */
  alertIds: string[];
  /** The deliveries as stored (`text`, `to`, `coalesceKey` as enqueued). */
  deliveries: readonly StoredDelivery[];
}

export interface MemberTransport {
  send(unit: OutboxUnit): Promise<SendOutcome>;
  /** After an unknown outcome: alert id → ref of what reached this member since `sinceMs`. */
  find(userId: string, sinceMs: number): Promise<Map<string, string>>;
}

export interface OutboxItem {
  userId: string;
  /** The transport's address for the member (a number; for a DM, the member id). */
  to: string;
  /** What the transport needs to render it (the text, or for a DM the member's language). */
  text: string;
  /** E.g. the match key: a member's queued items with the same key go out as one unit. */
  coalesceKey: string;
}

export interface MemberOutboxOptions {
  store: Store;
  /** The store area of this outbox's records (one per sink). */
  area: string;
  transport: MemberTransport;
  logger: Logger;
  /** Units in flight at once, across members (default 20). */
  concurrency?: number;
  /** A member whose turn came to nothing tries again after this long (default 30 s). */
  retryMs?: number;
  /** A delivery not sent this long after it was enqueued is dropped, never sent late (default: never). */
  validityMs?: number;
  /** Records are kept this long after their last write (default a day, plus the validity). */
  retentionMs?: number;
  /** How often the running outbox looks for what other replicas enqueued or purged (default 5 s). */
  pickupMs?: number;
  now?: () => number;
}

export interface MemberOutboxStats {
  sent: number;
  /** Units found delivered after an unknown outcome, and so not sent again. */
  reconciled: number;
  /** Deliveries given up (a refused message, an unreachable member). */
  failed: number;
  /** Deliveries past their validity, never sent. */
  dropped: number;
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
  /** After a turn that came to nothing the member waits until then (ms). */
  pausedUntil: number;
}

const DAY_MS = 86_400_000;
const STOP_GRACE_MS = 5000;
const DEFAULT_PICKUP_MS = 5000;

export class MemberOutbox {
  readonly stats: MemberOutboxStats = { sent: 0, reconciled: 0, failed: 0, dropped: 0 };
  private readonly repo: OutboxRepo;
  /** Alert id → its chunks and how many deliveries are unfinished. */
  private readonly alerts = new Map<string, { chunks: OutboxChunk[]; open: number }>();
  private readonly members = new Map<string, Member>();
  private readonly ready: Member[] = [];
  private readonly turns = new Set<Promise<void>>();
  private readonly idleWaiters: (() => void)[] = [];
  private readonly pickup: Pickup;
  private readonly concurrency: number;
  private readonly retryMs: number;
  private readonly now: () => number;
  private active = 0;
  /** From `start` on, this outbox is the one that sends: what it queues stays in memory. */
  private sending = false;
  private running = false;
  private stopped = false;

  constructor(private readonly options: MemberOutboxOptions) {
    this.repo = new OutboxRepo(options.store, options.retentionMs ?? DAY_MS + (options.validityMs ?? 0), options.area);
    this.concurrency = options.concurrency ?? 20;
    this.retryMs = options.retryMs ?? 30_000;
    this.now = options.now ?? Date.now;
    this.pickup = new Pickup({
      repo: this.repo,
      target: {
        holds: (alertId) => this.alerts.has(alertId),
        adopt: (alertId, chunks) => this.adopt(alertId, chunks),
        applyPurges: (purges) => this.applyPurges(purges),
        saveIndex: () => this.repo.saveIndex(() => this.indexSnapshot()),
        wake: () => this.send(this.members.keys()),
      },
      logger: options.logger,
      validityMs: options.validityMs ?? DAY_MS,
      now: this.now,
    });
  }

  /** Unfinished deliveries right now. */
  get depth(): number {
    let open = 0;
    for (const alert of this.alerts.values()) open += alert.open;
    return open;
  }

  get isStopped(): boolean {
    return this.stopped;
  }

  /** Whether this alert was enqueued before (in this run or, as its record says, an earlier one). */
  async knows(alertId: string): Promise<boolean> {
    return this.alerts.has(alertId) || (await this.repo.readAlert(alertId)) !== undefined;
  }

  /**
   * Stores the alert's deliveries; durable once resolved. They are sent once `send(userIds)` is called
   * for their members, so a batch of alerts can be enqueued whole before any member's turn starts.
   */
  async enqueue(alertId: string, items: readonly OutboxItem[]): Promise<void> {
    if (items.length === 0 || (await this.knows(alertId))) return;
    const enqueuedAt = this.now();
    const fresh: StoredDelivery[] = items.map((item) => ({ ...item, enqueuedAt, state: 'queued' }));
    const chunks = toChunks(alertId, fresh);
    // Chunks, then the index that makes them visible to a restart, then the record that recognises the
    // alert once it is done: a crash in between leaves nothing half-visible.
    await this.repo.saveChunks(chunks);
    // Only the running outbox keeps what it queues: another replica's copy could be sent again after a failover.
    const keep = this.sending;
    if (keep) this.alerts.set(alertId, { chunks, open: fresh.length });
    try {
      if (keep) await this.repo.saveIndex(() => this.indexSnapshot());
      else await this.repo.addToInbox(alertId, chunks.length);
      await this.repo.saveAlert(alertId, { chunks: chunks.length, enqueuedAt });
    } catch (error) {
      this.alerts.delete(alertId);
      throw error;
    }
    if (keep) for (const chunk of chunks) for (const record of chunk.deliveries) this.member(record.userId).queue.push({ record, chunk });
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

  /** Takes back what a previous run left (attempts are reconciled on their member's turn), then sends. */
  async start(): Promise<void> {
    this.sending = true;
    await this.pickup.once();
    if (this.stopped) return;
    this.running = true;
    this.send(this.members.keys());
    this.pickup.every(this.options.pickupMs ?? DEFAULT_PICKUP_MS);
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
    this.stopped = true;
    this.running = false;
    this.pickup.stop();
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
    if (live.open === 0) this.retire(alertId);
  }

  private indexSnapshot(): OutboxIndex {
    const index: OutboxIndex = {};
    for (const [alertId, alert] of this.alerts) if (alert.open > 0) index[alertId] = alert.chunks.length;
    return index;
  }

  /** Drops the queued deliveries each purge covers (an attempt in flight is settled as usual). */
  private applyPurges(purges: OutboxPurges): void {
    for (const member of this.members.values()) {
      const doomed = member.queue.filter((d) => purged(purges, d.record));
      if (doomed.length === 0) continue;
      this.finish(member, doomed, 'dropped', { reason: 'stopped' });
      this.stats.dropped += doomed.length;
    }
  }

  /** Every delivery of the alert is final: out of memory and out of the stored index. */
  private retire(alertId: string): void {
    this.alerts.delete(alertId);
    this.pickup.retire(alertId);
    void this.repo.saveIndex(() => this.indexSnapshot()).catch(() => undefined);
  }

  private member(userId: string): Member {
    let member = this.members.get(userId);
    if (!member) {
      member = { userId, queue: [], busy: false, waiting: false, pausedUntil: 0 };
      this.members.set(userId, member);
    }
    return member;
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
      const turn = this.turn(member)
        .then(
          (retryLater) => {
            if (retryLater) this.later(member);
          },
          (error: unknown) => {
            this.options.logger.error({ err: error, member: member.userId }, 'delivery turn failed; trying again later');
            this.later(member);
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
      this.turns.add(turn);
    }
  }

  private later(member: Member): void {
    member.pausedUntil = Date.now() + this.retryMs;
    setTimeout(() => {
      member.pausedUntil = 0;
      this.schedule(member);
      this.pump();
    }, this.retryMs).unref();
  }

  // ----- a member's turn -----------------------------------------------------------------------------------

  /** Sends (or settles) one unit of this member's; answers true when the member must wait before the next. */
  private async turn(member: Member): Promise<boolean> {
    const attempted = member.queue.filter((d) => d.record.state === 'attempted');
    if (attempted.length > 0) {
      // Left unknown by a crash or an ambiguous answer: look before sending again.
      await this.settleUnknown(member, attempted);
      return false;
    }
    const validityMs = this.options.validityMs;
    if (validityMs !== undefined) {
      const stale = member.queue.filter((d) => d.record.state === 'queued' && this.now() - d.record.enqueuedAt > validityMs);
      if (stale.length > 0) {
        this.finish(member, stale, 'dropped', { reason: 'expired' });
        this.stats.dropped += stale.length;
        this.options.logger.info({ member: member.userId, dropped: stale.length }, 'deliveries past their validity dropped, never sent late');
      }
    }
    const first = member.queue[0];
    if (!first || this.stopped) return false;
    const deliveries = member.queue.filter((d) => d.record.coalesceKey === first.record.coalesceKey);
    const id = `${member.userId}/${first.chunk.alertId}`;
    const attemptedAt = this.now();
    for (const d of deliveries) Object.assign(d.record, { state: 'attempted', attemptedAt, unit: id });
    await this.repo.saveChunks(new Set(deliveries.map((d) => d.chunk)));
    const outcome = await this.options.transport
      .send({ userId: member.userId, id, alertIds: deliveries.map((d) => d.chunk.alertId), deliveries: deliveries.map((d) => d.record) })
      .catch((error: unknown): SendOutcome => ({ kind: 'later', reason: (error as Error)?.message ?? String(error) }));
    return this.settle(member, deliveries, outcome);
  }

  private async settle(member: Member, deliveries: Delivery[], outcome: SendOutcome): Promise<boolean> {
    const { logger } = this.options;
    switch (outcome.kind) {
      case 'sent':
        this.finish(member, deliveries, 'sent', { sid: outcome.ref });
        this.stats.sent += 1;
        return false;
      case 'unknown':
        // It may have arrived: the next turn looks first (the deliveries stay "attempted").
        logger.warn({ member: member.userId, reason: outcome.reason }, 'delivery outcome unknown; checking before sending again');
        return true;
      case 'destination': {
        logger.warn({ member: member.userId, reason: outcome.reason }, 'this member cannot be reached; their queued deliveries are given up');
        const all = [...member.queue];
        this.finish(member, all, 'failed', { reason: outcome.reason });
        this.stats.failed += all.length;
        return false;
      }
      case 'message':
        logger.error({ member: member.userId, reason: outcome.reason }, 'delivery refused; it is given up');
        this.finish(member, deliveries, 'failed', { reason: outcome.reason });
        this.stats.failed += deliveries.length;
        return false;
      case 'later':
        // Nothing went out: the deliveries wait, queued.
        for (const d of deliveries) Object.assign(d.record, { state: 'queued', attemptedAt: undefined, unit: undefined });
        await this.repo.saveChunks(new Set(deliveries.map((d) => d.chunk))).catch(() => undefined);
        logger.warn({ member: member.userId, reason: outcome.reason }, 'delivery not sent; trying again later');
        return true;
    }
  }

  private async settleUnknown(member: Member, attempted: Delivery[]): Promise<void> {
    const since = Math.min(...attempted.map((d) => d.record.attemptedAt ?? d.record.enqueuedAt));
    const found = await this.options.transport.find(member.userId, since);
    const delivered = attempted.filter((d) => found.has(d.chunk.alertId));
    for (const d of delivered) this.finish(member, [d], 'sent', { sid: found.get(d.chunk.alertId) });
    if (delivered.length > 0) this.stats.reconciled += 1;
    const absent = attempted.filter((d) => !delivered.includes(d));
    for (const d of absent) Object.assign(d.record, { state: 'queued', attemptedAt: undefined, unit: undefined });
    if (absent.length > 0) await this.repo.saveChunks(new Set(absent.map((d) => d.chunk)));
  }

  private finish(member: Member, deliveries: Delivery[], state: 'sent' | 'failed' | 'dropped', extra: { sid?: string; reason?: string }): void {
    const done: string[] = [];
    for (const d of deliveries) {
      Object.assign(d.record, { state, ...extra });
      const alert = this.alerts.get(d.chunk.alertId);
      if (alert && --alert.open <= 0) done.push(d.chunk.alertId);
    }
    member.queue = member.queue.filter((d) => !deliveries.includes(d));
    // Written in the background (coalesced per chunk): a crash before it lands leaves "attempted", which
    // the next start reconciles.
    void this.repo.saveChunks(new Set(deliveries.map((d) => d.chunk))).catch(() => undefined);
    for (const alertId of done) this.retire(alertId);
  }
}
