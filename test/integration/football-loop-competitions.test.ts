/**
 * The football loop over several followed competitions (SPEC C1, C4, C5), with the real poster, the fake
 * Slack and a real SQLite store: each competition's threads go to its own channel with its own switches,
 * 'followed teams only' follows only matches of followed teams, and a provider that fails or throws skips
 * its own competition only.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { webApi } from '@slack/bolt';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FootballLoop } from '../../src/football/loop.js';
import type { NeutralEvent, NeutralMatch, NeutralTeam } from '../../src/football/model.js';
import type { FootballProvider } from '../../src/football/provider.js';
import { MatchPoster } from '../../src/slack/poster.js';
import { PacedSlack } from '../../src/slack/slack-calls.js';
import { CompetitionRepo, withDefaults, type FollowedCompetition } from '../../src/store/competitions.js';
import { FollowRepo } from '../../src/store/follows.js';
import { MatchRepo } from '../../src/store/matches.js';
import { SettingsRepo } from '../../src/store/settings.js';
import { openStore, type Store } from '../../src/store/store.js';
import { ThreadRepo } from '../../src/store/threads.js';
import { startFakeSlack, type FakeSlack } from '../fakes/slack.js';
import { calendar, ev, K, kickOff, QAT } from '../unit/tracker-fixtures.js';

const logger = pino({ level: 'silent' });
let slack: FakeSlack;
let store: Store;
let dir: string;
const loops: FootballLoop[] = [];

beforeEach(async () => {
  slack = await startFakeSlack();
  dir = await mkdtemp(path.join(os.tmpdir(), 'fanfare-competitions-'));
  store = await openStore(`sqlite://${path.join(dir, 'store.sqlite')}`);
});

afterEach(async () => {
  await Promise.all(loops.splice(0).map((loop) => loop.stop()));
  await store.close();
  await slack.close();
  await rm(dir, { recursive: true, force: true });
});

const team = (id: string, name: string): NeutralTeam => ({ id, name, abbreviation: name.slice(0, 3).toUpperCase(), countryCode: null, logo: null });
const ARS = team('359', 'Arsenal');
const CHE = team('363', 'Chelsea');
const LIV = team('364', 'Liverpool');
const EVE = team('368', 'Everton');

function espnMatch(id: string, home: NeutralTeam, away: NeutralTeam): NeutralMatch {
  return calendar({
    key: { provider: 'espn', competition: 'eng.1', season: '2025', match: id },
    stageId: null,
    home,
    away,
    groupName: null,
    competitionName: 'English Premier League',
    stageName: 'Regular Season',
    phase: 'first-half',
    extraTime: false,
    score: { home: 0, away: 0 },
    clock: "1'",
  });
}

/** A provider serving what the test sets; `fail` makes matches() answer null, `throws` makes it throw. */
function provider(name: 'fifa' | 'espn', matches: NeutralMatch[]) {
  const source = {
    provider: name,
    fail: false,
    throws: false,
    events: new Map<string, NeutralEvent[]>(),
    matches: async () => {
      if (source.throws) throw new Error('boom');
      return source.fail ? null : matches;
    },
    snapshot: async (match: NeutralMatch) => ({ match, events: source.events.get(match.key.match) ?? [] }),
    teams: async () => [],
  };
  return source satisfies FootballProvider;
}

function loop(providers: { fifa?: FootballProvider; espn?: FootballProvider }, competitions: CompetitionRepo, seen: [string, number | null][] = []) {
  const client = new webApi.WebClient(slack.botToken, { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true, timeout: 2000 });
  const threads = new ThreadRepo(store);
  const settings = new SettingsRepo(store);
  const poster = new MatchPoster({ client, threads, settings, locale: 'en-GB', logger, slack: new PacedSlack({ intervalMs: 0 }) });
  const l = new FootballLoop({
    providers,
    competitions,
    follows: new FollowRepo(store),
    matches: new MatchRepo(store),
    threads,
    settings,
    poster,
    store,
    defaultChannel: 'C0DEFAULT',
    matchPollSeconds: 3600,
    calendarPollSeconds: 3600,
    matchLingerSeconds: 60,
    onMatches: (competition: FollowedCompetition, found) => seen.push([competition.id, found === null ? null : found.length]),
    logger,
  });
  loops.push(l);
  return l;
}

const texts = (channel: string): string[] => {
  const [parent] = slack.channelMessages(channel);
  return parent ? [parent.text ?? '', ...slack.thread(channel, parent.ts).map((m) => m.text ?? '')] : [];
};

