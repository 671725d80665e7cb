import type { MatchSummary } from '../alerts/types.js';
import type { NeutralMatch } from '../football/model.js';
import type { MatchState } from '../football/tracker.js';
import { KeyedLock } from './keyed-lock.js';
import { FINISHED_RETENTION_MS, type Store, type StoreArea } from './store.js';

/** What Fanfare remembers about a match it follows. */
export interface MatchRecord {
  /** The latest calendar or scoreboard entry (teams, FIFA's stage id for the timeline URL, status). */
  match: NeutralMatch;
  /** The followed competition it was found in (`fifa:17`, `espn:eng.1`): its channel and switches. */
  competition?: string;
  /** Tracker state; absent until the match was first seen under way. */
  tracker?: MatchState;
  /** What the thread's parent shows, as of the last poll. */
  summary?: MatchSummary;
  /** ISO time the match was first seen finished; polling lingers MATCH_LINGER_SECONDS after it. */
  finishedAt?: string;
  /** Lingering is over: never polled again, kept FINISHED_RETENTION_MS so the calendar cannot bring it back. */
  done?: boolean;
}

/**
 * Tracked matches and the index of those still polled. Records are read back from memory once known:
 * one process owns the polling, and parsing a whole match state every few seconds is its main cost.
 */
export class MatchRepo {
  private readonly records: StoreArea<MatchRecord>;
  private readonly index: StoreArea<string[]>;
  private readonly known = new Map<string, MatchRecord>();
  private readonly lock = new KeyedLock();

  constructor(store: Store) {
    this.records = store.area('match');
    this.index = store.area('match-index');
  }

  async get(key: string): Promise<MatchRecord | undefined> {
    const cached = this.known.get(key);
    if (cached) return cached;
    const stored = await this.records.get(key);
    if (stored && !this.known.has(key)) this.known.set(key, stored);
    return this.known.get(key) ?? stored;
  }

  /**
   * Read-modify-write of one match, one at a time: the calendar refreshing a match's teams must never
   * write back a tracker state that a poll has moved past meanwhile. Written through to the store. A
   * failed read rejects before `change` runs: a record that cannot be read is never taken for absent.
   */
  update(key: string, change: (current: MatchRecord | undefined) => MatchRecord): Promise<MatchRecord> {
    return this.lock.run(key, async () => {
      const next = change(await this.get(key));
      await this.records.set(key, next, next.done ? FINISHED_RETENTION_MS : undefined);
      this.known.set(key, next);
      return next;
    });
  }

  async activeKeys(): Promise<string[]> {
    return (await this.index.get('active')) ?? [];
  }

  async addActive(key: string): Promise<void> {
    await this.index.update('active', (keys = []) => (keys.includes(key) ? keys : [...keys, key]));
  }

  async removeActive(key: string): Promise<void> {
    await this.index.update('active', (keys = []) => keys.filter((k) => k !== key));
    this.known.delete(key);
  }
}
