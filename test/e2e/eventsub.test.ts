/**
 * EventSub end to end (SPEC T6/T7): the real app attaches a WebSocket session to its conduit, keeps one
 * stream.online and one stream.offline subscription per followed streamer, and turns a notification into
 * the card and the SMS while Helix does not list the stream yet; duplicates, reconnects and dropped
 * sockets lose and repeat nothing; without EventSub the polls work alone.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { attachFakeEventSub, type FakeEventSub } from '../fakes/eventsub.js';
import type { FakeSlack } from '../fakes/slack.js';
import type { FakeTwilio } from '../fakes/twilio.js';
import type { FakeTwitch } from '../fakes/twitch.js';
import { seedFollowedStreamer, useStage } from './fixtures.js';
import type { RunningApp } from './harness.js';

const CHANNEL = 'C0STREAMS';
const SHROUD = { id: '37402112', login: 'shroud' };
const PHONE = '+447400100071';
const FAN = 'U0FAN';

const stage = useStage({ channel: CHANNEL, twilio: true, twitch: true });
let slack: FakeSlack;
let twilio: FakeTwilio;
let twitch: FakeTwitch;
let eventsub: FakeEventSub;
let app: RunningApp | undefined;

beforeEach(async () => {
  ({ slack, twilio, twitch } = stage);
  eventsub = await attachFakeEventSub(twitch);
  await seedFollowedStreamer(stage, { id: SHROUD.id, login: 'shroud', displayName: 'shroud' }, { id: FAN, phone: PHONE });
});

afterEach(async () => {
  await app?.kill('SIGKILL');
  await eventsub.close();
});

function launch(env: Record<string, string> = {}): RunningApp {
  app = stage.launch({ TWITCH_EVENTSUB_URL: eventsub.url, TWITCH_POLL_SECONDS: '1', TWITCH_OFFLINE_GRACE_SECONDS: '2', SMS_RATE_PER_SECOND: '10', ...env });
  return app;
}

const cards = () => slack.channelMessages(CHANNEL).filter((m) => m.metadata?.event_type === 'fanfare_stream');
const texts = () => twilio.messages.filter((m) => m.to === PHONE).map((m) => m.body);
const subs = (broadcaster = SHROUD.id) => [...eventsub.subscriptions.values()].filter((s) => s.condition.broadcaster_user_id === broadcaster && s.status === 'enabled');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The app's session is on shard 0 and both subscriptions exist. */
async function listening(): Promise<string> {
  await slack.waitFor(() => eventsub.shardSession() !== null && subs().length === 2, 20_000);
  return eventsub.shardSession() as string;
}

