/**
 * Part 2: what one live match costs on the wire per hour. The real FifaClient + FootballFeed poll the fake
 * FIFA server as the loop would (timeline every 15 s, calendar every 300 s), compressed: no real waiting.
 * The timeline changes only at ~40 of the 240 polls; the others should be answered 304 via the ETag.
 */
import { createLogger } from '../src/log.js';
import { FifaClient } from '../src/football/fifa-client.js';
import { FootballFeed } from '../src/football/feed.js';
import type { CalendarMatch } from '../src/football/types.js';
import { startFakeFifa, type FakeFifaRequest } from '../test/fakes/fifa.js';
import { WC2026, type FifaObject } from '../test/fixtures/fifa-builders.js';
import { info, kb, thousands, type Row } from './report.js';
import { seasonCalendar } from './season.js';
import { buildMatch } from './synthetic-matches.js';

export interface PollingOptions {
  matchPollSeconds?: number;
  calendarPollSeconds?: number;
  /** Simulated duration. */
  seconds?: number;
  /** How many of the timeline polls see a changed timeline. */
  timelineChanges?: number;
  seasonMatches?: number;
}

type Endpoint = 'calendar' | 'timeline' | 'player' | 'other';

interface EndpointFigures {
  requests: number;
  notModified: number;
  bytes: number;
  /** Bytes had every 304 been a full 200 of the current body. */
  bytesWithoutEtags: number;
}

export interface PollingFigures {
  simulatedSeconds: number;
  timelinePolls: number;
  calendarPolls: number;
  timelineChanges: number;
  timelineEventsAtEnd: number;
  client: { requests: number; notModified: number; bytes: number; failures: number };
  server: Record<Endpoint, EndpointFigures>;
  total: EndpointFigures;
  wallMs: number;
}

function endpointOf(path: string): Endpoint {
  if (path.includes('/calendar/')) return 'calendar';
  if (path.includes('/timelines/')) return 'timeline';
  if (path.includes('/players/')) return 'player';
  return 'other';
}

/** Per endpoint, from the server's own log: what went over the wire, and what ETags saved. */
function tally(requests: readonly FakeFifaRequest[]): Record<Endpoint, EndpointFigures> {
  const out = {} as Record<Endpoint, EndpointFigures>;
  for (const e of ['calendar', 'timeline', 'player', 'other'] as const) out[e] = { requests: 0, notModified: 0, bytes: 0, bytesWithoutEtags: 0 };
  const lastBody = new Map<string, number>();
  for (const request of requests) {
    const figures = out[endpointOf(request.path)];
    figures.requests += 1;
    figures.bytes += request.bytes;
    if (request.status === 304) {
      figures.notModified += 1;
      figures.bytesWithoutEtags += lastBody.get(request.path) ?? 0;
    } else {
      figures.bytesWithoutEtags += request.bytes;
      if (request.status === 200) lastBody.set(request.path, request.bytes);
    }
  }
  return out;
}

/** Indices of the polls at which the timeline changes: the first, then spread evenly. */
function changePolls(polls: number, changes: number): Set<number> {
  const out = new Set<number>();
  for (let i = 0; i < changes; i += 1) out.add(Math.floor((i * polls) / changes));
  return out;
}

/** The live entry's clock and score move between calendar polls, as FIFA's do. */
function liveCalendarItem(base: FifaObject, visible: readonly FifaObject[]): FifaObject {
  const last = visible.at(-1);
  const home = Number(last?.HomeGoals ?? 0);
  const away = Number(last?.AwayGoals ?? 0);
  return {
    ...base,
    HomeTeamScore: home,
    AwayTeamScore: away,
    Home: { ...(base.Home as FifaObject), Score: home },
    Away: { ...(base.Away as FifaObject), Score: away },
    MatchTime: String(last?.MatchMinute ?? "1'"),
  };
}

