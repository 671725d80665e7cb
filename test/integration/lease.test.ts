/**
 * The leader lease on each backend (SQLite, and real PostgreSQL and Redis): one leader at a time, a
 * successor with a larger token, a leader that cannot renew stops before another may start, and a
 * write fenced by a token the store has moved past is refused. Durations are shortened to keep it fast.
 */
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import pino from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { LeaderLease, type LeaseOptions } from '../../src/store/lease.js';
import { openStore, StoreError, type Store, type StoreArea } from '../../src/store/store.js';
import { backends } from '../fixtures/store-urls.js';

const logger = pino({ level: 'silent' });
const TIMING = { durationMs: 1500, renewEveryMs: 200, marginMs: 500 };

describe.each(backends())('leader lease on $name', (backend) => {
  let url: string;
  let remove: () => Promise<void>;
  const leases: LeaderLease[] = [];
  const stores: Store[] = [];

  beforeAll(async () => {
    ({ url, remove } = await backend.fresh());
  });
  afterEach(async () => {
    await Promise.all(leases.splice(0).map((lease) => lease.stop()));
    for (const store of stores.splice(0)) await store.close().catch(() => undefined);
  });
  afterAll(() => remove());

  async function replica(options: Partial<LeaseOptions> = {}, store?: Store): Promise<{ lease: LeaderLease; events: string[]; store: Store }> {
    // SQLite serves one process: its replicas here share one connection, as in-process "processes".
    const own = store ?? (backend.name === 'sqlite' && stores[0] ? stores[0] : await openStore(url));
    if (!stores.includes(own)) stores.push(own);
    const events: string[] = [];
    const lease = new LeaderLease({ store: own, logger, ...TIMING, ...options });
    lease.whenLeading(
      (token) => events.push(`gained ${token}`),
      (reason) => events.push(`lost: ${reason}`),
    );
    leases.push(lease);
    return { lease, events, store: own };
  }

  it('has one leader; when it steps down the other takes over with a larger token', async () => {
    const a = await replica();
    const b = await replica();
    expect(await a.lease.start()).toBe(true);
    expect(await b.lease.start()).toBe(false);
    const first = a.lease.token as number;
    await sleep(TIMING.durationMs * 2);
    // Renewed all along: still the only leader.
    expect([a.lease.isLeader(), b.lease.isLeader()]).toEqual([true, false]);
    expect(a.events).toEqual([`gained ${first}`]);
    await a.lease.stop();
    await expect.poll(() => b.lease.isLeader(), { timeout: 5000 }).toBe(true);
    expect(b.lease.token).toBe(first + 1);
    expect(b.events).toEqual([`gained ${first + 1}`]);
  });

  it('a leader that cannot renew stops before its lease expires, and only then may another lead', async () => {
    // A's connection to the store can be cut: its renewals then fail.
    const own = await openStore(url);
    stores.push(own);
    let cut = false;
    const cuttable: Store = {
      area: <T>(namespace: string): StoreArea<T> => {
        const area = own.area<T>(namespace);
        return { ...area, update: (key, change, ttlOf) => (cut ? Promise.reject(new StoreError('connection lost')) : area.update(key, change, ttlOf)) };
      },
      sweep: (now) => own.sweep(now),
      deleteArea: (namespace) => own.deleteArea(namespace),
      keys: (namespace) => own.keys(namespace),
      close: () => own.close(),
    };
    const a = await replica({}, cuttable);
    expect(await a.lease.start()).toBe(true);
    cut = true;
    const b = await replica();
    await b.lease.start();
    const lostAt = await expectEventually(() => (a.events.some((e) => e.startsWith('lost')) ? Date.now() : undefined));
    const gainedAt = await expectEventually(() => (b.lease.isLeader() ? Date.now() : undefined));
    expect(a.events.at(-1)).toBe('lost: the leader lease could not be renewed in time');
    expect(a.lease.isLeader()).toBe(false);
    // Never two leaders: B led only after A had stopped.
    expect(gainedAt).toBeGreaterThanOrEqual(lostAt);
  });

  it('refuses a fenced write once the store holds a newer token, even before the old leader notices', async () => {
    const a = await replica({ renewEveryMs: 60_000, durationMs: 120_000 });
    expect(await a.lease.start()).toBe(true);
    const fenced = a.lease.fence(a.store).area<string>('threads');
    await fenced.set('m1', 'parent posted');
    await fenced.update('m1', () => 'reply posted');
    // Another process took over (say A was paused for longer than its lease).
    const token = a.lease.token as number;
    await a.store.area('lease').set('leader', { holder: 'other', token: token + 1, expiresAt: Date.now() + 60_000 });
    expect(a.lease.isLeader()).toBe(true);
    await expect(fenced.update('m1', () => 'stale write')).rejects.toBeInstanceOf(StoreError);
    await expect(fenced.set('m1', 'stale write')).rejects.toThrow(/lease moved on/);
    expect(await fenced.get('m1')).toBe('reply posted');
  });
});

async function expectEventually<T>(check: () => T | undefined, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = check();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error('timed out');
    await sleep(20);
  }
}

describe('the SQLite lease after a crash', () => {
  it('is taken at once when the process named in it no longer runs, and waited out while it runs', async () => {
    const { url, remove } = await backends()[0]!.fresh();
    const store = await openStore(url);
    try {
      const crashed = spawnSync(process.execPath, ['-e', '']).pid;
      const leases = store.area<{ holder: string; token: number; expiresAt: number }>('lease');
      await leases.set('leader', { holder: `${os.hostname()}:${crashed}:dead0000`, token: 4, expiresAt: Date.now() + 60_000 });
      const restarted = new LeaderLease({ store, logger, alone: true, ...TIMING });
      expect(await restarted.start()).toBe(true);
      expect(restarted.token).toBe(5);
      await restarted.stop();

      // This very test runner is alive: its lease stands.
      await leases.set('leader', { holder: `${os.hostname()}:${process.ppid}:alive000`, token: 9, expiresAt: Date.now() + 60_000 });
      const second = new LeaderLease({ store, logger, alone: true, ...TIMING });
      expect(await second.start()).toBe(false);
      await second.stop();
    } finally {
      await store.close();
      await remove();
    }
  });
});
