import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Locale } from '../../src/alerts/i18n/locales.js';
import { FifaClient } from '../../src/football/fifa-client.js';
import { FootballFeed, pickLocalized } from '../../src/football/feed.js';
import type { CalendarMatch } from '../../src/football/types.js';
import { startFakeFifa, type FakeFifa } from '../fakes/fifa.js';
import {
  EventType,
  MatchStatusCode,
  Period,
  TEAMS,
  WC2026,
  rawCalendarMatch,
  rawEvent,
  rawGoal,
  rawMatchEnd,
  rawPeriodStart,
  rawPlayerEvent,
  rawSeason,
  rawTeam,
} from '../fixtures/fifa-builders.js';

const ARG = TEAMS.ARG!.id;
const FRA = TEAMS.FRA!.id;
const MESSI = '229397';
const MBAPPE = '389867';
const DI_MARIA = '183857';

describe('FootballFeed', () => {
  let fifa: FakeFifa;
  let clock: number;

  function feed(locale: Locale = 'en-GB', overrides: { playerConcurrency?: number } = {}): FootballFeed {
    const logger = pino({ level: 'silent' });
    const client = new FifaClient({ baseUrl: fifa.url, language: locale, logger, retries: 0, timeoutMs: 2000 });
    return new FootballFeed({
      client,
      competitionId: WC2026.competitionId,
      seasonId: WC2026.seasonId,
      locale,
      logger,
      now: () => clock,
      ...overrides,
    });
  }

  async function onlyMatch(f: FootballFeed): Promise<CalendarMatch> {
    const matches = await f.calendar();
    expect(matches).toHaveLength(1);
    return matches![0]!;
  }

  const playerRequests = (): string[] =>
    fifa.requests.filter((r) => r.path.startsWith('/api/v3/players/')).map((r) => r.path.split('?')[0]!.split('/').pop()!);

  beforeEach(async () => {
    fifa = await startFakeFifa();
    clock = 1_000_000;
  });

  afterEach(async () => {
    await fifa.close();
  });

  describe('calendar', () => {
    it('maps a live match: key, UTC kick-off, teams, score and status', async () => {
      fifa.setCalendar([
        rawCalendarMatch({
          IdMatch: '400021476',
          Date: '2026-06-11T19:00:00Z',
          LocalDate: '2026-06-11T13:00:00Z',
          MatchStatus: MatchStatusCode.Live,
          HomeTeamScore: 2,
          AwayTeamScore: 1,
          HomeTeamPenaltyScore: 0,
          AwayTeamPenaltyScore: 0,
          MatchTime: "67'",
          ResultType: 0,
        }),
      ]);
      const match = await onlyMatch(feed());

      expect(match).toEqual({
        key: { competitionId: '17', seasonId: '285023', stageId: '289273', matchId: '400021476' },
        kickoff: '2026-06-11T19:00:00Z',
        status: 'live',
        home: { id: ARG, name: 'Argentina', abbreviation: 'ARG', countryCode: 'ARG' },
        away: { id: FRA, name: 'France', abbreviation: 'FRA', countryCode: 'FRA' },
        placeholderHome: 'A1',
        placeholderAway: 'A2',
        competitionName: 'FIFA World Cup™',
        stageName: 'First Stage',
        groupName: 'Group A',
        score: { home: 2, away: 1 },
        penalties: null,
        matchTime: "67'",
        winnerTeamId: null,
      });
    });

    it.each([
      [MatchStatusCode.Finished, 'finished'],
      [MatchStatusCode.Scheduled, 'scheduled'],
      [MatchStatusCode.Live, 'live'],
      [MatchStatusCode.PreMatch, 'other'],
      [7, 'other'],
    ])('maps MatchStatus %i to %s', async (code, status) => {
      fifa.setCalendar([rawCalendarMatch({ MatchStatus: code })]);
      expect((await onlyMatch(feed())).status).toBe(status);
    });

    it('keeps an undecided knockout slot as null teams with placeholders and no score', async () => {
      fifa.setCalendar([
        rawCalendarMatch({
          IdStage: WC2026.round32StageId,
          GroupName: [],
          Home: null,
          Away: rawTeam('FRA', { IdTeam: null }),
          PlaceHolderA: '1A',
          PlaceHolderB: '3C/D/E',
        }),
      ]);
      const match = await onlyMatch(feed());

      expect(match.home).toBeNull();
      expect(match.away).toBeNull();
      expect(match.placeholderHome).toBe('1A');
      expect(match.placeholderAway).toBe('3C/D/E');
      expect(match.groupName).toBeNull();
      expect(match.score).toBeNull();
    });

    it('picks names by locale whatever its case, then by language, then the first entry', async () => {
      fifa.setCalendar([
        rawCalendarMatch({
          Home: rawTeam('GER', {
            TeamName: [
              { Locale: 'en-GB', Description: 'Germany' },
              { Locale: 'fr-fr', Description: 'Allemagne' },
            ],
          }),
          Away: rawTeam('ESP', {
            TeamName: [
              { Locale: 'en-GB', Description: 'Spain' },
              { Locale: 'fr', Description: 'Espagne' },
            ],
          }),
          StageName: [{ Locale: 'en-GB', Description: 'First Stage' }],
        }),
      ]);
      const match = await onlyMatch(feed('fr-FR'));

      expect(match.home?.name).toBe('Allemagne');
      expect(match.away?.name).toBe('Espagne');
      expect(match.stageName).toBe('First Stage');
    });

    it('falls back from an empty TeamName to the short name, and from a missing abbreviation to the country code', async () => {
      fifa.setCalendar([
        rawCalendarMatch({
          Home: rawTeam('MEX', { TeamName: [], Abbreviation: null }),
          Away: rawTeam('USA', { TeamName: [{ Locale: 'en-GB', Description: '' }], ShortClubName: null, Abbreviation: null }),
        }),
      ]);
      const match = await onlyMatch(feed());

      expect(match.home).toMatchObject({ name: 'Mexico', abbreviation: 'MEX' });
      expect(match.away).toMatchObject({ name: 'USA', abbreviation: 'USA', countryCode: 'USA' });
    });

    it('reports penalties only when a shoot-out happened', async () => {
      fifa.setCalendar([
        rawCalendarMatch({ IdMatch: '1', MatchStatus: 0, HomeTeamScore: 1, AwayTeamScore: 0, HomeTeamPenaltyScore: 0, AwayTeamPenaltyScore: 0, ResultType: 1 }),
        rawCalendarMatch({ IdMatch: '2', MatchStatus: 0, HomeTeamScore: 3, AwayTeamScore: 3, HomeTeamPenaltyScore: 4, AwayTeamPenaltyScore: 2, ResultType: 2, Winner: ARG }),
      ]);
      const [plain, shootout] = (await feed().calendar())!;

      expect(plain!.penalties).toBeNull();
      expect(shootout!.penalties).toEqual({ home: 4, away: 2 });
      expect(shootout!.score).toEqual({ home: 3, away: 3 });
      expect(shootout!.winnerTeamId).toBe(ARG);
    });

    it('returns null when the calendar poll fails', async () => {
      fifa.fault('/calendar/', 'status500', Infinity);
      expect(await feed().calendar()).toBeNull();
    });
  });

  describe('season discovery (no season pinned)', () => {
    const DAY = 24 * 3600_000;
    const OLD = rawSeason('255711', 'FIFA World Cup Qatar 2022™', '2022-11-20T00:00:00Z', '2022-12-18T00:00:00Z');
    const CURRENT = rawSeason('285023', 'FIFA World Cup 26™', '2026-06-11T00:00:00Z', '2026-07-18T00:00:00Z');
    const NEXT = rawSeason('300000', 'FIFA World Cup 2030™', '2030-06-08T00:00:00Z', '2030-07-21T00:00:00Z');
    let lines: Array<{ level: number; msg: string; seasonId?: string; season?: string }>;

    function discovering(): FootballFeed {
      lines = [];
      const logger = pino({ level: 'info' }, { write: (line: string) => lines.push(JSON.parse(line) as (typeof lines)[number]) });
      const client = new FifaClient({ baseUrl: fifa.url, language: 'en-GB', logger, retries: 0, timeoutMs: 2000 });
      return new FootballFeed({ client, competitionId: '17', seasonId: null, locale: 'en-GB', logger, now: () => clock });
    }
    const requested = (prefix: string): string[] => fifa.requests.map((r) => r.path).filter((p) => p.startsWith(`/api/v3/${prefix}`));
    const chosenLogs = () => lines.filter((l) => l.msg.startsWith('fifa: following'));

    beforeEach(() => {
      clock = Date.parse('2026-06-20T12:00:00Z');
      fifa.setCalendar([
        rawCalendarMatch({ IdSeason: '255711', IdMatch: '400128082', Date: '2022-11-20T16:00:00Z' }),
        rawCalendarMatch({ IdSeason: '285023', IdMatch: '400021476' }),
        rawCalendarMatch({ IdSeason: '300000', IdMatch: '500000001', Date: '2030-06-08T19:00:00Z' }),
      ]);
    });

    it('reads the calendar of the season under way, found across pages of an unsorted list, and says which once', async () => {
      fifa.setSeasons([NEXT, OLD, CURRENT]);
      fifa.pageSize = 1;
      const f = discovering();

      expect((await f.calendar())?.map((m) => m.key.matchId)).toEqual(['400021476']);
      expect(await f.calendar()).toHaveLength(1);

      expect(requested('seasons')).toHaveLength(3); // three pages, looked up once
      expect(requested('seasons')[0]).toContain('idCompetition=17');
      expect(requested('calendar').every((p) => p.includes('idSeason=285023'))).toBe(true);
      expect(chosenLogs()).toHaveLength(1);
      expect(chosenLogs()[0]).toMatchObject({ seasonId: '285023', season: 'FIFA World Cup 26™' });
    });

    it('between seasons follows the next one; a day later it looks again and the calendar follows the new choice', async () => {
      fifa.setSeasons([OLD, CURRENT]);
      clock = Date.parse('2026-12-04T13:00:00Z');
      const f = discovering();
      expect(await f.calendar()).toEqual([]);
      expect(requested('calendar')).toEqual([]);
      expect(lines.filter((l) => l.level === 40).map((l) => l.msg)).toEqual([
        'fifa: no current or coming season for competition 17; following no matches until one is announced',
      ]);

      fifa.setSeasons([OLD, CURRENT, NEXT]);
      clock += DAY - 1000;
      expect(await f.calendar()).toEqual([]);
      expect(requested('seasons')).toHaveLength(1);

      clock += 1000;
      expect((await f.calendar())?.map((m) => m.key.matchId)).toEqual(['500000001']);
      expect(requested('seasons')).toHaveLength(2);
      expect(chosenLogs().map((l) => l.seasonId)).toEqual(['300000']);
      expect(lines.filter((l) => l.level === 40)).toHaveLength(1);
    });

    it('keeps the season it found when a later lookup fails, and retries next round rather than next day', async () => {
      fifa.setSeasons([OLD, CURRENT]);
      const f = discovering();
      await f.calendar();
      clock += DAY;
      fifa.fault('/seasons', 'status500');
      expect((await f.calendar())?.map((m) => m.key.matchId)).toEqual(['400021476']);
      await f.calendar();
      expect(requested('seasons')).toHaveLength(3);
      expect(chosenLogs()).toHaveLength(1);
    });

    it('skips the poll while FIFA has never answered which season it is', async () => {
      fifa.setSeasons([CURRENT]);
      fifa.fault('/seasons', 'schema');
      const f = discovering();
      expect(await f.calendar()).toBeNull();
      expect(await f.calendar()).toHaveLength(1);
    });

    it('never asks for seasons when one is pinned', async () => {
      fifa.setSeasons([OLD, CURRENT]);
      expect(await feed().calendar()).toHaveLength(1);
      expect(requested('seasons')).toEqual([]);
    });
  });

  describe('snapshot', () => {
    async function liveMatch(f: FootballFeed): Promise<CalendarMatch> {
      fifa.setCalendar([rawCalendarMatch({ MatchStatus: MatchStatusCode.Live, HomeTeamScore: 1, AwayTeamScore: 0 })]);
      return onlyMatch(f);
    }

    it('normalises events: opaque string ids, null IdTeam on period events, score carried forward, description', async () => {
      const f = feed();
      const match = await liveMatch(f);
      fifa.setTimeline('400021476', [
        rawEvent({ EventId: '18185300000030', Type: EventType.CoinToss, Period: Period.NotStarted, IdTeam: ARG }),
        rawPeriodStart(Period.FirstHalf, {
          EventId: 18185300000031,
          EventDescription: [{ Locale: 'en-GB', Description: 'The referee signals the start of the first period.' }],
        }),
        rawGoal(ARG, MESSI, 1, 0, { EventId: '-1011232931', MatchMinute: "23'", Timestamp: '2026-06-11T19:23:58.871Z' }),
        // A period marker without score fields keeps the score, it does not reset it.
        rawEvent({ EventId: '18185300001525', Type: EventType.PeriodEnd, Period: Period.FirstHalf, MatchMinute: "45'+2'", HomeGoals: undefined, AwayGoals: undefined }),
      ]);

      const snapshot = await f.snapshot(match);

      expect(snapshot?.match).toBe(match);
      const events = snapshot!.events;
      expect(events.map((e) => e.id)).toEqual(['18185300000030', '18185300000031', '-1011232931', '18185300001525']);
      expect(events[0]!.teamId).toBe(ARG);
      expect(events[1]).toMatchObject({ teamId: null, playerId: null, playerName: null, type: 7, period: 3 });
      expect(events[1]!.description).toBe('The referee signals the start of the first period.');
      expect(events[2]).toMatchObject({
        type: 0,
        minute: "23'",
        timestamp: '2026-06-11T19:23:58.871Z',
        teamId: ARG,
        playerId: MESSI,
        homeGoals: 1,
        awayGoals: 0,
      });
      expect(events[3]).toMatchObject({ minute: "45'+2'", homeGoals: 1, awayGoals: 0, description: null });
    });

    it('resolves player names in the feed locale and keeps them verbatim', async () => {
      fifa.setPlayer(MESSI, 'Lionel MESSI', 'MESSI');
      fifa.setPlayer(DI_MARIA, 'Ángel DI MARÍA');
      const f = feed();
      const match = await liveMatch(f);
      fifa.setTimeline('400021476', [
        rawGoal(ARG, MESSI, 1, 0),
        rawPlayerEvent(EventType.Substitution, ARG, DI_MARIA, { IdSubPlayer: MESSI }),
      ]);

      const events = (await f.snapshot(match))!.events;

      expect(events[0]).toMatchObject({ playerName: 'Lionel MESSI', subPlayerName: null });
      expect(events[1]).toMatchObject({ playerName: 'Ángel DI MARÍA', subPlayerId: MESSI, subPlayerName: 'Lionel MESSI' });
      expect(fifa.requests.find((r) => r.path.startsWith('/api/v3/players/'))?.path).toContain('language=en-GB');
    });

    it('asks the player endpoint once per player across polls', async () => {
      fifa.setPlayer(MESSI, 'Lionel MESSI');
      fifa.setPlayer(MBAPPE, 'Kylian MBAPPÉ');
      const f = feed();
      const match = await liveMatch(f);
      fifa.setTimeline('400021476', [rawGoal(ARG, MESSI, 1, 0)]);
      await f.snapshot(match);
      fifa.setTimeline('400021476', [rawGoal(ARG, MESSI, 1, 0), rawGoal(FRA, MBAPPE, 1, 1), rawGoal(ARG, MESSI, 2, 1)]);
      await f.snapshot(match);
      const third = await f.snapshot(match);

      expect(third!.events.map((e) => e.playerName)).toEqual(['Lionel MESSI', 'Kylian MBAPPÉ', 'Lionel MESSI']);
      expect(playerRequests().sort()).toEqual([MESSI, MBAPPE].sort());
    });

    it('shares one request when concurrent polls need the same unknown player', async () => {
      fifa.setPlayer(MESSI, 'Lionel MESSI');
      const f = feed();
      const match = await liveMatch(f);
      fifa.setTimeline('400021476', [rawGoal(ARG, MESSI, 1, 0)]);

      const snapshots = await Promise.all([f.snapshot(match), f.snapshot(match), f.snapshot(match)]);

      expect(snapshots.map((s) => s!.events[0]!.playerName)).toEqual(['Lionel MESSI', 'Lionel MESSI', 'Lionel MESSI']);
      expect(playerRequests()).toEqual([MESSI]);
    });

    it('leaves a failed name null, does not hammer on every poll, and retries after a minute', async () => {
      const f = feed();
      const match = await liveMatch(f);
      fifa.setTimeline('400021476', [rawGoal(ARG, MESSI, 1, 0)]);

      // Unknown to FIFA for now (404).
      expect((await f.snapshot(match))!.events[0]!.playerName).toBeNull();
      clock += 30_000;
      expect((await f.snapshot(match))!.events[0]!.playerName).toBeNull();
      expect(playerRequests()).toEqual([MESSI]);

      fifa.setPlayer(MESSI, 'Lionel MESSI');
      clock += 31_000;
      expect((await f.snapshot(match))!.events[0]!.playerName).toBe('Lionel MESSI');
      expect(playerRequests()).toEqual([MESSI, MESSI]);
    });

    it('still returns the events when the player endpoint is down', async () => {
      fifa.setPlayer(MESSI, 'Lionel MESSI');
      fifa.fault('/players/', 'status500', Infinity);
      const f = feed();
      const match = await liveMatch(f);
      fifa.setTimeline('400021476', [rawGoal(ARG, MESSI, 1, 0)]);

      const snapshot = await f.snapshot(match);

      expect(snapshot!.events[0]).toMatchObject({ playerId: MESSI, playerName: null });
    });

    it('uses the stage from the calendar in the timeline path', async () => {
      const f = feed();
      const match = await liveMatch(f);
      fifa.setTimeline('400021476', [rawMatchEnd()]);

      expect(await f.snapshot(match)).not.toBeNull();
      expect(await f.snapshot({ ...match, key: { ...match.key, stageId: '289287' } })).toBeNull();
    });

    it('returns null when the timeline poll fails', async () => {
      const f = feed();
      const match = await liveMatch(f);
      fifa.setTimeline('400021476', [rawEvent()]);
      fifa.fault('/timelines/', 'malformed');

      expect(await f.snapshot(match)).toBeNull();
      expect(await f.snapshot(match)).not.toBeNull();
    });
  });
});

