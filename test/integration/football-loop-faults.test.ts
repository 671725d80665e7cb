/**
 * The football loop with the real match poster, the fake Slack and a real SQLite store (audit findings 4
 * and 10): an SMS fan-out that throws or hangs never holds up the match thread, and every alert reaches
 * the SMS side exactly once when it recovers, after a restart too; a match whose parent Slack keeps
 * refusing retires after the linger instead of being polled for ever.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { webApi } from '@slack/bolt';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MatchAlert } from '../../src/alerts/types.js';
import { FootballLoop, type AlertSink } from '../../src/football/loop.js';
import type { NeutralEvent, NeutralMatch } from '../../src/football/model.js';
import type { FootballProvider } from '../../src/football/provider.js';
import { withDefaults } from '../../src/store/competitions.js';
import { MatchPoster } from '../../src/slack/poster.js';
import { PacedSlack } from '../../src/slack/slack-calls.js';
import { MatchRepo } from '../../src/store/matches.js';
import { SettingsRepo } from '../../src/store/settings.js';
import { openStore, type Store } from '../../src/store/store.js';
import { ThreadRepo } from '../../src/store/threads.js';
import { startFakeSlack, type FakeSlack } from '../fakes/slack.js';
import { calendar, ev, K, kickOff, MATCH_KEY, QAT } from '../unit/tracker-fixtures.js';

const CHANNEL = 'C0MATCHES';
const logger = pino({ level: 'silent' });

let slack: FakeSlack;
let store: Store;
let dir: string;
const loops: FootballLoop[] = [];

beforeEach(async () => {
  slack = await startFakeSlack();
  dir = await mkdtemp(path.join(os.tmpdir(), 'fanfare-loop-'));
  store = await openStore(`sqlite://${path.join(dir, 'store.sqlite')}`);
});

afterEach(async () => {
  await Promise.all(loops.splice(0).map((loop) => loop.stop()));
  await store.close();
  await slack.close();
  await rm(dir, { recursive: true, force: true });
});

/** A provider showing whatever timeline the test sets. */
function feed(match: NeutralMatch = calendar()) {
  const source = {
    provider: 'fifa' as const,
    events: [] as NeutralEvent[],
    matches: () => Promise.resolve([match]),
    snapshot: () => Promise.resolve({ match, events: source.events }),
    teams: () => Promise.resolve([]),
  };
  return source satisfies FootballProvider;
}

/** An SMS side that fails as told, then records every alert it is given. */
function sink(mode: { throws?: number; hangs?: number }) {
  const received: string[] = [];
  let calls = 0;
  const s: AlertSink & { received: string[]; calls: () => number } = {
    received,
    calls: () => calls,
    deliver: (alerts: MatchAlert[]) => {
      calls++;
      if (mode.hangs && mode.hangs-- > 0) return new Promise<void>(() => undefined);
      if (mode.throws && mode.throws-- > 0) return Promise.reject(new Error('subscriber row unreadable'));
      received.push(...alerts.map((a) => a.id));
      return Promise.resolve();
    },
  };
  return s;
}

function loop(source: ReturnType<typeof feed>, sms: AlertSink | null, lingerSeconds = 60) {
  const client = new webApi.WebClient(slack.botToken, { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true, timeout: 2000 });
  const threads = new ThreadRepo(store);
  const settings = new SettingsRepo(store);
  const poster = new MatchPoster({ client, threads, settings, locale: 'en-GB', logger, slack: new PacedSlack({ intervalMs: 0 }) });
  const l = new FootballLoop({
    providers: { fifa: source },
    competitions: { list: () => Promise.resolve([withDefaults({ provider: 'fifa', id: '17', season: null })]) },
    follows: { followersOfTeam: () => Promise.resolve([]) },
    matches: new MatchRepo(store),
    threads,
    settings,
    poster,
    sms,
    store,
    defaultChannel: CHANNEL,
    matchPollSeconds: 3600,
    calendarPollSeconds: 3600,
    matchLingerSeconds: lingerSeconds,
    fanoutRetryMs: 50,
    fanoutTimeoutMs: 300,
    logger,
  });
  loops.push(l);
  return l;
}

const threadTexts = () => {
  const [parent] = slack.channelMessages(CHANNEL);
  return parent ? slack.thread(CHANNEL, parent.ts).map((m) => m.text) : [];
};
const goal = ev('g', K.goal, { t: 600, minute: "10'", teamId: QAT.id, player: 'Akram AFIF', score: [1, 0] });

describe('football loop under faults', () => {
  for (const [what, mode] of [
    ['throws', { throws: 2 }],
    ['hangs', { hangs: 1 }],
  ] as const) {
    it(`posts the thread promptly while the SMS fan-out ${what}, and the SMS side gets each alert once after`, async () => {
      const source = feed();
      const sms = sink({ ...mode });
      const l = loop(source, sms);
      source.events = [kickOff('k')];
      await l.calendarRound();
      await l.matchRound();
      source.events = [kickOff('k'), goal];
      await l.matchRound();
      await slack.waitFor(() => threadTexts().length === 2, 3000);
      expect(threadTexts()[1]).toContain('GOAL!');
      await slack.waitFor(() => sms.received.length === 2, 5000);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(sms.received.sort()).toEqual([`${MATCH_KEY}/g`, `${MATCH_KEY}/k`]);
      expect(sms.calls()).toBeGreaterThan(1);
    });
  }

  it('alerts the SMS side never took are delivered after a restart, once', async () => {
    const source = feed();
    const broken = sink({ throws: 1000 });
    const first = loop(source, broken);
    source.events = [kickOff('k')];
    await first.calendarRound();
    await first.matchRound();
    source.events = [kickOff('k'), goal];
    await first.matchRound();
    await slack.waitFor(() => threadTexts().length === 2, 3000);
    await first.stop();
    expect(broken.received).toEqual([]);

    const fixed = sink({});
    const second = loop(source, fixed);
    await second.start();
    await slack.waitFor(() => fixed.received.length === 2, 3000);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(fixed.received.sort()).toEqual([`${MATCH_KEY}/g`, `${MATCH_KEY}/k`]);
    expect(threadTexts()).toHaveLength(2);
  });

  it('a finished match whose parent Slack keeps refusing retires after the linger', async () => {
    slack.fail('chat.postMessage', 'invalid_blocks', 100);
    const source = feed();
    const matches = new MatchRepo(store);
    const l = loop(source, null, 0);
    source.events = [kickOff('k'), ev('ft', K.end('second-half'), { t: 6000, period: 'second-half', minute: "90'+4'", score: [1, 0] })];
    await l.calendarRound();
    for (let i = 0; i < 5 && (await matches.activeKeys()).length > 0; i++) {
      await l.matchRound();
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(await matches.activeKeys()).toEqual([]);
    expect(slack.calls.filter((c) => c.method === 'chat.postMessage')).toHaveLength(3);
  });
});
