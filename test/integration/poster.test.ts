/**
 * The match poster against the fake Slack, through the real @slack/web-api client: thread structure,
 * pacing and Retry-After, a burst's pace (issue 9), and no duplicate after a post whose outcome was unknown.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { webApi } from '@slack/bolt';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { trackMatch, type MatchState, type TrackResult } from '../../src/football/tracker.js';
import type { NeutralEvent } from '../../src/football/model.js';
import { PacedSlack } from '../../src/slack/slack-calls.js';
import { MatchPoster } from '../../src/slack/poster.js';
import { SettingsRepo } from '../../src/store/settings.js';
import { openStore, type Store } from '../../src/store/store.js';
import { ThreadRepo } from '../../src/store/threads.js';
import { renderParent } from '../../src/alerts/slack-blocks.js';
import { startFakeSlack, type FakeCall, type FakeMessage, type FakeSlack } from '../fakes/slack.js';
import { calendar, ev, K, kickOff, MATCH_KEY } from '../unit/tracker-fixtures.js';

const CHANNEL = 'C0MATCHES';
const OTHER_CHANNEL = 'C0LEAGUE';
const logger = pino({ level: 'silent' });

let slack: FakeSlack;
let store: Store;
let dir: string;

beforeEach(async () => {
  slack = await startFakeSlack();
  dir = await mkdtemp(path.join(os.tmpdir(), 'fanfare-poster-'));
  store = await openStore(`sqlite://${path.join(dir, 'store.sqlite')}`);
});

afterEach(async () => {
  await store.close();
  await slack.close();
  await rm(dir, { recursive: true, force: true });
});

function poster(options: { timeoutMs?: number; intervalMs?: number; editIntervalMs?: number } = {}) {
  const client = new webApi.WebClient(slack.botToken, {
    slackApiUrl: slack.apiUrl,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: options.timeoutMs ?? 2000,
  });
  const threads = new ThreadRepo(store);
  const settings = new SettingsRepo(store);
  const matchPoster = new MatchPoster({
    client,
    threads,
    settings,
    locale: 'en-GB',
    logger,
    slack: new PacedSlack({
      intervalMs: options.intervalMs ?? 0,
      ...(options.editIntervalMs !== undefined ? { editIntervalMs: options.editIntervalMs } : {}),
    }),
  });
  return { matchPoster, threads, settings };
}

const QAT_ID = '43834';
const ECU_ID = '43927';
const timeline: NeutralEvent[] = [
  kickOff('e1'),
  ev('e2', K.goal, { t: 900, minute: "16'", teamId: ECU_ID, player: 'Enner VALENCIA', score: [0, 1] }),
  ev('e3', K.yellow, { t: 1500, minute: "25'", teamId: QAT_ID, player: 'Karim BOUDIAF', score: [0, 1] }),
  ev('e4', K.goal, { t: 1900, minute: "31'", teamId: ECU_ID, player: 'Enner VALENCIA', score: [0, 2] }),
];

/** Five events after the kick-off: three goals, two cards. */
const busyTimeline: NeutralEvent[] = [
  ...timeline,
  ev('e5', K.yellow, { t: 2300, minute: "38'", teamId: QAT_ID, player: 'Pedro MIGUEL', score: [0, 2] }),
  ev('e6', K.goal, { t: 2600, minute: "43'", teamId: QAT_ID, player: 'Akram AFIF', score: [1, 2] }),
];
const BURST = ['e2', 'e3', 'e4', 'e5', 'e6'].map((id) => `${MATCH_KEY}/${id}`);

/** The tracker as the poll loop drives it: state carried from poll to poll, first poll at kick-off. */
function liveMatch(match = calendar()) {
  let state: MatchState | undefined;
  return (events: NeutralEvent[]): TrackResult => {
    const result = trackMatch(state, { match, events }, { includeSubstitutions: false });
    state = result.state;
    return result;
  };
}

/** Polls the timeline growing one event at a time, up to `count` events; returns the last result. */
function pollUpTo(poll: ReturnType<typeof liveMatch>, count: number): TrackResult[] {
  return Array.from({ length: count }, (_, i) => poll(timeline.slice(0, i + 1)));
}

async function deliverAll(p: ReturnType<typeof poster>, results: TrackResult[]) {
  for (const result of results) await deliver(p, result);
}

