/**
 * Part 8: several competitions at once. One FIFA competition and two ESPN leagues, each with 10 live
 * matches, polled as the loop polls them: per round, every live match's snapshot through its provider (the
 * real clients against the fake servers) and the tracker. Simulated hour at 15 s polls, compressed (no real
 * waiting; the providers' clocks advance 15 s per round). Figures: CPU per round of this process (clients,
 * parsing, normalisers, tracker, state serialisation; the fake servers run in a process of their own),
 * requests per live match-hour per provider, and the bytes of one calendar/scoreboard refresh.
 */
import { createLogger } from '../src/log.js';
import { EspnClient } from '../src/football/espn/client.js';
import { espnDay } from '../src/football/espn/dates.js';
import { EspnProvider } from '../src/football/espn/provider.js';
import { FifaClient } from '../src/football/fifa-client.js';
import { FifaProvider } from '../src/football/fifa/provider.js';
import type { NeutralEvent, NeutralMatch } from '../src/football/model.js';
import type { FootballProvider } from '../src/football/provider.js';
import { trackMatch, type MatchState } from '../src/football/tracker.js';
import { startRemoteSources } from './fake-sources-process.js';
import { ESPN_TEAMS, espnKeyEvent, espnScoreboard, espnScoreboardEvent, espnStatus, espnSummary, type Json } from '../test/fixtures/espn-builders.js';
import { WC2026 } from '../test/fixtures/fifa-builders.js';
import { info, kb, mean, percentile, type Row } from './report.js';
import { buildMatch } from './synthetic-matches.js';

const MATCHES = 10;
const POLL_SECONDS = 15;
const ROUNDS = 3600 / POLL_SECONDS;
/** A live ESPN summary is about 330 kB (rosters, boxscore, commentary, news): the recorded samples are trimmed. */
const SUMMARY_BYTES = 330_000;
const LEAGUES = ['eng.1', 'esp.1'];

export interface CompetitionsFigures {
  rounds: number;
  liveMatches: number;
  cpuMsPerRound: { mean: number; p95: number; max: number };
  requestsPerMatchHour: { fifa: number; espn: number };
  requestsByEndpoint: Record<string, number>;
  bytesPerRefresh: { fifaCalendar: number; espnScoreboardDay: number };
  espnSummaryBytes: number;
}

interface Tracked {
  provider: FootballProvider;
  match: NeutralMatch;
  state?: MatchState;
  events?: NeutralEvent[];
}

function espnGame(league: string, index: number, minute: number, date: string): { event: Json; summary: Json } {
  const teams = Object.values(ESPN_TEAMS);
  const home = teams[index % teams.length]!;
  const away = teams[(index + 1) % teams.length]!;
  const id = `${league === 'eng.1' ? 7045 : 7046}${String(index).padStart(2, '0')}`;
  // A goal every 20 minutes, a card every 25, both lagging the score by one poll.
  const goals = Math.floor(minute / 20);
  const keyEvents = [espnKeyEvent({ id: `${id}0`, slug: 'kickoff', period: 1, minute: '' })];
  for (let g = 1; g <= goals; g += 1) keyEvents.push(espnKeyEvent({ id: `${id}g${g}`, slug: 'goal', period: g * 20 > 45 ? 2 : 1, minute: `${g * 20}'`, team: g % 2 ? home : away, players: ['A Scorer'] }));
  for (let c = 1; c <= Math.floor(minute / 25); c += 1) keyEvents.push(espnKeyEvent({ id: `${id}c${c}`, slug: 'yellow-card', period: 1, minute: `${c * 25}'`, team: away, players: ['A Player'] }));
  const status = espnStatus(minute > 45 ? 'STATUS_SECOND_HALF' : 'STATUS_FIRST_HALF', { period: minute > 45 ? 2 : 1, displayClock: `${minute}'` });
  const score = { homeScore: Math.ceil(goals / 2), awayScore: Math.floor(goals / 2) };
  const event = espnScoreboardEvent({ id, date, home, away, status, ...score });
  const summary = espnSummary({ id, league: { slug: league, name: league }, date, home, away, status, ...score, keyEvents });
  summary.news = { articles: [{ story: 'x'.repeat(SUMMARY_BYTES - JSON.stringify(summary).length) }] };
  return { event, summary };
}

