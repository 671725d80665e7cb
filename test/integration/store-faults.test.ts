/**
 * A store read that fails is an error, never "absent" (audit finding 3): every read-modify-write fails
 * instead of overwriting, and the work goes through on the next try. Faults are injected below keyv
 * (a failing adapter) and for real (a second SQLite connection holding an exclusive lock).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import type { MatchAlert } from '../../src/alerts/types.js';
import { FootballLoop } from '../../src/football/loop.js';
import type { NeutralMatch } from '../../src/football/model.js';
import type { FootballProvider } from '../../src/football/provider.js';
import { withDefaults } from '../../src/store/competitions.js';
import { FollowRepo } from '../../src/store/follows.js';
import { MatchRepo } from '../../src/store/matches.js';
import { SettingsRepo } from '../../src/store/settings.js';
import { openStore, StoreError, type Store } from '../../src/store/store.js';
import { SubscriberRepo } from '../../src/store/subscribers.js';
import { ThreadRepo } from '../../src/store/threads.js';
import { openFlakyStore, type FlakyStore } from '../fixtures/flaky-store.js';
import { openRawSqlite, type RawSqlite } from '../fixtures/sqlite-file.js';

const cleanups: (() => Promise<unknown>)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
});

async function tempFile(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'fanfare-store-faults-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return path.join(dir, 'fanfare.sqlite');
}

async function open(file: string, busyTimeoutMs?: number): Promise<Store> {
  const store = await openStore(`sqlite://${file}`, { busyTimeoutMs });
  cleanups.push(() => store.close());
  return store;
}

async function openFlaky(file: string): Promise<FlakyStore> {
  const store = await openFlakyStore(file);
  cleanups.push(() => store.close());
  return store;
}

async function openRaw(file: string): Promise<RawSqlite> {
  const raw = await openRawSqlite(file);
  cleanups.push(() => raw.close());
  return raw;
}

function alert(id: string, revision = 0): MatchAlert {
  return { id, revision } as MatchAlert;
}

/** A thread whose parent and first reply are posted. */
async function postedThread(threads: ThreadRepo, key: string): Promise<void> {
  await threads.enqueue(key, 'C1', [alert('goal-1')]);
  await threads.update(key, (t) => ({ ...t, parentTs: '100.1', parentRendered: 'ARG 1-0 FRA', replies: { 'goal-1': { ts: '100.2', revision: 0 } }, pending: [] }));
}

const liveMatch: NeutralMatch = {
  key: { provider: 'fifa', competition: '17', season: '285023', match: '400128082' },
  stageId: '289273',
  kickoff: new Date(Date.now() - 30 * 60_000).toISOString(),
  status: 'live',
  home: { id: '43922', name: 'Argentina', abbreviation: 'ARG', countryCode: 'ARG', logo: null },
  away: { id: '43946', name: 'France', abbreviation: 'FRA', countryCode: 'FRA', logo: null },
  placeholderHome: null,
  placeholderAway: null,
  competitionName: 'FIFA World Cup',
  stageName: 'Final',
  groupName: null,
  score: { home: 0, away: 0 },
  penalties: null,
  clock: "30'",
  phase: null,
  extraTime: null,
  knockout: true,
  winnerTeamId: null,
};
const liveKey = 'fifa:17/285023/400128082';

