/**
 * SPEC O5/O6: expired records leave the store (SQLite never expires keys by itself), finished matches'
 * and ended streams' records go 30 days after, and a deleted phone number leaves no bytes in the file.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import type { MatchAlert } from '../../src/alerts/types.js';
import { toCalendarMatch, toTimelineEvents } from '../../src/football/feed.js';
import { RawCalendarMatchSchema, RawTimelineSchema } from '../../src/football/fifa-schemas.js';
import { FootballLoop } from '../../src/football/loop.js';
import { fifaToNeutral } from '../../src/football/fifa-neutral.js';
import { neutralKeyString, type NeutralMatch } from '../../src/football/model.js';
import { SettingsRepo } from '../../src/store/settings.js';
import { MatchRepo } from '../../src/store/matches.js';
import { FINISHED_RETENTION_MS, openStore, startSweeper, type Store } from '../../src/store/store.js';
import { StreamCardRepo } from '../../src/store/stream-cards.js';
import { SubscriberRepo } from '../../src/store/subscribers.js';
import { ThreadRepo } from '../../src/store/threads.js';
import { MatchStatusCode, rawCalendarMatch, rawMatchEnd, rawPeriodEnd, rawPeriodStart } from '../fixtures/fifa-builders.js';
import { openRawSqlite, storeFileBytes } from '../fixtures/sqlite-file.js';

const DAY_MS = 86_400_000;
const cleanups: (() => Promise<unknown>)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
});

async function fresh(): Promise<{ store: Store; file: string }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'fanfare-retention-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  const file = path.join(dir, 'fanfare.sqlite');
  const store = await openStore(`sqlite://${file}`);
  cleanups.push(() => store.close());
  return { store, file };
}

/** Every key in the file, straight from SQLite (keyv would hide expired ones). */
async function storedKeys(file: string): Promise<string[]> {
  const raw = await openRawSqlite(file);
  try {
    return (await raw.all<{ key: string }>('SELECT key FROM keyv ORDER BY key')).map((row) => row.key);
  } finally {
    await raw.close();
  }
}

const match = { key: { provider: 'fifa', competition: '17', season: '1', match: '3' }, stageId: '2', status: 'finished' } as NeutralMatch;

describe('sweep', () => {
  it('deletes expired records and nothing else', async () => {
    const { store, file } = await fresh();
    const codes = store.area<{ e164: string }>('verification');
    await codes.set('U1', { e164: '+447400123456' }, 10 * 60_000);
    await codes.set('U2', { e164: '+447400123457' }, 60 * 60_000);
    await store.area<string>('settings').set('workspace', 'kept');
    expect(await store.sweep(Date.now())).toBe(0);
    expect(await store.sweep(Date.now() + 11 * 60_000)).toBe(1);
    expect(await storedKeys(file)).toEqual(['fanfare:settings:workspace', 'fanfare:verification:U2']);
  });

  it('leaves a row that does not parse to its reader instead of failing', async () => {
    const { store, file } = await fresh();
    await store.area<number>('outbox').set('old', 1, 1000);
    const raw = await openRawSqlite(file);
    await raw.run(`INSERT INTO keyv (key, value) VALUES ('fanfare:broken:x', '{"value":')`);
    await raw.close();
    expect(await store.sweep(Date.now() + 2000)).toBe(1);
    expect(await storedKeys(file)).toEqual(['fanfare:broken:x']);
  });

  it('runs at start and again on its interval', async () => {
    const { store, file } = await fresh();
    await store.area<number>('outbox').set('a', 1, 1);
    let now = Date.now() + 1000;
    const stop = startSweeper(store, pino({ level: 'silent' }), 50, () => now);
    cleanups.push(async () => stop());
    await expect.poll(() => storedKeys(file), { timeout: 5000 }).toEqual([]);
    await store.area<number>('outbox').set('b', 1, 60_000);
    now += 120_000;
    await expect.poll(() => storedKeys(file), { timeout: 5000 }).toEqual([]);
  });
});