describe('pickLocalized', () => {
  const names = [
    { Locale: 'en-GB', Description: 'Ivory Coast' },
    { Locale: 'fr-FR', Description: "Côte d'Ivoire" },
    { Locale: 'pt-PT', Description: 'Costa do Marfim' },
  ];

  it.each([
    ['fr-FR', "Côte d'Ivoire"],
    ['FR-fr', "Côte d'Ivoire"],
    ['pt-BR', 'Costa do Marfim'],
    ['de-DE', 'Ivory Coast'],
  ])('for %s picks %s', (locale, expected) => {
    expect(pickLocalized(names, locale)).toBe(expected);
  });

  it('prefers the exact locale, whatever its case, over another variant of the language', () => {
    const variants = [
      { Locale: 'pt-PT', Description: 'Equipa' },
      { Locale: 'pt-br', Description: 'Time' },
    ];
    expect(pickLocalized(variants, 'pt-BR')).toBe('Time');
    expect(pickLocalized(variants, 'pt-PT')).toBe('Equipa');
  });

  it('skips empty descriptions and returns null when nothing is usable', () => {
    expect(pickLocalized([{ Locale: 'de-DE', Description: ' ' }, { Locale: 'en-GB', Description: 'x' }], 'de-DE')).toBe('x');
    expect(pickLocalized([], 'en-GB')).toBeNull();
    expect(pickLocalized([{ Locale: null, Description: null }], 'en-GB')).toBeNull();
  });
});
