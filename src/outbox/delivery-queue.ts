/**
 * What a per-member outbox holds: each alert's deliveries, durable in the store (OutboxRepo: chunks, then
 * the index, then the alert record) and grouped by member in memory, and the writes that settle them.
 * When and how they are sent is member-outbox.ts's business.
 *
 * Settled deliveries keep no address and no text: only what recognising a repeat needs (SPEC O6).
 */
import { OutboxClosedError, isFinal, toChunks, type OutboxChunk, type OutboxIndex, type OutboxPurges, type OutboxRepo, type StoredDelivery } from '../store/outbox-repo.js';
import type { Logger } from '../log.js';
import { purged } from './pickup.js';
import type { MemberTransport, OutboxItem, OutboxUnit } from './transport.js';

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

export interface Delivery {
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

export interface Unit extends OutboxUnit {
  alertIds: string[];
  deliveries: StoredDelivery[];
  /** The same deliveries, with where they are kept. */
  parts: Delivery[];
}

export interface Member {
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

export interface DeliveryQueueOptions {
  repo: OutboxRepo;
  stats: MemberOutboxStats;
  transport: MemberTransport;
  validityMs: number;
  now: () => number;
  log: Logger;
  /** An alert is done here: its stale index entry is not taken back (pickup.ts). */
  retired: (alertId: string) => void;
}

/** Finished alerts remembered, so enqueuing one again right away is recognised before the store catches up. */
const RECENT_ALERTS = 200;
/** Refs remembered past the validity: a read-back looks a few minutes before its attempt. */
const REF_MEMORY_MS = 10 * 60_000;
/** A delivery with less than this left is not worth starting (an SMS needs a whole second of validity). */
export const LAST_SECOND_MS = 1000;

export class DeliveryQueue {
  readonly members = new Map<string, Member>();
  /** Refs this outbox knows it sent (→ when), so a read-back never claims one of them for another unit. */
  readonly knownRefs = new Map<string, number>();
  private readonly alerts = new Map<string, LiveAlert>();
  private readonly finished = new Map<string, OutboxChunk[]>();
  private readonly enqueueTails = new Map<string, Promise<unknown>>();
  /** Every purge seen, so a unit in flight at the time is dropped when it comes back unsent. */
  private readonly purges: OutboxPurges = {};
  private openCount = 0;

  constructor(private readonly options: DeliveryQueueOptions) {}

  /** Unfinished deliveries right now. */
  get open(): number {
    return this.openCount;
  }

  /** Whether it holds (or just finished) this alert. */
  holds(alertId: string): boolean {
    return this.alerts.has(alertId) || this.finished.has(alertId);
  }

  /** Whether this alert was enqueued before (in this run or, as its record says, an earlier one). */
  async knows(alertId: string): Promise<boolean> {
    return this.holds(alertId) || (await this.options.repo.readAlert(alertId)) !== undefined;
  }

  /**
   * Stores the alert's deliveries for members it has none for yet; durable once resolved. `keep`: this is
   * the sending outbox, which holds them in memory; any other only writes them to the inbox. Answers the
   * members with deliveries taken back from the store on the way (to be woken).
   */
  enqueue(alertId: string, items: readonly OutboxItem[], keep: boolean): Promise<string[]> {
    // One enqueue per alert at a time, so a repeated alert is compared with everything already stored.
    const previous = this.enqueueTails.get(alertId) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(() => (keep ? this.enqueueKept(alertId, items) : this.enqueueStored(alertId, items)));
    this.enqueueTails.set(alertId, next);
    void next.catch(() => undefined).then(() => {
      if (this.enqueueTails.get(alertId) === next) this.enqueueTails.delete(alertId);
    });
    return next;
  }