async function deliver(p: ReturnType<typeof poster>, result: TrackResult) {
  await p.threads.enqueue(MATCH_KEY, CHANNEL, result.alerts);
  await p.matchPoster.flush(MATCH_KEY, () => result.summary);
}

function replies(): string[] {
  const [parent] = slack.channelMessages(CHANNEL);
  return parent ? slack.thread(CHANNEL, parent.ts).map((m) => String(m.metadata?.event_payload.alert_id)) : [];
}

describe('match poster', () => {
  it('posts one parent and one reply per alert in order, broadcasting goals, with metadata and no unfurls', async () => {
    const p = poster();
    await deliverAll(p, pollUpTo(liveMatch(), 4));
    const top = slack.channelMessages(CHANNEL);
    expect(top).toHaveLength(1);
    expect(top[0]?.metadata).toEqual({ event_type: 'fanfare_match', event_payload: { match_key: MATCH_KEY } });
    expect(replies()).toEqual(['e1', 'e2', 'e3', 'e4'].map((id) => `${MATCH_KEY}/${id}`));
    const thread = slack.thread(CHANNEL, top[0]?.ts as string);
    expect(thread.map((m) => m.reply_broadcast ?? false)).toEqual([false, true, false, true]);
    expect(thread.every((m) => m.unfurl_links === false && m.unfurl_media === false)).toBe(true);
    expect(top[0]?.text).toContain('0–2');
  });

  it('posts nothing twice when the same alerts are delivered again', async () => {
    const p = poster();
    const results = pollUpTo(liveMatch(), 4);
    await deliverAll(p, results);
    await deliverAll(p, results);
    expect(slack.messages).toHaveLength(5);
  });

  it('edits the parent only when what it shows changed', async () => {
    const p = poster();
    const poll = liveMatch();
    const results = pollUpTo(poll, 4);
    await deliverAll(p, results.slice(0, 2));
    const updatesBefore = slack.calls.filter((c) => c.method === 'chat.update').length;
    await p.matchPoster.flush(MATCH_KEY, () => (results[1] as TrackResult).summary);
    expect(slack.calls.filter((c) => c.method === 'chat.update').length).toBe(updatesBefore);
    await deliverAll(p, results.slice(2));
    const [parent] = slack.channelMessages(CHANNEL);
    expect(parent?.edits).toBeGreaterThan(0);
    expect(parent?.text).toContain('0–2');
  });

  it('waits out a 429 for Retry-After and then posts once', async () => {
    const p = poster();
    slack.rateLimit('chat.postMessage', 1, 1);
    const started = Date.now();
    await deliverAll(p, pollUpTo(liveMatch(), 1));
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(slack.messages).toHaveLength(2);
  });

  it('paces writes to one channel at about one a second', async () => {
    const p = poster({ intervalMs: 1000 });
    const started = Date.now();
    const [kickoff, goal] = pollUpTo(liveMatch(), 2) as [TrackResult, TrackResult];
    await p.threads.enqueue(MATCH_KEY, CHANNEL, [...kickoff.alerts, ...goal.alerts]);
    await p.matchPoster.flush(MATCH_KEY, () => goal.summary);
    // parent + 2 replies: two gaps of a second at least (a lower bound: a slow machine cannot break it)
    expect(Date.now() - started).toBeGreaterThanOrEqual(1900);
  });

  it('after a reply whose outcome was unknown, reads the thread back and does not post it again', async () => {
    const p = poster({ timeoutMs: 300 });
    const results = pollUpTo(liveMatch(), 4);
    await deliver(p, results[0] as TrackResult);
    slack.hang('chat.postMessage', 1, { thenRecord: true });
    await deliver(p, results[1] as TrackResult);
    expect(replies()).toHaveLength(2);
    await deliverAll(p, results.slice(2));
    expect(replies()).toEqual(['e1', 'e2', 'e3', 'e4'].map((id) => `${MATCH_KEY}/${id}`));
    expect(slack.calls.some((c) => c.method === 'conversations.replies' && c.args.include_all_metadata === true)).toBe(true);
  });

  it('after a parent whose outcome was unknown, finds it in the channel instead of posting a second one', async () => {
    const p = poster({ timeoutMs: 300 });
    const results = pollUpTo(liveMatch(), 4);
    slack.hang('chat.postMessage', 1, { thenRecord: true });
    await deliver(p, results[0] as TrackResult);
    await deliverAll(p, results.slice(1));
    expect(slack.channelMessages(CHANNEL)).toHaveLength(1);
    expect(replies()).toHaveLength(4);
  });

  it('edits a posted reply in place when its content changes, without a new message', async () => {
    const p = poster();
    const poll = liveMatch();
    await deliver(p, poll(timeline.slice(0, 1)));
    await deliver(p, poll([timeline[0] as NeutralEvent, { ...(timeline[1] as NeutralEvent), player: null }]));
    const later = poll(timeline.slice(0, 2));
    expect(later.alerts.map((a) => [a.id, a.revision])).toEqual([[`${MATCH_KEY}/e2`, 1]]);
    await deliver(p, later);
    const goal = slack.messages.find((m) => m.metadata?.event_payload.alert_id === `${MATCH_KEY}/e2`);
    expect(replies()).toHaveLength(2);
    expect(goal?.edits).toBe(1);
    expect(goal?.text).toContain('Enner VALENCIA');
  });

  it('retries a refused reply on later polls, then gives up on it and goes on with the next', async () => {
    const p = poster();
    const poll = liveMatch();
    await deliver(p, poll(timeline.slice(0, 1)));
    const next = poll(timeline.slice(0, 3));
    slack.fail('chat.postMessage', 'invalid_blocks', 3);
    await deliver(p, next);
    expect(replies()).toEqual([`${MATCH_KEY}/e1`]);
    await p.matchPoster.flush(MATCH_KEY, () => next.summary);
    await p.matchPoster.flush(MATCH_KEY, () => next.summary);
    expect(replies()).toEqual([`${MATCH_KEY}/e1`, `${MATCH_KEY}/e3`]);
  });

  it('joins a public channel it is not in, so a thread can be read back after an unknown outcome', async () => {
    slack.channels.set(CHANNEL, { id: CHANNEL, name: 'world-cup', is_member: false });
    const p = poster({ timeoutMs: 300 });
    const results = pollUpTo(liveMatch(), 3);
    await deliver(p, results[0] as TrackResult);
    expect(slack.calls.some((c) => c.method === 'conversations.join' && c.args.channel === CHANNEL)).toBe(true);
    slack.hang('chat.postMessage', 1, { thenRecord: true });
    await deliver(p, results[1] as TrackResult);
    await deliver(p, results[2] as TrackResult);
    expect(replies()).toEqual(['e1', 'e2', 'e3'].map((id) => `${MATCH_KEY}/${id}`));
  });

  it('does not broadcast goals when an admin switched it off', async () => {
    const p = poster();
    await p.settings.change({ broadcastGoals: false });
    await deliverAll(p, pollUpTo(liveMatch(), 2));
    expect(slack.messages.some((m) => m.reply_broadcast)).toBe(false);
  });
});

