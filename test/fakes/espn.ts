/**
 * A fake ESPN soccer site API on 127.0.0.1 speaking ESPN's real shapes (reference: espn.md; the recorded
 * answers in test/fixtures/espn/): `/{league}/scoreboard?dates=YYYYMMDD`, `/{league}/summary?event=ID`,
 * `/{league}/teams`. Driven step by step: set a league's scoreboard for a day, a match's summary, a league's
 * teams; answer 400, 403, 500, empty, garbage or hang on demand; count requests. No test using it touches
 * the internet.
 *
 * Like ESPN: a day nobody set is an empty scoreboard (200, no events), a date range is the HTTP 400 ESPN
 * has answered since September 2026, and no ETag is sent unless `etags` is switched on (ESPN is not known
 * to send any).
 */
import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type FakeEspnFault = 'status400' | 'status403' | 'status429' | 'status500' | 'empty' | 'garbage' | 'malformed' | 'schema' | 'hang';

export interface FakeEspnRequest {
  /** Path and query as received, e.g. `/apis/site/v2/sports/soccer/eng.1/scoreboard?dates=20261204`. */
  path: string;
  /** 0 while unanswered (a 'hang' fault stays 0). */
  status: number;
  bytes: number;
  ifNoneMatch?: string;
  userAgent?: string;
}

export interface FakeEspn {
  /** Base URL for `ESPN_API_URL`, e.g. `http://127.0.0.1:PORT/apis/site/v2/sports/soccer`. */
  url: string;
  /** A league's scoreboard for one ESPN day (`YYYYMMDD`): a whole ESPN body (`{leagues, events, day}`). */
  setScoreboard(league: string, day: string, body: object): void;
  /** A match's summary (ESPN event ids are unique across leagues). */
  setSummary(eventId: string, body: object): void;
  /** `/{league}/teams` body (`{sports:[{leagues:[{teams}]}]}`). */
  setTeams(league: string, body: object): void;
  /** Send strong ETags and answer a matching `If-None-Match` with 304. Off by default, as ESPN. */
  etags: boolean;
  /**
   * The next `times` (default 1; Infinity for "forever") requests whose path, after the base, starts with
   * `pathPrefix` (e.g. `/eng.1/scoreboard`, `/eng.1/summary`, `/` for all) misbehave.
   */
  fault(pathPrefix: string, kind: FakeEspnFault, times?: number): void;
  /** Every request received, in order. */
  requests: FakeEspnRequest[];
  /** How many requests went to paths (after the base) starting with `pathPrefix`. */
  count(pathPrefix: string): number;
  close(): Promise<void>;
}

const API_PREFIX = '/apis/site/v2/sports/soccer';

/** ESPN's answer to a date range since 2026-09 (reference §1). */
const RANGE_REFUSED = { code: 400, message: 'Failed to get events endpoint.' };

/** What Akamai sends when it blocks a client (reference §8): HTML, not JSON. */
const BLOCK_PAGE = '<HTML><HEAD><TITLE>Access Denied</TITLE></HEAD><BODY><H1>Access Denied</H1></BODY></HTML>';

interface Fault {
  prefix: string;
  kind: FakeEspnFault;
  remaining: number;
}

