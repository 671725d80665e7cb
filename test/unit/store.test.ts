import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { MatchAlert } from '../../src/alerts/types.js';
import { SettingsRepo } from '../../src/store/settings.js';
import { openStore, StoreError, type Store } from '../../src/store/store.js';
import { emptyThread, enqueueAlerts, ThreadRepo } from '../../src/store/threads.js';

const dirs: string[] = [];
const stores: Store[] = [];

async function freshStore(): Promise<{ store: Store; file: string }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'fanfare-store-'));
  dirs.push(dir);
  const file = path.join(dir, 'nested', 'folder', 'fanfare.sqlite');
  const store = await openStore(`sqlite://${file}`);
  stores.push(store);
  return { store, file };
}

afterEach(async () => {
  await Promise.all(stores.splice(0).map((s) => s.close()));
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

function alert(id: string, revision = 0): MatchAlert {
  return { id, revision } as MatchAlert;
}

describe('store', () => {
  it('creates the SQLite file and its folders on first start, and keeps values across reopening', async () => {
    const { store, file } = await freshStore();
    expect(existsSync(path.dirname(file))).toBe(true);
    await new SettingsRepo(store).change({ channel: 'C123', broadcastGoals: false });
    await store.close();
    stores.splice(stores.indexOf(store), 1);
    const reopened = await openStore(`sqlite://${file}`);
    stores.push(reopened);
    expect(await new SettingsRepo(reopened).get()).toEqual({ channel: 'C123', broadcastGoals: false, postSubstitutions: false, channelPickedBy: null, streamsChannel: null });
  });

  it('serialises concurrent updates of one key so none is lost', async () => {
    const { store } = await freshStore();
    const area = store.area<number>('counter');
    await Promise.all(Array.from({ length: 50 }, () => area.update('n', (n = 0) => n + 1)));
    expect(await area.get('n')).toBe(50);
  });

  it('refuses an unknown store kind with a clear error', async () => {
    await expect(openStore('mysql://x')).rejects.toBeInstanceOf(StoreError);
  });
});

describe('thread queue', () => {
  it('queues each alert revision once, however often it is derived again', async () => {
    const { store } = await freshStore();
    const threads = new ThreadRepo(store);
    await threads.enqueue('m', 'C1', [alert('a'), alert('b')]);
    const again = await threads.enqueue('m', 'C1', [alert('a'), alert('b')]);
    expect(again.pending.map((p) => p.alert.id)).toEqual(['a', 'b']);
  });

  it('skips alerts already posted at that revision and replaces a queued one by its newer revision', () => {
    const thread = { ...emptyThread('C1'), replies: { a: { ts: '1.1', revision: 0 } } };
    const queued = enqueueAlerts(thread, [alert('a'), alert('b')]);
    expect(queued.pending.map((p) => p.alert.id)).toEqual(['b']);
    const revised = enqueueAlerts(queued, [alert('b', 1), alert('a', 1)]);
    expect(revised.pending.map((p) => [p.alert.id, p.alert.revision])).toEqual([
      ['b', 1],
      ['a', 1],
    ]);
  });
});