describe('a failed store read', () => {
  it('rejects with a StoreError and leaves the stored value alone', async () => {
    const file = await tempFile();
    const store = await openFlaky(file);
    const area = store.area<number>('counter');
    await area.set('n', 7);
    store.failReads('counter:', 2);
    await expect(area.get('n')).rejects.toBeInstanceOf(StoreError);
    let changed = false;
    await expect(
      area.update('n', () => {
        changed = true;
        return 0;
      }),
    ).rejects.toBeInstanceOf(StoreError);
    expect(changed).toBe(false);
    expect(await area.get('n')).toBe(7);
  });

  it('never drops a live match from polling (audit B2): the poll fails and the next round polls it', async () => {
    const file = await tempFile();
    const before = await open(file);
    const first = new MatchRepo(before);
    await first.update(liveKey, () => ({ match: liveMatch }));
    await first.addActive(liveKey);
    await before.close();

    // A restart, and the first read of the match record fails.
    const store = await openFlaky(file);
    const matches = new MatchRepo(store);
    let snapshots = 0;
    const feed: FootballProvider = {
      provider: 'fifa',
      matches: async () => null,
      snapshot: async () => {
        snapshots += 1;
        return null;
      },
      teams: async () => null,
    };
    const loop = new FootballLoop({
      providers: { fifa: feed },
      competitions: { list: async () => [withDefaults({ provider: 'fifa', id: '17', season: null })] },
      follows: { followersOfTeam: async () => [] },
      matches,
      threads: new ThreadRepo(store),
      settings: new SettingsRepo(store),
      store,
      poster: { flush: async () => undefined },
      defaultChannel: 'C1',
      matchPollSeconds: 3,
      calendarPollSeconds: 60,
      matchLingerSeconds: 60,
      logger: pino({ level: 'silent' }),
    });
    store.failReads('match:', 1);
    await loop.matchRound();
    expect(store.failedReads).toBe(1);
    expect(await matches.activeKeys()).toEqual([liveKey]);
    await loop.matchRound();
    expect(snapshots).toBe(1);
    expect((await matches.get(liveKey))?.match.status).toBe('live');
  });

  it('never resets a posted thread, so no second parent is posted (audit B3)', async () => {
    const file = await tempFile();
    const store = await openFlaky(file);
    const threads = new ThreadRepo(store);
    await postedThread(threads, 'm1');
    store.failReads('thread:', 1);
    await expect(threads.enqueue('m1', 'C1', [alert('goal-2')])).rejects.toBeInstanceOf(StoreError);
    // The next poll queues the alert again, into the thread as it was.
    const thread = await threads.enqueue('m1', 'C1', [alert('goal-2')]);
    expect(thread.parentTs).toBe('100.1');
    expect(thread.replies).toEqual({ 'goal-1': { ts: '100.2', revision: 0 } });
    expect(thread.pending.map((p) => p.alert.id)).toEqual(['goal-2']);
  });

  it("never wipes a member's follows", async () => {
    const file = await tempFile();
    const store = await openFlaky(file);
    const follows = new FollowRepo(store);
    await follows.followTeam('U1', '43922');
    await follows.followStreamer('U1', '141981764');
    store.failReads('follows:', 1);
    await expect(follows.followTeam('U1', '43946')).rejects.toBeInstanceOf(StoreError);
    expect(await follows.get('U1')).toEqual({ teams: ['43922'], streamers: ['141981764'] });
    expect(await follows.followTeam('U1', '43946')).toEqual({ teams: ['43922', '43946'], streamers: ['141981764'] });
    // A bare FIFA team id is the team key `fifa:<id>`.
    expect(await follows.followersOfTeam('fifa:43922')).toEqual(['U1']);
  });

  it('does not make a subscriber look unsubscribed after the store recovers', async () => {
    const file = await tempFile();
    const before = await open(file);
    await new SubscriberRepo(before).activate('U1', '+447400123456', 'goals');
    await before.close();

    const store = await openFlaky(file);
    const subscribers = new SubscriberRepo(store);
    store.failReads('subscriber:', 1);
    await expect(subscribers.get('U1')).rejects.toBeInstanceOf(StoreError);
    expect((await subscribers.get('U1'))?.status).toBe('active');
  });

  it("keeps the admin's settings", async () => {
    const file = await tempFile();
    const store = await openFlaky(file);
    const settings = new SettingsRepo(store);
    await settings.change({ channel: 'C777', channelPickedBy: 'U9' });
    store.failReads('settings:', 1);
    await expect(settings.change({ broadcastGoals: false })).rejects.toBeInstanceOf(StoreError);
    expect(await settings.get()).toMatchObject({ channel: 'C777', channelPickedBy: 'U9', broadcastGoals: true });
  });
});

describe('a row that does not parse', () => {
  it('is a StoreError on read, and is not overwritten by a read-modify-write', async () => {
    const file = await tempFile();
    const store = await open(file);
    const threads = new ThreadRepo(store);
    await postedThread(threads, 'm1');
    const raw = await openRaw(file);
    await raw.run(`UPDATE keyv SET value = '{"value":{"channel":"C1","parentTs":"100.' WHERE key = 'fanfare:thread:m1'`);
    await expect(threads.get('m1')).rejects.toBeInstanceOf(StoreError);
    await expect(threads.enqueue('m1', 'C1', [alert('goal-2')])).rejects.toBeInstanceOf(StoreError);
    const rows = await raw.all<{ value: string }>(`SELECT value FROM keyv WHERE key = 'fanfare:thread:m1'`);
    expect(rows[0]?.value).toContain('"parentTs":"100.');
  });
});

describe('SQLITE_BUSY: another connection holds the file past the busy timeout', () => {
  it('fails reads and writes with a StoreError, overwrites nothing, and works again once the lock goes', async () => {
    const file = await tempFile();
    const setup = await open(file);
    await postedThread(new ThreadRepo(setup), 'm1');
    await new FollowRepo(setup).followTeam('U1', '43922');
    await new SubscriberRepo(setup).activate('U1', '+447400123456', 'goals');
    const setupMatches = new MatchRepo(setup);
    await setupMatches.update(liveKey, () => ({ match: liveMatch }));
    await setupMatches.addActive(liveKey);
    await setup.close();

    const store = await open(file, 200);
    const threads = new ThreadRepo(store);
    const follows = new FollowRepo(store);
    const subscribers = new SubscriberRepo(store);
    const matches = new MatchRepo(store);
    const other = await openRaw(file);
    await other.exec('BEGIN EXCLUSIVE');

    await expect(threads.enqueue('m1', 'C1', [alert('goal-2')])).rejects.toThrow(/SQLITE_BUSY/);
    await expect(threads.enqueue('m1', 'C1', [alert('goal-2')])).rejects.toBeInstanceOf(StoreError);
    await expect(follows.followTeam('U1', '43946')).rejects.toBeInstanceOf(StoreError);
    await expect(subscribers.get('U1')).rejects.toBeInstanceOf(StoreError);
    await expect(matches.get(liveKey)).rejects.toBeInstanceOf(StoreError);
    await expect(matches.removeActive(liveKey)).rejects.toBeInstanceOf(StoreError);
    await expect(store.sweep(Date.now())).rejects.toBeInstanceOf(StoreError);

    await other.exec('ROLLBACK');
    const thread = await threads.enqueue('m1', 'C1', [alert('goal-2')]);
    expect(thread.parentTs).toBe('100.1');
    expect(Object.keys(thread.replies)).toEqual(['goal-1']);
    expect(thread.pending.map((p) => p.alert.id)).toEqual(['goal-2']);
    expect(await follows.followTeam('U1', '43946')).toEqual({ teams: ['43922', '43946'], streamers: [] });
    expect((await subscribers.get('U1'))?.phone).toBe('+447400123456');
    expect((await matches.get(liveKey))?.match.status).toBe('live');
    expect(await matches.activeKeys()).toEqual([liveKey]);
  });
});