describe('several competitions at once', () => {
  it("posts each competition's match in its own channel, with its own switches, nothing mixed", async () => {
    const competitions = new CompetitionRepo(store, []);
    await competitions.save({ ...withDefaults({ provider: 'fifa', id: '17', season: null }), channel: 'C0FIFA', goalsInChannel: false });
    await competitions.save({ ...withDefaults({ provider: 'espn', id: 'eng.1', season: null }), channel: 'C0EPL', scope: 'every-match', substitutions: true });
    const fifa = provider('fifa', [calendar()]);
    const espn = provider('espn', [espnMatch('704512', ARS, CHE)]);
    const l = loop({ fifa, espn }, competitions);
    fifa.events.set('400128082', [kickOff('f0')]);
    espn.events.set('704512', [kickOff('s0')]);
    await l.calendarRound();
    await l.matchRound();
    fifa.events.set('400128082', [kickOff('f0'), ev('fg', K.goal, { t: 600, teamId: QAT.id, player: 'Afif', score: [1, 0] })]);
    espn.events.set('704512', [
      kickOff('s0'),
      ev('sg', K.goal, { t: 600, teamId: ARS.id, player: 'Saka', score: [1, 0] }),
      ev('ss', K.substitution, { t: 700, teamId: CHE.id, player: 'Palmer', playerOff: 'Sterling', score: [1, 0] }),
    ]);
    await l.matchRound();
    await slack.waitFor(() => texts('C0FIFA').length === 3 && texts('C0EPL').length === 4, 5000);

    expect(texts('C0FIFA').join('\n')).toMatch(/Qatar/);
    expect(texts('C0FIFA').join('\n')).not.toMatch(/Arsenal|Saka/);
    expect(texts('C0EPL').join('\n')).not.toMatch(/Qatar|Afif/);
    expect(texts('C0EPL')[2]).toMatch(/Saka/);
    expect(texts('C0EPL')[3]).toMatch(/Palmer/);
    expect(slack.channelMessages('C0DEFAULT')).toEqual([]);
    const goalPosts = slack.calls.filter((c) => c.method === 'chat.postMessage' && /GOAL/.test(JSON.stringify(c.args)));
    expect(goalPosts.map((c) => [c.args.channel, c.args.reply_broadcast])).toEqual(
      expect.arrayContaining([
        ['C0FIFA', false],
        ['C0EPL', true],
      ]),
    );
  });

  it('follows only matches of followed teams in a "followed teams only" competition', async () => {
    const competitions = new CompetitionRepo(store, [{ provider: 'espn', id: 'eng.1', season: null }]);
    expect((await competitions.list())[0]?.scope).toBe('followed-teams');
    await new FollowRepo(store).followTeam('U1', 'espn:364');
    const espn = provider('espn', [espnMatch('1', ARS, CHE), espnMatch('2', EVE, LIV)]);
    const l = loop({ espn }, competitions);
    await l.calendarRound();
    expect(await new MatchRepo(store).activeKeys()).toEqual(['espn:eng.1/2025/2']);
  });

  it('skips a competition whose provider fails or throws, and the others go on; the App Home hears of both', async () => {
    const competitions = new CompetitionRepo(store, [
      { provider: 'espn', id: 'eng.1', season: null },
      { provider: 'fifa', id: '17', season: null },
    ]);
    await competitions.patch({ provider: 'espn', id: 'eng.1', season: null }, { scope: 'every-match' });
    const fifa = provider('fifa', [calendar()]);
    const espn = provider('espn', [espnMatch('704512', ARS, CHE)]);
    const seen: [string, number | null][] = [];
    const l = loop({ fifa, espn }, competitions, seen);
    espn.throws = true;
    await l.calendarRound();
    espn.throws = false;
    espn.fail = true;
    await l.calendarRound();
    expect(await new MatchRepo(store).activeKeys()).toEqual(['fifa:17/255711/400128082']);
    expect(seen).toEqual([
      ['17', 1],
      ['eng.1', null],
      ['17', 1],
    ]);
    espn.fail = false;
    await l.calendarRound();
    expect(await new MatchRepo(store).activeKeys()).toEqual(['fifa:17/255711/400128082', 'espn:eng.1/2025/704512']);
  });

  it('starts following a competition an admin adds, from the next calendar round', async () => {
    const competitions = new CompetitionRepo(store, [{ provider: 'fifa', id: '17', season: null }]);
    const fifa = provider('fifa', []);
    const espn = provider('espn', [espnMatch('704512', ARS, CHE)]);
    const l = loop({ fifa, espn }, competitions);
    await l.calendarRound();
    expect(await new MatchRepo(store).activeKeys()).toEqual([]);
    await competitions.save({ ...withDefaults({ provider: 'espn', id: 'eng.1', season: null }), scope: 'every-match', channel: 'C0EPL' });
    await l.calendarRound();
    espn.events.set('704512', [kickOff('s0')]);
    await l.matchRound();
    await slack.waitFor(() => texts('C0EPL').length === 2, 5000);
    expect(texts('C0EPL')[1]).toBe('Kick-off! Arsenal v Chelsea');
  });
});