export async function runPollingCost(options: PollingOptions = {}): Promise<{ rows: Row[]; figures: PollingFigures }> {
  const matchPoll = options.matchPollSeconds ?? 15;
  const calendarPoll = options.calendarPollSeconds ?? 300;
  const seconds = options.seconds ?? 3600;
  const changes = options.timelineChanges ?? 40;
  const polls = Math.round(seconds / matchPoll);
  const calendarEvery = Math.round(calendarPoll / matchPoll);

  const match = buildMatch(3); // a regular group match
  const kickoff = Date.parse(String(match.calendarLive.Date));
  // The first hour of the match: coin toss, first half, half-time, into the second half.
  const hour = match.events.filter((e) => Date.parse(String(e.Timestamp)) < kickoff + seconds * 1000);
  const matchId = String(match.calendarLive.IdMatch);
  const season = seasonCalendar(options.seasonMatches ?? 104, Date.UTC(2026, 5, 11, 19));
  const liveIndex = 1;

  const fake = await startFakeFifa();
  try {
    for (const [id, name] of match.players) fake.setPlayer(id, name);
    const logger = createLogger('silent');
    const client = new FifaClient({ baseUrl: fake.url, language: 'en-GB', logger });
    const feed = new FootballFeed({ client, competitionId: WC2026.competitionId, seasonId: WC2026.seasonId, locale: 'en-GB', logger });

    const changeAt = changePolls(polls, changes);
    let shown = 0;
    let batch = 0;
    let live: CalendarMatch | undefined;
    let calendarPolls = 0;
    const started = performance.now();
    for (let p = 0; p < polls; p += 1) {
      if (changeAt.has(p)) {
        batch += 1;
        shown = Math.round((batch * hour.length) / changes);
        fake.setTimeline(matchId, hour.slice(0, shown));
      }
      if (p % calendarEvery === 0) {
        const calendar = [...season];
        calendar[liveIndex] = liveCalendarItem(match.calendarLive, hour.slice(0, shown));
        fake.setCalendar(calendar);
        const matches = await feed.calendar();
        calendarPolls += 1;
        live = matches?.find((m) => m.key.matchId === matchId) ?? live;
      }
      if (live === undefined) throw new Error('polling-cost: the live match is missing from the calendar');
      await feed.snapshot(live);
    }
    const wallMs = performance.now() - started;

    const server = tally(fake.requests);
    const total: EndpointFigures = { requests: 0, notModified: 0, bytes: 0, bytesWithoutEtags: 0 };
    for (const f of Object.values(server)) {
      total.requests += f.requests;
      total.notModified += f.notModified;
      total.bytes += f.bytes;
      total.bytesWithoutEtags += f.bytesWithoutEtags;
    }
    const figures: PollingFigures = {
      simulatedSeconds: seconds,
      timelinePolls: polls,
      calendarPolls,
      timelineChanges: changeAt.size,
      timelineEventsAtEnd: shown,
      client: client.stats,
      server,
      total,
      wallMs,
    };
    const t = server.timeline;
    const c = server.calendar;
    const pl = server.player;
    const rows: Row[] = [
      info(
        '[2] simulated',
        `1 live match, ${seconds / 60} min: ${polls} timeline polls @${matchPoll}s (${changeAt.size} with changes), ${calendarPolls} calendar polls @${calendarPoll}s, ${season.length}-match season; ${Math.round(wallMs)} ms wall`,
      ),
      info('[2] requests per live match-hour (client stats)', `${client.stats.requests} (failures ${client.stats.failures})`),
      info('[2]   timeline / calendar / players', `${t.requests} / ${c.requests} / ${pl.requests}`),
      {
        metric: '[2] ETag hits (304) per match-hour',
        value: `${client.stats.notModified} (timeline ${t.notModified}/${t.requests}, calendar ${c.notModified}/${c.requests})`,
        target: `≥ ${polls - changeAt.size} timeline 304s`,
        ok: t.notModified >= polls - changeAt.size,
      },
      info('[2] bytes received per match-hour (client stats, bodies)', `${kb(client.stats.bytes)} (${thousands(client.stats.bytes)} B)`),
      info('[2]   timeline / calendar / players (server log)', `${kb(t.bytes)} / ${kb(c.bytes)} / ${kb(pl.bytes)}`),
      info('[2] bytes had there been no ETags', `${kb(total.bytesWithoutEtags)} (ETags save ${kb(total.bytesWithoutEtags - total.bytes)})`),
    ];
    return { rows, figures };
  } finally {
    await fake.close();
  }
}
