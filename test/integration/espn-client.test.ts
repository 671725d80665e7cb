import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EspnClient, type EspnClientOptions } from '../../src/football/espn/client.js';
import { scoreboardDays } from '../../src/football/espn/dates.js';
import { espnScoreboardToMatches, espnSummaryToSnapshot } from '../../src/football/espn/normalise.js';
import { DEFAULT_USER_AGENT } from '../../src/football/fifa-client.js';
import { startFakeEspn, type FakeEspn } from '../fakes/espn.js';
import {
  ESPN_TEAMS,
  espnScoreboard,
  espnScoreboardEvent,
  espnStatus,
  espnTeamsBody,
  final2022ScoreboardEvent,
  final2022Summary,
  FINAL_2022,
} from '../fixtures/espn-builders.js';
import { SAMPLES } from '../fixtures/espn-samples.js';

interface LogLine {
  level: number;
  msg: string;
  url?: string;
  status?: number;
  problem?: string;
}

function captureLogger(): { logger: pino.Logger; lines: LogLine[]; at: (level: number) => LogLine[] } {
  const lines: LogLine[] = [];
  const logger = pino({ level: 'debug' }, { write: (line: string) => lines.push(JSON.parse(line) as LogLine) });
  return { logger, lines, at: (level) => lines.filter((l) => l.level === level) };
}

const WARN = 40;
const INFO = 30;
const EPL = { slug: 'eng.1', name: 'English Premier League' };
const { ARS, CHE, LIV, MCI } = ESPN_TEAMS;

function eplDay(...ids: string[]): object {
  return espnScoreboard(
    EPL,
    ids.map((id, i) =>
      espnScoreboardEvent({ id, date: '2026-12-05T15:00Z', home: i % 2 === 0 ? ARS : LIV, away: i % 2 === 0 ? CHE : MCI, status: espnStatus('STATUS_FIRST_HALF', { period: 1, displayClock: "12'" }), homeScore: 1 }),
    ),
    '20261205',
  );
}

