/**
 * What a sending outbox takes in from the store besides its own work (SPEC O3): every replica may enqueue
 * (a follower queues a welcome SMS) or purge (`/fanfare stop` reaches any replica), only the leader sends.
 * The leader's outbox reads the stored index, the inbox other replicas write to and the purges at start and
 * then every few seconds, takes in the alerts it does not hold, and drops what a purge covers. Shared by the
 * SMS and the per-member outbox.
 */
import type { Logger } from '../log.js';
import { PURGE_ALL, type OutboxChunk, type OutboxPurges, type OutboxRepo, type StoredDelivery } from '../store/outbox-repo.js';

export interface PickupTarget {
  /** Whether the outbox holds (or just finished) this alert. */
  holds(alertId: string): boolean;
  /** Takes in a stored alert's chunks (deliveries not final are queued). */
  adopt(alertId: string, chunks: OutboxChunk[]): void;
  /** Drops the queued deliveries each purge covers. */
  applyPurges(purges: OutboxPurges): Promise<void> | void;
  /** Writes its index (now holding what it took in from the inbox). */
  saveIndex(): Promise<void>;
  /** After a look that took something in: schedule the members. */
  wake(): void;
}

export interface PickupOptions {
  repo: OutboxRepo;
  target: PickupTarget;
  logger: Logger;
  /** No delivery is sent later than this after it was enqueued. */
  validityMs: number;
  now: () => number;
}

/**
 * A finished alert may linger in the stored index (and its chunks' last writes) until they land: it is not
 * taken back meanwhile. Remembered past the validity, after which a stale copy would only be dropped.
 */
const FINISHED_MEMORY_MS = 10 * 60_000;

/** Whether a purge covers this delivery: still queued, and enqueued until its member's (or everyone's) purge. */
export function purged(purges: OutboxPurges, record: StoredDelivery): boolean {
  const at = Math.max(purges[record.userId] ?? -Infinity, purges[PURGE_ALL] ?? -Infinity);
  return record.state === 'queued' && record.enqueuedAt <= at;
}

export class Pickup {
  /** Alert id → when it finished here. */
  private readonly retired = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;
  private looking: Promise<void> | undefined;
  private stopped = false;

  constructor(private readonly options: PickupOptions) {}

  /** The alert is done here: a stale index entry for it is not taken back. */
  retire(alertId: string): void {
    this.retired.set(alertId, this.options.now());
  }

  /** One look at the store: throws when the store does not answer (never taken for "nothing queued"). */
  async once(): Promise<void> {
    const { repo, target } = this.options;
    const purges = await repo.readPurges();
    const index = await repo.readIndex();
    const inbox = await repo.readInbox();
    const horizon = this.options.now() - this.options.validityMs - FINISHED_MEMORY_MS;
    for (const [alertId, at] of this.retired) if (at < horizon) this.retired.delete(alertId);
    for (const [alertId, count] of Object.entries({ ...index, ...inbox })) {
      if (target.holds(alertId) || this.retired.has(alertId)) continue;
      const chunks = await repo.readChunks(alertId, count);
      // An enqueue of the same alert may have taken it in while the chunks were read.
      if (!target.holds(alertId) && !this.stopped) target.adopt(alertId, chunks);
    }
    if (Object.keys(inbox).length > 0 && !this.stopped) {
      // In our index first, then out of the inbox: a crash in between leaves it in both, never in neither.
      await target.saveIndex();
      await repo.takeFromInbox(inbox);
    }
    await target.applyPurges(purges);
  }

  /** Looks again every `everyMs` until stopped; a look still under way is not doubled. */
  every(everyMs: number): void {
    this.timer = setInterval(() => {
      this.looking ??= this.once()
        .then(() => this.options.target.wake())
        .catch((error: unknown) => this.options.logger.warn({ err: (error as Error).message }, 'could not read the outbox from the store; trying again'))
        .finally(() => (this.looking = undefined));
    }, everyMs).unref();
  }

  /**
   * The member (PURGE_ALL: everyone) asked that their queued deliveries go: dropped here at once if this
   * outbox holds them, and by the sending one, on whichever replica, at its next look.
   */
  async purge(userId: string): Promise<void> {
    const at = this.options.now();
    await this.options.target.applyPurges({ [userId]: at });
    await this.options.repo.requestPurge(userId, at, this.options.validityMs);
  }

  purgeAll(): Promise<void> {
    return this.purge(PURGE_ALL);
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
  }
}
