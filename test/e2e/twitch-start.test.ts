/**
 * Issue 8 / audit finding 6: Twitch unreachable at start (network error, 5xx) does not stop Fanfare —
 * Slack connects, football is polled, and streams start once Twitch answers. Only wrong credentials stop
 * it, with one line.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { FakeFifa } from '../fakes/fifa.js';
import type { FakeSlack } from '../fakes/slack.js';
import type { FakeTwitch } from '../fakes/twitch.js';
import { seedFollowedStreamer, useStage } from './fixtures.js';
import type { RunningApp } from './harness.js';

const CHANNEL = 'C0STREAMS';
const SHROUD = '37402112';

const stage = useStage({ channel: CHANNEL, twitch: true });
let slack: FakeSlack;
let twitch: FakeTwitch;
let fifa: FakeFifa;

beforeEach(async () => {
  ({ slack, twitch, fifa } = stage);
  await seedFollowedStreamer(stage, { id: SHROUD, login: 'shroud', displayName: 'shroud' }, { id: 'U0FAN' });
});

function launch(env: Record<string, string> = {}): RunningApp {
  return stage.launch({ CALENDAR_POLL_SECONDS: '0.5', TWITCH_POLL_SECONDS: '0.3', ...env });
}

const cards = () => slack.channelMessages(CHANNEL).filter((m) => m.metadata?.event_type === 'fanfare_stream');
const calendarPolls = () => fifa.requests.filter((r) => r.path.includes('/calendar')).length;

describe('Twitch at start', () => {
  it('answering 503: Slack connects, football is polled, and the stream card comes once Twitch answers', async () => {
    twitch.fail('/token', 503, 8);
    twitch.goLive(SHROUD, { id: '40261982654', title: 'Back online', game_name: 'VALORANT', viewer_count: 10 });
    const running = launch();
    await slack.waitForConnection(20_000);
    const warning = await running.waitForLog((l) => /Twitch is unreachable/.test(l.msg));
    expect(String(warning.problem)).toContain('503');
    const polled = calendarPolls();
    await slack.waitFor(() => calendarPolls() > polled, 10_000);
    await slack.waitFor(() => cards().length === 1, 30_000);
    expect(cards()[0]?.text).toContain('shroud is live');
    expect(running.process.exitCode).toBeNull();
  }, 60_000);

  it('unreachable (connection refused): Fanfare still connects to Slack and polls football', async () => {
    const running = launch({ TWITCH_AUTH_URL: 'http://127.0.0.1:9/oauth2' });
    await slack.waitForConnection(20_000);
    await running.waitForLog((l) => /Twitch is unreachable/.test(l.msg));
    await slack.waitFor(() => calendarPolls() > 1, 10_000);
    expect(running.process.exitCode).toBeNull();
  }, 60_000);

  it('not answering: Slack connects without waiting for Twitch', async () => {
    twitch.hang('/token', 1);
    const running = launch();
    await slack.waitForConnection(20_000);
    await running.waitForLog((l) => l.msg === 'connected to Slack (Socket Mode)');
    // Twitch's token request is still hanging (it times out after 10 s): nobody waited for it.
    expect(running.logs.some((l) => /Twitch is unreachable/.test(l.msg))).toBe(false);
    await running.waitForLog((l) => /Twitch is unreachable/.test(l.msg), 20_000);
    expect(running.process.exitCode).toBeNull();
  }, 60_000);

  it('with a wrong secret: exits 78 (a configuration error) with one line naming TWITCH_CLIENT_SECRET', async () => {
    const running = launch({ TWITCH_CLIENT_SECRET: 'wrong-secret' });
    const exit = await running.exited;
    expect(exit.code).toBe(78);
    expect(running.stderr().trimEnd().split('\n')).toEqual([expect.stringMatching(/^fanfare: TWITCH_CLIENT_SECRET was rejected by Twitch/)]);
  }, 30_000);
});