  private async enqueueKept(alertId: string, items: readonly OutboxItem[]): Promise<string[]> {
    const { repo } = this.options;
    const woken: string[] = [];
    let alert = this.alerts.get(alertId);
    let previous: OutboxChunk[] = alert?.chunks ?? this.finished.get(alertId) ?? [];
    if (!alert && previous.length === 0) {
      const record = await repo.readAlert(alertId);
      const stored = record ? await repo.readChunks(alertId, record.chunks) : [];
      // The outbox's start may have taken the alert back from the index meanwhile.
      alert = this.alerts.get(alertId);
      previous = alert?.chunks ?? this.finished.get(alertId) ?? stored;
      // Unfinished deliveries of an alert missing from the index (a crash between writes) are taken back.
      if (!alert && previous === stored && stored.some((chunk) => chunk.deliveries.some((d) => !isFinal(d.state)))) {
        alert = this.adopt(alertId, stored);
        woken.push(...alert.chunks.flatMap((chunk) => chunk.deliveries.map((d) => d.userId)));
      }
    }
    const enqueuedAt = this.options.now();
    const fresh = newDeliveries(items, previous, enqueuedAt);
    if (fresh.length === 0) return woken;
    const chunks = toChunks(alertId, fresh, chunkCount(previous));
    // Chunks first, then the index that makes them visible to a restart, then the record that
    // recognises the alert once it is done. A crash in between leaves nothing half-visible.
    await repo.saveChunks(chunks);
    alert ??= { id: alertId, chunks: [...previous], open: 0 };
    // Live again (it may have finished while the chunks were written), and counted as unfinished at
    // once so it stays in the index; members see the deliveries only once the index has them.
    if (this.alerts.get(alertId) !== alert) {
      this.alerts.set(alertId, alert);
      this.finished.delete(alertId);
    }
    alert.chunks.push(...chunks);
    alert.open += fresh.length;
    this.openCount += fresh.length;
    try {
      await this.saveIndex();
      await repo.saveAlert(alertId, { chunks: chunkCount(alert.chunks), enqueuedAt });
    } catch (error) {
      // Not durable, so not queued: the caller's retry must find these members new again.
      alert.chunks = alert.chunks.filter((chunk) => !chunks.includes(chunk));
      alert.open -= fresh.length;
      this.openCount -= fresh.length;
      if (alert.open === 0) this.finishAlert(alert);
      throw error;
    }
    for (const chunk of chunks) for (const record of chunk.deliveries) this.member(record.userId).queue.push({ record, chunk, alert });
    return woken;
  }

  /**
   * On a replica that does not send: written to the store only, for the sender to pick up. A copy kept
   * here could be sent again should this replica lead one day.
   */
  private async enqueueStored(alertId: string, items: readonly OutboxItem[]): Promise<string[]> {
    const { repo } = this.options;
    const record = await repo.readAlert(alertId);
    const previous = record ? await repo.readChunks(alertId, record.chunks) : [];
    const enqueuedAt = this.options.now();
    const fresh = newDeliveries(items, previous, enqueuedAt);
    if (fresh.length === 0) return [];
    const first = Math.max(record?.chunks ?? 0, chunkCount(previous));
    const chunks = toChunks(alertId, fresh, first);
    await repo.saveChunks(chunks);
    await repo.addToInbox(alertId, first + chunks.length);
    await repo.saveAlert(alertId, { chunks: first + chunks.length, enqueuedAt });
    return [];
  }

