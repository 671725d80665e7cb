/**
 * The SMS outbox's durable state, laid out for throughput: one alert to 10,000 followers is 100 chunk
 * records, not 10,000, and a batch of deliveries changing state costs one write per chunk it touches.
 *
 * - `chunk:<alertId>#<n>`: up to CHUNK_SIZE deliveries of one alert, with their state.
 * - `index`: the alerts that still have unfinished deliveries (alert id → chunk count), in enqueue order.
 *   It is all a restart reads to rebuild the queue.
 * - `alert:<alertId>`: how many chunks an alert has; kept after the alert is done so the same alert
 *   enqueued again (after a crash) is recognised.
 * - `inbox`: alerts queued by a replica that does not send (alert id → chunk count), until the sending
 *   one has taken them into its index.
 * - `purges`: member id (or `*` for everyone) → when they asked that their queued deliveries go (SPEC O6).
 *
 * Every replica may write (a follower queues a welcome SMS, `/fanfare stop` reaches any replica), only the
 * leader sends (SPEC O3). The index is the sender's alone (written whole, no lock on the hot path); the
 * inbox and the purges are changed by read-modify-write under the store's per-key lock, so what several
 * processes write there merges.
 *
 * Records expire `retentionMs` after their last write: by then every delivery in them is past its validity.
 * Writes to one key are coalesced: while one is in flight, later changes wait and go out together in
 * the next, which always carries the newest state.
 */
import type { Store, StoreArea } from './store.js';

export const CHUNK_SIZE = 100;

export type DeliveryState = 'queued' | 'attempted' | 'sent' | 'dropped' | 'failed';

export interface StoredDelivery {
  userId: string;
  /** E.164 for an SMS; the member id for a DM. */
  to: string;
  text: string;
  coalesceKey: string;
  /** When it was enqueued (ms since epoch): its validity runs from here. */
  enqueuedAt: number;
  state: DeliveryState;
  /** When the create call for it started (ms); an "attempted" delivery's outcome is unknown. */
  attemptedAt?: number;
  /** The SMS it went out in: deliveries combined into one SMS share it. */
  unit?: string;
  /** On each part of a combined SMS: the text actually sent (needed to find it at Twilio). */
  body?: string;
  sid?: string;
  /** Why it was dropped or failed. */
  reason?: string;
}

export interface OutboxChunk {
  alertId: string;
  index: number;
  deliveries: StoredDelivery[];
}

export interface OutboxAlertRecord {
  chunks: number;
  enqueuedAt: number;
}

/** Alert id → chunk count, for every alert with unfinished deliveries. */
export type OutboxIndex = Record<string, number>;

/** Member id, or PURGE_ALL → when (ms): their deliveries enqueued until then are dropped. */
export type OutboxPurges = Record<string, number>;
export const PURGE_ALL = '*';

/** An alert's deliveries cut into chunks, numbered on from `first` (the chunks it already has). */
export function toChunks(alertId: string, deliveries: readonly StoredDelivery[], first = 0): OutboxChunk[] {
  const chunks: OutboxChunk[] = [];
  for (let i = 0; i < deliveries.length; i += CHUNK_SIZE) chunks.push({ alertId, index: first + chunks.length, deliveries: deliveries.slice(i, i + CHUNK_SIZE) });
  return chunks;
}

export function isFinal(state: DeliveryState): boolean {
  return state === 'sent' || state === 'dropped' || state === 'failed';
}

const INDEX_KEY = 'index';
const INBOX_KEY = 'inbox';
const PURGES_KEY = 'purges';
const DAY_MS = 86_400_000;

function chunkKey(alertId: string, index: number): string {
  return `chunk:${alertId}#${index}`;
}

/** A copy taken when the write starts: the outbox keeps mutating its records while the store works. */
function snapshotChunk(chunk: OutboxChunk): OutboxChunk {
  return { alertId: chunk.alertId, index: chunk.index, deliveries: chunk.deliveries.map((d) => ({ ...d })) };
}

/** A write asked for after the outbox stopped: it did not happen. */
export class OutboxClosedError extends Error {
  constructor() {
    super('the SMS outbox store is closed');
  }
}

interface KeyWrites {
  running?: Promise<void>;
  queued?: Promise<void>;
}

export class OutboxRepo {
  private readonly chunks: StoreArea<OutboxChunk>;
  private readonly alerts: StoreArea<OutboxAlertRecord>;
  private readonly index: StoreArea<OutboxIndex>;
  private readonly purges: StoreArea<OutboxPurges>;
  private readonly writes = new Map<string, KeyWrites>();
  private readonly retentionMs: number;
  private closed = false;

