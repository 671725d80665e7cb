/**
 * The store behaves the same on SQLite, PostgreSQL and Redis (real servers, from the global setup):
 * reads and writes, TTLs, the sweep, deleting an area, a StoreError when the server is gone, and
 * read-modify-writes that lose nothing when two processes update one key at once.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openStore, StoreError, type Store } from '../../src/store/store.js';
import { SubscriberRepo } from '../../src/store/subscribers.js';
import { startPostgres, startRedis, type TestServer } from '../fixtures/servers.js';
import { backends, freshPostgres, freshRedis, serverBackends } from '../fixtures/store-urls.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const run = promisify(execFile);

describe.each(backends())('store on $name', (backend) => {
  let url: string;
  let remove: () => Promise<void>;
  const stores: Store[] = [];

  beforeAll(async () => {
    ({ url, remove } = await backend.fresh());
  });
  afterEach(async () => {
    for (const store of stores.splice(0)) await store.close().catch(() => undefined);
  });
  afterAll(() => remove());

  async function open(): Promise<Store> {
    const store = await openStore(url);
    stores.push(store);
    return store;
  }

  it('reads back what it wrote, and a deleted or never written key as absent', async () => {
    const store = await open();
    const area = store.area<{ name: string; tags: string[] }>('things');
    await area.set('one', { name: 'Ünïcode ⚽', tags: ['a'] });
    expect(await area.get('one')).toEqual({ name: 'Ünïcode ⚽', tags: ['a'] });
    expect(await area.get('two')).toBeUndefined();
    await area.delete('one');
    expect(await area.get('one')).toBeUndefined();
    // Another connection sees the same data.
    expect(await (await open()).area('things').get('one')).toBeUndefined();
  });

  it('forgets a value once its TTL has passed, and the sweep deletes expired records', async () => {
    const store = await open();
    const codes = store.area<string>('codes');
    await codes.set('short-1', 'x', 150);
    await codes.set('short-2', 'y', 150);
    await codes.set('long', 'z', 60_000);
    await codes.set('forever', 'w');
    await sleep(400);
    const removed = await store.sweep(Date.now());
    // Redis expires keys itself, so its sweep has nothing to do.
    expect(removed).toBe(backend.name === 'redis' ? 0 : 2);
    expect(await codes.get('short-1')).toBeUndefined();
    expect(await codes.get('short-2')).toBeUndefined();
    expect(await codes.get('long')).toBe('z');
    expect(await codes.get('forever')).toBe('w');
  });

  it('deletes one area and leaves the others', async () => {
    const store = await open();
    const numbers = store.area<string>('numbers');
    const numbersTwo = store.area<string>('numbers2');
    await Promise.all(Array.from({ length: 30 }, (_, i) => numbers.set(`U${i}`, `+3361234${i}`)));
    await numbersTwo.set('U1', 'kept');
    await store.deleteArea('numbers');
    expect(await numbers.get('U1')).toBeUndefined();
    expect(await numbers.get('U29')).toBeUndefined();
    expect(await numbersTwo.get('U1')).toBe('kept');
  });

  it('updates keep every change when many run at once in one process, and a TTL can come with the new value', async () => {
    const store = await open();
    const counters = store.area<number>('counters');
    await Promise.all(Array.from({ length: 50 }, () => counters.update('c', (n = 0) => n + 1)));
    expect(await counters.get('c')).toBe(50);
    await counters.update('gone', () => 1, () => 100);
    await sleep(300);
    expect(await counters.get('gone')).toBeUndefined();
    await counters.update('c', () => undefined);
    expect(await counters.get('c')).toBeUndefined();
  });

  it('reads many keys in the order asked, undefined for the absent, across batches of more than 500 keys', async () => {
    const store = await open();
    const members = store.area<{ n: number }>('many');
    const keys = Array.from({ length: 1203 }, (_, i) => `U${i}`);
    // Every third key is absent; the rest are written out of order.
    const present = keys.filter((_, i) => i % 3 !== 0).reverse();
    for (let i = 0; i < present.length; i += 100) await Promise.all(present.slice(i, i + 100).map((key) => members.set(key, { n: Number(key.slice(1)) })));
    const asked = [...keys].reverse();
    const found = await members.getMany(asked);
    expect(found).toHaveLength(asked.length);
    expect(found).toEqual(asked.map((key) => (Number(key.slice(1)) % 3 === 0 ? undefined : { n: Number(key.slice(1)) })));
    expect(await members.getMany([])).toEqual([]);
    // An expired key is absent there too.
    await members.set('short', { n: -1 }, 100);
    await sleep(300);
    expect(await members.getMany(['short', 'U1'])).toEqual([undefined, { n: 1 }]);
  }, 60_000);

  it('takes keys of any length', async () => {
    const store = await open();
    // A competition id an admin typed, a stream alert's id: nothing bounds them to 255 characters.
    const key = `espn:${'x'.repeat(400)}`;
    await store.area<number>('directory').set(key, 1);
    expect(await store.area<number>('directory').get(key)).toBe(1);
    expect(await store.keys('directory')).toEqual([key]);
  });

  it("lists one area's keys, without its prefix, and none of a neighbouring area's", async () => {
    const store = await open();
    const follows = store.area<number>('follows');
    const near = store.area<number>('follows2');
    const keys = Array.from({ length: 250 }, (_, i) => `U${i}:team:fifa:43922`);
    await Promise.all(keys.map((key, i) => follows.set(key, i)));
    await near.set('U1', 1);
    await store.area('other').set('follows:U9', 1);
    expect((await store.keys('follows')).sort()).toEqual([...keys].sort());
    expect(await store.keys('follows2')).toEqual(['U1']);
    expect(await store.keys('nothing')).toEqual([]);
    await store.deleteArea('follows');
    expect(await store.keys('follows')).toEqual([]);
  }, 30_000);
});

describe.each(serverBackends())('two processes on $name', (backend) => {
  it('lose no update when both hammer one key', { timeout: 60_000 }, async () => {
    const { url, remove } = await backend.fresh();
    try {
      const startAt = String(Date.now() + 5000);
      const hammer = () => run(process.execPath, ['--import', 'tsx', 'test/fixtures/hammer.ts', url, 'shared', '300', startAt], { cwd: ROOT, timeout: 50_000 });
      const results = await Promise.all([hammer(), hammer()]);
      expect(results.map((r) => r.stdout.trim())).toEqual(['done', 'done']);
      const store = await openStore(url);
      expect(await store.area<number>('counter').get('shared')).toBe(600);
      await store.close();
    } finally {
      await remove();
    }
  });
});

describe.each(backends().filter((backend) => backend.name === 'postgres'))('a table made by @keyv/postgres on $name', (backend) => {
  it('is read as it was and widened to take long keys', async () => {
    const { url, remove } = await backend.fresh();
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query('CREATE TABLE keyv(key VARCHAR(255) PRIMARY KEY, value TEXT)');
      await client.query(`INSERT INTO keyv VALUES ('fanfare:settings:channel', '{"value":"C0OLD","expires":null}')`);
      const store = await openStore(url);
      expect(await store.area('settings').get('channel')).toBe('C0OLD');
      await store.area('long').set('k'.repeat(300), 1);
      expect(await store.area('long').get('k'.repeat(300))).toBe(1);
      await store.close();
    } finally {
      await client.end();
      await remove();
    }
  });
});

describe.each(serverBackends())('replicas on $name', (backend) => {
  it('see a subscription another replica changed: a member who stops SMS there gets none from the leader', async () => {
    const { url, remove } = await backend.fresh();
    const [leader, follower] = [await openStore(url), await openStore(url)];
    try {
      const leaderView = new SubscriberRepo(leader);
      const followerView = new SubscriberRepo(follower);
      expect(await leaderView.get('U1')).toBeUndefined();
      await followerView.activate('U1', '+447400300001', 'goals');
      expect((await leaderView.get('U1'))?.status).toBe('active');
      await followerView.remove('U1');
      expect(await leaderView.get('U1')).toBeUndefined();
    } finally {
      await Promise.all([leader.close(), follower.close()]);
      await remove();
    }
  });
});

describe.each(serverBackends())('$name gone', (backend) => {
  let server: TestServer;
  beforeAll(async () => {
    server = backend.name === 'postgres' ? await startPostgres() : await startRedis();
  }, 30_000);
  afterAll(() => server?.stop());

  it('fails with a StoreError, never "absent", and opening fails the same way', async () => {
    const { url } = backend.name === 'postgres' ? await freshPostgres(server.url) : await freshRedis(server.url);
    const store = await openStore(url);
    const area = store.area<number>('things');
    await area.set('k', 1);
    await server.stop();
    await expect(area.get('k')).rejects.toBeInstanceOf(StoreError);
    // Many keys at once too: never a list of "absent" values.
    await expect(area.getMany(['k', 'l'])).rejects.toBeInstanceOf(StoreError);
    await expect(area.set('k', 2)).rejects.toBeInstanceOf(StoreError);
    await expect(area.update('k', (n = 0) => n + 1)).rejects.toBeInstanceOf(StoreError);
    // Redis expires keys itself: its sweep asks nothing of the server.
    if (backend.name === 'postgres') await expect(store.sweep(Date.now())).rejects.toBeInstanceOf(StoreError);
    await store.close().catch(() => undefined);
    await expect(openStore(url)).rejects.toBeInstanceOf(StoreError);
  }, 40_000);
});