  /** Puts an alert's stored chunks back into the in-memory queue, attempts with them. */
  adopt(alertId: string, chunks: OutboxChunk[]): LiveAlert {
    const alert: LiveAlert = { id: alertId, chunks, open: 0 };
    this.alerts.set(alertId, alert);
    for (const chunk of chunks) {
      for (const record of chunk.deliveries) {
        if (record.state === 'sent' && record.sid) this.rememberRef(record.sid, record.attemptedAt ?? record.enqueuedAt);
        if (isFinal(record.state)) continue;
        const delivery: Delivery = { record, chunk, alert };
        this.member(record.userId).queue.push(delivery);
        alert.open += 1;
        this.openCount += 1;
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

  member(userId: string): Member {
    let member = this.members.get(userId);
    if (!member) {
      member = { userId, queue: [], unknown: [], busy: false, inReady: false, notBefore: 0, failures: 0 };
      this.members.set(userId, member);
    }
    return member;
  }

  /** Writes the index of alerts with unfinished deliveries (coalesced with other writes of it). */
  saveIndex(): Promise<void> {
    return this.options.repo.saveIndex(() => {
      const index: OutboxIndex = {};
      for (const alert of this.alerts.values()) index[alert.id] = chunkCount(alert.chunks);
      return index;
    });
  }

  /** Drops the queued deliveries each purge covers (an attempt in flight is settled as usual). */
  async applyPurges(purges: OutboxPurges): Promise<void> {
    for (const [who, at] of Object.entries(purges)) this.purges[who] = Math.max(this.purges[who] ?? 0, at);
    const doomed: Delivery[] = [];
    for (const member of this.members.values()) for (const d of member.queue) if (purged(purges, d.record)) doomed.push(d);
    if (doomed.length > 0) await this.drop(doomed, 'stopped');
  }

  // ----- forming a unit ------------------------------------------------------------------------------------

  /** The member's oldest queued delivery, with every queued one sharing its coalesce key and address. */
  formUnit(member: Member, id: string): Unit | undefined {
    const expired = member.queue.filter((d) => d.record.state === 'queued' && this.expiresSoon(d.record));
    if (expired.length > 0) void this.drop(expired, 'expired').catch(() => undefined);
    const head = member.queue.find((d) => d.record.state === 'queued');
    if (!head) return undefined;
    const parts = member.queue.filter((d) => d.record.state === 'queued' && d.record.coalesceKey === head.record.coalesceKey && d.record.to === head.record.to);
    let body = this.bodyOf(parts);
    const maxBody = this.options.transport.maxBody ?? Infinity;
    while (body.length > maxBody && parts.length > 1) {
      parts.pop();
      body = this.bodyOf(parts);
    }
    return {
      id,
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
    const { transport } = this.options;
    return texts.length === 1 || !transport.combine ? (texts[0] as string) : transport.combine(texts);
  }

  private expiry(record: StoredDelivery): number {
    return record.enqueuedAt + this.options.validityMs;
  }

  private expiresSoon(record: StoredDelivery): boolean {
    return this.expiry(record) - this.options.now() < LAST_SECOND_MS;
  }

  /** Drops every queued delivery past its validity (while paused nobody's turn comes to do it). */
  dropExpired(): void {
    const expired: Delivery[] = [];
    for (const member of this.members.values()) for (const d of member.queue) if (d.record.state === 'queued' && this.expiresSoon(d.record)) expired.push(d);
    if (expired.length > 0) void this.drop(expired, 'expired').catch(() => undefined);
  }

  // ----- settling ------------------------------------------------------------------------------------------

  /** Durable "attempted" before the request leaves: from here on a crash is reconciled, never resent blind. */
  async markAttempted(unit: Unit): Promise<void> {
    unit.attemptedAt = this.options.now();
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
  }

  markSent(unit: Unit, ref: string, reconciled: boolean): void {
    const { stats } = this.options;
    this.finish(unit.parts, 'sent', { sid: ref });
    this.rememberRef(ref, unit.attemptedAt);
    if (reconciled) stats.reconciled += 1;
    else stats.sent += 1;
    stats.combined += unit.parts.length - 1;
    // Not awaited: if this write is lost, the deliveries read "attempted" and the next start finds the ref.
    void this.save(unit.parts).catch((error: unknown) => {
      if (!(error instanceof OutboxClosedError)) this.options.log.warn({ err: (error as Error).message }, 'could not record a sent delivery');
    });
  }

  fail(unit: Unit, reason: string): void {
    this.finish(unit.parts, 'failed', { reason });
    this.options.stats.failed += unit.parts.length;
    void this.save(unit.parts).catch(() => undefined);
  }

  /** Drops every queued delivery of the member to this address (unsubscribed, opted out, rejected). */
  dropAddress(member: Member, to: string, reason: string): void {
    const doomed = member.queue.filter((d) => d.record.state === 'queued' && d.record.to === to);
    if (doomed.length > 0) void this.drop(doomed, reason).catch(() => undefined);
  }

  /** Deliveries that were definitely not sent go back to "queued" in their place, unless purged meanwhile. */
  requeue(unit: Unit): void {
    this.revert(unit);
    const doomed = unit.parts.filter((d) => purged(this.purges, d.record));
    if (doomed.length > 0) void this.drop(doomed, 'stopped').catch(() => undefined);
    void this.save(unit.parts).catch(() => undefined);
  }

  /**
   * Deliveries never sent (expired, unwanted, purged): final at once, without address or text, counted,
   * and told to the transport. Resolves once stored; if that write is lost they are dropped again at the next start.
   */
  drop(deliveries: Delivery[], reason: string): Promise<void> {
    const live = deliveries.filter((d) => !isFinal(d.record.state));
    if (live.length > 0) {
      try {
        this.options.transport.dropped?.(reason, live.map((d) => d.record));
      } catch (error) {
        this.options.log.error({ err: (error as Error).message }, 'the drop log failed');
      }
    }
    this.finish(live, 'dropped', { reason });
    this.options.stats.dropped += live.length;
    return this.save(deliveries);
  }

  private revert(unit: Unit): void {
    for (const d of unit.parts) {
      if (d.record.state !== 'attempted') continue;
      d.record.state = 'queued';
      delete d.record.attemptedAt;
      delete d.record.unit;
      delete d.record.body;
    }
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
      this.openCount -= 1;
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
    this.options.retired(alert.id);
    if (this.finished.size > RECENT_ALERTS) this.finished.delete(this.finished.keys().next().value as string);
    const record = { chunks: chunkCount(alert.chunks), enqueuedAt: alert.chunks[0]?.deliveries[0]?.enqueuedAt ?? this.options.now() };
    void this.options.repo.saveAlert(alert.id, record).catch(() => undefined);
    void this.saveIndex().catch(() => undefined);
  }

  private save(deliveries: Delivery[]): Promise<void> {
    return this.options.repo.saveChunks(new Set(deliveries.map((d) => d.chunk)));
  }

  private rememberRef(ref: string, at: number): void {
    this.knownRefs.set(ref, at);
    if (this.knownRefs.size % 10_000 !== 0) return;
    const horizon = this.options.now() - this.options.validityMs - REF_MEMORY_MS;
    for (const [known, when] of this.knownRefs) if (when < horizon) this.knownRefs.delete(known);
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
