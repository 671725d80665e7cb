/**
 * Results held for members in their quiet hours (SPEC P4), durable until the summary is queued. Keyed by
 * the instant the quiet hours end (`until`, epoch ms): members whose quiet hours end together share one
 * bucket, so the summary scheduler reads the few due buckets, never a scan of every member.
 *   index                       → the pending `until`s
 *   bucket/{until}              → member ids
 *   member/{until}/{userId}     → their results, one per match
 */
import type { HeldResult } from '../alerts/personal.js';
import type { Store, StoreArea } from './store.js';

/** Kept this long after their quiet hours end, should the summary never be queued (a leader down for days). */
const KEEP_MS = 3 * 86_400_000;
/** Members' records written at once. */
const WRITE_CONCURRENCY = 16;

type HeldRecord = number[] | string[] | HeldResult[];

export class QuietHeldRepo {
  private readonly area: StoreArea<HeldRecord>;

  constructor(store: Store) {
    this.area = store.area('quiet-held');
  }

  /**
   * Holds `result` for these members until `until`. The index and bucket are written first, so a member's
   * record is always findable; the same result held again replaces itself (a redelivered alert).
   */
  async hold(until: number, userIds: readonly string[], result: HeldResult, now: number): Promise<void> {
    const ttl = () => until - now + KEEP_MS;
    await this.area.update('index', (current) => [...new Set([...((current as number[] | undefined) ?? []), until])].sort((a, b) => a - b));
    await this.area.update(`bucket/${until}`, (current) => [...new Set([...((current as string[] | undefined) ?? []), ...userIds])], ttl);
    await inBatches(userIds, (userId) =>
      this.area.update(`member/${until}/${userId}`, (current) => [...((current as HeldResult[] | undefined) ?? []).filter((r) => r.matchKey !== result.matchKey), result], ttl),
    );
  }

  /** The `until`s at or before `now`, oldest first. */
  async due(now: number): Promise<number[]> {
    return ((await this.area.get('index')) as number[] | undefined)?.filter((until) => until <= now) ?? [];
  }

  /** Every member held until `until`, with their results (none: nothing was recorded after all). */
  async bucket(until: number): Promise<{ userId: string; results: HeldResult[] }[]> {
    const userIds = ((await this.area.get(`bucket/${until}`)) as string[] | undefined) ?? [];
    const records = await this.area.getMany(userIds.map((userId) => `member/${until}/${userId}`));
    return userIds.map((userId, i) => ({ userId, results: (records[i] as HeldResult[] | undefined) ?? [] }));
  }

  /** Forgets a bucket whose summaries are queued. */
  async done(until: number, userIds: readonly string[]): Promise<void> {
    await inBatches(userIds, (userId) => this.area.delete(`member/${until}/${userId}`));
    await this.area.delete(`bucket/${until}`);
    await this.area.update('index', (current) => {
      const rest = ((current as number[] | undefined) ?? []).filter((u) => u !== until);
      return rest.length > 0 ? rest : undefined;
    });
  }
}

async function inBatches(userIds: readonly string[], write: (userId: string) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < userIds.length; i += WRITE_CONCURRENCY) await Promise.all(userIds.slice(i, i + WRITE_CONCURRENCY).map(write));
}
