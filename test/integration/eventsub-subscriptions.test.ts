/**
 * Subscriptions against the fake Helix: reconcile makes exactly one of each per followed streamer (a 409
 * is "it exists"), follow changes are applied without listing, a revoked one is made again when that makes
 * sense, and the cost budget (max_total_cost) is respected and said once.
 */
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Subscriptions } from '../../src/twitch/eventsub/subscriptions.js';
import { HelixClient } from '../../src/twitch/helix-client.js';
import { attachFakeEventSub, type FakeEventSub, type FakeSubscription } from '../fakes/eventsub.js';
import { startFakeTwitch, type FakeTwitch } from '../fakes/twitch.js';

let twitch: FakeTwitch;
let eventsub: FakeEventSub;
let followed: string[];
let logs: { msg: string }[];
const CONDUIT = 'conduit-1';

beforeEach(async () => {
  twitch = await startFakeTwitch();
  eventsub = await attachFakeEventSub(twitch);
  eventsub.conduits.set(CONDUIT, { shardSession: null });
  followed = ['1', '2'];
  logs = [];
});

afterEach(async () => {
  await eventsub.close();
  await twitch.close();
});

function subscriptions(): Subscriptions {
  const logger = pino({ level: 'debug' }, { write: (line: string) => void logs.push(JSON.parse(line) as { msg: string }) });
  const helix = new HelixClient({ clientId: twitch.clientId, clientSecret: twitch.clientSecret, apiUrl: twitch.apiUrl, authUrl: twitch.authUrl, logger });
  return new Subscriptions({ helix, followed: async () => followed, conduitId: async () => CONDUIT, logger });
}

const enabled = () =>
  [...eventsub.subscriptions.values()]
    .filter((s) => s.status === 'enabled')
    .map((s) => `${s.type}/${s.condition.broadcaster_user_id}`)
    .sort();

describe('Subscriptions', () => {
  it('reconciles to exactly one online and one offline per followed streamer, twice over', async () => {
    const subs = subscriptions();
    expect(await subs.reconcile()).toBe(true);
    expect(await subscriptions().reconcile()).toBe(true);
    expect(enabled()).toEqual(['stream.offline/1', 'stream.offline/2', 'stream.online/1', 'stream.online/2']);
  });

  it('applies follows and unfollows between reconciles', async () => {
    const subs = subscriptions();
    await subs.reconcile();
    followed = ['2', '3'];
    await subs.sync();
    expect(enabled()).toEqual(['stream.offline/2', 'stream.offline/3', 'stream.online/2', 'stream.online/3']);
  });

  it('makes a revoked subscription again (authorization_revoked), not one whose user is gone', async () => {
    const subs = subscriptions();
    await subs.reconcile();
    const [online1] = [...eventsub.subscriptions.values()].filter((s) => s.type === 'stream.online' && s.condition.broadcaster_user_id === '1');
    const [online2] = [...eventsub.subscriptions.values()].filter((s) => s.type === 'stream.online' && s.condition.broadcaster_user_id === '2');
    eventsub.revoke(online1?.id as string, 'authorization_revoked');
    eventsub.revoke(online2?.id as string, 'user_removed');
    subs.revoked({ ...(online1 as FakeSubscription), status: 'authorization_revoked' });
    subs.revoked({ ...(online2 as FakeSubscription), status: 'user_removed' });
    await subs.sync();
    // A removed user's other subscription is useless too (Twitch revokes both).
    expect(enabled()).toEqual(['stream.offline/1', 'stream.online/1']);
  });

  it('stops at max_total_cost and says so once', async () => {
    eventsub.maxTotalCost = 3;
    followed = ['1', '2', '3'];
    const subs = subscriptions();
    await subs.reconcile();
    await subs.reconcile();
    expect(enabled()).toHaveLength(3);
    expect(logs.filter((l) => l.msg.includes('max_total_cost'))).toHaveLength(1);
  });
});