export async function startFakeEspn(): Promise<FakeEspn> {
  const scoreboards = new Map<string, object>();
  const summaries = new Map<string, object>();
  const teams = new Map<string, object>();
  const faults: Fault[] = [];
  const hanging = new Set<http.ServerResponse>();

  const relative = (pathname: string): string => (pathname.startsWith(API_PREFIX) ? pathname.slice(API_PREFIX.length) : pathname);

  const fake: FakeEspn = {
    url: '',
    etags: false,
    requests: [],
    setScoreboard(league, day, body) {
      scoreboards.set(`${league}/${day}`, body);
    },
    setSummary(eventId, body) {
      summaries.set(eventId, body);
    },
    setTeams(league, body) {
      teams.set(league, body);
    },
    fault(pathPrefix, kind, times = 1) {
      faults.push({ prefix: pathPrefix, kind, remaining: times });
    },
    count(pathPrefix) {
      return fake.requests.filter((r) => relative(new URL(r.path, 'http://x').pathname).startsWith(pathPrefix)).length;
    },
    close: async () => {
      for (const res of hanging) res.destroy();
      hanging.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };

  function takeFault(path: string): FakeEspnFault | null {
    const fault = faults.find((f) => f.remaining > 0 && path.startsWith(f.prefix));
    if (fault === undefined) return null;
    fault.remaining -= 1;
    return fault.kind;
  }

  function route(path: string, query: URLSearchParams): { status: number; body: object } {
    const segments = path.split('/').slice(1).map(decodeURIComponent);
    const [league, endpoint] = segments;
    if (segments.length !== 2 || league === undefined || league === '') return { status: 404, body: { code: 404, message: 'Not Found' } };
    switch (endpoint) {
      case 'scoreboard': {
        const dates = query.get('dates') ?? '';
        if (!/^\d{4}(\d{2}(\d{2})?)?$/.test(dates)) return { status: 400, body: RANGE_REFUSED };
        const stored = scoreboards.get(`${league}/${dates}`);
        return { status: 200, body: stored ?? { leagues: [{ slug: league }], events: [] } };
      }
      case 'summary': {
        const stored = summaries.get(query.get('event') ?? '');
        return stored === undefined ? { status: 404, body: { code: 404, message: 'Failed to get event summary.' } } : { status: 200, body: stored };
      }
      case 'teams': {
        const stored = teams.get(league);
        return stored === undefined ? { status: 400, body: { code: 400, message: 'Failed to get teams.' } } : { status: 200, body: stored };
      }
      default:
        return { status: 404, body: { code: 404, message: 'Not Found' } };
    }
  }

  const server = http.createServer((req, res) => {
    const record: FakeEspnRequest = { path: req.url ?? '', status: 0, bytes: 0 };
    const ifNoneMatch = req.headers['if-none-match'];
    if (ifNoneMatch !== undefined) record.ifNoneMatch = ifNoneMatch;
    if (req.headers['user-agent'] !== undefined) record.userAgent = req.headers['user-agent'];
    fake.requests.push(record);

    const send = (status: number, body: string, headers: Record<string, string> = {}): void => {
      record.status = status;
      record.bytes = Buffer.byteLength(body);
      res.writeHead(status, { 'content-type': 'application/json;charset=UTF-8', 'content-length': String(record.bytes), ...headers });
      res.end(body);
    };

    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (!url.pathname.startsWith(`${API_PREFIX}/`) || req.method !== 'GET') {
      send(404, JSON.stringify({ code: 404, message: 'Not Found' }));
      return;
    }
    const path = relative(url.pathname);

    switch (takeFault(path)) {
      case 'hang':
        hanging.add(res);
        res.on('close', () => hanging.delete(res));
        return;
      case 'status400':
        send(400, JSON.stringify(RANGE_REFUSED));
        return;
      case 'status403':
        send(403, BLOCK_PAGE, { 'content-type': 'text/html', server: 'AkamaiGHost' });
        return;
      case 'status429':
        send(429, JSON.stringify({ code: 429, message: 'Too Many Requests' }));
        return;
      case 'status500':
        send(500, JSON.stringify({ code: 500, message: 'Internal Server Error' }));
        return;
      case 'empty':
        send(200, JSON.stringify({ leagues: [], events: [], sports: [] }));
        return;
      case 'garbage':
        send(200, BLOCK_PAGE, { 'content-type': 'text/html' });
        return;
      case 'malformed':
        send(200, '{"leagues":[{"slug":"eng.1"}],"events":[{"id":"7045');
        return;
      case 'schema':
        // Valid JSON that fits no endpoint: events, keyEvents and sports are all the wrong type.
        send(200, JSON.stringify({ events: 'unavailable', header: 42, keyEvents: {}, sports: null }));
        return;
      case null:
        break;
    }

    const { status, body } = route(path, url.searchParams);
    const text = JSON.stringify(body);
    if (status !== 200 || !fake.etags) {
      send(status, text);
      return;
    }
    const etag = `"${createHash('sha1').update(text).digest('hex')}"`;
    if (ifNoneMatch !== undefined && ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag)) {
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