  /**
   * `validityMs`: deliveries older than this are never sent, so records can go a day after it. `area`: one
   * per outbox (the SMS outbox's `outbox`, the DM sink's `dm-outbox`), same layout.
   */
  constructor(store: Store, validityMs: number, area = 'outbox') {
    this.chunks = store.area(area);
    this.alerts = store.area(area);
    this.index = store.area(area);
    this.purges = store.area(area);
    this.retentionMs = validityMs + DAY_MS;
  }

  async readIndex(): Promise<OutboxIndex> {
    return (await this.index.get(INDEX_KEY)) ?? {};
  }

  readAlert(alertId: string): Promise<OutboxAlertRecord | undefined> {
    return this.alerts.get(`alert:${alertId}`);
  }

  /** The alert's chunks in order; a chunk that never made it to the store is skipped. */
  async readChunks(alertId: string, count: number): Promise<OutboxChunk[]> {
    const found = await Promise.all(Array.from({ length: count }, (_, i) => this.chunks.get(chunkKey(alertId, i))));
    return found.filter((chunk): chunk is OutboxChunk => chunk !== undefined);
  }

  /** Durable once resolved, including every change made to these chunks before the call. */
  saveChunks(chunks: Iterable<OutboxChunk>): Promise<void> {
    const pending: Promise<void>[] = [];
    for (const chunk of chunks) {
      pending.push(this.write(chunkKey(chunk.alertId, chunk.index), () => this.chunks.set(chunkKey(chunk.alertId, chunk.index), snapshotChunk(chunk), this.retentionMs)));
    }
    return Promise.all(pending).then(() => undefined);
  }

  /** `current` is read when the write starts, so concurrent callers share one write of the newest index. */
  saveIndex(current: () => OutboxIndex): Promise<void> {
    return this.write(INDEX_KEY, () => this.index.set(INDEX_KEY, current()));
  }

  async readInbox(): Promise<OutboxIndex> {
    return (await this.index.get(INBOX_KEY)) ?? {};
  }

  /** A replica that does not send: the alert waits here for the sender. */
  async addToInbox(alertId: string, chunks: number): Promise<void> {
    await this.index.update(INBOX_KEY, (current) => ({ ...current, [alertId]: Math.max(current?.[alertId] ?? 0, chunks) }));
  }

  /** The sender's index has these now (an entry that grew meanwhile stays, for the next look). */
  async takeFromInbox(taken: OutboxIndex): Promise<void> {
    await this.index.update(INBOX_KEY, (current) => {
      const next = { ...current };
      for (const [alertId, chunks] of Object.entries(taken)) if ((next[alertId] ?? 0) <= chunks) delete next[alertId];
      return next;
    });
  }

  async readPurges(): Promise<OutboxPurges> {
    return (await this.purges.get(PURGES_KEY)) ?? {};
  }

  /**
   * Asks whichever replica sends to drop `userId`'s (or PURGE_ALL: everyone's) deliveries enqueued until
   * `at`. Kept for `keepMs` (the validity): anything older is never sent anyway.
   */
  async requestPurge(userId: string, at: number, keepMs: number): Promise<void> {
    // Not refused once closed: a member's request outlives this process's outbox (uninstall stops it first).
    await this.purges.update(
      PURGES_KEY,
      (current) => {
        const next: OutboxPurges = {};
        for (const [member, when] of Object.entries(current ?? {})) if (when > at - keepMs) next[member] = when;
        next[userId] = Math.max(next[userId] ?? 0, at);
        return next;
      },
      () => keepMs + DAY_MS,
    );
  }

  saveAlert(alertId: string, record: OutboxAlertRecord): Promise<void> {
    const key = `alert:${alertId}`;
    return this.write(key, () => this.alerts.set(key, { ...record }, this.retentionMs));
  }

  /** Resolves once every write asked for so far has finished (successfully or not). */
  async settled(): Promise<void> {
    while (this.writes.size > 0) {
      await Promise.allSettled([...this.writes.values()].flatMap((w) => [w.running, w.queued]));
    }
  }

  /** Later writes fail: the owner stopped, and whatever was not written is reconciled at the next start. */
  close(): void {
    this.closed = true;
  }

  private write(key: string, perform: () => Promise<void>): Promise<void> {
    if (this.closed) return Promise.reject(new OutboxClosedError());
    let state = this.writes.get(key);
    if (!state) {
      state = {};
      this.writes.set(key, state);
    }
    if (state.queued) return state.queued;
    const entry = state;
    const queued: Promise<void> = (entry.running ?? Promise.resolve())
      .catch(() => undefined)
      .then(() => {
        entry.queued = undefined;
        entry.running = queued;
        // The snapshot is taken here, after the previous write: it carries every change made until now.
        if (this.closed) throw new OutboxClosedError();
        return perform();
      })
      .finally(() => {
        if (entry.running === queued) entry.running = undefined;
        if (!entry.running && !entry.queued && this.writes.get(key) === entry) this.writes.delete(key);
      });
    entry.queued = queued;
    return queued;
  }
}