describe('retention of finished work (O5)', () => {
  it("prunes a finished match's record and thread 30 days after it is done, not before", async () => {
    const { store, file } = await fresh();
    const matches = new MatchRepo(store);
    const threads = new ThreadRepo(store);
    await matches.update('m', () => ({ match }));
    await threads.enqueue('m', 'C1', [{ id: 'goal', revision: 0 } as MatchAlert]);
    await threads.update('m', (t) => ({ ...t, parentTs: '1.1', pending: [], replies: { goal: { ts: '1.2', revision: 0 } } }));
    await threads.retire('m');
    await matches.update('m', (current) => ({ ...current!, done: true }));
    // A late parent edit after retiring keeps the thread's retention.
    await threads.update('m', (t) => ({ ...t, parentRendered: 'final' }));
    const now = Date.now();
    expect(await store.sweep(now + FINISHED_RETENTION_MS - DAY_MS)).toBe(0);
    expect(await storedKeys(file)).toEqual(['fanfare:match:m', 'fanfare:thread:m']);
    expect(await store.sweep(now + FINISHED_RETENTION_MS + DAY_MS)).toBe(2);
    expect(await storedKeys(file)).toEqual([]);
  });

  it('retires the thread of a match the loop stops following, so both go after the retention', async () => {
    const { store, file } = await fresh();
    const matches = new MatchRepo(store);
    const threads = new ThreadRepo(store);
    const fifaMatch = toCalendarMatch(RawCalendarMatchSchema.parse(rawCalendarMatch({ MatchStatus: MatchStatusCode.Finished, HomeTeamScore: 0, AwayTeamScore: 0 })), 'en-GB');
    const { match: finished, events } = fifaToNeutral({
      match: fifaMatch,
      events: toTimelineEvents(
        RawTimelineSchema.parse({ Event: [rawPeriodStart(3), rawPeriodEnd(3), rawPeriodStart(5), rawPeriodEnd(5), rawMatchEnd()] }).Event,
        'en-GB',
      ),
    });
    const key = neutralKeyString(finished.key);
    await matches.update(key, () => ({ match: finished }));
    await matches.addActive(key);
    const loop = new FootballLoop({
      providers: { fifa: { provider: 'fifa', matches: async () => null, snapshot: async () => ({ match: finished, events }), teams: async () => null } },
      competitions: { list: async () => [] },
      follows: { followersOfTeam: async () => [] },
      matches,
      threads,
      settings: new SettingsRepo(store),
      store,
      // Slack took every post.
      poster: { flush: (k) => threads.update(k, (t) => ({ ...t, parentTs: '1.1', pending: [] })).then(() => undefined) },
      defaultChannel: 'C1',
      matchPollSeconds: 3,
      calendarPollSeconds: 60,
      matchLingerSeconds: 0,
      logger: pino({ level: 'silent' }),
    });
    await loop.matchRound();
    await loop.stop();
    await loop.matchRound();
    expect(await matches.activeKeys()).toEqual([]);
    expect((await threads.get(key))?.retired).toBe(true);
    expect(await store.sweep(Date.now() + FINISHED_RETENTION_MS - DAY_MS)).toBe(0);
    expect(await store.sweep(Date.now() + FINISHED_RETENTION_MS + DAY_MS)).toBe(2);
    expect(await storedKeys(file)).toEqual(['fanfare:match-index:active']);
  });

  it('keeps a live match and an open thread however long they run', async () => {
    const { store, file } = await fresh();
    await new MatchRepo(store).update('m', () => ({ match }));
    await new ThreadRepo(store).enqueue('m', 'C1', []);
    expect(await store.sweep(Date.now() + 365 * DAY_MS)).toBe(0);
    expect(await storedKeys(file)).toEqual(['fanfare:match:m', 'fanfare:thread:m']);
  });

  it("prunes an ended stream's card 30 days after, and keeps a live one", async () => {
    const { store, file } = await fresh();
    const cards = new StreamCardRepo(store);
    const streamer = { id: '1', login: 'a', displayName: 'A', profileImageUrl: null };
    const stream = { id: 's', title: 't' } as never;
    await cards.enqueue('live', 'C1', { kind: 'refresh', streamer, stream });
    await cards.enqueue('over', 'C1', { kind: 'ended', alert: {} as never });
    await cards.update('over', (r) => ({ ...r, ts: '1.1', pending: [] }));
    expect(await store.sweep(Date.now() + FINISHED_RETENTION_MS - DAY_MS)).toBe(0);
    expect(await store.sweep(Date.now() + FINISHED_RETENTION_MS + DAY_MS)).toBe(1);
    expect(await storedKeys(file)).toEqual(['fanfare:stream-card-index:open', 'fanfare:stream-card:live']);
  });
});

describe('a deleted number leaves no trace in the file (secure_delete)', () => {
  it('is gone from the bytes once deleted, and once expired and swept', async () => {
    const { store, file } = await fresh();
    const subscribers = new SubscriberRepo(store);
    const filler = store.area<string>('filler');
    for (let i = 0; i < 20; i++) await filler.set(`k${i}`, 'x'.repeat(200));
    await subscribers.activate('U1', '+447400123456', 'goals');
    await store.area<{ to: string }>('outbox').set('chunk:a#0', { to: '+447400654321' }, 1);
    // The scan can see a number while it is stored.
    expect((await storeFileBytes(file)).includes('+447400123456')).toBe(true);
    expect((await storeFileBytes(file)).includes('+447400654321')).toBe(true);

    await subscribers.remove('U1');
    expect(await store.sweep(Date.now() + 1000)).toBe(1);
    await store.close();
    const bytes = await storeFileBytes(file);
    expect(bytes.includes('+447400123456')).toBe(false);
    expect(bytes.includes('+447400654321')).toBe(false);
    expect(bytes.includes('x'.repeat(200))).toBe(true);
  });

  it('is gone too when the number was written before this start (the pragma holds on every connection)', async () => {
    const { store, file } = await fresh();
    await new SubscriberRepo(store).activate('U1', '+447400123456', 'goals');
    await store.close();
    const reopened = await openStore(`sqlite://${file}`);
    cleanups.push(() => reopened.close());
    await new SubscriberRepo(reopened).remove('U1');
    await reopened.close();
    expect((await storeFileBytes(file)).includes('+447400123456')).toBe(false);
  });
});
