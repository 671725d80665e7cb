import type { MatchAlert } from '../alerts/types.js';
import { FINISHED_RETENTION_MS, type Store, type StoreArea } from './store.js';

/** An alert waiting to be posted as a thread reply (or to edit one, for a later revision). */
export interface PendingPost {
  alert: MatchAlert;
  /**
   * An attempt was started and its outcome is unknown (crash, timeout): before posting again, Fanfare
   * reads the thread back and looks for the alert's metadata.
   */
  attempted: boolean;
  /** Slack refused it this many times (ok:false); given up after a few. */
  refusals: number;
}

/** One match's Slack thread: where it is, what is posted, what waits. */
export interface ThreadRecord {
  channel: string;
  parentTs: string | null;
  /** The parent post was attempted without a known outcome: look for it before posting again. */
  parentAttempted: boolean;
  /** When the parent was first attempted (unix seconds): where to look for it in the channel history. */
  parentAttemptedAt: number | null;
  /** The parent's current rendering, so unchanged parents are not edited. */
  parentRendered: string | null;
  /** Slack refused the parent as a bad message this many times; after a few, the thread is given up. */
  parentRefusals?: number;
  /** Slack kept refusing the parent: nothing more is posted for this match, and it retires after linger. */
  parentGivenUp?: boolean;
  /** Posted replies: alert id → ts and revision shown. */
  replies: Record<string, { ts: string; revision: number }>;
  pending: PendingPost[];
  /** The match is over and its thread complete: the record goes FINISHED_RETENTION_MS after its last change. */
  retired?: boolean;
  /** The competition's own channel (null: the workspace's): where a thread not posted yet moves to. */
  competitionChannel?: string | null;
  /** Goals are also shown in the channel (the competition's switch, as of the last poll). */
  goalsInChannel?: boolean;
}

/** The competition's settings a thread follows, refreshed every poll. */
export interface ThreadSettings {
  competitionChannel: string | null;
  goalsInChannel: boolean;
}

function ttlOf(thread: ThreadRecord): number | undefined {
  return thread.retired ? FINISHED_RETENTION_MS : undefined;
}

export function emptyThread(channel: string): ThreadRecord {
  return { channel, parentTs: null, parentAttempted: false, parentAttemptedAt: null, parentRendered: null, replies: {}, pending: [] };
}

/**
 * Adds alerts to a thread's queue unless that revision is already posted or queued. Idempotent, so the
 * same alerts derived again after a crash are not queued twice. A newer revision of a queued alert replaces it.
 */
export function enqueueAlerts(thread: ThreadRecord, alerts: MatchAlert[]): ThreadRecord {
  let pending = thread.pending;
  for (const alert of alerts) {
    const posted = thread.replies[alert.id];
    if (posted && posted.revision >= alert.revision) continue;
    const queued = pending.findIndex((p) => p.alert.id === alert.id);
    if (queued >= 0) {
      const existing = pending[queued] as PendingPost;
      if (existing.alert.revision >= alert.revision) continue;
      pending = pending.map((p, i) => (i === queued ? { ...p, alert } : p));
      continue;
    }
    pending = [...pending, { alert, attempted: false, refusals: 0 }];
  }
  return pending === thread.pending ? thread : { ...thread, pending };
}

export class ThreadRepo {
  private readonly area: StoreArea<ThreadRecord>;

  constructor(store: Store) {
    this.area = store.area('thread');
  }

  get(matchKey: string): Promise<ThreadRecord | undefined> {
    return this.area.get(matchKey);
  }

  /** Queues alerts for a match, creating its thread record in `channel` on first use. */
  async enqueue(matchKey: string, channel: string, alerts: MatchAlert[], settings?: ThreadSettings): Promise<ThreadRecord> {
    // A failed read rejects before this runs: an unreadable thread is never replaced by an empty one.
    return (await this.area.update(
      matchKey,
      (current) => {
        const thread = enqueueAlerts(current ?? emptyThread(channel), alerts);
        if (settings === undefined) return thread;
        if (thread.competitionChannel === settings.competitionChannel && thread.goalsInChannel === settings.goalsInChannel) return thread;
        return { ...thread, ...settings };
      },
      ttlOf,
    )) as ThreadRecord;
  }

  async update(matchKey: string, change: (thread: ThreadRecord) => ThreadRecord): Promise<ThreadRecord> {
    return (await this.area.update(
      matchKey,
      (current) => {
        if (!current) throw new Error(`no thread for ${matchKey}`);
        return change(current);
      },
      ttlOf,
    )) as ThreadRecord;
  }

  /** The match is done: its thread record is pruned FINISHED_RETENTION_MS from now (SPEC O5). */
  async retire(matchKey: string): Promise<void> {
    await this.area.update(matchKey, (current) => current && { ...current, retired: true }, ttlOf);
  }
}
