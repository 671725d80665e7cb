/**
 * Quiet hours and kick-off reminders (SPEC P4, P5) with the real audience, DM sink (fake Slack) and
 * SQLite, on an injected clock: nothing reaches a member in their quiet hours, one summary (DM, and SMS
 * for an active number) arrives when they end, in their language; a reminder arrives once, N minutes
 * before kick-off with the kick-off on the member's own clock, never after kick-off, never twice across
 * a restart. Nothing here reads the machine's time zone.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { webApi } from '@slack/bolt';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Audience } from '../../src/alerts/audience.js';
import type { MatchEventAlert, MatchEventDetail, MatchSummary } from '../../src/alerts/types.js';
import { allSinks } from '../../src/alerts/types.js';
import type { DirectoryMatch } from '../../src/football/directory.js';
import type { NeutralMatch } from '../../src/football/model.js';
import { KickoffReminders } from '../../src/football/reminders.js';
import { DmSink } from '../../src/slack/sinks/dm-sink.js';
import { QuietDigestSink, type SmsQueue } from '../../src/slack/sinks/quiet-digest.js';
import { PacedSlack } from '../../src/slack/slack-calls.js';
import { audienceReader } from '../../src/store/audience-reader.js';
import { FollowRepo } from '../../src/store/follows.js';
import { MemberPrefsRepo, type MemberPrefs } from '../../src/store/member-prefs.js';
import { QuietHeldRepo } from '../../src/store/quiet-held.js';
import { openStore, type Store } from '../../src/store/store.js';
import { SubscriberRepo } from '../../src/store/subscribers.js';
import { startFakeSlack, type FakeSlack } from '../fakes/slack.js';

const logger = pino({ level: 'silent' });
const ARG = 'fifa:43922';
const FRA = 'fifa:43946';

let slack: FakeSlack;
let dir: string;
let store: Store;
let clock: number;
const stops: (() => Promise<void>)[] = [];

beforeEach(async () => {
  slack = await startFakeSlack();
  dir = await mkdtemp(path.join(os.tmpdir(), 'fanfare-quiet-'));
  store = await openStore(`sqlite://${path.join(dir, 'store.sqlite')}`);
});

afterEach(async () => {
  for (const stop of stops.splice(0)) await stop();
  await store.close();
  await slack.close();
  await rm(dir, { recursive: true, force: true });
});

const now = () => clock;

/** One running Fanfare's personal side, as main.ts wires it (a "restart" is a second call on the same store). */
function wire(sms: SmsQueue | null = null) {
  const follows = new FollowRepo(store);
  const prefs = new MemberPrefsRepo(store);
  const subscribers = new SubscriberRepo(store);
  const audience = new Audience(audienceReader(follows, prefs, subscribers), { now });
  const client = new webApi.WebClient(slack.botToken, { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true, timeout: 2000 });
  const dms = new DmSink({
    client,
    slack: new PacedSlack({ intervalMs: 20 }),
    store,
    audience,
    threadUrl: async () => 'https://fanfare-fake.slack.com/archives/C0MATCHES/p1700000000000100',
    locale: 'en-GB',
    logger,
    retryMs: 100,
    now,
  });
  const quiet = new QuietDigestSink({ audience, held: new QuietHeldRepo(store), prefs, subscribers, dms, sms, locale: 'en-GB', logger, now });
  stops.push(() => dms.stop());
  return { follows, prefs, subscribers, dms, quiet, sinks: allSinks([dms, quiet]) };
}

const match: MatchSummary = {
  key: 'fifa:17/255711/400128145',
  competitionName: 'FIFA World Cup',
  stageName: 'Final',
  groupName: null,
  kickoff: '2026-12-05T01:00:00Z',
  home: { id: ARG, name: 'Argentina', abbreviation: 'ARG', countryCode: 'ARG' },
  away: { id: FRA, name: 'France', abbreviation: 'FRA', countryCode: 'FRA' },
  score: { home: 3, away: 3 },
  penalties: { home: 4, away: 2 },
  phase: 'finished',
  minute: null,
  wentToExtraTime: true,
  winner: 'home',
};

