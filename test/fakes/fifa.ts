/**
 * A fake FIFA v3 API on 127.0.0.1 speaking the real wire formats (reference: fifa-v3.md):
 * calendar and season pages with ContinuationToken, timelines, players, strong ETags with 304s, and faults on
 * demand. No test using it touches the internet.
 */
import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { rawPlayer, rawSeason, WC2026 } from '../fixtures/fifa-builders.js';

export type FakeFifaFault = 'status500' | 'malformed' | 'hang' | 'schema';

export interface FakeFifaRequest {
  /** Path and query as received, e.g. `/api/v3/players/229397?language=en-GB`. */
  path: string;
  /** 0 while unanswered (a 'hang' fault stays 0). */
  status: number;
  /** Response body bytes sent. */
  bytes: number;
  ifNoneMatch?: string;
  userAgent?: string;
}

export interface FakeFifa {
  /** Base URL, e.g. `http://127.0.0.1:PORT/api/v3`. */
  url: string;
  /** Raw calendar `Results` items (FIFA shape); filtered by `idCompetition`/`idSeason` when asked. */
  setCalendar(results: unknown[]): void;
  /** Raw FIFA events for a match; the server wraps them like FIFA does. `extra` is merged into the wrapper. */
  setTimeline(matchId: string, events: unknown[], extra?: object): void;
  setPlayer(id: string, name: string, alias?: string): void;
  /** Raw `/seasons` `Results` items (FIFA shape: IdSeason, IdCompetition, Name, StartDate, EndDate); filtered by `idCompetition`. */
  setSeasons(results: unknown[]): void;
  /**
   * Raw `/competitions/search` `Results` items (IdCompetition, Name). Like FIFA's, the search is fuzzy: it
   * answers every competition sharing a word start with the query, so clients must filter on the name.
   */
  setCompetitions(results: unknown[]): void;
  /** Calendar and seasons page size; Infinity (default) answers everything in one page with a null token. */
  pageSize: number;
  /**
   * The next `times` (default 1; Infinity for "forever") requests whose path starts with `pathPrefix`
   * misbehave. The prefix is matched after `/api/v3` (e.g. `/timelines/`) or against the full path.
   */
  fault(pathPrefix: string, kind: FakeFifaFault, times?: number): void;
  /** Every request received, in order. */
  requests: FakeFifaRequest[];
  close(): Promise<void>;
}

const API_PREFIX = '/api/v3';

interface Fault {
  prefix: string;
  kind: FakeFifaFault;
  remaining: number;
}

interface StoredTimeline {
  events: unknown[];
  extra: object;
}

type Json = Record<string, unknown>;

function field(item: unknown, name: string): string | undefined {
  if (typeof item !== 'object' || item === null) return undefined;
  const value = (item as Json)[name];
  return value === undefined || value === null ? undefined : String(value);
}

function encodeToken(offset: number): string {
  return Buffer.from(`offset:${offset}`).toString('base64');
}

function decodeToken(token: string): number | null {
  const match = /^offset:(\d+)$/.exec(Buffer.from(token, 'base64').toString('utf8'));
  return match?.[1] === undefined ? null : Number(match[1]);
}

