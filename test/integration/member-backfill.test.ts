/**
 * The Slack locale and time zone backfill (SPEC P3) against the fake Slack over the wire and a real
 * SQLite store: it pages through users.list with the locale asked for, writes only for members Fanfare
 * knows (never the rest of the workspace, deleted users or bots), waits out 429s, and a round that fails
 * (Slack or the store) is reported and tried again, never taken for "nobody to update".
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { webApi } from '@slack/bolt';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MemberBackfill, type KnownMembers } from '../../src/slack/member-backfill.js';
import { PacedSlack } from '../../src/slack/slack-calls.js';
import { FollowRepo } from '../../src/store/follows.js';
import { MemberPrefsRepo } from '../../src/store/member-prefs.js';
import { openStore, StoreError, type Store } from '../../src/store/store.js';
import { startFakeSlack, type FakeSlack } from '../fakes/slack.js';

const ARG = 'fifa:43922';
const id = (n: number) => `U0M${String(n).padStart(3, '0')}`;

let slack: FakeSlack;
let dir: string;
let store: Store;
let follows: FollowRepo;
let prefs: MemberPrefsRepo;
let logs: { level: number; msg: string; updated?: number }[];
const backfills: MemberBackfill[] = [];

beforeEach(async () => {
  slack = await startFakeSlack();
  dir = await mkdtemp(path.join(os.tmpdir(), 'fanfare-backfill-'));
  store = await openStore(`sqlite://${path.join(dir, 'store.sqlite')}`);
  follows = new FollowRepo(store);
  prefs = new MemberPrefsRepo(store);
  logs = [];
  // 450 members: three pages of 200.
  for (let n = 0; n < 450; n++) slack.users.set(id(n), { id: id(n), name: `m${n}`, tz: 'America/Sao_Paulo', locale: 'pt-BR' });
});

afterEach(async () => {
  for (const backfill of backfills.splice(0)) await backfill.stop();
  await store.close();
  await slack.close();
  await rm(dir, { recursive: true, force: true });
});

function backfill(known: KnownMembers = { follows, prefs }): MemberBackfill {
  const client = new webApi.WebClient(slack.botToken, { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true, timeout: 2000 });
  const logger = pino({ level: 'debug' }, { write: (line: string) => void logs.push(JSON.parse(line) as (typeof logs)[number]) });
  const job = new MemberBackfill({ ...known, client, slack: new PacedSlack({ logger }), logger, pageGapMs: 10, retryMs: 50 });
  backfills.push(job);
  job.start();
  return job;
}

const done = () => logs.find((line) => /Slack locale and time zone brought up to date/.test(line.msg));
const listCalls = () => slack.calls.filter((c) => c.method === 'users.list');

describe('the Slack locale and time zone backfill', () => {
  it('pages through users.list and writes only for the members Fanfare knows, where something changed', async () => {
    await follows.followTeam(id(10), ARG); // on page 1, follows a team
    await prefs.patch(id(300), { language: 'fr-FR' }); // on page 2, only prefs
    await follows.followTeam(id(449), ARG); // on page 3, already up to date
    await prefs.patch(id(449), { slackLocale: 'pt-BR', timeZone: 'America/Sao_Paulo' });
    await follows.followTeam(id(20), ARG); // deactivated
    slack.users.set(id(20), { id: id(20), name: 'gone', tz: 'Europe/Paris', locale: 'fr-FR', deleted: true });
    await prefs.patch(id(30), { dm: 'off' }); // a bot
    slack.users.set(id(30), { id: id(30), name: 'bot', tz: 'Europe/Paris', locale: 'fr-FR', is_bot: true });
    await follows.followTeam(id(40), ARG); // followed once, follows nothing now
    await follows.unfollowTeam(id(40), ARG);

    backfill();
    await slack.waitFor(() => done() !== undefined, 10_000);

    expect(done()?.updated).toBe(2);
    expect(await prefs.get(id(10))).toMatchObject({ slackLocale: 'pt-BR', timeZone: 'America/Sao_Paulo' });
    expect(await prefs.get(id(300))).toMatchObject({ language: 'fr-FR', slackLocale: 'pt-BR', timeZone: 'America/Sao_Paulo' });
    const [stranger, deactivated, bot, former] = await prefs.getStoredMany([id(1), id(20), id(30), id(40)]);
    expect(stranger).toBeUndefined();
    expect(deactivated).toBeUndefined();
    expect(bot).not.toHaveProperty('slackLocale');
    expect(former).toBeUndefined();
    expect(listCalls().map((c) => [c.args.limit, c.args.include_locale, typeof c.args.cursor])).toEqual([
      [200, true, 'undefined'],
      [200, true, 'string'],
      [200, true, 'string'],
    ]);
  });

  it('waits out a 429 (Retry-After) and goes on', async () => {
    await follows.followTeam(id(10), ARG);
    slack.rateLimit('users.list', 1, 1);
    backfill();
    await slack.waitFor(() => done() !== undefined, 10_000);
    expect(await prefs.get(id(10))).toMatchObject({ slackLocale: 'pt-BR' });
    expect(listCalls()).toHaveLength(4);
    expect(logs.some((line) => /users\.list failed/.test(line.msg))).toBe(false);
  });

  it('a failing users.list is reported once and tried again later', async () => {
    await follows.followTeam(id(10), ARG);
    slack.fail('users.list', 'internal_error', 3);
    backfill();
    await slack.waitFor(() => done() !== undefined, 10_000);
    expect(await prefs.get(id(10))).toMatchObject({ slackLocale: 'pt-BR', timeZone: 'America/Sao_Paulo' });
    expect(logs.filter((line) => /users\.list failed/.test(line.msg) && line.level >= 40)).toHaveLength(1);
    expect(logs.some((line) => line.msg === 'users.list answers again')).toBe(true);
  });

  it('a store that cannot be read is an error, not "nobody known": nothing is written, and it is tried again', async () => {
    await follows.followTeam(id(10), ARG);
    let storeDown = true;
    const flaky: KnownMembers = {
      follows: { getMany: (ids) => (storeDown ? Promise.reject(new StoreError('could not read follows')) : follows.getMany(ids)) },
      prefs,
    };
    backfill(flaky);
    await slack.waitFor(() => logs.some((line) => /the store failed/.test(line.msg) && line.level >= 50), 10_000);
    expect(done()).toBeUndefined();
    expect((await prefs.getStoredMany([id(10)]))[0]).toBeUndefined();
    storeDown = false;
    await slack.waitFor(() => done() !== undefined, 10_000);
    expect(await prefs.get(id(10))).toMatchObject({ slackLocale: 'pt-BR' });
  });
});
