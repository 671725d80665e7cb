/**
 * Twitch streamers end to end: the real app polls the fake Twitch and posts a card in the match channel
 * when a followed streamer goes live, ignores a flap, and on going offline edits the card to "ended" with
 * a reply giving the duration; followers get one "live" and one "offline" SMS per session.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { SettingsRepo } from '../../src/store/settings.js';
import { openStore } from '../../src/store/store.js';
import type { FakeSlack } from '../fakes/slack.js';
import type { FakeTwilio } from '../fakes/twilio.js';
import type { FakeTwitch } from '../fakes/twitch.js';
import { seedFollowedStreamer, useStage } from './fixtures.js';
import type { RunningApp } from './harness.js';

const CHANNEL = 'C0STREAMS';
const SHROUD = '37402112';
const PHONE = '+447400100061';

const stage = useStage({ channel: CHANNEL, twilio: true, twitch: true });
let slack: FakeSlack;
let twilio: FakeTwilio;
let twitch: FakeTwitch;

beforeEach(async () => {
  ({ slack, twilio, twitch } = stage);
  await seedFollowedStreamer(stage, { id: SHROUD, login: 'shroud', displayName: 'shroud' }, { id: 'U0FAN', phone: PHONE });
});

function launch(): RunningApp {
  return stage.launch({ TWITCH_POLL_SECONDS: '0.3', TWITCH_OFFLINE_GRACE_SECONDS: '2', SMS_RATE_PER_SECOND: '10' });
}

const cards = () => slack.channelMessages(CHANNEL).filter((m) => m.metadata?.event_type === 'fanfare_stream');
const texts = () => twilio.messages.filter((m) => m.to === PHONE).map((m) => m.body);

describe('a followed streamer', () => {
  it('goes live, flaps, and goes offline: one card, edited to ended with the duration, and one SMS each way', async () => {
    const startedAt = new Date(Date.now() - (2 * 3600 + 13 * 60) * 1000).toISOString().replace(/\.\d+Z$/, 'Z');
    twitch.goLive(SHROUD, { id: '40261982654', title: 'Ranked grind <!channel> & *bold*', game_name: 'VALORANT', viewer_count: 12345, started_at: startedAt });
    // Slack cannot fetch the new stream's thumbnail yet: the card goes without images instead of not at all.
    slack.fail('chat.postMessage', 'invalid_blocks', 1);
    launch();
    await slack.waitFor(() => cards().length === 1, 20_000);
    const card = cards()[0];
    expect(JSON.stringify(card?.blocks)).not.toContain('"type":"image"');
    expect(card?.text).toContain('shroud is live');
    expect(JSON.stringify(card?.blocks)).toContain('&lt;!channel&gt; &amp;');
    expect(JSON.stringify(card?.blocks)).not.toContain('<!channel>');
    await slack.waitFor(() => texts().length === 1, 10_000);
    expect(texts()[0]).toMatch(/^shroud is live: Ranked grind/);

    // A flap: gone for one poll, then the same stream again. Nothing new.
    twitch.goOffline(SHROUD);
    await new Promise((resolve) => setTimeout(resolve, 700));
    twitch.goLive(SHROUD, { id: '40261982654', title: 'Ranked grind <!channel> & *bold*', game_name: 'VALORANT', viewer_count: 12000, started_at: startedAt });
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect(cards()).toHaveLength(1);
    expect(texts()).toHaveLength(1);

    // Gone for longer than the grace: offline.
    twitch.goOffline(SHROUD);
    await slack.waitFor(() => slack.thread(CHANNEL, card?.ts as string).length === 1, 20_000);
    const [reply] = slack.thread(CHANNEL, card?.ts as string);
    expect(reply?.text).toMatch(/2 h 1[34] min/);
    expect(cards()[0]?.text).toMatch(/was live for 2 h 1[34] min/);
    await slack.waitFor(() => texts().length === 2, 10_000);
    expect(texts()[1]).toMatch(/^shroud is offline after 2 h 1[34] min/);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(cards()).toHaveLength(1);
    expect(texts()).toHaveLength(2);
  }, 60_000);

  it("posts its card in the channel an admin picked for stream cards, not in the match channel (SPEC T8)", async () => {
    const store = await openStore(stage.storeUrl);
    await new SettingsRepo(store).change({ streamsChannel: 'C0CARDS' });
    await store.close();
    twitch.goLive(SHROUD, { id: '40261982900', title: 'Somewhere else', game_name: 'VALORANT', viewer_count: 10 });
    launch();
    const cardsIn = (channel: string) => slack.channelMessages(channel).filter((m) => m.metadata?.event_type === 'fanfare_stream');
    await slack.waitFor(() => cardsIn('C0CARDS').length === 1, 20_000);
    expect(cardsIn(CHANNEL)).toEqual([]);
  });

  it('shows a renamed streamer under the new name, with the same followers', async () => {
    twitch.addUser({ id: SHROUD, login: 'shroudtv', display_name: 'ShroudTV', profile_image_url: 'https://static-cdn.jtvnw.net/shroud.png' });
    twitch.goLive(SHROUD, { id: '40261982800', title: 'New name', game_name: 'VALORANT', viewer_count: 10 });
    launch();
    await slack.waitFor(() => cards().length === 1 && texts().length === 1, 20_000);
    expect(cards()[0]?.text).toContain('ShroudTV is live');
    expect(JSON.stringify(cards()[0]?.blocks)).toContain('twitch.tv/shroudtv');
  }, 60_000);

  it('across restarts: announced once while live, and the offline alert comes after a restart if it ended meanwhile', async () => {
    const startedAt = new Date(Date.now() - 45 * 60 * 1000).toISOString().replace(/\.\d+Z$/, 'Z');
    twitch.goLive(SHROUD, { id: '40261982700', title: 'Aim practice', game_name: 'Counter-Strike', viewer_count: 900, started_at: startedAt });
    let running = launch();
    await slack.waitFor(() => cards().length === 1 && texts().length === 1, 20_000);
    await running.kill('SIGKILL');

    running = launch();
    await running.waitForLog((line) => line.msg === 'connected to Slack (Socket Mode)');
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(cards()).toHaveLength(1);
    expect(texts()).toHaveLength(1);
    await running.kill('SIGKILL');

    // It ends while Fanfare is down, for longer than the grace.
    twitch.goOffline(SHROUD);
    await new Promise((resolve) => setTimeout(resolve, 2500));
    launch();
    const card = cards()[0];
    await slack.waitFor(() => slack.thread(CHANNEL, card?.ts as string).length === 1 && texts().length === 2, 20_000);
    expect(texts()[1]).toMatch(/^shroud is offline after 4[45] min/);
    expect(cards()).toHaveLength(1);
  }, 60_000);
});
