/**
 * The real app with HEALTH_PORT (SPEC O4): /healthz follows the Slack connection, and /metrics counts
 * what a user sees happen as a match plays (every post, every failed FIFA poll), and it names each
 * source switched on (FIFA, ESPN, Twitch) with the age of its last good poll.
 */
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { espnDay } from '../../src/football/espn/dates.js';
import { startFakeEspn } from '../fakes/espn.js';
import { startFakeTwitch } from '../fakes/twitch.js';
import { ESPN_TEAMS, espnScoreboard, espnScoreboardEvent } from '../fixtures/espn-builders.js';
import { serveRecordingAt, steps } from './recorded-match.js';
import { EXPECTED_REPLIES, fifa, launch, play, slack, useMatchStage, waitForReplies } from './match-stage.js';

useMatchStage();

/** A port nothing listens on right now. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function healthz(port: number): Promise<{ status: number; body: Record<string, unknown> } | null> {
  try {
    const response = await fetch(`http://127.0.0.1:${port}/healthz`);
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  } catch {
    return null; // not listening yet
  }
}

async function waitForHealth(port: number, status: number, timeoutMs = 30_000): Promise<Record<string, unknown>> {
  const deadline = Date.now() + timeoutMs;
  let last: Awaited<ReturnType<typeof healthz>> = null;
  while (Date.now() < deadline) {
    last = await healthz(port);
    if (last?.status === status) return last.body;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`/healthz never answered ${status}; last: ${JSON.stringify(last)}`);
}

/** Every sample on /metrics, by series name with labels (`fanfare_alerts_posted_total{kind="match-reply"}`). */
async function scrape(port: number): Promise<Map<string, number>> {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  const samples = new Map<string, number>();
  for (const line of text.split('\n')) {
    const match = /^(\S+) (\S+)$/.exec(line);
    if (match && !line.startsWith('#')) samples.set(match[1] as string, Number(match[2]));
  }
  return samples;
}

const value = (samples: Map<string, number>, series: string) => samples.get(series) ?? 0;

describe('health and metrics of the running app', () => {
  it('are healthy once Slack connects, and count every post and every failed poll as a match plays', async () => {
    const port = await freePort();
    const moments = steps(8);
    serveRecordingAt(fifa, moments[0] as number);
    const app = launch({ HEALTH_PORT: String(port) });
    const status = await waitForHealth(port, 200);
    expect(status).toMatchObject({ ok: true, slack: { connected: true }, store: { ok: true }, leader: true });
    expect(app.logs.some((line) => line.msg === 'serving /healthz and /metrics' && line.port === port)).toBe(true);
    const before = await scrape(port);
    // The kick-off reply may already be out (posts are paced at 100 ms here); the rest come as the match plays.
    expect(value(before, 'fanfare_alerts_posted_total{kind="match-reply"}')).toBeLessThanOrEqual(1);
    expect(value(before, 'fanfare_leader')).toBe(1);
    expect(value(before, 'fanfare_slack_connected')).toBe(1);

    await play(moments.slice(0, 3));
    fifa.fault('/timelines/', 'status500', 3);
    await play(moments.slice(3));
    await waitForReplies(EXPECTED_REPLIES.length);

    const after = await scrape(port);
    expect(value(after, 'fanfare_alerts_posted_total{kind="match-parent"}')).toBe(1);
    expect(value(after, 'fanfare_alerts_posted_total{kind="match-reply"}')).toBe(EXPECTED_REPLIES.length);
    // The FIFA client retries within a poll, so three 500s fail at least one poll.
    expect(value(after, 'fanfare_poll_errors_total{source="fifa"}')).toBeGreaterThan(value(before, 'fanfare_poll_errors_total{source="fifa"}'));
    expect(after.get('fanfare_last_good_poll_age_seconds{source="fifa"}')).toBeLessThan(30);
    const health = await waitForHealth(port, 200);
    expect(health).toMatchObject({ sources: { fifa: { lastGoodPollAgeSeconds: expect.any(Number) } } });
  }, 240_000);

  it('names FIFA, ESPN and Twitch with the age of their last good poll, and the leader', async () => {
    const [espn, twitch] = await Promise.all([startFakeEspn(), startFakeTwitch()]);
    try {
      const port = await freePort();
      serveRecordingAt(fifa, steps(3)[0] as number);
      // A Premier League match tomorrow: an empty scoreboard is no answer (SPEC C5), this one is.
      const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 16) + 'Z';
      const league = { slug: 'eng.1', name: 'English Premier League' };
      const board = (day: string) => espnScoreboard(league, [espnScoreboardEvent({ id: '704512', date: tomorrow, home: ESPN_TEAMS.ARS, away: ESPN_TEAMS.CHE })], day);
      for (const offset of [-1, 0, 1]) espn.setScoreboard('eng.1', espnDay(Date.now(), offset), board(espnDay(Date.now(), offset)));
      launch({
        HEALTH_PORT: String(port),
        COMPETITIONS: 'fifa:17/255711,espn:eng.1',
        ESPN_API_URL: espn.url,
        TWITCH_CLIENT_ID: twitch.clientId,
        TWITCH_CLIENT_SECRET: twitch.clientSecret,
        TWITCH_API_URL: twitch.apiUrl,
        TWITCH_AUTH_URL: twitch.authUrl,
        TWITCH_POLL_SECONDS: '0.3',
        TWITCH_EVENTSUB: 'off',
      });
      const deadline = Date.now() + 30_000;
      let health = await waitForHealth(port, 200);
      const polled = (body: Record<string, unknown>) =>
        ['fifa', 'espn', 'twitch'].every((source) => typeof (body.sources as Record<string, { lastGoodPollAgeSeconds: unknown }>)[source]?.lastGoodPollAgeSeconds === 'number');
      while (!polled(health) && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 300));
        health = await waitForHealth(port, 200);
      }
      expect(health).toMatchObject({
        leader: true,
        sources: {
          fifa: { lastGoodPollAgeSeconds: expect.any(Number) },
          espn: { lastGoodPollAgeSeconds: expect.any(Number) },
          twitch: { lastGoodPollAgeSeconds: expect.any(Number) },
        },
      });
      const samples = await scrape(port);
      for (const source of ['fifa', 'espn', 'twitch']) expect(samples.get(`fanfare_last_good_poll_age_seconds{source="${source}"}`), source).toBeLessThan(30);
    } finally {
      await Promise.all([espn.close(), twitch.close()]);
    }
  }, 60_000);

  it('answers 503 while the Socket Mode connection is down, and 200 once it is back', async () => {
    const port = await freePort();
    launch({ HEALTH_PORT: String(port) });
    await waitForHealth(port, 200);

    // The link drops; the Socket Mode client waits a few seconds before it reconnects.
    slack.dropConnections();
    const down = await waitForHealth(port, 503);
    expect(down).toMatchObject({ ok: false, slack: { connected: false }, store: { ok: true } });
    expect(value(await scrape(port), 'fanfare_slack_connected')).toBe(0);

    await waitForHealth(port, 200, 60_000);
    expect(slack.connectionsOpened).toBe(2);
  }, 120_000);
});