/** `If-None-Match` may list several tags, weak or strong; FIFA-style weak comparison. */
function etagMatches(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  if (header.trim() === '*') return true;
  const strip = (tag: string): string => tag.trim().replace(/^W\//, '');
  return header.split(',').some((tag) => strip(tag) === strip(etag));
}

export async function startFakeFifa(): Promise<FakeFifa> {
  let calendar: unknown[] = [];
  /** null until a test sets them: then the seasons of the calendar's matches are listed, each current. */
  let seasons: unknown[] | null = null;
  let competitions: unknown[] = [];
  const timelines = new Map<string, StoredTimeline>();
  const players = new Map<string, { name: string; alias?: string }>();
  const faults: Fault[] = [];
  const hanging = new Set<http.ServerResponse>();

  const fake: FakeFifa = {
    url: '',
    pageSize: Infinity,
    requests: [],
    setCalendar(results) {
      calendar = [...results];
    },
    setTimeline(matchId, events, extra = {}) {
      timelines.set(matchId, { events: [...events], extra });
    },
    setPlayer(id, name, alias) {
      players.set(id, { name, alias });
    },
    setSeasons(results) {
      seasons = [...results];
    },
    setCompetitions(results) {
      competitions = [...results];
    },
    fault(pathPrefix, kind, times = 1) {
      faults.push({ prefix: pathPrefix, kind, remaining: times });
    },
    close: async () => {
      for (const res of hanging) res.destroy();
      hanging.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };

  function takeFault(pathname: string): FakeFifaFault | null {
    const relative = pathname.startsWith(API_PREFIX) ? pathname.slice(API_PREFIX.length) : pathname;
    const fault = faults.find(
      (f) => f.remaining > 0 && (relative.startsWith(f.prefix) || pathname.startsWith(f.prefix)),
    );
    if (fault === undefined) return null;
    fault.remaining -= 1;
    return fault.kind;
  }

  /** Like FIFA, which lists every season it has matches for (and the builders' 2026 World Cup); these run from long ago to far ahead. */
  function seasonsOfCalendar(): unknown[] {
    const seen = new Map<string, unknown>();
    for (const match of [{ IdCompetition: WC2026.competitionId, IdSeason: WC2026.seasonId }, ...calendar]) {
      const competitionId = String(field(match, 'IdCompetition'));
      const seasonId = String(field(match, 'IdSeason'));
      seen.set(`${competitionId}/${seasonId}`, rawSeason(seasonId, `Season ${seasonId}`, '2000-01-01T00:00:00Z', '2100-01-01T00:00:00Z', { IdCompetition: competitionId }));
    }
    return [...seen.values()];
  }

  function calendarPage(query: URLSearchParams): { status: number; body: Json } {
    return listPage(calendar, query, ['IdCompetition', 'IdSeason']);
  }

  /** A paged list filtered by the query parameters named after the given fields (`idCompetition` for `IdCompetition`). */
  function listPage(items: unknown[], query: URLSearchParams, filters: string[]): { status: number; body: Json } {
    const matching = items.filter((item) =>
      filters.every((name) => {
        const wanted = query.get(`${name[0]?.toLowerCase()}${name.slice(1)}`);
        return wanted === null || field(item, name) === wanted;
      }),
    );
    const count = Number(query.get('count') ?? '') || Infinity;
    const size = Math.max(1, Math.min(fake.pageSize, count));
    const token = query.get('continuationToken');
    const offset = token === null ? 0 : decodeToken(token);
    if (offset === null) return { status: 400, body: { Message: 'Invalid continuation token' } };
    const results = matching.slice(offset, offset + size);
    const next = offset + size < matching.length ? encodeToken(offset + size) : null;
    return {
      status: 200,
      body: {
        ContinuationToken: next,
        ContinuationHash: next === null ? null : String(offset + size),
        Results: results,
      },
    };
  }

  function timelineBody(segments: string[]): { status: number; body: Json } {
    const [competitionId, seasonId, stageId, matchId] = segments;
    const stored = matchId === undefined ? undefined : timelines.get(matchId);
    if (stored === undefined || stageId === undefined) return { status: 404, body: { Message: 'Match not found' } };
    const listed = calendar.find((item) => field(item, 'IdMatch') === matchId);
    // FIFA needs the right IdStage (reference §1): a path that disagrees with the calendar is unknown.
    if (
      listed !== undefined &&
      (field(listed, 'IdCompetition') !== competitionId ||
        field(listed, 'IdSeason') !== seasonId ||
        field(listed, 'IdStage') !== stageId)
    ) {
      return { status: 404, body: { Message: 'Match not found' } };
    }
    return {
      status: 200,
      body: {
        IdStage: stageId,
        IdMatch: matchId,
        IdCompetition: competitionId,
        IdSeason: seasonId,
        IdGroup: listed === undefined ? null : (field(listed, 'IdGroup') ?? null),
        Event: stored.events,
        Properties: {},
        IsUpdateable: null,
        ...stored.extra,
      },
    };
  }

  /** Any competition with a word starting like any typed word's first two letters: loose, as FIFA's is. */
  function fuzzySearch(name: string): unknown[] {
    const starts = name.toLowerCase().split(/\s+/).filter((w) => w.length >= 2).map((w) => w.slice(0, 2));
    return competitions.filter((item) => {
      const names = JSON.stringify((item as Json).Name ?? '').toLowerCase();
      return starts.some((start) => names.split(/[^a-z0-9]+/).some((word) => word.startsWith(start)));
    });
  }

  function route(pathname: string, query: URLSearchParams): { status: number; body: Json } {
    if (!pathname.startsWith(`${API_PREFIX}/`)) return { status: 404, body: { Message: 'Not found' } };
    const segments = pathname.slice(API_PREFIX.length + 1).split('/').map(decodeURIComponent);
    if (segments[0] === 'calendar' && segments[1] === 'matches' && segments.length === 2) return calendarPage(query);
    if (segments[0] === 'seasons' && segments.length === 1) return listPage(seasons ?? seasonsOfCalendar(), query, ['IdCompetition']);
    if (segments[0] === 'competitions' && segments[1] === 'search' && segments.length === 2) return { status: 200, body: { ContinuationToken: null, Results: fuzzySearch(query.get('name') ?? '') } };
    if (segments[0] === 'timelines' && segments.length === 5) return timelineBody(segments.slice(1));
    if (segments[0] === 'players' && segments.length === 2 && segments[1] !== undefined) {
      const player = players.get(segments[1]);
      if (player === undefined) return { status: 404, body: { Message: 'Player not found' } };
      return { status: 200, body: rawPlayer(segments[1], player.name, player.alias, query.get('language') ?? 'en-GB') };
    }
    return { status: 404, body: { Message: 'Not found' } };
  }

  const server = http.createServer((req, res) => {
    const record: FakeFifaRequest = { path: req.url ?? '', status: 0, bytes: 0 };
    const ifNoneMatch = req.headers['if-none-match'];
    if (ifNoneMatch !== undefined) record.ifNoneMatch = ifNoneMatch;
    if (req.headers['user-agent'] !== undefined) record.userAgent = req.headers['user-agent'];
    fake.requests.push(record);

    const send = (status: number, body: string, headers: Record<string, string> = {}): void => {
      const bytes = Buffer.byteLength(body);
      record.status = status;
      record.bytes = bytes;
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': String(bytes), ...headers });
      res.end(body);
    };

    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (req.method !== 'GET') {
      send(405, JSON.stringify({ Message: 'Method not allowed' }));
      return;
    }

    switch (takeFault(url.pathname)) {
      case 'hang':
        hanging.add(res);
        res.on('close', () => hanging.delete(res));
        return;
      case 'status500':
        send(500, JSON.stringify({ Message: 'An error has occurred.' }));
        return;
      case 'malformed':
        send(200, '{"ContinuationToken":null,"Results":[{"IdMatch":"4001', { etag: '"malformed"' });
        return;
      case 'schema':
        // Valid JSON that fits none of the three endpoints: Results, Event and IdPlayer are all wrong.
        send(200, JSON.stringify({ Results: 'unavailable', Event: { Type: 0 }, IdPlayer: null, Name: 42 }), {
          etag: '"schema"',
        });
        return;
      case null:
        break;
    }

    const { status, body } = route(url.pathname, url.searchParams);
    const text = JSON.stringify(body);
    if (status !== 200) {
      send(status, text);
      return;
    }
    const etag = `"${createHash('sha1').update(text).digest('hex')}"`;
    if (etagMatches(ifNoneMatch, etag)) {
      record.status = 304;
      res.writeHead(304, { etag });
      res.end();
      return;
    }
    send(200, text, { etag });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  fake.url = `http://127.0.0.1:${port}${API_PREFIX}`;
  return fake;
}
