/**
 * The SMS outbox's durable state, laid out for throughput: one alert to 10,000 followers is 100 chunk
 * records, not 10,000, and a batch of deliveries changing state costs one write per chunk it touches.
 *
 * - `chunk:<alertId>#<n>`: up to CHUNK_SIZE deliveries of one alert, with their state.
 * - `index`: the alerts that still have unfinished deliveries (alert id → chunk count), in enqueue order.
 *   It is all a restart reads to rebuild the queue.
 * - `alert:<alertId>`: how many chunks an alert has; kept after the alert is done so the same alert
 *   enqueued again (after a crash) is recognised.
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

export function isFinal(state: DeliveryState): boolean {
  return state === 'sent' || state === 'dropped' || state === 'failed';
}

const INDEX_KEY = 'index';
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