describe('EspnClient against the fake ESPN', () => {
  let espn: FakeEspn;
  let log: ReturnType<typeof captureLogger>;

  function client(overrides: Partial<EspnClientOptions> = {}): EspnClient {
    return new EspnClient({ baseUrl: espn.url, logger: log.logger, retryBaseMs: 5, timeoutMs: 2000, ...overrides });
  }

  beforeEach(async () => {
    espn = await startFakeEspn();
    log = captureLogger();
  });

  afterEach(async () => {
    await espn.close();
  });

  it('reads one league day from /{league}/scoreboard?dates=YYYYMMDD, with a User-Agent, into validated events', async () => {
    espn.setScoreboard('usa.1', '20220917', SAMPLES.mlsLiveScoreboard());
    const board = await client().scoreboard('usa.1', '20220917');

    expect(espn.requests.map((r) => r.path)).toEqual(['/apis/site/v2/sports/soccer/usa.1/scoreboard?dates=20220917']);
    expect(espn.requests[0]?.userAgent).toBe(DEFAULT_USER_AGENT);
    expect(board?.events).toHaveLength(11);
    const live = espnScoreboardToMatches(board!, 'usa.1').matches.filter((m) => m.status === 'live');
    expect(live.map((m) => [m.key.match, m.clock])).toEqual([
      ['623601', "58'"],
      ['623600', "57'"],
      ['623602', "45'"],
      ['623603', "13'"],
    ]);
  });

  it('asks for the US-Eastern days: at 00:30 UTC on 5 December that is the 4th and the 5th', async () => {
    const c = client();
    for (const day of scoreboardDays(Date.parse('2026-12-05T00:30:00Z'))) await c.scoreboard('eng.1', day);
    expect(espn.requests.map((r) => new URL(r.path, 'http://x').searchParams.get('dates'))).toEqual(['20261204', '20261205']);
  });

  it('reads a summary and the league teams', async () => {
    espn.setSummary(FINAL_2022.id, final2022Summary());
    espn.setScoreboard('fifa.world', '20221218', espnScoreboard(FINAL_2022.league, [final2022ScoreboardEvent()]));
    espn.setTeams('eng.1', espnTeamsBody(EPL, [ARS, CHE, LIV, MCI]));
    const c = client();

    const board = await c.scoreboard('fifa.world', '20221218');
    const summary = await c.summary('fifa.world', FINAL_2022.id);
    const match = espnScoreboardToMatches(board!, 'fifa.world').matches[0]!;
    const kicks = espnSummaryToSnapshot(summary!, match).events.filter((e) => e.kind === 'shootout-kick');
    expect(kicks).toHaveLength(8);
    expect(espn.requests[1]?.path).toBe('/apis/site/v2/sports/soccer/fifa.world/summary?event=633850');

    const teams = await c.teams('eng.1');
    expect(teams?.league).toEqual({ id: '700', slug: 'eng.1', name: 'English Premier League', season: 2025 });
    expect(teams?.teams.map((t) => t.displayName)).toEqual(['Arsenal', 'Chelsea', 'Liverpool', 'Manchester City']);
    expect(espn.requests[2]?.path).toBe('/apis/site/v2/sports/soccer/eng.1/teams');
  });

  it('sends no If-None-Match while ESPN sends no ETag', async () => {
    espn.setScoreboard('eng.1', '20261205', eplDay('704512'));
    const c = client();
    await c.scoreboard('eng.1', '20261205');
    await c.scoreboard('eng.1', '20261205');
    expect(espn.requests.map((r) => r.ifNoneMatch)).toEqual([undefined, undefined]);
  });

  it('uses the ETag once ESPN sends one: a 304 returns the very same body', async () => {
    espn.etags = true;
    espn.setScoreboard('eng.1', '20261205', eplDay('704512'));
    const c = client();
    const first = await c.scoreboard('eng.1', '20261205');
    const second = await c.scoreboard('eng.1', '20261205');

    expect(espn.requests.map((r) => r.status)).toEqual([200, 304]);
    expect(espn.requests[1]?.ifNoneMatch).toMatch(/^"[0-9a-f]{40}"$/);
    expect(second).toBe(first);
    expect(c.stats.notModified).toBe(1);

    espn.setScoreboard('eng.1', '20261205', eplDay('704512', '704513'));
    expect((await c.scoreboard('eng.1', '20261205'))?.events).toHaveLength(2);
  });

  it('a 400 skips the poll: null, logged once with the URL however many polls it lasts, and its recovery is logged', async () => {
    espn.setScoreboard('eng.1', '20261205', eplDay('704512'));
    espn.fault('/eng.1/scoreboard', 'status400', 3);
    const c = client();

    for (let i = 0; i < 3; i += 1) expect(await c.scoreboard('eng.1', '20261205')).toBeNull();
    // A 400 is no server hiccup: never retried.
    expect(espn.count('/eng.1/scoreboard')).toBe(3);
    const warnings = log.at(WARN);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ url: `${espn.url}/eng.1/scoreboard?dates=20261205`, status: 400 });
    expect(warnings[0]?.problem).toContain('Failed to get events endpoint.');

    expect(await c.scoreboard('eng.1', '20261205')).not.toBeNull();
    expect(log.at(INFO).map((l) => l.msg)).toContain('espn: answering again');
    expect(c.stats.failures).toBe(3);
  });

  it('an empty scoreboard is "skip this poll", logged once (info), not an error', async () => {
    const c = client();
    expect(await c.scoreboard('eng.1', '20261205')).toBeNull();
    expect(await c.scoreboard('eng.1', '20261205')).toBeNull();
    expect(log.at(WARN)).toEqual([]);
    expect(log.at(INFO)).toHaveLength(1);
    expect(log.at(INFO)[0]).toMatchObject({ url: `${espn.url}/eng.1/scoreboard?dates=20261205`, problem: 'no events' });
  });

  it.each(['garbage', 'malformed', 'schema'] as const)('%s answers are null and logged with the URL', async (kind) => {
    espn.setScoreboard('eng.1', '20261205', eplDay('704512'));
    espn.setSummary('704512', final2022Summary());
    espn.setTeams('eng.1', espnTeamsBody(EPL, [ARS]));
    espn.fault('/', kind, 3);
    const c = client();

    expect(await c.scoreboard('eng.1', '20261205')).toBeNull();
    expect(await c.summary('eng.1', '704512')).toBeNull();
    expect(await c.teams('eng.1')).toBeNull();
    expect(log.at(WARN).map((l) => l.url)).toEqual([
      `${espn.url}/eng.1/scoreboard?dates=20261205`,
      `${espn.url}/eng.1/summary?event=704512`,
      `${espn.url}/eng.1/teams`,
    ]);
    // The next poll reads them again.
    expect(await c.summary('eng.1', '704512')).not.toBeNull();
  });

  it('drops a malformed event but keeps the rest of the day', async () => {
    const body = eplDay('704512', '704513') as { events: unknown[] };
    body.events.push({ id: '704514', competitions: 'oops' }, { name: 'no id at all' });
    espn.setScoreboard('eng.1', '20261205', body);
    const board = await client().scoreboard('eng.1', '20261205');
    expect(board?.events.map((e) => e.id)).toEqual(['704512', '704513', '704514']);
    expect(log.at(WARN)).toHaveLength(1);
  });

  it('retries a 500 with backoff and returns the answer', async () => {
    espn.setScoreboard('eng.1', '20261205', eplDay('704512'));
    espn.fault('/eng.1/scoreboard', 'status500', 2);
    const c = client();
    expect((await c.scoreboard('eng.1', '20261205'))?.events).toHaveLength(1);
    expect(espn.requests.map((r) => r.status)).toEqual([500, 500, 200]);
    expect(log.at(WARN)).toEqual([]);
  });

  it('retries a request that times out', async () => {
    espn.setSummary('704512', final2022Summary());
    espn.fault('/eng.1/summary', 'hang', 1);
    const summary = await client({ timeoutMs: 300 }).summary('eng.1', '704512');
    expect(summary?.header.id).toBe('633850');
    expect(espn.count('/eng.1/summary')).toBe(2);
  });

  it('gives up after the retries when ESPN keeps hanging, and returns null', async () => {
    espn.fault('/eng.1/scoreboard', 'hang', Infinity);
    const c = client({ timeoutMs: 200, retries: 1 });
    expect(await c.scoreboard('eng.1', '20261205')).toBeNull();
    expect(espn.count('/eng.1/scoreboard')).toBe(2);
    expect(log.at(WARN)).toHaveLength(1);
  });

  it.each(['status403', 'status429'] as const)('%s (ESPN pushing back) is not retried at once: null until the next poll', async (kind) => {
    espn.setScoreboard('eng.1', '20261205', eplDay('704512'));
    espn.fault('/eng.1/scoreboard', kind, 1);
    const c = client();
    expect(await c.scoreboard('eng.1', '20261205')).toBeNull();
    expect(espn.count('/eng.1/scoreboard')).toBe(1);
    expect(await c.scoreboard('eng.1', '20261205')).not.toBeNull();
  });

  it('one failing league does not stop another (C5)', async () => {
    espn.setScoreboard('eng.1', '20261205', eplDay('704512'));
    espn.setScoreboard('esp.1', '20261205', eplDay('748201'));
    espn.fault('/esp.1/', 'status400', Infinity);
    const c = client();
    const [english, spanish] = await Promise.all([c.scoreboard('eng.1', '20261205'), c.scoreboard('esp.1', '20261205')]);
    expect(english?.events.map((e) => e.id)).toEqual(['704512']);
    expect(spanish).toBeNull();
  });

  it('a date range is refused by ESPN since 2026-09 and never sent', async () => {
    await expect(client().scoreboard('eng.1', '20261205-20261206')).rejects.toThrow(/YYYYMMDD/);
    expect(espn.requests).toEqual([]);
  });

  it('an unknown match summary is null', async () => {
    expect(await client().summary('eng.1', '999999')).toBeNull();
    expect(log.at(WARN)[0]).toMatchObject({ status: 404 });
  });
});
