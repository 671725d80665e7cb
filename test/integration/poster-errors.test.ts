/**
 * The match poster against the fake Slack answering errors of each class (SPEC X3, audit findings 4, 17
 * and 20), through the real @slack/web-api client and a real SQLite store: nothing lost, nothing twice,
 * held channels and tokens wait instead of dropping, and the admins are told once.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { webApi } from '@slack/bolt';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { trackMatch, type MatchState, type TrackResult } from '../../src/football/tracker.js';
import type { NeutralEvent } from '../../src/football/model.js';
import { AdminNotices, holdNotice } from '../../src/slack/admin-notices.js';
import { MatchPoster } from '../../src/slack/poster.js';
import { PacedSlack, type HoldNotice } from '../../src/slack/slack-calls.js';
import { SettingsRepo } from '../../src/store/settings.js';
import { openStore, type Store } from '../../src/store/store.js';
import { ThreadRepo } from '../../src/store/threads.js';
import { startFakeSlack, type FakeSlack } from '../fakes/slack.js';
import { calendar, ev, K, kickOff, MATCH_KEY } from '../unit/tracker-fixtures.js';

const CHANNEL = 'C0MATCHES';
const OTHER = 'C0OTHER';
const QAT_ID = '43834';
const ECU_ID = '43927';
const timeline: NeutralEvent[] = [
  kickOff('e1'),
  ev('e2', K.goal, { t: 900, minute: "16'", teamId: ECU_ID, player: 'Enner VALENCIA', score: [0, 1] }),
  ev('e3', K.yellow, { t: 1500, minute: "25'", teamId: QAT_ID, player: 'Karim BOUDIAF', score: [0, 1] }),
  ev('e4', K.goal, { t: 1900, minute: "31'", teamId: ECU_ID, player: 'Enner VALENCIA', score: [0, 2] }),
];
const ALL = ['e1', 'e2', 'e3', 'e4'].map((id) => `${MATCH_KEY}/${id}`);

let slack: FakeSlack;
let store: Store;
let dir: string;
let logs: { level: number; msg: string; [key: string]: unknown }[];

beforeEach(async () => {
  slack = await startFakeSlack();
  dir = await mkdtemp(path.join(os.tmpdir(), 'fanfare-poster-errors-'));
  store = await openStore(`sqlite://${path.join(dir, 'store.sqlite')}`);
  logs = [];
});

afterEach(async () => {
  await store.close();
  await slack.close();
  await rm(dir, { recursive: true, force: true });
});

function captureLogger() {
  return pino(
    { level: 'debug' },
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        logs.push(JSON.parse(chunk.toString()) as (typeof logs)[number]);
        done();
      },
    }),
  );
}

/** `holdMs: 0`: every flush probes a held channel at once (the tests need no clock). */
function poster(options: { holdMs?: number; timeoutMs?: number } = {}) {
  const logger = captureLogger();
  const client = new webApi.WebClient(slack.botToken, {
    slackApiUrl: slack.apiUrl,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: options.timeoutMs ?? 2000,
  });
  const threads = new ThreadRepo(store);
  const settings = new SettingsRepo(store);
  const notices = new AdminNotices({ client, store, settings, logger });
  const held: HoldNotice[] = [];
  const paced = new PacedSlack({
    intervalMs: 0,
    holdMs: options.holdMs ?? 0,
    logger,
    events: {
      held: (notice) => {
        held.push(notice);
        const { reason, message } = holdNotice('en-GB', notice);
        void notices.tell(reason, message);
      },
    },
  });
  const matchPoster = new MatchPoster({ client, threads, settings, locale: 'en-GB', logger, slack: paced });
  return { matchPoster, threads, settings, held, client };
}

function liveMatch() {
  let state: MatchState | undefined;
  return (events: NeutralEvent[]): TrackResult => {
    const result = trackMatch(state, { match: calendar(), events }, { includeSubstitutions: false });
    state = result.state;
    return result;
  };
}

