/**
 * Two replicas on one store (SPEC O3), on SQLite and on the real PostgreSQL and Redis servers: whatever a
 * follower queues (the welcome SMS of a member who subscribed through it) is sent by the leader's outbox
 * without a restart, once, and a purge asked on the follower (`/fanfare stop`) stops the leader sending
 * and leaves no number in the store. The same for the SMS outbox and the generic per-member one (DMs).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import pino from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MemberOutbox } from '../../src/outbox/member-outbox.js';
import type { MemberTransport, OutboxUnit, SendOutcome } from '../../src/outbox/transport.js';
import { SmsOutbox } from '../../src/sms/outbox.js';
import { createTwilioClient } from '../../src/sms/twilio-client.js';
import { OutboxRepo, type OutboxChunk } from '../../src/store/outbox-repo.js';
import { openStore, type Store } from '../../src/store/store.js';
import { SubscriberRepo } from '../../src/store/subscribers.js';
import { startFakeTwilio, type FakeTwilio } from '../fakes/twilio.js';
import { backends } from '../fixtures/store-urls.js';

const logger = pino({ level: 'silent' });

async function until(condition: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await sleep(25);
  }
}

/** Every stored delivery of the area, as the store has it now. */
async function storedDeliveries(store: Store, area: string): Promise<OutboxChunk['deliveries']> {
  const keys = await store.keys(area);
  const chunks = await Promise.all(keys.filter((k) => k.startsWith('chunk:')).map((k) => store.area<OutboxChunk>(area).get(k)));
  return chunks.flatMap((chunk) => chunk?.deliveries ?? []);
}

