/**
 * The repositories behave the same on SQLite, PostgreSQL and Redis (real servers from the global setup):
 * member choices, thread records and the index of polled matches, each written by two replicas at once
 * (two stores on one database), lose nothing; the outbox's records read back as written, in order.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MatchRepo } from '../../src/store/matches.js';
import { DEFAULT_PREFS, MemberPrefsRepo } from '../../src/store/member-prefs.js';
import { OutboxRepo, type OutboxChunk } from '../../src/store/outbox-repo.js';
import { openStore, type Store } from '../../src/store/store.js';
import { ThreadRepo } from '../../src/store/threads.js';
import { backends } from '../fixtures/store-urls.js';

describe.each(backends())('repositories on $name', (backend) => {
  let remove: () => Promise<void>;
  let stores: Store[];

  beforeEach(async () => {
    let url: string;
    ({ url, remove } = await backend.fresh());
    // SQLite serves one process: its "two replicas" are one store, which still checks the per-key lock.
    stores = backend.name === 'sqlite' ? [await openStore(url)] : [await openStore(url), await openStore(url)];
  });

  afterEach(async () => {
    for (const store of stores) await store.close();
    await remove();
  });

  const replica = (i: number): Store => stores[i % stores.length] as Store;

  it("keeps every member choice patched from two replicas at once, defaults for what the member never chose, in the order asked", async () => {
    const [a, b] = [new MemberPrefsRepo(replica(0)), new MemberPrefsRepo(replica(1))];
    await Promise.all([
      a.patch('U1', { dm: 'everything' }),
      b.patch('U1', { quietHours: { from: '23:00', to: '07:00' } }),
      a.patch('U1', { timeZone: 'Europe/Paris' }),
      b.patch('U1', { streamsOnSms: false }),
    ]);
    expect(await a.get('U1')).toEqual({ ...DEFAULT_PREFS, dm: 'everything', quietHours: { from: '23:00', to: '07:00' }, timeZone: 'Europe/Paris', streamsOnSms: false });
    const members = Array.from({ length: 620 }, (_, i) => `U${i}`);
    await Promise.all(members.filter((_, i) => i % 2 === 0).map((userId) => b.patch(userId, { dm: 'off' })));
    const many = await a.getMany(members);
    expect(many.map((prefs) => prefs.dm)).toEqual(members.map((_, i) => (i === 1 ? 'everything' : i % 2 === 0 ? 'off' : 'goals')));
    await b.forget('U2');
    expect(await a.get('U2')).toEqual(DEFAULT_PREFS);
  }, 30_000);

  it('keeps every reply recorded on one thread by two replicas at once, and a retired thread still reads back', async () => {
    const [a, b] = [new ThreadRepo(replica(0)), new ThreadRepo(replica(1))];
    await a.enqueue('fifa:17:m1', 'C1', []);
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        (i % 2 ? a : b).update('fifa:17:m1', (thread) => ({ ...thread, replies: { ...thread.replies, [`e${i}`]: { ts: `1.${i}`, revision: 0 } } })),
      ),
    );
    expect(Object.keys((await b.get('fifa:17:m1'))?.replies ?? {}).sort()).toEqual(Array.from({ length: 20 }, (_, i) => `e${i}`).sort());
    await a.retire('fifa:17:m1');
    expect(await b.get('fifa:17:m1')).toMatchObject({ channel: 'C1', retired: true });
    await expect(b.update('fifa:17:none', (thread) => thread)).rejects.toThrow(/no thread/);
  }, 30_000);

  it('keeps every match added to the polled index by two replicas at once, and drops the removed ones', async () => {
    const [a, b] = [new MatchRepo(replica(0)), new MatchRepo(replica(1))];
    const keys = Array.from({ length: 16 }, (_, i) => `espn:eng.1:m${i}`);
    await Promise.all(keys.map((key, i) => (i % 2 ? a : b).addActive(key)));
    expect((await a.activeKeys()).sort()).toEqual([...keys].sort());
    await Promise.all([a.removeActive(keys[0] as string), b.removeActive(keys[1] as string), a.addActive(keys[2] as string)]);
    expect((await b.activeKeys()).sort()).toEqual(keys.slice(2).sort());
  }, 30_000);

  it("reads the outbox's chunks back in order with the newest change each, its index and its alert records", async () => {
    const outbox = new OutboxRepo(replica(0), 600_000, 'dm-outbox');
    const alertId = 'fifa:17/255711/400128145/e3';
    const chunks: OutboxChunk[] = Array.from({ length: 3 }, (_, index) => ({
      alertId,
      index,
      deliveries: Array.from({ length: 100 }, (_, i) => ({ userId: `U${index}${i}`, to: `U${index}${i}`, text: 'en-GB', coalesceKey: 'fifa:17/255711/400128145', enqueuedAt: 1, state: 'queued' as const })),
    }));
    const index: Record<string, number> = {};
    await Promise.all([outbox.saveChunks(chunks), outbox.saveAlert(alertId, { chunks: 3, enqueuedAt: 1 }), outbox.saveIndex(() => ({ ...index, [alertId]: 3 }))]);
    // Changes made while a write is under way are written after it, never lost.
    chunks[1]!.deliveries[7]!.state = 'sent';
    const first = outbox.saveChunks([chunks[1]!]);
    chunks[1]!.deliveries[8]!.state = 'attempted';
    await Promise.all([first, outbox.saveChunks([chunks[1]!])]);
    await outbox.settled();

    const reader = new OutboxRepo(replica(1), 600_000, 'dm-outbox');
    const read = await reader.readChunks(alertId, 4);
    expect(read.map((chunk) => chunk.index)).toEqual([0, 1, 2]);
    expect(read[1]!.deliveries.slice(6, 9).map((d) => d.state)).toEqual(['queued', 'sent', 'attempted']);
    expect(await reader.readAlert(alertId)).toEqual({ chunks: 3, enqueuedAt: 1 });
    expect(await reader.readIndex()).toEqual({ [alertId]: 3 });
    expect(await new OutboxRepo(replica(1), 600_000).readIndex()).toEqual({});
  }, 30_000);
});