function event(eventId: string, detail: MatchEventDetail): MatchEventAlert {
  return { source: 'match', id: `${match.key}/${eventId}`, matchKey: match.key, revision: 0, minute: null, at: new Date(clock).toISOString(), match, eventId, ...detail };
}

const goal = () => event('e1', { kind: 'goal', side: 'home', player: 'Lionel MESSI', method: 'open-play', score: { home: 3, away: 3 } });
const end = () => event('e9', { kind: 'match-end', score: { home: 3, away: 3 }, penalties: { home: 4, away: 2 }, winner: 'home', extraTime: true });

describe('quiet hours', () => {
  it('hold every alert, then send one summary in the member’s language when they end (DM and SMS), once', async () => {
    // 02:00 UTC is 23:00 in São Paulo (UTC-3) and 11:00 in Tokyo.
    clock = Date.parse('2026-12-05T02:00:00Z');
    const texts: { id: string; userId: string; text: string }[] = [];
    const sms: SmsQueue = { enqueue: async (id, items) => void texts.push(...items.map((i) => ({ id, userId: i.userId, text: i.text }))) };
    const app = wire(sms);
    const quietNight = { from: '22:00', to: '07:00' };
    await app.follows.followTeam('U0SLEEP', ARG);
    await app.prefs.patch('U0SLEEP', { timeZone: 'America/Sao_Paulo', quietHours: quietNight, language: 'pt-BR' });
    await app.subscribers.activate('U0SLEEP', '+5511987654321', 'goals');
    await app.follows.followTeam('U0AWAKE', FRA);
    await app.prefs.patch('U0AWAKE', { timeZone: 'Asia/Tokyo', quietHours: quietNight });
    await app.dms.start();

    await app.sinks.deliver([goal()]);
    await app.sinks.deliver([end()]);
    await app.dms.idle();
    expect(slack.dmsTo('U0SLEEP')).toEqual([]);
    expect(texts).toEqual([]);
    expect(slack.dmsTo('U0AWAKE').length).toBeGreaterThanOrEqual(1);

    // 09:59 UTC = 06:59 in São Paulo: still quiet.
    clock = Date.parse('2026-12-05T09:59:00Z');
    await app.quiet.sendDue();
    await app.dms.idle();
    expect(slack.dmsTo('U0SLEEP')).toEqual([]);

    // 10:00:30 UTC = 07:00:30: the quiet hours are over.
    clock = Date.parse('2026-12-05T10:00:30Z');
    await app.quiet.sendDue();
    await app.dms.idle();
    const [summary, ...more] = slack.dmsTo('U0SLEEP');
    expect(more).toEqual([]);
    expect(summary?.text).toContain('silêncio');
    expect(JSON.stringify(summary?.blocks)).toContain('Argentina 3 x 3 France');
    expect(texts).toHaveLength(1);
    expect(texts[0]).toMatchObject({ userId: 'U0SLEEP', id: `quiet/U0SLEEP/${Date.parse('2026-12-05T10:00:00Z')}` });
    expect(texts[0]?.text).toMatch(/^Silencio: ARG 3 x 3 FRA/);

    // A restart: the same store, new sinks; nothing is sent again.
    const again = wire(sms);
    await again.dms.start();
    await again.quiet.sendDue();
    await again.dms.idle();
    expect(slack.dmsTo('U0SLEEP')).toHaveLength(1);
    expect(texts).toHaveLength(1);
  });

  it('at SMS off, the summary comes by DM only: the kept number is not texted (SPEC P1)', async () => {
    clock = Date.parse('2026-12-05T02:00:00Z');
    const texts: string[] = [];
    const sms: SmsQueue = { enqueue: async (_id, items) => void texts.push(...items.map((i) => i.userId)) };
    const app = wire(sms);
    for (const userId of ['U0OFF', 'U0ON']) {
      await app.follows.followTeam(userId, ARG);
      await app.prefs.patch(userId, { quietHours: { from: '01:00', to: '03:00' } });
      await app.subscribers.activate(userId, userId === 'U0OFF' ? '+447400123456' : '+447400654321', 'goals');
    }
    await app.subscribers.update('U0OFF', { alerts: 'off' });
    await app.dms.start();
    await app.sinks.deliver([end()]);
    clock = Date.parse('2026-12-05T03:00:30Z');
    await app.quiet.sendDue();
    await app.dms.idle();
    expect(slack.dmsTo('U0OFF')).toHaveLength(1);
    expect(slack.dmsTo('U0ON')).toHaveLength(1);
    expect(texts).toEqual(['U0ON']);
  });

  it('after quiet hours, alerts flow again and nothing was queued for the member meanwhile', async () => {
    clock = Date.parse('2026-12-05T02:00:00Z');
    const app = wire();
    await app.follows.followTeam('U0SLEEP', ARG);
    await app.prefs.patch('U0SLEEP', { quietHours: { from: '01:00', to: '03:00' }, dm: 'everything' });
    await app.dms.start();
    await app.sinks.deliver([goal()]);
    await app.dms.idle();
    clock = Date.parse('2026-12-05T03:00:00Z');
    await app.sinks.deliver([event('e2', { kind: 'card', side: 'away', player: 'Kylian MBAPPE', card: 'yellow' })]);
    await app.dms.idle();
    // The goal was not held back to be sent later: only the card, sent after the quiet hours.
    const dms = slack.dmsTo('U0SLEEP');
    expect(dms).toHaveLength(1);
    expect(dms[0]?.text).toContain('MBAPPE');
    expect(dms[0]?.text).not.toContain('MESSI');
  });
});

