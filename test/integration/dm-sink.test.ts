/**
 * The DM sink against the fake Slack and real SQLite (SPEC P1, P2): one DM per member for a burst of one
 * match, exactly once when Slack's answer is lost or the process stops mid-send (the DM history is read
 * back first), a member Slack will not DM is skipped without holding anyone else up.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { webApi } from '@slack/bolt';
import pino from 'pino';
import { createLogger } from '../../src/log.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Audience, type AudienceReader } from '../../src/alerts/audience.js';
import type { MatchEventAlert, MatchEventDetail, StreamAlert } from '../../src/alerts/types.js';
import { metrics } from '../../src/ops/metrics.js';
import { DmSink, DM_EVENT_TYPE, type DmSinkOptions } from '../../src/slack/sinks/dm-sink.js';
import { PacedSlack } from '../../src/slack/slack-calls.js';
import { DEFAULT_PREFS } from '../../src/store/member-prefs.js';
import { openStore, type Store } from '../../src/store/store.js';
import { startFakeSlack, type FakeSlack } from '../fakes/slack.js';
import { FINAL_2022 } from '../fixtures/final-2022.js';

const logger = pino({ level: 'silent' });

const match = FINAL_2022;

function event(eventId: string, detail: MatchEventDetail, minute: string): MatchEventAlert {
  return { source: 'match', id: `${match.key}/${eventId}`, matchKey: match.key, revision: 0, minute, at: `2022-12-18T15:${minute.slice(0, 2)}:00Z`, match, eventId, ...detail };
}

const goal1 = event('e3', { kind: 'goal', side: 'home', player: 'Lionel MESSI', method: 'penalty', score: { home: 1, away: 0 } }, "23'");
const goal2 = event('e5', { kind: 'goal', side: 'home', player: 'Ángel DI MARÍA', method: 'open-play', score: { home: 2, away: 0 } }, "36'");

let slack: FakeSlack;
let dir: string;
let store: Store;
const sinks: DmSink[] = [];

function reader(followers: string[]): AudienceReader {
  return {
    followersOfTeam: async (key) => (key === 'fifa:43922' ? followers : []),
    followersOfStreamer: async (id) => (id === '141981764' ? followers : []),
    choices: async (ids) => ids.map(() => ({ ...DEFAULT_PREFS })),
    subscriptions: async (ids) => ids.map(() => undefined),
  };
}

function sink(followers: string[], extra: Partial<DmSinkOptions> = {}): DmSink {
  const client = new webApi.WebClient(slack.botToken, { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true, timeout: 2000 });
  const dms = new DmSink({
    client,
    slack: new PacedSlack({ intervalMs: 50 }),
    store,
    audience: new Audience(reader(followers)),
    threadUrl: async () => 'https://fanfare-fake.slack.com/archives/C0MATCHES/p1700000000000100',
    locale: 'en-GB',
    logger,
    retryMs: 100,
    ...extra,
  });
  sinks.push(dms);
  return dms;
}

beforeEach(async () => {
  slack = await startFakeSlack();
  dir = await mkdtemp(path.join(os.tmpdir(), 'fanfare-dm-'));
  store = await openStore(`sqlite://${path.join(dir, 'store.sqlite')}`);
});

afterEach(async () => {
  for (const dms of sinks.splice(0)) await dms.stop();
  await store.close();
  await slack.close();
  await rm(dir, { recursive: true, force: true });
});

describe('DmSink', () => {
  it('sends each follower one DM for a burst of one match, naming its alerts, with the thread link', async () => {
    const dms = sink(['U0ANA', 'U0BEN']);
    await dms.start();
    await dms.deliver([goal1, goal2]);
    await dms.idle();
    for (const userId of ['U0ANA', 'U0BEN']) {
      const [dm, ...more] = slack.dmsTo(userId);
      expect(more).toEqual([]);
      expect(dm?.text).toContain("Lionel MESSI 23'");
      expect(dm?.text).toContain("Ángel DI MARÍA 36'");
      expect(JSON.stringify(dm?.blocks)).toContain('archives/C0MATCHES/p1700000000000100');
      expect(dm?.metadata?.event_type).toBe(DM_EVENT_TYPE);
    }
    // Handed over again (a fan-out retried after a crash): nothing more.
    await dms.deliver([goal1, goal2]);
    await dms.idle();
    expect(slack.dmsTo('U0ANA')).toHaveLength(1);
  });

  it('reads the DM history back after a lost answer instead of posting twice', async () => {
    const dms = sink(['U0ANA']);
    await dms.start();
    // Slack posts the DM and answers internal_error: the outcome is unknown to Fanfare.
    slack.fail('chat.postMessage', 'internal_error', 1, { thenRecord: true });
    await dms.deliver([goal1]);
    await dms.idle();
    expect(slack.dmsTo('U0ANA')).toHaveLength(1);
    expect(slack.calls.some((c) => c.method === 'conversations.history')).toBe(true);
    expect(dms.stats).toMatchObject({ sent: 0, reconciled: 1 });
  });

  it('posts again when the history shows the lost DM never arrived', async () => {
    const dms = sink(['U0ANA']);
    await dms.start();
    slack.fail('chat.postMessage', 'internal_error', 1);
    await dms.deliver([goal1]);
    await dms.idle();
    expect(slack.dmsTo('U0ANA')).toHaveLength(1);
    expect(dms.stats).toMatchObject({ sent: 1, reconciled: 0 });
  });

  it('after a stop mid-send, the next start finds the DM that went out and sends only the rest', async () => {
    const members = Array.from({ length: 40 }, (_, i) => `U0M${String(i).padStart(3, '0')}`);
    const first = sink(members);
    await first.start();
    // Every post lands at Slack but no answer comes back before the process goes.
    slack.hang('chat.postMessage', 5, { thenRecord: true });
    await first.deliver([goal1]);
    await slack.waitFor(() => slack.messages.length >= 5, 10_000);
    await first.stop();

    const second = sink(members);
    await second.start();
    await slack.waitFor(() => members.every((m) => slack.dmsTo(m).length >= 1), 20_000);
    await second.idle();
    for (const member of members) expect(slack.dmsTo(member), member).toHaveLength(1);
    expect(second.stats.reconciled).toBeGreaterThanOrEqual(5);
  });

  it('gives up the DMs of a member Slack will not DM, without retrying them or holding up anyone else', async () => {
    const dms = sink(['U0ONE', 'U0TWO']);
    await dms.start();
    // Whichever member's post comes first is refused as a bad destination.
    slack.fail('chat.postMessage', 'user_disabled', 1);
    await dms.deliver([goal1]);
    await dms.idle();
    await dms.deliver([goal2]);
    await dms.idle();
    const counts = ['U0ONE', 'U0TWO'].map((userId) => slack.dmsTo(userId).length).sort();
    // The refused member's goal1 DM is given up (not retried); goal2 reaches both.
    expect(counts).toEqual([1, 2]);
    expect(slack.calls.filter((c) => c.method === 'chat.postMessage')).toHaveLength(4);
    expect(dms.stats.failed).toBe(1);
  });

  it('pauses every DM while Slack refuses the token, tries one now and then, and sends each once when it is back', async () => {
    const lines: string[] = [];
    const members = ['U0ONE', 'U0TWO', 'U0THREE', 'U0FOUR'];
    const dms = sink(members, {
      slack: new PacedSlack({ intervalMs: 50, holdMs: 50 }),
      logger: createLogger('debug', { write: (line: string) => lines.push(line) }),
      pauseProbeMs: 150,
    });
    await dms.start();
    slack.fail('chat.postMessage', 'token_revoked', 3);
    await dms.deliver([goal1]);
    await dms.idle();
    for (const member of members) expect(slack.dmsTo(member), member).toHaveLength(1);
    // One post at a time while paused: the three refusals, then the probe that got through, then the rest.
    expect(slack.calls.filter((c) => c.method === 'chat.postMessage')).toHaveLength(3 + members.length);
    expect(lines.filter((l) => l.includes('DM sending PAUSED'))).toHaveLength(1);
    expect(lines.filter((l) => l.includes('DM sending resumed'))).toHaveLength(1);
    expect(dms.stats).toMatchObject({ sent: members.length, failed: 0, dropped: 0 });
  });

  it('counts the DMs it sends and those Slack refuses, by class, on /metrics', async () => {
    const sample = async (series: string): Promise<number> => {
      const line = (await metrics.registry.metrics()).split('\n').find((l) => l.startsWith(`${series} `));
      return line ? Number(line.split(' ')[1]) : 0;
    };
    const series = ['fanfare_dms_sent_total', 'fanfare_dms_failed_total{class="channel"}', 'fanfare_dms_failed_total{class="unknown"}'];
    const before = await Promise.all(series.map(sample));
    const dms = sink(['U0ONE', 'U0TWO', 'U0THREE']);
    await dms.start();
    slack.fail('chat.postMessage', 'user_disabled', 1);
    await dms.deliver([goal1]);
    await dms.idle();
    // An answer lost after the post: counted unknown, then found in the history (not sent again).
    slack.fail('chat.postMessage', 'internal_error', 1, { thenRecord: true });
    await dms.deliver([goal2]);
    await dms.idle();
    const after = await Promise.all(series.map(sample));
    // Six posts: goal1 refused once and sent twice, goal2 sent twice and once with its answer lost.
    expect(slack.calls.filter((c) => c.method === 'chat.postMessage')).toHaveLength(6);
    expect(after.map((n, i) => n - before[i]!)).toEqual([4, 1, 1]);
  });

  it('sends a stream going live as its own DM, apart from the match burst', async () => {
    const live: StreamAlert = {
      source: 'stream',
      id: 'stream/141981764/s1/live',
      kind: 'stream-live',
      revision: 0,
      streamer: { id: '141981764', login: 'twitchdev', displayName: 'TwitchDev', profileImageUrl: null },
      stream: { id: 's1', userId: '141981764', title: 'Building bots', gameName: 'Chess', viewerCount: 12, startedAt: '2026-06-01T18:00:00Z', thumbnailUrl: '' },
      sessionId: 's1',
      at: '2026-06-01T18:00:00Z',
    };
    const dms = sink(['U0ANA']);
    await dms.start();
    await dms.deliver([goal1, live, goal2]);
    await dms.idle();
    const [first, second, ...more] = slack.dmsTo('U0ANA');
    expect(more).toEqual([]);
    const texts = [first?.text ?? '', second?.text ?? ''];
    expect(texts.some((t) => t.includes("Lionel MESSI 23'") && t.includes("Ángel DI MARÍA 36'"))).toBe(true);
    expect(JSON.stringify([first?.blocks, second?.blocks])).toContain('twitch.tv/twitchdev');
  });
});
