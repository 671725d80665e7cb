/**
 * Part 8 (issue 10): personal DMs.
 * - One goal to 10,000 followers with DMs on, through the real audience (FollowRepo, MemberPrefsRepo,
 *   SubscriberRepo on SQLite) and the real DM sink against the fake Slack, whose chat.postMessage
 *   accepts N a second workspace-wide and answers 429 above that. Reported: the time to enqueue, the
 *   rate achieved against the rate allowed, duplicates and lost DMs.
 * - The audience's cost per alert at 1k, 10k and 100k followers of one team (one alert's DM and SMS
 *   audiences: the follower index, the choices and the subscriptions, each read in batches).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { webApi } from '@slack/bolt';
import pino from 'pino';
import { Audience } from '../src/alerts/audience.js';
import type { MatchEventAlert, MatchSummary } from '../src/alerts/types.js';
import { DmSink } from '../src/slack/sinks/dm-sink.js';
import { PacedSlack } from '../src/slack/slack-calls.js';
import { audienceReader } from '../src/store/audience-reader.js';
import { FollowRepo } from '../src/store/follows.js';
import { MemberPrefsRepo } from '../src/store/member-prefs.js';
import { openStore, type Store } from '../src/store/store.js';
import { SubscriberRepo } from '../src/store/subscribers.js';
import { startFakeSlack } from '../test/fakes/slack.js';
import { fixed, info, type Row } from './report.js';

const TEAM = 'fifa:43922';

const match: MatchSummary = {
  key: 'fifa:17/285023/400021476',
  competitionName: 'FIFA World Cup',
  stageName: 'Final',
  groupName: null,
  kickoff: '2026-07-19T19:00:00Z',
  home: { id: TEAM, name: 'Argentina', abbreviation: 'ARG', countryCode: 'ARG' },
  away: { id: 'fifa:43946', name: 'France', abbreviation: 'FRA', countryCode: 'FRA' },
  score: { home: 1, away: 0 },
  penalties: null,
  phase: 'first-half',
  minute: "23'",
  wentToExtraTime: false,
  winner: null,
};

const goal: MatchEventAlert = {
  source: 'match',
  id: `${match.key}/e3`,
  matchKey: match.key,
  revision: 0,
  minute: "23'",
  at: '2026-07-19T19:23:00Z',
  match,
  eventId: 'e3',
  kind: 'goal',
  side: 'home',
  player: 'Lionel MESSI',
  method: 'penalty',
  score: { home: 1, away: 0 },
};

const userId = (i: number) => `U${String(i).padStart(8, '0')}`;

/** Followers of TEAM; every tenth chose a DM level, every fifth has an SMS subscription. */
async function seed(store: Store, followers: number): Promise<{ follows: FollowRepo; prefs: MemberPrefsRepo; subscribers: SubscriberRepo }> {
  const follows = new FollowRepo(store);
  const prefs = new MemberPrefsRepo(store);
  const subscribers = new SubscriberRepo(store);
  for (let i = 0; i < followers; i++) {
    await follows.followTeam(userId(i), TEAM);
    if (i % 10 === 0) await prefs.patch(userId(i), { dm: 'everything' });
    if (i % 5 === 0) await subscribers.activate(userId(i), `+4474${String(i).padStart(8, '0')}`, 'goals');
  }
  return { follows, prefs, subscribers };
}

export interface DmRunFigures {
  followers: number;
  allowedPerSecond: number;
  enqueueMs: number;
  achievedPerSecond: number;
  ratio: number;
  duplicates: number;
  lost: number;
  throttled: number;
}

async function deliveryRun(followers: number, allowedPerSecond: number): Promise<DmRunFigures> {
  const slack = await startFakeSlack();
  const dir = await mkdtemp(path.join(os.tmpdir(), 'fanfare-bench-dm-'));
  const store = await openStore(`sqlite://${path.join(dir, 'bench.sqlite')}`);
  try {
    const { follows, prefs, subscribers } = await seed(store, followers);
    slack.throttle('chat.postMessage', allowedPerSecond);
    const client = new webApi.WebClient(slack.botToken, { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true, timeout: 10_000 });
    const logger = pino({ level: 'silent' });
    const dms = new DmSink({
      client,
      slack: new PacedSlack({ logger }),
      store,
      audience: new Audience(audienceReader(follows, prefs, subscribers)),
      threadUrl: async () => 'https://fanfare.slack.com/archives/C0MATCHES/p1784487600000100',
      locale: 'en-GB',
      logger,
      ratePerSecond: allowedPerSecond,
      concurrency: Math.max(20, allowedPerSecond / 2),
    });
    await dms.start();
    const started = performance.now();
    await dms.deliver([goal]);
    const enqueueMs = performance.now() - started;
    await dms.idle();
    await dms.stop();

    const posts = slack.messages.filter((m) => m.channel.startsWith('D'));
    const perChannel = new Map<string, number>();
    for (const post of posts) perChannel.set(post.channel, (perChannel.get(post.channel) ?? 0) + 1);
    const duplicates = [...perChannel.values()].reduce((sum, count) => sum + Math.max(0, count - 1), 0);
    // The rate as Slack sees it: from its first accepted DM to its last.
    const times = posts.map((p) => Number(p.ts) * 1000);
    const span = (Math.max(...times) - Math.min(...times)) / 1000;
    const achievedPerSecond = span > 0 ? (posts.length - 1) / span : 0;
    return {
      followers,
      allowedPerSecond,
      enqueueMs,
      achievedPerSecond,
      ratio: achievedPerSecond / allowedPerSecond,
      duplicates,
      lost: followers - perChannel.size,
      throttled: slack.throttled.get('chat.postMessage') ?? 0,
    };
  } finally {
    await store.close();
    await slack.close();
    await rm(dir, { recursive: true, force: true });
  }
}

