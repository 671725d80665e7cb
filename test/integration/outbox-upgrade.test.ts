/**
 * An upgrade keeps what was queued: SMS deliveries written into a real SQLite file by the previous
 * release's outbox (rows as it left them, put there with plain SQL) are sent after the upgrade, a
 * delivery it left "attempted" is looked up at Twilio before anything is sent again, and what was already
 * sent is not sent again.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { SmsOutbox } from '../../src/sms/outbox.js';
import { createTwilioClient } from '../../src/sms/twilio-client.js';
import { openStore, type Store } from '../../src/store/store.js';
import { SubscriberRepo } from '../../src/store/subscribers.js';
import { startFakeTwilio, type FakeTwilio } from '../fakes/twilio.js';
import { openRawSqlite } from '../fixtures/sqlite-file.js';

let dir: string;
let fake: FakeTwilio;
let store: Store;
let outbox: SmsOutbox;

afterEach(async () => {
  await outbox.stop();
  await store.close();
  await fake.close();
  await rm(dir, { recursive: true, force: true });
});

describe('SMS outbox after an upgrade', () => {
  it('sends the deliveries the previous release left queued or attempted in the store, once each', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'fanfare-outbox-upgrade-'));
    const file = path.join(dir, 'store.sqlite');
    fake = await startFakeTwilio();
    const now = Date.now();
    // The store's table, and three subscribers.
    const before = await openStore(`sqlite://${file}`);
    const subscribers = new SubscriberRepo(before);
    for (const i of [1, 2, 3]) await subscribers.activate(`U${i}`, `+44740010000${i}`, 'everything');
    await before.close();

    // The previous release's rows: the index, the alert records, and chunks of deliveries in every state.
    const expires = now + 86_400_000;
    const row = (key: string, value: unknown, ttl = true) => [`fanfare:outbox:${key}`, JSON.stringify(ttl ? { value, expires } : { value })];
    const delivery = (user: number, extra: Record<string, unknown>) => ({
      userId: `U${user}`, to: `+44740010000${user}`, text: `GOAL for U${user}`, coalesceKey: 'm1', enqueuedAt: now - 30_000, ...extra,
    });
    const rows = [
      row('index', { 'm1/e2': 1, 'welcome/U3/1': 1 }, false),
      row('alert:m1/e2', { chunks: 1, enqueuedAt: now - 30_000 }),
      row('alert:welcome/U3/1', { chunks: 1, enqueuedAt: now - 30_000 }),
      row('chunk:m1/e2#0', {
        alertId: 'm1/e2',
        index: 0,
        deliveries: [
          delivery(1, { state: 'queued' }),
          // In flight when the old process stopped; Twilio never got it.
          delivery(2, { state: 'attempted', attemptedAt: now - 20_000, unit: 'u-old-2' }),
          delivery(3, { state: 'sent', to: '', text: '', sid: 'SM0000000000000000000000000000old', attemptedAt: now - 25_000, unit: 'u-old-3' }),
        ],
      }),
      row('chunk:welcome/U3/1#0', { alertId: 'welcome/U3/1', index: 0, deliveries: [{ ...delivery(3, { state: 'queued' }), text: 'Welcome', coalesceKey: 'welcome/U3' }] }),
    ];
    const raw = await openRawSqlite(file);
    for (const [key, value] of rows) await raw.run('INSERT INTO keyv (key, value) VALUES (?, ?)', key, value);
    await raw.close();

    store = await openStore(`sqlite://${file}`);
    outbox = new SmsOutbox({
      client: createTwilioClient(fake.config(), { timeoutMs: 2000 }),
      messagingServiceSid: fake.messagingServiceSid,
      store,
      subscribers: new SubscriberRepo(store),
      logger: pino({ level: 'silent' }),
      ratePerSecond: 50,
      validitySeconds: 600,
      combine: (texts) => texts.join(' / '),
      events: { optedOut: () => undefined, numberRejected: () => undefined, paused: () => undefined, resumed: () => undefined },
      retryBaseMs: 20,
    });
    await outbox.start();
    await outbox.idle();

    const sent = fake.messages.filter((m) => m.direction !== 'inbound').map((m) => `${m.to} ${m.body}`).sort();
    expect(sent).toEqual(['+447400100001 GOAL for U1', '+447400100002 GOAL for U2', '+447400100003 Welcome']);
    expect(outbox.stats).toMatchObject({ sent: 3, reconciled: 0, retried: 1 });
    // Done: out of the index, and no number or text left in the deliveries.
    const check = await openRawSqlite(file);
    const left = await check.all<{ key: string; value: string }>("SELECT key, value FROM keyv WHERE key LIKE 'fanfare:outbox:%'");
    await check.close();
    expect(JSON.parse(left.find((r) => r.key === 'fanfare:outbox:index')?.value ?? '{}').value).toEqual({});
    for (const r of left.filter((r) => r.key.includes(':chunk:'))) expect(r.value).not.toMatch(/\+44740|GOAL|Welcome/);
  });
});
