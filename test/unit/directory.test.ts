/**
 * The football directory: what the App Home and `/fanfare` know of each followed competition, fed by the
 * loop's reports and a fake FootballProvider's team lists, over a real CompetitionRepo on SQLite.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FootballDirectory, TEAMS_REFRESH_MS, TEAMS_RETRY_MS } from '../../src/football/directory.js';
import type { NeutralMatch, NeutralTeam, Provider } from '../../src/football/model.js';
import type { CompetitionRef, FootballProvider } from '../../src/football/provider.js';
import { CompetitionRepo, withDefaults } from '../../src/store/competitions.js';
import { openStore, type Store } from '../../src/store/store.js';

const PREMIER_LEAGUE: CompetitionRef = { provider: 'espn', id: 'eng.1', season: null };
const CHAMPIONS_LEAGUE: CompetitionRef = { provider: 'espn', id: 'uefa.champions', season: null };
const WORLD_CUP: CompetitionRef = { provider: 'fifa', id: '17', season: null };

function team(id: string, name: string, abbreviation = name.slice(0, 3).toUpperCase(), countryCode: string | null = null): NeutralTeam {
  return { id, name, abbreviation, countryCode, logo: null };
}

const arsenal = team('359', 'Arsenal');
const chelsea = team('363', 'Chelsea');
const wolves = team('380', 'Wolverhampton Wanderers', 'WOL');
const bayern = team('132', 'Bayern Munich', 'BAY');
const argentina = team('43922', 'Argentina', 'ARG', 'ARG');
const ivoryCoast = team('43854', "Côte d'Ivoire", 'CIV', 'CIV');

let clock = Date.parse('2026-12-04T12:00:00Z');
const hours = (h: number) => new Date(clock + h * 3600_000).toISOString().replace(/\.\d+Z$/, 'Z');

function match(ref: CompetitionRef, id: string, home: NeutralTeam, away: NeutralTeam, kickoff: string, over: Partial<NeutralMatch> = {}): NeutralMatch {
  return {
    key: { provider: ref.provider, competition: ref.id, season: '2026', match: id },
    stageId: null,
    kickoff,
    status: 'scheduled',
    home,
    away,
    placeholderHome: null,
    placeholderAway: null,
    competitionName: ref.id === 'eng.1' ? 'English Premier League' : 'UEFA Champions League',
    stageName: '',
    groupName: null,
    score: null,
    penalties: null,
    clock: null,
    phase: null,
    extraTime: null,
    knockout: null,
    winnerTeamId: null,
    ...over,
  };
}

/** A provider whose team lists are set per competition; null answers "failed"; calls are counted. */
class FakeProvider implements FootballProvider {
  readonly teamLists = new Map<string, NeutralTeam[] | null>();
  teamCalls: string[] = [];
  constructor(readonly provider: Provider) {}
  async matches(): Promise<NeutralMatch[] | null> {
    return [];
  }
  async snapshot(): Promise<null> {
    return null;
  }
  async teams(ref: CompetitionRef): Promise<NeutralTeam[] | null> {
    this.teamCalls.push(ref.id);
    return this.teamLists.get(ref.id) ?? null;
  }
}

let dir: string;
let store: Store;
let repo: CompetitionRepo;
let espn: FakeProvider;
let fifa: FakeProvider;
let logs: { level: number; msg: string }[];
let directory: FootballDirectory;

beforeEach(async () => {
  clock = Date.parse('2026-12-04T12:00:00Z');
  dir = await mkdtemp(path.join(os.tmpdir(), 'fanfare-directory-'));
  store = await openStore(`sqlite://${path.join(dir, 'store.sqlite')}`);
  repo = new CompetitionRepo(store, [PREMIER_LEAGUE, WORLD_CUP]);
  espn = new FakeProvider('espn');
  fifa = new FakeProvider('fifa');
  logs = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => logs.push(JSON.parse(line) as { level: number; msg: string }) });
  directory = new FootballDirectory({ providers: [espn, fifa], competitions: repo, logger, now: () => clock });
});

