/**
 * FollowRepo on SQLite, PostgreSQL and Redis: a follow writes the member's record, one relation and one small index
 * page (never a list of every follower); a subject's followers are read in a few round trips; follows
 * stored in the old layout (shared `followers` lists, bare FIFA team ids) are migrated once on start.
 */
import type { KeyvStoreAdapter } from 'keyv';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FollowRepo, PAGE_SIZE } from '../../src/store/follows.js';
import { openStore, type Store } from '../../src/store/store.js';
import { backends } from '../fixtures/store-urls.js';

/** Counts the adapter's reads and the bytes it writes, below keyv. */
interface Meter {
  reads: number;
  largestWrite: number;
}

describe.each(backends())('FollowRepo on $name', (backend) => {
  let url: string;
  let remove: () => Promise<void>;
  const opened: Store[] = [];

  async function open(meter?: Meter): Promise<Store> {
    const wrapAdapter = meter
      ? (adapter: KeyvStoreAdapter): KeyvStoreAdapter =>
          new Proxy(adapter, {
            get(target, property) {
              const value: unknown = Reflect.get(target, property);
              if (property === 'get' || property === 'getMany') {
                return (...args: unknown[]) => {
                  meter.reads += 1;
                  return (value as (...a: unknown[]) => unknown).apply(target, args);
                };
              }
              if (property === 'set') {
                return (key: string, data: unknown, ttl?: number) => {
                  meter.largestWrite = Math.max(meter.largestWrite, JSON.stringify(data).length);
                  return target.set(key, data, ttl);
                };
              }
              return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
            },
          })
      : undefined;
    const store = await openStore(url, { wrapAdapter });
    opened.push(store);
    return store;
  }

  beforeEach(async () => {
    ({ url, remove } = await backend.fresh());
  });

  afterEach(async () => {
    for (const store of opened.splice(0)) await store.close();
    await remove();
  });

  it('lists a team’s followers across pages, and forgets the ones who unfollow', async () => {
    const follows = new FollowRepo(await open());
    const members = Array.from({ length: PAGE_SIZE * 2 + 5 }, (_, i) => `U${String(i).padStart(5, '0')}`);
    for (const userId of members) await follows.followTeam(userId, 'fifa:43922');
    await follows.followTeam('UOTHER', 'espn:359');
    expect((await follows.followersOfTeam('fifa:43922')).sort()).toEqual(members);
    await follows.unfollowTeam(members[3] as string, 'fifa:43922');
    await follows.unfollowTeam(members[PAGE_SIZE + 1] as string, 'fifa:43922');
    const after = await follows.followersOfTeam('fifa:43922');
    expect(after).toHaveLength(members.length - 2);
    expect(after).not.toContain(members[3]);
    expect(await follows.followersOfTeam('espn:359')).toEqual(['UOTHER']);
    expect(await follows.get(members[3] as string)).toEqual({ teams: [], streamers: [] });
  });

  it('writes a few kB per follow and reads a big team in a few round trips, whatever its size', async () => {
    const meter: Meter = { reads: 0, largestWrite: 0 };
    const follows = new FollowRepo(await open(meter));
    for (let i = 0; i < 1000; i += 1) await follows.followTeam(`U${String(i).padStart(6, '0')}`, 'fifa:43922');
    // The old layout rewrote one list of every follower (1000 ids ≈ 14 kB here) on each follow.
    expect(meter.largestWrite).toBeLessThan(PAGE_SIZE * 20);
    meter.reads = 0;
    expect(await follows.followersOfTeam('fifa:43922')).toHaveLength(1000);
    expect(meter.reads).toBeLessThanOrEqual(2);
  }, 60_000);

  it('keeps the list of followed streamers the Twitch poll reads', async () => {
    const follows = new FollowRepo(await open());
    await follows.followStreamer('U1', '141981764');
    await follows.followStreamer('U2', '141981764');
    await follows.followStreamer('U2', '12826');
    expect((await follows.followedStreamers()).sort()).toEqual(['12826', '141981764']);
    await follows.unfollowStreamer('U1', '141981764');
    expect((await follows.followedStreamers()).sort()).toEqual(['12826', '141981764']);
    await follows.forget('U2');
    expect(await follows.followedStreamers()).toEqual([]);
    expect(await follows.followersOfStreamer('141981764')).toEqual([]);
  });

  it('migrates follows stored in the old layout to team keys and the index, once', async () => {
    // The layout before issue 10, written as that version wrote it.
    const old = await open();
    await old.area('follows').set('U1', { teams: ['43922', '43946'], streamers: ['141981764'] });
    await old.area('follows').set('U2', { teams: ['43922'], streamers: [] });
    await old.area('followers').set('team:43922', ['U1', 'U2']);
    await old.area('followers').set('team:43946', ['U1']);
    await old.area('followers').set('streamer:141981764', ['U1']);
    await old.area('followers').set('streamers', ['141981764']);
    await old.close();
    opened.splice(0);

    const store = await open();
    const follows = new FollowRepo(store);
    expect(await follows.migrate()).toEqual({ members: 2 });
    expect(await follows.get('U1')).toEqual({ teams: ['fifa:43922', 'fifa:43946'], streamers: ['141981764'] });
    expect((await follows.followersOfTeam('fifa:43922')).sort()).toEqual(['U1', 'U2']);
    expect(await follows.followersOfTeam('fifa:43946')).toEqual(['U1']);
    expect(await follows.followersOfStreamer('141981764')).toEqual(['U1']);
    expect(await follows.followedStreamers()).toEqual(['141981764']);
    // The shared lists are gone.
    expect(await store.keys('followers')).toEqual([]);
    // Follows and unfollows after the migration keep working on the new layout; a second start changes nothing.
    await follows.unfollowTeam('U2', 'fifa:43922');
    expect(await new FollowRepo(store).migrate()).toBeNull();
    expect(await follows.followersOfTeam('fifa:43922')).toEqual(['U1']);
  });

  it('treats a bare FIFA team id and its team key as the same team', async () => {
    const follows = new FollowRepo(await open());
    await follows.followTeam('U1', '43922');
    expect(await follows.followTeam('U1', 'fifa:43922')).toEqual({ teams: ['43922'], streamers: [] });
    expect(await follows.followersOfTeam('fifa:43922')).toEqual(['U1']);
    expect(await follows.followersOfTeam('43922')).toEqual(['U1']);
    expect(await follows.unfollowTeam('U1', 'fifa:43922')).toEqual({ teams: [], streamers: [] });
    expect(await follows.followersOfTeam('43922')).toEqual([]);
  });

  it('finishes a follow cut short between its index write and the member record', async () => {
    const store = await open();
    const follows = new FollowRepo(store);
    await follows.followTeam('U1', 'fifa:43922');
    // As if the process died after the index was written but before the member record.
    await store.area('follows').set('U1', { teams: [], streamers: [] });
    await follows.followTeam('U1', 'fifa:43922');
    expect(await follows.followersOfTeam('fifa:43922')).toEqual(['U1']);
    expect(await follows.get('U1')).toEqual({ teams: ['fifa:43922'], streamers: [] });
  });
});
