/**
 * Part 5: how fast a burst reaches a match thread (issue 9, "Posting pace"). The real MatchPoster, at
 * Slack's real pace (the PacedSlack defaults), posts through a real WebClient to the fake Slack: a poll
 * brings 5 events at once (three goals, two cards) to a match whose thread is already going, while a
 * second match in another channel gets one goal. Measured from the poll: when each reply lands, how many
 * times the parent is edited, and when the other channel's reply lands.
 *
 * Runs alone too: `npx tsx bench/posting-pace.ts`.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { webApi } from '@slack/bolt';
import pino from 'pino';
import type { MatchAlert, MatchSummary, Score } from '../src/alerts/types.js';
import { MatchPoster } from '../src/slack/poster.js';
import { PacedSlack } from '../src/slack/slack-calls.js';
import { SettingsRepo } from '../src/store/settings.js';
import { openStore } from '../src/store/store.js';
import { ThreadRepo } from '../src/store/threads.js';
import { startFakeSlack, type FakeSlack } from '../test/fakes/slack.js';
import { fixed, formatTable, info, type Row } from './report.js';

export interface PostingPaceFigures {
  /** Seconds from the poll to the k-th reply of the burst landing in Slack. */
  replyLandingSeconds: number[];
  /** chat.update calls on the burst's parent, from the poll until the thread is up to date. */
  parentEdits: number;
  /** Whether the parent ended on the newest score. */
  parentNewest: boolean;
  /** Seconds from the poll to the parent's last edit landing (when it shows the newest score). */
  parentNewestAtSeconds: number;
  /** Seconds from the poll to the other channel's reply landing. */
  otherChannelReplySeconds: number;
}

const BURST = 5;

function summary(key: string, score: Score, minute: string): MatchSummary {
  return {
    key,
    competitionName: 'Premier League',
    stageName: 'Regular Season',
    groupName: null,
    kickoff: '2026-12-05T15:00:00Z',
    home: { id: '359', name: 'Arsenal', abbreviation: 'ARS', countryCode: null },
    away: { id: '363', name: 'Chelsea', abbreviation: 'CHE', countryCode: null },
    score,
    penalties: null,
    phase: 'second-half',
    minute,
    wentToExtraTime: false,
    winner: null,
  };
}

function kickOff(key: string): MatchAlert {
  const match = { ...summary(key, { home: 0, away: 0 }, "1'"), phase: 'first-half' as const };
  return { source: 'match', id: `${key}/ko`, matchKey: key, revision: 0, minute: "1'", at: '2026-12-05T15:00:00Z', match, eventId: 'ko', kind: 'period-start', period: 'first-half' };
}

/** Goals and cards alternating from the 60th minute: every goal moves the parent's score. */
function burst(key: string, count: number): MatchAlert[] {
  const score = { home: 0, away: 0 };
  return Array.from({ length: count }, (_, i): MatchAlert => {
    const minute = `${60 + i}'`;
    const base = { source: 'match' as const, id: `${key}/e${i}`, matchKey: key, revision: 0, minute, at: `2026-12-05T16:${String(i).padStart(2, '0')}:00Z`, eventId: `e${i}` };
    if (i % 2 === 0) {
      score.home += 1;
      const match = summary(key, { ...score }, minute);
      return { ...base, match, kind: 'goal', side: 'home', player: 'Bukayo Saka', method: 'open-play', score: { ...score } };
    }
    return { ...base, match: summary(key, { ...score }, minute), kind: 'card', side: 'away', player: 'Moisés Caicedo', card: 'yellow' };
  });
}

export async function runPostingPace(): Promise<{ rows: Row[]; figures: PostingPaceFigures }> {
  const slack: FakeSlack = await startFakeSlack();
  const dir = await mkdtemp(path.join(os.tmpdir(), 'fanfare-bench-pace-'));
  const store = await openStore(`sqlite://${path.join(dir, 'store.sqlite')}`);
  try {
    const client = new webApi.WebClient(slack.botToken, { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true, timeout: 10_000 });
    const threads = new ThreadRepo(store);
    const poster = new MatchPoster({ client, threads, settings: new SettingsRepo(store), locale: 'en-GB', logger: pino({ level: 'silent' }), slack: new PacedSlack() });
    const matches = [
      { key: 'espn/eng.1/2026/740001', channel: 'C0LEAGUE' },
      { key: 'espn/uefa.champions/2026/741002', channel: 'C0CHAMPIONS' },
    ] as const;
    const [busy, other] = matches;

    // Both threads are going (parent and kick-off reply posted), and the lanes are idle as between polls.
    for (const { key, channel } of matches) {
      const alert = kickOff(key);
      await threads.enqueue(key, channel, [alert]);
      await poster.flush(key, () => alert.match);
    }
    await sleep(2500);

    const busyAlerts = burst(busy.key, BURST);
    const otherAlerts = burst(other.key, 1);
    const newest = (busyAlerts.at(-1) as MatchAlert).match;
    const polled = slack.calls.length;
    const t0 = Date.now();
    await threads.enqueue(busy.key, busy.channel, busyAlerts);
    await threads.enqueue(other.key, other.channel, otherAlerts);
    // As the football loop does: each match's thread is flushed in the background, side by side.
    await Promise.all([
      poster.flush(busy.key, () => newest),
      poster.flush(other.key, () => (otherAlerts[0] as MatchAlert).match),
    ]);

    const during = slack.calls.slice(polled);
    const parentOf = (channel: string) => slack.channelMessages(channel)[0];
    const busyParent = parentOf(busy.channel);
    const landings = (channel: string) =>
      during.filter((c) => c.method === 'chat.postMessage' && c.args.channel === channel && c.args.thread_ts).map((c) => (c.at - t0) / 1000);
    const replyLandingSeconds = landings(busy.channel);
    const parentEdits = during.filter((c) => c.method === 'chat.update' && c.args.ts === busyParent?.ts);
    const figures: PostingPaceFigures = {
      replyLandingSeconds,
      parentEdits: parentEdits.length,
      parentNewestAtSeconds: ((parentEdits.at(-1)?.at ?? Number.NaN) - t0) / 1000,
      parentNewest: busyParent?.text.includes(`${newest.score.home}–${newest.score.away}`) ?? false,
      otherChannelReplySeconds: landings(other.channel)[0] ?? Number.NaN,
    };
    const last = replyLandingSeconds.at(-1) ?? Number.NaN;
    const rows: Row[] = [
      info(`posting pace: k-th reply of a ${BURST}-event burst after the poll`, replyLandingSeconds.map((s) => `${fixed(s)} s`).join(', ')),
      { metric: `posting pace: last reply of the burst`, value: `${fixed(last)} s`, target: `≤ ${BURST - 0.5} s (1/s per channel)`, ok: last <= BURST - 0.5 },
      {
        metric: 'posting pace: parent edits per burst',
        value: `${figures.parentEdits}, ${figures.parentNewest ? '' : 'NOT '}on the newest score ${fixed(figures.parentNewestAtSeconds)} s after the poll`,
        target: '≤ 1, newest',
        ok: figures.parentEdits <= 1 && figures.parentNewest,
      },
      {
        metric: 'posting pace: reply in another channel during the burst',
        value: `${fixed(figures.otherChannelReplySeconds)} s`,
        target: '< 1 s (own lane)',
        ok: figures.otherChannelReplySeconds < 1,
      },
    ];
    return { rows, figures };
  } finally {
    await store.close();
    await slack.close();
    await rm(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { rows, figures } = await runPostingPace();
  process.stdout.write(`${formatTable(rows)}\n${JSON.stringify(figures)}\n`);
  process.exit(0);
}