export async function runCompetitions(): Promise<{ rows: Row[]; figures: CompetitionsFigures }> {
  const remote = await startRemoteSources();
  const fifaFake = {
    url: remote.fifaUrl,
    setPlayer: (id: string, name: string) => remote.call('fifa', 'setPlayer', id, name),
    setCalendar: (results: unknown[]) => remote.call('fifa', 'setCalendar', results),
    setTimeline: (id: string, events: unknown[]) => remote.call('fifa', 'setTimeline', id, events),
  };
  const espnFake = {
    url: remote.espnUrl,
    setScoreboard: (league: string, day: string, body: object) => remote.call('espn', 'setScoreboard', league, day, body),
    setSummary: (id: string, body: object) => remote.call('espn', 'setSummary', id, body),
  };
  const requests = async () => (await remote.requests());
  try {
    const logger = createLogger('silent');
    let clock = Date.now();
    const now = () => clock;
    const fifa = new FifaProvider({ client: new FifaClient({ baseUrl: fifaFake.url, language: 'en-GB', logger }), locale: 'en-GB', logger, now });
    const espn = new EspnProvider({ source: new EspnClient({ baseUrl: espnFake.url, logger }), logger, now });

    const raw = Array.from({ length: MATCHES }, (_, i) => buildMatch(i * 4 + 3));
    for (const match of raw) for (const [id, name] of match.players) await fifaFake.setPlayer(id, name);
    await fifaFake.setCalendar(raw.map((m) => m.calendarLive));
    const kickoff = clock - 60_000;
    const date = new Date(kickoff).toISOString().slice(0, 16) + 'Z';
    const publishEspn = async (minute: number): Promise<void> => {
      for (const league of LEAGUES) {
        const games = Array.from({ length: MATCHES }, (_, i) => espnGame(league, i, minute, date));
        for (const day of [espnDay(clock, -1), espnDay(clock), espnDay(clock, 1)]) {
          await espnFake.setScoreboard(league, day, espnScoreboard({ slug: league, name: league }, day === espnDay(kickoff) ? games.map((g) => g.event) : [], day));
        }
        for (const g of games) await espnFake.setSummary((g.summary.header as Json).id as string, g.summary);
      }
    };
    const fifaTimelines = async (minute: number): Promise<void> => {
      for (const match of raw) {
        const start = Date.parse(String(match.calendarLive.Date));
        await fifaFake.setTimeline(String(match.calendarLive.IdMatch), match.events.filter((e) => Date.parse(String(e.Timestamp)) <= start + minute * 60_000));
      }
    };
    await publishEspn(1);
    await fifaTimelines(1);

    // The calendar round: one refresh per competition, measured in bytes.
    const none = await requests();
    const before = { fifa: none.fifa.length, espn: none.espn.length };
    const tracked: Tracked[] = [];
    for (const match of (await fifa.matches({ provider: 'fifa', id: WC2026.competitionId, season: WC2026.seasonId })) ?? []) tracked.push({ provider: fifa, match });
    for (const league of LEAGUES) for (const match of (await espn.matches({ provider: 'espn', id: league, season: null })) ?? []) tracked.push({ provider: espn, match });
    const refreshed = await requests();
    const fifaCalendarBytes = refreshed.fifa.slice(before.fifa).filter((r) => r.path.includes('/calendar/')).reduce((sum, r) => sum + r.bytes, 0);
    const scoreboardBytes = refreshed.espn.slice(before.espn).filter((r) => r.path.includes('/scoreboard') && r.bytes > 200);
    const startRequests = { fifa: refreshed.fifa.length, espn: refreshed.espn.length };

    const cpu: number[] = [];
    for (let round = 0; round < ROUNDS; round += 1) {
      clock += POLL_SECONDS * 1000;
      const minute = 1 + Math.floor((round * POLL_SECONDS) / 60) * 1;
      // The sources move once a minute, as live matches do between polls.
      if (round % 4 === 0) {
        await publishEspn(Math.min(minute, 90));
        await fifaTimelines(minute);
      }
      const started = process.cpuUsage();
      await Promise.all(
        tracked.map(async (t) => {
          const snapshot = await t.provider.snapshot(t.match);
          if (snapshot === null || (snapshot.events === t.events && t.state !== undefined)) return;
          const result = trackMatch(t.state, snapshot, { includeSubstitutions: false });
          t.state = JSON.parse(JSON.stringify(result.state)) as MatchState;
          t.events = snapshot.events;
        }),
      );
      const used = process.cpuUsage(started);
      cpu.push((used.user + used.system) / 1000);
    }

    const all = await requests();
    const fifaRequests = all.fifa.length - startRequests.fifa;
    const espnRequests = all.espn.length - startRequests.espn;
    const byEndpoint: Record<string, number> = {};
    for (const r of all.espn.slice(startRequests.espn)) byEndpoint[`espn ${r.path.includes('/summary') ? 'summary' : 'scoreboard'}`] = (byEndpoint[`espn ${r.path.includes('/summary') ? 'summary' : 'scoreboard'}`] ?? 0) + 1;
    for (const r of all.fifa.slice(startRequests.fifa)) {
      const kind = r.path.includes('/timelines/') ? 'timeline' : r.path.includes('/players/') ? 'players' : 'other';
      byEndpoint[`fifa ${kind}`] = (byEndpoint[`fifa ${kind}`] ?? 0) + 1;
    }
    const figures: CompetitionsFigures = {
      rounds: ROUNDS,
      liveMatches: tracked.length,
      cpuMsPerRound: { mean: mean(cpu), p95: percentile(cpu, 95), max: Math.max(...cpu) },
      requestsPerMatchHour: { fifa: fifaRequests / MATCHES, espn: espnRequests / (MATCHES * LEAGUES.length) },
      requestsByEndpoint: byEndpoint,
      bytesPerRefresh: { fifaCalendar: fifaCalendarBytes, espnScoreboardDay: mean(scoreboardBytes.map((r) => r.bytes)) },
      espnSummaryBytes: SUMMARY_BYTES,
    };
    const rows: Row[] = [
      info('[8] simulated', `3 competitions × ${MATCHES} live matches (1 FIFA, ${LEAGUES.length} ESPN), ${ROUNDS} rounds @${POLL_SECONDS}s, sources moving every minute`),
      {
        metric: '[8] CPU per poll round (30 live matches)',
        value: `mean ${figures.cpuMsPerRound.mean.toFixed(1)} ms, p95 ${figures.cpuMsPerRound.p95.toFixed(1)} ms, max ${figures.cpuMsPerRound.max.toFixed(1)} ms`,
        target: '< 20 ms',
        ok: figures.cpuMsPerRound.mean < 20,
      },
      info('[8] requests per live match-hour: FIFA / ESPN', `${figures.requestsPerMatchHour.fifa.toFixed(0)} / ${figures.requestsPerMatchHour.espn.toFixed(0)}`),
      info('[8]   by endpoint (whole hour)', Object.entries(byEndpoint).map(([k, v]) => `${k} ${v}`).join(', ')),
      info('[8] bytes per refresh: FIFA calendar / ESPN scoreboard day', `${kb(fifaCalendarBytes)} / ${kb(figures.bytesPerRefresh.espnScoreboardDay)} (summary ${kb(SUMMARY_BYTES)})`),
    ];
    return { rows, figures };
  } finally {
    await remote.close();
  }
}