/**
 * A thread going (parent and kick-off reply posted), then, once the lanes are idle as between polls, one
 * poll bringing 5 events. Returns the Slack calls made for the burst.
 */
async function burst(p: ReturnType<typeof poster>, idleMs: number) {
  const poll = liveMatch();
  await deliver(p, poll(busyTimeline.slice(0, 1)));
  await sleep(idleMs);
  const result = poll(busyTimeline);
  expect(result.alerts.map((a) => a.id)).toEqual(BURST);
  const from = slack.calls.length;
  await deliver(p, result);
  const parent = slack.channelMessages(CHANNEL)[0] as FakeMessage;
  const calls = slack.calls.slice(from);
  return {
    result,
    parent,
    calls,
    replies: calls.filter((c) => c.method === 'chat.postMessage' && c.args.thread_ts === parent.ts),
    parentEdits: calls.filter((c) => c.method === 'chat.update' && c.args.ts === parent.ts),
  };
}

/** Goals on the parent's score line, or in the score a reply's match stood at. */
const goalsShown = (text: unknown) => {
  const [, home, away] = /(\d+)–(\d+)/.exec(String(text)) ?? [];
  return Number(home) + Number(away);
};

describe('posting pace during a burst (issue 9)', () => {
  it("posts a 5-event burst's replies at the channel's pace and edits the parent once, to the newest score", async () => {
    // Slack's own pace: a post a second per channel, chat.update in its own lane.
    const p = poster({ intervalMs: 1000 });
    const { replies, parentEdits, parent } = await burst(p, 1000);
    expect(replies.map((c) => (c.args.metadata as { event_payload: { alert_id: string } }).event_payload.alert_id)).toEqual(BURST);
    expect(parentEdits).toHaveLength(1);
    expect(parent.text).toContain('1–2');
    const at = replies.map((c) => c.at);
    for (let k = 1; k < at.length; k++) expect((at[k] as number) - (at[k - 1] as number)).toBeGreaterThanOrEqual(900);
    // 4 gaps of a second; with every goal's parent edit taking a reply's turn it was 6 (a generous bound).
    expect((at[4] as number) - (at[0] as number)).toBeLessThan(5000);
  });

  it("keeps the parent's score level with the thread's: never behind the newest posted reply once the next one lands, and newest at the end", async () => {
    const p = poster({ intervalMs: 300 });
    const { result, calls, parent } = await burst(p, 300);
    const scoreOf = new Map(result.alerts.map((a) => [a.id, goalsShown(renderedScore(a.match))]));
    let shown = goalsShown(slack.calls.find((c) => c.method === 'chat.postMessage' && !c.args.thread_ts)?.args.text);
    let posted = 0;
    for (const call of calls) {
      if (call.method === 'chat.update' && call.args.ts === parent.ts) shown = goalsShown(call.args.text);
      if (call.method === 'chat.postMessage' && call.args.thread_ts === parent.ts) {
        expect(shown).toBeGreaterThanOrEqual(posted);
        posted = scoreOf.get((call.args.metadata as { event_payload: { alert_id: string } }).event_payload.alert_id) as number;
      }
    }
    expect(goalsShown(parent.text)).toBe(3);
  });

  it('a rate-limited parent edit (429) does not hold the replies back, and the parent still ends on the newest score', async () => {
    const p = poster({ intervalMs: 200 });
    slack.rateLimit('chat.update', 2, 1);
    const { replies, parentEdits, parent, calls } = await burst(p, 200);
    expect(replies).toHaveLength(5);
    // The 429, then the edit after Retry-After: every reply went out meanwhile.
    expect(parentEdits).toHaveLength(2);
    const lastReply = calls.indexOf(replies[4] as FakeCall);
    expect(lastReply).toBeLessThan(calls.indexOf(parentEdits[1] as FakeCall));
    expect(parent.text).toContain('1–2');
  });

  it("a burst in one channel does not delay another channel's thread", async () => {
    const p = poster({ intervalMs: 500 });
    const other = calendar({ key: { ...calendar().key, match: '400128083' } });
    const otherKey = 'fifa:17/255711/400128083';
    const pollA = liveMatch();
    const pollB = liveMatch(other);
    const kickoffA = pollA(busyTimeline.slice(0, 1));
    const kickoffB = pollB(busyTimeline.slice(0, 1));
    await deliver(p, kickoffA);
    await p.threads.enqueue(otherKey, OTHER_CHANNEL, kickoffB.alerts);
    await p.matchPoster.flush(otherKey, () => kickoffB.summary);
    await sleep(500);
    const burstA = pollA(busyTimeline);
    const goalB = pollB(busyTimeline.slice(0, 2));
    const from = slack.calls.length;
    await p.threads.enqueue(MATCH_KEY, CHANNEL, burstA.alerts);
    await p.threads.enqueue(otherKey, OTHER_CHANNEL, goalB.alerts);
    await Promise.all([p.matchPoster.flush(MATCH_KEY, () => burstA.summary), p.matchPoster.flush(otherKey, () => goalB.summary)]);
    const posts = slack.calls.slice(from).filter((c) => c.method === 'chat.postMessage');
    const inA = posts.filter((c) => c.args.channel === CHANNEL);
    const inB = posts.filter((c) => c.args.channel === OTHER_CHANNEL);
    expect(inA).toHaveLength(5);
    expect(inB).toHaveLength(1);
    // The other channel's goal lands before the busy channel's second reply (a second later).
    expect(posts.indexOf(inB[0] as FakeCall)).toBeLessThan(posts.indexOf(inA[1] as FakeCall));
    expect(slack.channelMessages(OTHER_CHANNEL)[0]?.text).toContain('0–1');
  });
});

/** The score line the parent would show for `match`. */
function renderedScore(match: TrackResult['summary']): string {
  return renderParent(match, 'en-GB').text;
}