describe('kick-off reminders', () => {
  const upcoming = (kickoff: string): DirectoryMatch => ({
    competition: 'FIFA World Cup',
    match: {
      key: { provider: 'fifa', competition: '17', season: '255711', match: '400128146' },
      stageId: null,
      kickoff,
      status: 'scheduled',
      home: { id: '43922', name: 'Argentina', abbreviation: 'ARG', countryCode: 'ARG', logo: null },
      away: { id: '43946', name: 'France', abbreviation: 'FRA', countryCode: 'FRA', logo: null },
      placeholderHome: null,
      placeholderAway: null,
      competitionName: 'FIFA World Cup',
      stageName: 'Final',
      groupName: null,
      score: null,
      penalties: null,
      clock: null,
      phase: null,
      extraTime: null,
      knockout: true,
      winnerTeamId: null,
    } as NeutralMatch,
  });

  async function members(app: ReturnType<typeof wire>, list: [string, string, Partial<MemberPrefs>][]): Promise<void> {
    for (const [id, team, prefs] of list) {
      await app.follows.followTeam(id, team);
      await app.prefs.patch(id, prefs);
    }
  }

  function reminders(app: ReturnType<typeof wire>, matches: DirectoryMatch[]) {
    const r = new KickoffReminders({
      directory: { snapshot: async () => ({ nextMatches: () => matches }) },
      follows: app.follows,
      prefs: app.prefs,
      dms: app.dms,
      locale: 'en-GB',
      logger,
      now,
    });
    stops.push(() => r.stop());
    return r;
  }

  it('arrive once, N minutes before kick-off, with the kick-off on each member’s clock and in their language', async () => {
    const kickoff = '2026-12-05T18:00:00Z';
    const app = wire();
    await members(app, [
      ['U0SAO', ARG, { reminderMinutes: 15, timeZone: 'America/Sao_Paulo', language: 'pt-BR' }],
      ['U0TYO', FRA, { reminderMinutes: 15, timeZone: 'Asia/Tokyo' }],
      ['U0HOUR', ARG, { reminderMinutes: 60 }],
      ['U0NONE', ARG, {}],
    ]);
    await app.dms.start();
    const r = reminders(app, [upcoming(kickoff)]);

    clock = Date.parse('2026-12-05T16:30:00Z');
    await r.sendDue();
    await app.dms.idle();
    expect(slack.messages.filter((m) => m.channel.startsWith('D'))).toEqual([]);

    clock = Date.parse('2026-12-05T17:00:00Z');
    await r.sendDue();
    await app.dms.idle();
    expect(slack.dmsTo('U0HOUR')).toHaveLength(1);
    expect(slack.dmsTo('U0HOUR')[0]?.text).toContain('kicks off in an hour: Sat 5 Dec, 18:00 (UTC)');
    expect(slack.dmsTo('U0SAO')).toEqual([]);

    clock = Date.parse('2026-12-05T17:45:00Z');
    await r.sendDue();
    await app.dms.idle();
    clock = Date.parse('2026-12-05T17:50:00Z');
    await r.sendDue();
    await app.dms.idle();
    // 18:00 UTC is 15:00 in São Paulo and 03:00 the next day in Tokyo.
    expect(slack.dmsTo('U0SAO')).toHaveLength(1);
    expect(slack.dmsTo('U0SAO')[0]?.text).toMatch(/Argentina x France começa em 15 minutos: sáb\., 5 de dez\., 15:00 \((GMT-3|BRT)\)/);
    expect(slack.dmsTo('U0TYO')).toHaveLength(1);
    expect(slack.dmsTo('U0TYO')[0]?.text).toMatch(/France kicks off in 15 minutes: Sun 6 Dec, 03:00 \((GMT\+9|JST)\)/);
    expect(slack.dmsTo('U0HOUR')).toHaveLength(1);
    expect(slack.dmsTo('U0NONE')).toEqual([]);

    // A restart before kick-off: nothing again.
    const again = wire();
    await again.dms.start();
    const r2 = reminders(again, [upcoming(kickoff)]);
    clock = Date.parse('2026-12-05T17:55:00Z');
    await r2.sendDue();
    await again.dms.idle();
    for (const id of ['U0SAO', 'U0TYO', 'U0HOUR']) expect(slack.dmsTo(id), id).toHaveLength(1);
  });

  it('after downtime: late but before kick-off is sent (saying how long is left); after kick-off never', async () => {
    const app = wire();
    await members(app, [['U0LATE', ARG, { reminderMinutes: 60 }]]);
    await app.dms.start();
    clock = Date.parse('2026-12-05T17:50:00Z');
    await reminders(app, [upcoming('2026-12-05T18:00:00Z')]).sendDue();
    await app.dms.idle();
    expect(slack.dmsTo('U0LATE')).toHaveLength(1);
    expect(slack.dmsTo('U0LATE')[0]?.text).toContain('kicks off in 10 minutes');

    // Fanfare was down from before this member's reminder was due until after kick-off.
    await members(app, [['U0GONE', FRA, { reminderMinutes: 15 }]]);
    clock = Date.parse('2026-12-05T18:00:30Z');
    await reminders(app, [upcoming('2026-12-05T18:00:00Z')]).sendDue();
    await app.dms.idle();
    expect(slack.dmsTo('U0GONE')).toEqual([]);
  });

  it('a reminder queued before kick-off but not posted by then (Slack paused, Fanfare stopped) is never posted', async () => {
    const app = wire();
    await members(app, [['U0HELD', ARG, { reminderMinutes: 15 }]]);
    clock = Date.parse('2026-12-05T17:50:00Z');
    // Queued while the DM outbox is not running yet; it only starts after kick-off.
    await reminders(app, [upcoming('2026-12-05T18:00:00Z')]).sendDue();
    expect(await app.dms.knows(`reminder/fifa:17/255711/400128146/U0HELD`)).toBe(true);
    clock = Date.parse('2026-12-05T18:00:01Z');
    await app.dms.start();
    await app.dms.idle();
    expect(slack.dmsTo('U0HELD')).toEqual([]);
  });
});
