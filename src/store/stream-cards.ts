import type { ObservedStream, StreamAlert, StreamerRef } from '../alerts/types.js';
import { FINISHED_RETENTION_MS, type Store, type StoreArea } from './store.js';

/** What a stream card must show next; the poster works through these in order. */
export type CardOp =
  | { kind: 'live'; alert: StreamAlert }
  | { kind: 'refresh'; streamer: StreamerRef; stream: ObservedStream }
  | { kind: 'ended'; alert: StreamAlert };

/** One streaming session's card in the match channel. */
export interface StreamCardRecord {
  sessionId: string;
  channel: string;
  ts: string | null;
  /** The card post was attempted without a known outcome: look for it before posting again. */
  attempted: boolean;
  attemptedAt: number | null;
  /** Slack refused the images once (it could not download them): the card goes without them. */
  noImages: boolean;
  /** The "ended" reply was attempted without a known outcome: look for it before posting again. */
  endAttempted: boolean;
  pending: CardOp[];
  /** The session ended: the record goes FINISHED_RETENTION_MS after its last change (SPEC O5). */
  ended?: boolean;
}

function ttlOf(record: StreamCardRecord): number | undefined {
  return record.ended ? FINISHED_RETENTION_MS : undefined;
}

export class StreamCardRepo {
  private readonly area: StoreArea<StreamCardRecord>;
  private readonly index: StoreArea<string[]>;

  constructor(store: Store) {
    this.area = store.area('stream-card');
    this.index = store.area('stream-card-index');
  }

  get(sessionId: string): Promise<StreamCardRecord | undefined> {
    return this.area.get(sessionId);
  }

  /** Sessions with card work still to do. */
  async open(): Promise<string[]> {
    return (await this.index.get('open')) ?? [];
  }

  /** Queues card work durably; a session's first op creates its record in `channel`. */
  async enqueue(sessionId: string, channel: string, op: CardOp): Promise<void> {
    await this.area.update(sessionId, (current) => {
      const record = current ?? { sessionId, channel, ts: null, attempted: false, attemptedAt: null, noImages: false, endAttempted: false, pending: [] };
      // A refresh waiting behind another refresh is superseded: only the newest content matters.
      const pending = op.kind === 'refresh' ? record.pending.filter((p) => p.kind !== 'refresh') : record.pending;
      return { ...record, pending: [...pending, op], ended: record.ended || op.kind === 'ended' };
    }, ttlOf);
    await this.index.update('open', (ids = []) => (ids.includes(sessionId) ? ids : [...ids, sessionId]));
  }

  async update(sessionId: string, change: (record: StreamCardRecord) => StreamCardRecord): Promise<StreamCardRecord> {
    const next = await this.area.update(sessionId, (current) => {
      if (!current) throw new Error(`no stream card for ${sessionId}`);
      return change(current);
    }, ttlOf);
    const record = next as StreamCardRecord;
    if (record.pending.length === 0) await this.index.update('open', (ids = []) => ids.filter((id) => id !== sessionId));
    return record;
  }
}
