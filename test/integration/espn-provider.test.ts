import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EspnClient } from '../../src/football/espn/client.js';
import { EspnProvider } from '../../src/football/espn/provider.js';
import { startFakeEspn, type FakeEspn } from '../fakes/espn.js';
import {
  ESPN_TEAMS,
  espnScoreboard,
  espnKeyEvent,
  espnScoreboardEvent,
  espnStatus,
  espnSummary,
  espnTeamsBody,
  final2022ScoreboardEvent,
  final2022Summary,
  FINAL_2022,
} from '../fixtures/espn-builders.js';

const EPL = { slug: 'eng.1', name: 'English Premier League' };
const { ARS, CHE, LIV, MCI } = ESPN_TEAMS;

describe('EspnProvider against the fake ESPN', () => {
  let espn: FakeEspn;
  let warnings: { msg: string; status?: string }[];
  /** 00:30 UTC on 5 December 2026 is 19:30 ET on the 4th. */
  let now = Date.parse('2026-12-05T00:30:00Z');

  function provider(): EspnProvider {
    const logger = pino({ level: 'warn' }, { write: (line: string) => warnings.push(JSON.parse(line) as { msg: string }) });
    return new EspnProvider({ source: new EspnClient({ baseUrl: espn.url, logger, retryBaseMs: 5 }), logger, now: () => now });
  }

  beforeEach(async () => {
    espn = await startFakeEspn();
    warnings = [];
    now = Date.parse('2026-12-05T00:30:00Z');
  });

  afterEach(async () => {
    await espn.close();
  });

  it("joins today's and tomorrow's ESPN days (US Eastern) into one list of matches", async () => {
    const live = espnScoreboardEvent({ id: '704512', date: '2026-12-04T23:30Z', home: ARS, away: CHE, status: espnStatus('STATUS_FIRST_HALF', { period: 1, displayClock: "58'" }) });
    const later = espnScoreboardEvent({ id: '704520', date: '2026-12-05T15:00Z', home: LIV, away: MCI });
    espn.setScoreboard('eng.1', '20261204', espnScoreboard(EPL, [live]));
    espn.setScoreboard('eng.1', '20261205', espnScoreboard(EPL, [later]));

    const matches = await provider().matches('eng.1');
    expect(matches?.map((m) => [m.key.match, m.status])).toEqual([
      ['704512', 'live'],
      ['704520', 'scheduled'],
    ]);
    expect(espn.requests.map((r) => new URL(r.path, 'http://x').searchParams.get('dates'))).toEqual(['20261204', '20261205']);
  });

  it('keeps the days that answered; null only when no day did (skip this poll)', async () => {
    espn.setScoreboard('eng.1', '20261205', espnScoreboard(EPL, [espnScoreboardEvent({ id: '704520', date: '2026-12-05T15:00Z', home: LIV, away: MCI })]));
    const p = provider();
    expect((await p.matches('eng.1'))?.map((m) => m.key.match)).toEqual(['704520']);

    espn.fault('/eng.1/scoreboard', 'status400', 2);
    expect(await p.matches('eng.1')).toBeNull();
  });

  it('logs an unknown status once, however many matches and polls carry it', async () => {
    const odd = espnStatus('STATUS_WATER_BREAK', { period: 2 });
    const events = ['1', '2'].map((id) => espnScoreboardEvent({ id, date: '2026-12-04T23:30Z', home: ARS, away: CHE, status: odd }));
    espn.setScoreboard('eng.1', '20261204', espnScoreboard(EPL, events));
    const p = provider();
    const [first] = (await p.matches('eng.1')) ?? [];
    await p.matches('eng.1');
    expect(first).toMatchObject({ status: 'live', phase: 'second-half' });
    expect(warnings.filter((w) => w.status === 'STATUS_WATER_BREAK')).toHaveLength(1);
  });

  it("a live match's snapshot comes from its league's summary; the league's clubs from /teams", async () => {
    const shootout = final2022ScoreboardEvent({ date: '2026-12-04T23:30Z', status: espnStatus('STATUS_SHOOTOUT', { period: 5 }), homeShootout: 4, awayShootout: 2 });
    espn.setScoreboard('fifa.world', '20261204', espnScoreboard(FINAL_2022.league, [shootout]));
    espn.setSummary(FINAL_2022.id, final2022Summary());
    espn.setTeams('eng.1', espnTeamsBody(EPL, [ARS, CHE]));
    const p = provider();

    const [match] = (await p.matches('fifa.world')) ?? [];
    const snapshot = await p.snapshot(match!);
    expect(espn.requests.at(-1)?.path).toBe('/apis/site/v2/sports/soccer/fifa.world/summary?event=633850');
    expect(snapshot?.match).toEqual(match);
    expect(snapshot?.events.filter((e) => e.kind === 'shootout-kick')).toHaveLength(8);
    expect(snapshot?.events.at(-1)?.penalties).toEqual({ home: 4, away: 2 });
    expect((await p.teams('eng.1'))?.map((t) => t.name)).toEqual(['Arsenal', 'Chelsea']);

    espn.fault('/fifa.world/summary', 'garbage');
    expect(await provider().snapshot(match!)).toBeNull();
  });

  it("reads a live match's large summary only when the scoreboard moved, while its key events lag the score, or every few polls", async () => {
    const date = '2026-12-04T23:30Z';
    const kickOff = espnKeyEvent({ id: 'k', slug: 'kickoff', period: 1 });
    const goal = espnKeyEvent({ id: 'g', slug: 'goal', period: 1, minute: "12'", team: ARS, players: ['Bukayo Saka'] });
    const serve = (minute: string, score: number, keyEvents: object[]): void => {
      const status = espnStatus('STATUS_FIRST_HALF', { period: 1, displayClock: minute });
      espn.setScoreboard('eng.1', '20261204', espnScoreboard(EPL, [espnScoreboardEvent({ id: '704512', date, home: ARS, away: CHE, status, homeScore: score })]));
      espn.setSummary('704512', espnSummary({ id: '704512', league: EPL, date, home: ARS, away: CHE, status, homeScore: score, keyEvents: keyEvents as never }));
    };
    const logger = pino({ level: 'silent' });
    const p = new EspnProvider({ source: new EspnClient({ baseUrl: espn.url, logger }), logger, now: () => now, scoreboardShareMs: 0, summaryEvery: 3 });
    serve("5'", 0, [kickOff]);
    const [match] = (await p.matches('eng.1')) ?? [];
    const poll = async () => {
      now += 15_000;
      return p.snapshot(match!);
    };
    const summaries = () => espn.count('/eng.1/summary');

    await poll();
    serve("6'", 0, [kickOff]);
    await poll();
    expect(summaries()).toBe(1); // only the clock moved
    serve("12'", 1, [kickOff]);
    const lagging = await poll();
    expect(lagging?.match.score).toEqual({ home: 1, away: 0 });
    expect(lagging?.events.some((e) => e.kind === 'goal')).toBe(false);
    expect(summaries()).toBe(2); // the score moved
    await poll();
    expect(summaries()).toBe(3); // the key event is still missing: asked again
    serve("13'", 1, [kickOff, goal]);
    const caughtUp = await poll();
    expect(caughtUp?.events.some((e) => e.kind === 'goal')).toBe(true);
    expect(summaries()).toBe(4);
    await poll();
    await poll();
    expect(summaries()).toBe(4); // nothing moved
    await poll();
    expect(summaries()).toBe(5); // every third poll all the same (cards and substitutions move nothing on the scoreboard)
    expect(espn.count('/eng.1/scoreboard')).toBe(2 + 8); // the calendar's two days, then one per poll
  });
});