export interface AudienceFigures {
  followers: number;
  msPerAlert: number;
  msPer1kFollowers: number;
}

async function audienceCost(followers: number): Promise<AudienceFigures> {
  const store = await openStore('sqlite://:memory:');
  try {
    const { follows, prefs } = await seed(store, followers);
    const runs = 5;
    let total = 0;
    for (let run = 0; run < runs; run++) {
      // A fresh SubscriberRepo each time: its cache would otherwise hide the store read.
      const cold = new Audience(audienceReader(follows, prefs, new SubscriberRepo(store)));
      const started = performance.now();
      const [dm, sms] = await Promise.all([cold.of(goal, 'dm'), cold.of(goal, 'sms')]);
      total += performance.now() - started;
      if (dm.length !== followers || sms.length !== Math.ceil(followers / 5)) throw new Error(`audience of ${followers}: ${dm.length} DM, ${sms.length} SMS`);
    }
    const msPerAlert = total / runs;
    return { followers, msPerAlert, msPer1kFollowers: msPerAlert / (followers / 1000) };
  } finally {
    await store.close();
  }
}

export async function runDmThroughput(options: { followers?: number; rate?: number; audienceSizes?: number[] } = {}): Promise<{ rows: Row[]; figures: { delivery: DmRunFigures; audience: AudienceFigures[] } }> {
  const delivery = await deliveryRun(options.followers ?? 10_000, options.rate ?? 100);
  const audience: AudienceFigures[] = [];
  for (const size of options.audienceSizes ?? [1000, 10_000, 100_000]) audience.push(await audienceCost(size));
  const label = `[8] one goal to ${delivery.followers.toLocaleString('en-GB')} followers by DM, Slack allows ${delivery.allowedPerSecond}/s`;
  const rows: Row[] = [
    info(`${label}: time to enqueue`, `${fixed(delivery.enqueueMs, 0)} ms`),
    {
      metric: `${label}: achieved ÷ allowed`,
      value: `${fixed(delivery.achievedPerSecond, 1)}/s ÷ ${delivery.allowedPerSecond}/s = ${fixed(delivery.ratio, 3)}`,
      target: '≥ 0.95',
      ok: delivery.ratio >= 0.95,
    },
    { metric: `${label}: duplicates / lost`, value: `${delivery.duplicates} / ${delivery.lost} (429s from Slack: ${delivery.throttled})`, target: '0 / 0', ok: delivery.duplicates === 0 && delivery.lost === 0 },
  ];
  const first = audience[0];
  const last = audience[audience.length - 1];
  for (const a of audience) rows.push(info(`[8] audience of one alert (DM + SMS), ${a.followers.toLocaleString('en-GB')} followers`, `${fixed(a.msPerAlert, 1)} ms (${fixed(a.msPer1kFollowers, 2)} ms per 1k followers)`));
  if (first && last && last !== first) {
    const growth = last.msPer1kFollowers / first.msPer1kFollowers;
    rows.push({ metric: `[8] audience cost per follower, ${last.followers.toLocaleString('en-GB')} vs ${first.followers.toLocaleString('en-GB')}`, value: `× ${fixed(growth, 2)}`, target: '≤ 1.5 (linear or better)', ok: growth <= 1.5 });
  }
  return { rows, figures: { delivery, audience } };
}

// `npx tsx bench/dm-throughput.ts`: this part alone.
if (import.meta.url === `file://${process.argv[1]}`) {
  const { formatTable } = await import('./report.js');
  const result = await runDmThroughput();
  process.stdout.write(`${formatTable(result.rows)}\n${JSON.stringify(result.figures, null, 2)}\n`);
}