function pollUpTo(count: number): TrackResult[] {
  const poll = liveMatch();
  return Array.from({ length: count }, (_, i) => poll(timeline.slice(0, i + 1)));
}

type Poster = ReturnType<typeof poster>;

async function deliver(p: Poster, result: TrackResult, channel = CHANNEL) {
  await p.threads.enqueue(MATCH_KEY, channel, result.alerts);
  await p.matchPoster.flush(MATCH_KEY, () => result.summary);
}

async function flushes(p: Poster, result: TrackResult, times: number) {
  for (let i = 0; i < times; i++) await p.matchPoster.flush(MATCH_KEY, () => result.summary);
}

function replies(channel = CHANNEL): string[] {
  return slack.channelMessages(channel).flatMap((parent) => slack.thread(channel, parent.ts).map((m) => String(m.metadata?.event_payload.alert_id)));
}

const posts = (channel: string) => slack.calls.filter((c) => c.method === 'chat.postMessage' && c.args.channel === channel).length;
const dms = (user: string) => slack.messages.filter((m) => m.channel === `D${user.slice(1)}`);

describe('Slack error classes in the match poster', () => {
  it('D1: a revoked token holds every post and logs it once; once the token works, the goal reaches Slack once', async () => {
    const p = poster();
    const [kickoff, goal] = pollUpTo(2) as [TrackResult, TrackResult];
    await deliver(p, kickoff);
    slack.fail('chat.postMessage', 'token_revoked', 3);
    await deliver(p, goal);
    await flushes(p, goal, 2);
    expect(replies()).toEqual([ALL[0]]);
    expect((await p.threads.get(MATCH_KEY))?.pending.map((q) => q.alert.id)).toEqual([ALL[1]]);
    // The token is fixed: the next flush posts the goal, once.
    await flushes(p, goal, 2);
    expect(replies()).toEqual(ALL.slice(0, 2));
    expect(p.held).toEqual([{ kind: 'auth', channel: null, error: 'token_revoked' }]);
    const loud = logs.filter((l) => l.level >= 50 && /refuses Fanfare/.test(l.msg));
    expect(loud).toHaveLength(1);
    expect(logs.some((l) => l.level >= 50 && /refused a match reply/.test(l.msg))).toBe(false);
  });

  for (const error of ['not_in_channel', 'is_archived', 'internal_error', 'service_unavailable', 'fatal_error']) {
    it(`D3: ${error} three times on replies loses nothing and doubles nothing`, async () => {
      const p = poster();
      const results = pollUpTo(4);
      await deliver(p, results[0] as TrackResult);
      slack.fail('chat.postMessage', error, 3);
      const last = results[3] as TrackResult;
      for (const result of results.slice(1)) await deliver(p, result);
      await flushes(p, last, 4);
      expect(replies()).toEqual(ALL);
      expect(slack.channelMessages(CHANNEL)).toHaveLength(1);
      expect((await p.threads.get(MATCH_KEY))?.pending).toEqual([]);
    });
  }

  it('internal_error after the reply landed: reads the thread back before posting again, and posts it once', async () => {
    const p = poster();
    const [kickoff, goal] = pollUpTo(2) as [TrackResult, TrackResult];
    await deliver(p, kickoff);
    slack.fail('chat.postMessage', 'internal_error', 1, { thenRecord: true });
    await deliver(p, goal);
    const faulted = slack.calls.length;
    await flushes(p, goal, 1);
    expect(replies()).toEqual(ALL.slice(0, 2));
    const after = slack.calls.slice(faulted).map((c) => c.method);
    expect(after).toContain('conversations.replies');
    expect(after).not.toContain('chat.postMessage');
  });

  it('internal_error after the parent landed: finds it in the channel, no second parent', async () => {
    const p = poster();
    const [kickoff, goal] = pollUpTo(2) as [TrackResult, TrackResult];
    slack.fail('chat.postMessage', 'internal_error', 1, { thenRecord: true });
    await deliver(p, kickoff);
    await deliver(p, goal);
    expect(slack.channelMessages(CHANNEL)).toHaveLength(1);
    expect(replies()).toEqual(ALL.slice(0, 2));
  });

  it('finds a parent whose first attempt the local clock puts minutes after Slack\'s (a skewed clock)', async () => {
    const p = poster({ timeoutMs: 300 });
    const [kickoff] = pollUpTo(1) as [TrackResult];
    slack.hang('chat.postMessage', 1, { thenRecord: true });
    await deliver(p, kickoff);
    // The host clock ran 5 minutes ahead of Slack's when it first tried.
    await p.threads.update(MATCH_KEY, (t) => ({ ...t, parentAttemptedAt: (t.parentAttemptedAt as number) + 300 }));
    await flushes(p, kickoff, 1);
    expect(slack.channelMessages(CHANNEL)).toHaveLength(1);
    expect(replies()).toEqual([ALL[0]]);
  });

  it('D2: a channel that refuses every post holds its thread, tells the admins once, and a newly picked channel gets the thread', async () => {
    slack.users.set('U0ADMIN', { id: 'U0ADMIN', name: 'ada', tz: 'UTC', is_admin: true });
    slack.users.set('U0OWNER', { id: 'U0OWNER', name: 'olga', tz: 'UTC', is_owner: true });
    slack.users.set('U0MEMBER', { id: 'U0MEMBER', name: 'max', tz: 'UTC' });
    slack.users.set('U0BOTADM', { id: 'U0BOTADM', name: 'bot', tz: 'UTC', is_admin: true, is_bot: true });
    slack.users.set('U0GONE', { id: 'U0GONE', name: 'gone', tz: 'UTC', is_admin: true, deleted: true });
    slack.channels.set(CHANNEL, { id: CHANNEL, name: 'world-cup', is_archived: true });
    const p = poster({ holdMs: 60_000 });
    const results = pollUpTo(4);
    for (const result of results) await deliver(p, result);
    await flushes(p, results[3] as TrackResult, 5);
    // One try, then held: no post per poll, nothing dropped.
    expect(posts(CHANNEL)).toBe(1);
    expect((await p.threads.get(MATCH_KEY))?.pending).toHaveLength(4);
    await slack.waitFor(() => dms('U0ADMIN').length > 0 && dms('U0OWNER').length > 0, 5000);
    expect(dms('U0ADMIN')).toHaveLength(1);
    expect(dms('U0ADMIN')[0]?.text).toContain(`<#${CHANNEL}>`);
    expect(dms('U0ADMIN')[0]?.text).toContain('is_archived');
    expect(dms('U0OWNER')).toHaveLength(1);
    expect(dms('U0MEMBER')).toHaveLength(0);
    expect(dms('U0BOTADM')).toHaveLength(0);
    expect(dms('U0GONE')).toHaveLength(0);

    // An admin picks another channel: the thread, never posted, goes there whole.
    await p.settings.change({ channel: OTHER, channelPickedBy: 'U0ADMIN' });
    await flushes(p, results[3] as TrackResult, 1);
    expect(slack.channelMessages(OTHER)).toHaveLength(1);
    expect(replies(OTHER)).toEqual(ALL);
    expect(slack.channelMessages(CHANNEL)).toHaveLength(0);
    expect(dms('U0ADMIN')).toHaveLength(1);
  });

  it('a held channel resumes by itself once it accepts posts again (probed)', async () => {
    slack.channels.set(CHANNEL, { id: CHANNEL, name: 'world-cup', is_archived: true });
    const p = poster();
    const results = pollUpTo(2);
    for (const result of results) await deliver(p, result);
    expect(slack.channelMessages(CHANNEL)).toHaveLength(0);
    (slack.channels.get(CHANNEL) as { is_archived?: boolean }).is_archived = false;
    await flushes(p, results[1] as TrackResult, 1);
    expect(replies()).toEqual(ALL.slice(0, 2));
  });

  it('the admins are told about one reason once a day, across restarts (kept in the store)', async () => {
    slack.users.set('U0ADMIN', { id: 'U0ADMIN', name: 'ada', tz: 'UTC', is_admin: true });
    const p = poster();
    const notice = holdNotice('en-GB', { kind: 'channel', channel: CHANNEL, error: 'not_in_channel' });
    const settings = new SettingsRepo(store);
    const logger = pino({ level: 'silent' });
    await new AdminNotices({ client: p.client, store, settings, logger }).tell(notice.reason, notice.message);
    await new AdminNotices({ client: p.client, store, settings, logger }).tell(notice.reason, notice.message);
    expect(dms('U0ADMIN')).toHaveLength(1);
    const later = new AdminNotices({ client: p.client, store, settings, logger, now: () => Date.now() + 25 * 3600_000 });
    await later.tell(notice.reason, notice.message);
    expect(dms('U0ADMIN')).toHaveLength(2);
  });

  it('a parent Slack reports gone (message_not_found) is posted again, and the replies go on under it', async () => {
    const p = poster();
    const results = pollUpTo(4);
    await deliver(p, results[0] as TrackResult);
    await deliver(p, results[1] as TrackResult);
    const [old] = slack.channelMessages(CHANNEL);
    // Someone deleted the parent (the fake keeps its replies, as Slack does).
    slack.messages.splice(slack.messages.indexOf(old as never), 1);
    await deliver(p, results[2] as TrackResult);
    await deliver(p, results[3] as TrackResult);
    const parents = slack.channelMessages(CHANNEL);
    expect(parents).toHaveLength(1);
    expect(parents[0]?.ts).not.toBe(old?.ts);
    expect(parents[0]?.text).toContain('0–2');
    const shown = [...slack.thread(CHANNEL, old?.ts as string), ...slack.thread(CHANNEL, parents[0]?.ts as string)];
    expect(shown.map((m) => String(m.metadata?.event_payload.alert_id))).toEqual(ALL);
    expect(logs.some((l) => /parent is gone/.test(l.msg))).toBe(true);
  });

  it('a refused parent edit does not stop the replies', async () => {
    const p = poster();
    const results = pollUpTo(4);
    await deliver(p, results[0] as TrackResult);
    slack.fail('chat.update', 'msg_too_long', 2);
    await p.threads.enqueue(MATCH_KEY, CHANNEL, results.slice(1).flatMap((r) => r.alerts));
    await flushes(p, results[3] as TrackResult, 1);
    expect(replies()).toEqual(ALL);
    await flushes(p, results[3] as TrackResult, 1);
    expect(slack.channelMessages(CHANNEL)[0]?.text).toContain('0–2');
  });

  it('a parent edit whose outcome is unknown (timeout) holds no reply back, and the next flush shows the newest score', async () => {
    const p = poster({ timeoutMs: 300 });
    const results = pollUpTo(4);
    await deliver(p, results[0] as TrackResult);
    slack.hang('chat.update', 1);
    await p.threads.enqueue(MATCH_KEY, CHANNEL, results.slice(1).flatMap((r) => r.alerts));
    await flushes(p, results[3] as TrackResult, 1);
    expect(replies()).toEqual(ALL);
    expect(logs.some((l) => /Slack did not answer/.test(l.msg))).toBe(true);
    await flushes(p, results[3] as TrackResult, 1);
    expect(slack.channelMessages(CHANNEL)[0]?.text).toContain('0–2');
  });

  it('a parent refused as a bad message is given up after three tries, and no longer tried', async () => {
    const p = poster();
    const [kickoff] = pollUpTo(1) as [TrackResult];
    slack.fail('chat.postMessage', 'invalid_blocks', 3);
    await deliver(p, kickoff);
    await flushes(p, kickoff, 4);
    expect(posts(CHANNEL)).toBe(3);
    expect((await p.threads.get(MATCH_KEY))?.parentGivenUp).toBe(true);
  });
});