afterEach(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

/** Lets fire-and-forget work (team fetches, the status log) finish. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('teams', () => {
  it('lists every club of every followed competition from the provider, not only those playing soon', async () => {
    espn.teamLists.set('eng.1', [arsenal, chelsea, wolves]);
    fifa.teamLists.set('17', [argentina, ivoryCoast]);
    await directory.start();
    const snapshot = await directory.snapshot();
    expect(snapshot.teams().map((t) => t.id)).toEqual(['fifa:43922', 'espn:359', 'espn:363', 'fifa:43854', 'espn:380']);
    expect(snapshot.team('espn:380')).toMatchObject({ name: 'Wolverhampton Wanderers', competitions: ['Premier League'] });
  });

  it('shows a club with each competition it plays in, and keeps one key for it', async () => {
    await repo.save(withDefaults(CHAMPIONS_LEAGUE, 'Champions League'));
    await repo.patch(PREMIER_LEAGUE, { name: 'Premier League' });
    espn.teamLists.set('eng.1', [arsenal, chelsea]);
    espn.teamLists.set('uefa.champions', [arsenal, bayern]);
    await directory.start();
    const snapshot = await directory.snapshot();
    expect(snapshot.team('espn:359')?.competitions).toEqual(['Premier League', 'Champions League']);
    expect(snapshot.teams().filter((t) => t.name === 'Arsenal')).toHaveLength(1);
  });

  it('finds clubs forgivingly across competitions and suggests on typos', async () => {
    espn.teamLists.set('eng.1', [arsenal, chelsea, wolves]);
    fifa.teamLists.set('17', [argentina, ivoryCoast]);
    await directory.start();
    const snapshot = await directory.snapshot();
    expect(snapshot.find('arsenal')).toMatchObject({ team: { id: 'espn:359' } });
    expect(snapshot.find('ivory coast')).toMatchObject({ team: { id: 'fifa:43854' } });
    expect(snapshot.find('wolverhampton')).toMatchObject({ team: { id: 'espn:380' } });
    const typo = snapshot.find('chelsae');
    expect(typo.team).toBeNull();
    expect(typo.team === null && typo.suggestions.map((t) => t.id)).toEqual(['espn:363']);
    expect(snapshot.search('ar').map((t) => t.id).slice(0, 2)).toEqual(['fifa:43922', 'espn:359']);
  });

  it('reads a follow stored as a bare FIFA id as the FIFA team', async () => {
    fifa.teamLists.set('17', [argentina]);
    await directory.start();
    expect((await directory.snapshot()).team('43922')?.id).toBe('fifa:43922');
  });

  it('adds teams seen in reported matches to the provider list', async () => {
    espn.teamLists.set('eng.1', [arsenal]);
    await directory.start();
    directory.report(PREMIER_LEAGUE, [match(PREMIER_LEAGUE, '1', chelsea, wolves, hours(3))]);
    const ids = (await directory.snapshot()).teams().map((t) => t.id);
    expect(ids).toEqual(expect.arrayContaining(['espn:359', 'espn:363', 'espn:380']));
  });

  it('asks again daily, and after a failure only once the retry delay has passed', async () => {
    espn.teamLists.set('eng.1', null);
    await directory.start();
    expect(espn.teamCalls).toEqual(['eng.1']);
    directory.report(PREMIER_LEAGUE, []);
    await settle();
    expect(espn.teamCalls).toHaveLength(1);
    clock += TEAMS_RETRY_MS;
    espn.teamLists.set('eng.1', [arsenal]);
    directory.report(PREMIER_LEAGUE, []);
    await settle();
    expect(espn.teamCalls).toHaveLength(2);
    expect((await directory.snapshot()).team('espn:359')).toBeDefined();
    clock += TEAMS_REFRESH_MS - 1;
    directory.report(PREMIER_LEAGUE, []);
    await settle();
    expect(espn.teamCalls).toHaveLength(2);
    clock += 1;
    directory.report(PREMIER_LEAGUE, []);
    await settle();
    expect(espn.teamCalls).toHaveLength(3);
  });

  it('forgets a competition that is no longer followed', async () => {
    espn.teamLists.set('eng.1', [arsenal]);
    fifa.teamLists.set('17', [argentina]);
    await directory.start();
    await repo.remove(PREMIER_LEAGUE);
    const snapshot = await directory.snapshot();
    expect(snapshot.team('espn:359')).toBeUndefined();
    expect(snapshot.statuses().map((s) => s.competition.id)).toEqual(['17']);
  });
});

describe('status and next matches', () => {
  it('says per competition what is live, what is next, and when its provider started failing', async () => {
    const failedAt = clock;
    directory.report(WORLD_CUP, null);
    clock += 60_000;
    directory.report(WORLD_CUP, null);
    await repo.save(withDefaults(CHAMPIONS_LEAGUE));
    directory.report(CHAMPIONS_LEAGUE, [match(CHAMPIONS_LEAGUE, '7', bayern, arsenal, hours(30))]);
    directory.report(PREMIER_LEAGUE, [
      match(PREMIER_LEAGUE, '2', chelsea, wolves, hours(26)),
      match(PREMIER_LEAGUE, '1', arsenal, chelsea, hours(2)),
      match(PREMIER_LEAGUE, '0', wolves, arsenal, hours(-24), { status: 'finished' }),
    ]);
    const [pl, wc, ucl] = (await directory.snapshot()).statuses();
    // Bundled names first (the admin's pick would win), then the provider's, never a bare id when known.
    expect(pl).toMatchObject({ name: 'Premier League', checked: true, failingSince: null, live: [] });
    expect(pl!.next?.key.match).toBe('1');
    expect(wc).toMatchObject({ name: 'FIFA World Cup', checked: true, failingSince: failedAt, next: null });
    expect(ucl).toMatchObject({ name: 'UEFA Champions League', checked: true });

    directory.report(WORLD_CUP, []);
    expect((await directory.snapshot()).statuses()[1]!.failingSince).toBeNull();
  });

  it('says the provider is failing when its team list fails before the first poll, and not once polls succeed', async () => {
    fifa.teamLists.set('17', null);
    await directory.start();
    const wc = (await directory.snapshot()).statuses()[1]!;
    expect(wc).toMatchObject({ checked: true, failingSince: clock, teamCount: 0 });
    directory.report(WORLD_CUP, []);
    expect((await directory.snapshot()).statuses()[1]!.failingSince).toBeNull();
  });

  it('keeps the last good matches through a failed poll', async () => {
    directory.report(PREMIER_LEAGUE, [match(PREMIER_LEAGUE, '1', arsenal, chelsea, hours(2))]);
    directory.report(PREMIER_LEAGUE, null);
    const [pl] = (await directory.snapshot()).statuses();
    expect(pl!.next?.key.match).toBe('1');
    expect(pl!.failingSince).toBe(clock);
  });

  it('spans every followed competition: live first, then soonest, only matches of followed teams', async () => {
    await repo.save(withDefaults(CHAMPIONS_LEAGUE, 'Champions League'));
    directory.report(PREMIER_LEAGUE, [
      match(PREMIER_LEAGUE, '1', arsenal, chelsea, hours(48)),
      match(PREMIER_LEAGUE, '2', wolves, chelsea, hours(1)),
      match(PREMIER_LEAGUE, '3', arsenal, wolves, hours(-1), { status: 'live', score: { home: 1, away: 0 } }),
    ]);
    directory.report(CHAMPIONS_LEAGUE, [
      match(CHAMPIONS_LEAGUE, '9', bayern, arsenal, hours(24)),
      // Past kick-off and not live yet: neither "next" nor "on".
      match(CHAMPIONS_LEAGUE, '8', arsenal, bayern, hours(-2)),
      match(CHAMPIONS_LEAGUE, '6', arsenal, bayern, hours(-50), { status: 'finished' }),
    ]);
    const snapshot = await directory.snapshot();
    const mine = snapshot.nextMatches(['espn:359']);
    expect(mine.map((m) => [m.match.key.match, m.competition])).toEqual([
      ['3', 'Premier League'],
      ['9', 'Champions League'],
      ['1', 'Premier League'],
    ]);
    // A newcomer who follows nothing sees what is coming in every competition.
    expect(snapshot.nextMatches([]).map((m) => m.match.key.match)).toEqual(['3', '2', '9', '1']);
  });

  it('logs one line per competition once every competition has been polled', async () => {
    directory.report(PREMIER_LEAGUE, [match(PREMIER_LEAGUE, '1', arsenal, chelsea, '2026-12-06T15:00:00Z')]);
    await settle();
    expect(logs.filter((l) => l.msg.startsWith('following'))).toHaveLength(0);
    directory.report(WORLD_CUP, null);
    await settle();
    directory.report(WORLD_CUP, null);
    await settle();
    const lines = logs.filter((l) => l.msg.startsWith('following'));
    expect(lines.map((l) => l.msg)).toEqual([
      'following Premier League (espn:eng.1): next match 2026-12-06T15:00:00Z',
      `following FIFA World Cup (fifa:17): its provider (fifa) is not answering since ${new Date(clock).toISOString()}; threads start once it does`,
    ]);
    expect(lines[1]!.level).toBe(40);
  });

  it('logs the status only once, and at the latest after the delay when a competition is never polled', async () => {
    const patient = new FootballDirectory({
      providers: [],
      competitions: repo,
      logger: pino({ level: 'info' }, { write: (line: string) => logs.push(JSON.parse(line) as { level: number; msg: string }) }),
      now: () => clock,
      statusLogDelayMs: 30,
    });
    await patient.start();
    patient.report(PREMIER_LEAGUE, []);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const lines = () => logs.filter((l) => l.msg.startsWith('following')).map((l) => l.msg);
    expect(lines()).toEqual([
      "following Premier League (espn:eng.1): no match in the provider's coming days",
      'following FIFA World Cup (fifa:17): not checked yet',
    ]);
    await patient.logStatusOnce();
    patient.report(WORLD_CUP, []);
    await settle();
    expect(lines()).toHaveLength(2);
  });
});