describe.each(backends())('outbox replicas on $name', (backend) => {
  let url: string;
  let remove: () => Promise<void>;
  let leaderStore: Store;
  let followerStore: Store;
  const stops: (() => Promise<void>)[] = [];

  beforeAll(async () => {
    ({ url, remove } = await backend.fresh());
  });
  afterAll(() => remove());
  afterEach(async () => {
    for (const stop of stops.splice(0)) await stop();
    await leaderStore.close();
    await followerStore.close();
  });

  async function openBoth(): Promise<void> {
    // Two connections, as two processes would have.
    leaderStore = await openStore(url);
    followerStore = await openStore(url);
    await leaderStore.deleteArea('outbox');
    await leaderStore.deleteArea('replica-outbox');
  }

  describe('SMS', () => {
    let fake: FakeTwilio;

    function smsOutbox(store: Store): SmsOutbox {
      const outbox = new SmsOutbox({
        client: createTwilioClient(fake.config(), { timeoutMs: 2000 }),
        messagingServiceSid: fake.messagingServiceSid,
        store,
        subscribers: new SubscriberRepo(store),
        logger,
        ratePerSecond: 50,
        validitySeconds: 600,
        combine: (texts) => texts.join(' / '),
        events: { optedOut: () => undefined, numberRejected: () => undefined, paused: () => undefined, resumed: () => undefined },
        retryBaseMs: 20,
        pauseProbeMs: 60_000,
        pickupMs: 100,
      });
      stops.push(() => outbox.stop());
      return outbox;
    }

    const sentTo = (to: string) => fake.messages.filter((m) => m.direction !== 'inbound' && m.to === to);

    it('sends once what the follower queued, beside the leader\'s own, and leaves the index empty', async () => {
      await openBoth();
      fake = await startFakeTwilio();
      stops.push(() => fake.close());
      const subscribers = new SubscriberRepo(leaderStore);
      await subscribers.activate('U1', '+447400100001', 'everything');
      await subscribers.activate('U2', '+447400100002', 'everything');
      const leader = smsOutbox(leaderStore);
      const follower = smsOutbox(followerStore);
      await leader.start();

      await follower.enqueue('welcome/U1/1', [{ userId: 'U1', to: '+447400100001', text: 'Welcome', coalesceKey: 'welcome/U1' }]);
      await leader.enqueue('m1/goal-1', [{ userId: 'U2', to: '+447400100002', text: 'GOAL', coalesceKey: 'm1' }]);
      await until(() => sentTo('+447400100001').length > 0 && sentTo('+447400100002').length > 0);
      await leader.idle();
      await sleep(300);
      expect(sentTo('+447400100001').map((m) => m.body)).toEqual(['Welcome']);
      expect(sentTo('+447400100002').map((m) => m.body)).toEqual(['GOAL']);
      // Both are done: nothing left in the leader's index nor in the inbox the follower wrote to.
      const repo = new OutboxRepo(followerStore, 0);
      await until(async () => Object.keys({ ...(await repo.readIndex()), ...(await repo.readInbox()) }).length === 0);
    });

    it('a stop asked on the follower drops the member\'s text the leader holds, and no copy of the number stays', async () => {
      await openBoth();
      fake = await startFakeTwilio();
      stops.push(() => fake.close());
      const subscribers = new SubscriberRepo(leaderStore);
      await subscribers.activate('U3', '+447400100003', 'everything');
      // Twilio refuses our account: the leader holds the text, paused, probing only once a minute.
      fake.setAuthToken('rotated-token-0000');
      const leader = smsOutbox(leaderStore);
      const follower = smsOutbox(followerStore);
      await leader.start();
      await leader.enqueue('m1/goal-2', [{ userId: 'U3', to: '+447400100003', text: 'GOAL', coalesceKey: 'm1' }]);
      await until(() => fake.requests.some((r) => r.method === 'POST'));
      await until(() => leader.depth === 1 && leader.stats.sent === 0);
      // Queued by the follower and never picked up before the stop: dropped too.
      await follower.enqueue('welcome/U3/2', [{ userId: 'U3', to: '+447400100003', text: 'Welcome', coalesceKey: 'welcome/U3' }]);

      await follower.purge('U3');
      await until(() => leader.depth === 0);
      fake.setAuthToken(fake.authToken);
      await sleep(300);
      expect(sentTo('+447400100003')).toEqual([]);
      await until(async () => (await storedDeliveries(leaderStore, 'outbox')).every((d) => d.to === '' && d.text === ''));
      expect((await storedDeliveries(leaderStore, 'outbox')).map((d) => d.state).sort()).toEqual(['dropped', 'dropped']);
    });
  });

  describe('per-member outbox (DMs)', () => {
    function memberOutbox(store: Store, t: MemberTransport, retryMs = 50): MemberOutbox {
      const outbox = new MemberOutbox({ store, area: 'replica-outbox', transport: t, label: 'test', logger, retryBaseMs: retryMs, validityMs: 3_600_000, pickupMs: 100 });
      stops.push(() => outbox.stop());
      return outbox;
    }

    function transport(script: SendOutcome[] = []) {
      const units: OutboxUnit[] = [];
      const t: MemberTransport = {
        send: async (unit) => {
          units.push(unit);
          return script.shift() ?? { kind: 'sent', ref: `ts-${units.length}` };
        },
        find: async () => ({ kind: 'absent' }),
      };
      return { t, units };
    }

    const item = (userId: string) => ({ userId, to: userId, text: 'en-GB', coalesceKey: 'm1' });

    it('sends once what the follower queued, and drops what a stop on the follower covers', async () => {
      await openBoth();
      const leaderSide = transport([{ kind: 'later', reason: 'paused' }]);
      const leader = memberOutbox(leaderStore, leaderSide.t, 60_000);
      const follower = memberOutbox(followerStore, transport().t);
      await leader.start();

      // U1's first unit comes to nothing and waits a minute: it is still queued at the leader.
      await leader.enqueue('a1', [item('U1')]);
      leader.send(['U1']);
      await until(() => leaderSide.units.length === 1);
      await follower.enqueue('a2', [item('U2')]);
      await until(() => leaderSide.units.length === 2);
      expect(leaderSide.units[1]?.alertIds).toEqual(['a2']);

      await follower.purge('U1');
      await until(() => leader.stats.dropped === 1);
      await leader.idle();
      expect(leaderSide.units.map((u) => u.alertIds)).toEqual([['a1'], ['a2']]);
      expect(leader.stats).toMatchObject({ sent: 1, dropped: 1 });
      const repo = new OutboxRepo(followerStore, 0, 'replica-outbox');
      await until(async () => Object.keys({ ...(await repo.readIndex()), ...(await repo.readInbox()) }).length === 0);
    });
  });
});
