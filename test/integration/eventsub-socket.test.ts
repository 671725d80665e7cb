/**
 * The EventSub socket against the fake EventSub: attaches each welcomed session, drops repeated message
 * ids, replaces a silent socket (watchdog), follows session_reconnect while the old socket still delivers,
 * and backs off while the server is unreachable, saying so once.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Conduit } from '../../src/twitch/eventsub/conduit.js';
import type { Frame } from '../../src/twitch/eventsub/messages.js';
import { EventSubSocket } from '../../src/twitch/eventsub/socket.js';
import { HelixClient } from '../../src/twitch/helix-client.js';
import { openStore, type Store } from '../../src/store/store.js';
import { attachFakeEventSub, type FakeEventSub } from '../fakes/eventsub.js';
import { startFakeTwitch, type FakeTwitch } from '../fakes/twitch.js';

const SHROUD = { id: '37402112', login: 'shroud' };
let twitch: FakeTwitch;
let eventsub: FakeEventSub;
let store: Store;
let socket: EventSubSocket | undefined;
let logs: { msg: string; [k: string]: unknown }[];
let dir: string;

beforeEach(async () => {
  twitch = await startFakeTwitch();
  eventsub = await attachFakeEventSub(twitch);
  dir = await mkdtemp(path.join(os.tmpdir(), 'fanfare-eventsub-'));
  store = await openStore(`sqlite://${path.join(dir, 'store.sqlite')}`);
  logs = [];
});

afterEach(async () => {
  socket?.stop();
  await eventsub.close();
  await twitch.close();
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

function logger() {
  return pino({ level: 'debug' }, { write: (line: string) => void logs.push(JSON.parse(line) as { msg: string }) });
}

async function until(check: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

function start(url = eventsub.url, extra: Partial<ConstructorParameters<typeof EventSubSocket>[0]> = {}) {
  const log = logger();
  const helix = new HelixClient({ clientId: twitch.clientId, clientSecret: twitch.clientSecret, apiUrl: twitch.apiUrl, authUrl: twitch.authUrl, logger: log });
  const conduit = new Conduit(helix, store.area<string>('eventsub'), log);
  const frames: Frame[] = [];
  socket = new EventSubSocket({ url, onSession: (id) => conduit.attach(id), onFrame: (f) => frames.push(f), logger: log, keepaliveMarginMs: 300, backoffFirstMs: 50, ...extra });
  socket.start();
  return { frames, conduit };
}

/** One online subscription straight in the fake (the socket layer does not manage subscriptions). */
function subscribe(): void {
  const [conduitId] = eventsub.conduits.keys();
  eventsub.subscriptions.set('sub-x', {
    id: 'sub-x',
    type: 'stream.online',
    version: '1',
    status: 'enabled',
    condition: { broadcaster_user_id: SHROUD.id },
    transport: { method: 'conduit', conduit_id: conduitId as string },
    created_at: new Date().toISOString(),
    cost: 1,
  });
}

describe('EventSubSocket', () => {
  it('attaches the welcomed session to shard 0 and remembers the conduit', async () => {
    const { conduit } = start();
    await until(() => eventsub.shardSession() !== null);
    expect(eventsub.conduits.size).toBe(1);
    expect(await store.area<string>('eventsub').get('conduit')).toBe([...eventsub.conduits.keys()][0]);
    expect(await conduit.ensure()).toBe([...eventsub.conduits.keys()][0]);
  });

  it('hands a notification over once, however often its message id comes', async () => {
    const { frames } = start();
    await until(() => eventsub.shardSession() !== null);
    subscribe();
    eventsub.online(SHROUD, '1', { messageId: 'm-1' });
    eventsub.online(SHROUD, '1', { messageId: 'm-1' });
    eventsub.online(SHROUD, '1', { messageId: 'm-2' });
    await until(() => frames.length === 2);
    await new Promise((r) => setTimeout(r, 200));
    expect(frames.map((f) => f.metadata.message_id)).toEqual(['m-1', 'm-2']);
  });

  it('replaces a socket that stays silent past keepalive + margin', async () => {
    eventsub.keepaliveSeconds = 1;
    eventsub.sendKeepalives = false;
    start();
    await until(() => eventsub.shardSession() !== null);
    const first = eventsub.shardSession();
    await until(() => eventsub.shardSession() !== null && eventsub.shardSession() !== first, 5_000);
    expect(logs.some((l) => l.msg.includes('no message for longer than the keepalive'))).toBe(true);
  });

  it('keeps a socket that Twitch keeps alive', async () => {
    eventsub.keepaliveSeconds = 1;
    start();
    await until(() => eventsub.shardSession() !== null);
    const first = eventsub.shardSession();
    await new Promise((r) => setTimeout(r, 3000));
    expect(eventsub.shardSession()).toBe(first);
  });

  it('on session_reconnect the old socket delivers until the new one is welcomed; nothing is lost', async () => {
    const { frames } = start();
    await until(() => eventsub.shardSession() !== null);
    subscribe();
    const first = eventsub.shardSession();
    eventsub.reconnect();
    eventsub.online(SHROUD, '7', { messageId: 'during' });
    await until(() => eventsub.shardSession() !== first && eventsub.sessionCount === 1);
    eventsub.online(SHROUD, '8', { messageId: 'after' });
    await until(() => frames.length === 2);
    expect(frames.map((f) => f.metadata.message_id)).toEqual(['during', 'after']);
  });

  it('while the server is unreachable: retries with backoff and says so once', async () => {
    start('ws://127.0.0.1:1/ws');
    await until(() => logs.filter((l) => l.msg === 'eventsub: retrying').length >= 3);
    expect(logs.filter((l) => l.msg.startsWith('eventsub: not listening'))).toHaveLength(1);
  });
});