describe('EventSub through a conduit', () => {
  it('announces stream.online from the event alone while Helix does not list the stream, then draws the title in', async () => {
    launch();
    await listening();
    expect(subs().map((s) => s.type).sort()).toEqual(['stream.offline', 'stream.online']);
    expect(subs().every((s) => s.transport.method === 'conduit' && eventsub.conduits.has(s.transport.conduit_id))).toBe(true);

    expect(eventsub.online(SHROUD, '40300000001')).not.toBeNull();
    await slack.waitFor(() => cards().length === 1 && texts().length === 1, 10_000);
    expect(cards()[0]?.text).toContain('shroud is live');
    expect(texts()[0]).toMatch(/^shroud is live/);

    // Helix catches up: the card gets the title, nobody gets a second alert.
    twitch.goLive(SHROUD.id, { id: '40300000001', title: 'Late title from Helix', game_name: 'VALORANT', viewer_count: 5 });
    await slack.waitFor(() => JSON.stringify(cards()[0]?.blocks).includes('Late title from Helix'), 15_000);
    expect(cards()).toHaveLength(1);
    expect(texts()).toHaveLength(1);

    // stream.offline: the grace starts at once although Helix's cache still lists the stream.
    eventsub.offline(SHROUD);
    const card = cards()[0];
    await slack.waitFor(() => slack.thread(CHANNEL, card?.ts as string).length === 1 && texts().length === 2, 20_000);
    expect(texts()[1]).toMatch(/^shroud is offline/);
  }, 60_000);

  it('does nothing twice for a notification delivered twice, or one stream announced under two message ids', async () => {
    launch();
    await listening();
    const messageId = randomUUID();
    eventsub.online(SHROUD, '40300000002', { messageId });
    eventsub.online(SHROUD, '40300000002', { messageId });
    eventsub.online(SHROUD, '40300000002');
    await slack.waitFor(() => cards().length === 1 && texts().length === 1, 10_000);
    await sleep(2500);
    expect(cards()).toHaveLength(1);
    expect(texts()).toHaveLength(1);
  }, 60_000);

  it('follows session_reconnect without losing a notification sent meanwhile', async () => {
    launch();
    const first = await listening();
    eventsub.reconnect();
    // Sent to the old session, before the new one is welcomed.
    expect(eventsub.online(SHROUD, '40300000003')).not.toBeNull();
    await slack.waitFor(() => cards().length === 1, 10_000);
    await slack.waitFor(() => eventsub.shardSession() !== null && eventsub.shardSession() !== first, 10_000);
    await slack.waitFor(() => eventsub.sessionCount === 1, 10_000);
    eventsub.offline(SHROUD);
    await slack.waitFor(() => texts().length === 2, 20_000);
    expect(texts()[0]).toMatch(/^shroud is live/);
    expect(texts()[1]).toMatch(/^shroud is offline/);
  }, 60_000);

  it('after a dropped socket opens a new session, re-attaches it, and later events still work', async () => {
    launch();
    const first = await listening();
    eventsub.drop(4000);
    await slack.waitFor(() => eventsub.shardSession() !== null && eventsub.shardSession() !== first, 20_000);
    expect(app?.logs.some((l) => l.msg === 'eventsub: Twitch closed the session' && l.code === 4000)).toBe(true);
    eventsub.online(SHROUD, '40300000004');
    await slack.waitFor(() => cards().length === 1 && texts().length === 1, 10_000);
  }, 60_000);

  it('opens a new session when the socket goes silent past the keepalive', async () => {
    eventsub.keepaliveSeconds = 1;
    eventsub.sendKeepalives = false;
    launch();
    const first = await listening();
    await slack.waitFor(() => eventsub.shardSession() !== null && eventsub.shardSession() !== first, 20_000);
  }, 60_000);

  it('deletes the subscriptions when the last follower unfollows', async () => {
    launch();
    await listening();
    await slack.sendEnvelope('interactive', {
      type: 'block_actions',
      user: { id: FAN, username: 'fan', name: 'fan', team_id: slack.teamId },
      api_app_id: slack.appId,
      team: { id: slack.teamId, domain: 'fanfare' },
      trigger_id: `${Date.now()}.${randomUUID()}`,
      container: { type: 'view', view_id: 'VHOME' },
      view: { id: 'VHOME', type: 'home', hash: 'x', private_metadata: '', callback_id: '', state: { values: {} } },
      actions: [{ block_id: 'b', action_ts: '1.2', type: 'button', action_id: 'streamer_remove', value: SHROUD.id }],
    });
    await slack.waitFor(() => subs().length === 0, 20_000);
  }, 60_000);

  it('EventSub unavailable (conduits refused): polling alone still brings the card, said once in the log', async () => {
    twitch.fail('/eventsub/conduits', 403, 1000);
    launch();
    await app?.waitForLog((l) => l.msg === 'eventsub: unavailable; polls carry on alone, retrying with backoff');
    twitch.goLive(SHROUD.id, { id: '40300000005', title: 'Polled', game_name: 'VALORANT', viewer_count: 5 });
    await slack.waitFor(() => cards().length === 1 && texts().length === 1, 20_000);
    expect(app?.logs.filter((l) => l.msg === 'eventsub: unavailable; polls carry on alone, retrying with backoff')).toHaveLength(1);
    expect(eventsub.sessionCount).toBe(0);
  }, 60_000);

  it('TWITCH_EVENTSUB=off: polls only, no conduit and no socket', async () => {
    launch({ TWITCH_EVENTSUB: 'off' });
    twitch.goLive(SHROUD.id, { id: '40300000006', title: 'Polled', game_name: 'VALORANT', viewer_count: 5 });
    await slack.waitFor(() => cards().length === 1, 20_000);
    expect(eventsub.conduits.size).toBe(0);
    expect(eventsub.sessionCount).toBe(0);
  }, 60_000);
});
