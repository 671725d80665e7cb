import http from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_USER_AGENT, FifaClient, type FifaClientOptions } from '../../src/football/fifa-client.js';
import { startFakeFifa, type FakeFifa } from '../fakes/fifa.js';
import { rawCalendarMatch, rawEvent, rawGoal, rawSeason, rawTeam, TEAMS, WC2026 } from '../fixtures/fifa-builders.js';

interface LogLine {
  level: number;
  msg: string;
  url?: string;
  status?: number;
  problem?: string;
  [key: string]: unknown;
}

function captureLogger(): { logger: pino.Logger; lines: LogLine[]; warnings: () => LogLine[] } {
  const lines: LogLine[] = [];
  const logger = pino({ level: 'debug' }, { write: (line: string) => lines.push(JSON.parse(line) as LogLine) });
  return { logger, lines, warnings: () => lines.filter((l) => l.level === 40) };
}

const KEY = { competitionId: WC2026.competitionId, seasonId: WC2026.seasonId, stageId: WC2026.groupStageId, matchId: '400021476' };

/** A throwaway server for wire behaviours the FIFA fake deliberately doesn't have (weak ETags, looping tokens). */
async function startRawServer(
  handler: http.RequestListener,
): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api/v3`,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

describe('FifaClient', () => {
  let fifa: FakeFifa;
  let log: ReturnType<typeof captureLogger>;

  function client(overrides: Partial<FifaClientOptions> = {}): FifaClient {
    return new FifaClient({
      baseUrl: fifa.url,
      language: 'en-GB',
      logger: log.logger,
      retryBaseMs: 5,
      timeoutMs: 2000,
      ...overrides,
    });
  }

  beforeEach(async () => {
    fifa = await startFakeFifa();
    log = captureLogger();
  });

  it.each([
    ['en-GB', 'en-GB'],
    ['fr-FR', 'fr-FR'],
    ['pt-BR', 'pt'],
    ['es-ES', 'es'],
    ['de-DE', 'de'],
  ] as const)('asks FIFA for names in %s with a language code it accepts (%s)', async (locale, expected) => {
    fifa.setCalendar([rawCalendarMatch()]);
    await client({ language: locale }).calendar(WC2026.competitionId, WC2026.seasonId);
    expect(new URL(fifa.requests[0]?.path ?? '', 'http://x').searchParams.get('language')).toBe(expected);
  });

  afterEach(async () => {
    await fifa.close();
  });

  describe('calendar', () => {
    it('asks for the configured season in the client language with a User-Agent, and returns validated matches', async () => {
      fifa.setCalendar([
        rawCalendarMatch({ IdMatch: '1' }),
        rawCalendarMatch({ IdMatch: '2', IdSeason: '255711' }), // another season: filtered by the server
      ]);
      const matches = await client().calendar(WC2026.competitionId, WC2026.seasonId);

      expect(matches?.map((m) => m.IdMatch)).toEqual(['1']);
      const request = fifa.requests[0]!;
      const query = new URL(request.path, 'http://x').searchParams;
      expect(query.get('idCompetition')).toBe('17');
      expect(query.get('idSeason')).toBe('285023');
      expect(query.get('count')).toBe('500');
      expect(query.get('language')).toBe('en-GB');
      expect(request.userAgent).toBe(DEFAULT_USER_AGENT);
    });

    it('follows ContinuationToken pages until the token is null', async () => {
      fifa.pageSize = 2;
      fifa.setCalendar(['1', '2', '3', '4', '5'].map((id) => rawCalendarMatch({ IdMatch: id })));
      const c = client();
      const matches = await c.calendar('17', '285023');

      expect(matches?.map((m) => m.IdMatch)).toEqual(['1', '2', '3', '4', '5']);
      expect(fifa.requests).toHaveLength(3);
      expect(fifa.requests[0]!.path).not.toContain('continuationToken');
      expect(fifa.requests[1]!.path).toContain('continuationToken=');
      expect(log.warnings()).toEqual([]);
    });

    it('stops with a warning when the server keeps sending the same token', async () => {
      const page = JSON.stringify({ ContinuationToken: 'c2FtZQ==', ContinuationHash: '1', Results: [rawCalendarMatch()] });
      let hits = 0;
      const raw = await startRawServer((_req, res) => {
        hits += 1;
        res.writeHead(200, { 'content-type': 'application/json' }).end(page);
      });
      try {
        const matches = await client({ baseUrl: raw.url }).calendar('17', '285023');
        // The page repeated: one match, not two copies.
        expect(matches).toHaveLength(1);
        expect(hits).toBe(2);
        expect(log.warnings().some((l) => l.msg.includes('truncated'))).toBe(true);
      } finally {
        await raw.close();
      }
    });

    it('stops after 20 pages with a warning when tokens never end', async () => {
      let hits = 0;
      const raw = await startRawServer((_req, res) => {
        hits += 1;
        const body = { ContinuationToken: `t${hits}`, Results: [rawCalendarMatch({ IdMatch: String(hits) })] };
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      });
      try {
        const matches = await client({ baseUrl: raw.url }).calendar('17', '285023');
        expect(hits).toBe(20);
        expect(matches).toHaveLength(20);
        expect(log.warnings().some((l) => l.msg.includes('truncated'))).toBe(true);
      } finally {
        await raw.close();
      }
    });

    it('is lenient with FIFA inconsistencies: numeric ids, null teams, missing IdTeam, lower-case locales', async () => {
      fifa.setCalendar([
        rawCalendarMatch({
          IdMatch: 400021476,
          Home: null,
          Away: rawTeam('FRA', { IdTeam: undefined, TeamName: [{ Locale: 'en-gb', Description: 'France' }] }),
          StageName: null,
        }),
      ]);
      const [match] = (await client().calendar('17', '285023')) ?? [];

      expect(match?.IdMatch).toBe('400021476');
      expect(match?.Home).toBeNull();
      expect(match?.Away?.IdTeam).toBeNull();
      expect(match?.StageName).toEqual([]);
    });

    it('drops a single malformed match with a warning and keeps the rest', async () => {
      fifa.setCalendar([rawCalendarMatch({ IdMatch: '1' }), rawCalendarMatch({ IdMatch: '2', MatchStatus: 'live' })]);
      const matches = await client().calendar('17', '285023');

      expect(matches?.map((m) => m.IdMatch)).toEqual(['1']);
      const warning = log.warnings().find((l) => l.msg.includes('calendar match skipped'));
      expect(warning?.idMatch).toBe('2');
      expect(warning?.problem).toContain('MatchStatus');
    });

    it('returns null when a later page fails, rather than a partial calendar', async () => {
      const raw = await startRawServer((req, res) => {
        if (req.url?.includes('continuationToken=next')) {
          res.writeHead(503, { 'content-type': 'application/json' }).end('{"Message":"busy"}');
        } else {
          const body = { ContinuationToken: 'next', Results: [rawCalendarMatch({ IdMatch: '1' })] };
          res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
        }
      });
      try {
        const c = client({ baseUrl: raw.url, retries: 0 });
        expect(await c.calendar('17', '285023')).toBeNull();
        expect(log.warnings()).toEqual([expect.objectContaining({ status: 503 })]);
      } finally {
        await raw.close();
      }
    });
  });

  describe('seasons', () => {
    it("lists a competition's seasons over every page, and drops one without dates with a warning", async () => {
      fifa.pageSize = 2;
      fifa.setSeasons([
        rawSeason('255711', 'Qatar 2022', '2022-11-20T00:00:00Z', '2022-12-18T00:00:00Z'),
        rawSeason('999', 'Futsal', '2024-09-14T00:00:00Z', '2024-10-06T00:00:00Z', { IdCompetition: '106' }),
        rawSeason('285023', 'World Cup 26', '2026-06-11T00:00:00Z', '2026-07-18T00:00:00Z'),
        rawSeason('300000', 'World Cup 2030', '2030-06-08T00:00:00Z', '2030-07-21T00:00:00Z', { EndDate: null }),
      ]);
      const seasons = await client().seasons('17');

      expect(seasons?.map((s) => [s.IdSeason, s.StartDate])).toEqual([
        ['255711', '2022-11-20T00:00:00Z'],
        ['285023', '2026-06-11T00:00:00Z'],
      ]);
      expect(fifa.requests.map((r) => r.path.split('?')[0])).toEqual(['/api/v3/seasons', '/api/v3/seasons']);
      expect(log.warnings()).toEqual([expect.objectContaining({ msg: 'fifa: season skipped, unexpected shape', idSeason: '300000' })]);
    });

    it('returns null when FIFA fails, so the last good choice stands', async () => {
      fifa.fault('/seasons', 'status500', Infinity);
      expect(await client({ retries: 0 }).seasons('17')).toBeNull();
    });
  });

  describe('ETags', () => {
    it('sends the stored ETag back and serves the cached body on 304', async () => {
      fifa.setTimeline(KEY.matchId, [rawEvent(), rawGoal(TEAMS.ARG!.id, '229397', 1, 0)]);
      const c = client();

      const first = await c.timeline(KEY);
      const second = await c.timeline(KEY);

      expect(second).toEqual(first);
      expect(second?.Event).toHaveLength(2);
      expect(fifa.requests[0]!.ifNoneMatch).toBeUndefined();
      expect(fifa.requests[1]!.ifNoneMatch).toMatch(/^"[0-9a-f]{40}"$/);
      expect(fifa.requests[1]!.status).toBe(304);
      expect(c.stats).toMatchObject({ requests: 2, notModified: 1, failures: 0 });
      expect(c.stats.bytes).toBe(fifa.requests[0]!.bytes);
    });

    it('fetches the new body when the data changed', async () => {
      fifa.setTimeline(KEY.matchId, [rawEvent()]);
      const c = client();
      await c.timeline(KEY);
      fifa.setTimeline(KEY.matchId, [rawEvent(), rawGoal(TEAMS.ARG!.id, '229397', 1, 0)]);

      const updated = await c.timeline(KEY);

      expect(updated?.Event).toHaveLength(2);
      expect(fifa.requests[1]!.status).toBe(200);
      expect(c.stats.notModified).toBe(0);
    });

    it('keeps a weak ETag verbatim', async () => {
      const seen: Array<string | undefined> = [];
      const body = JSON.stringify({ IdPlayer: '229397', Name: [{ Locale: 'en-GB', Description: 'Lionel MESSI' }] });
      const raw = await startRawServer((req, res) => {
        const tag = req.headers['if-none-match'];
        seen.push(tag);
        if (tag === 'W/"v1"') res.writeHead(304, { etag: 'W/"v1"' }).end();
        else res.writeHead(200, { 'content-type': 'application/json', etag: 'W/"v1"' }).end(body);
      });
      try {
        const c = client({ baseUrl: raw.url });
        const first = await c.player('229397');
        const second = await c.player('229397');
        expect(seen).toEqual([undefined, 'W/"v1"']);
        expect(second).toEqual(first);
        expect(c.stats.notModified).toBe(1);
      } finally {
        await raw.close();
      }
    });

    it('forgets the least recently used URL beyond etagCacheSize', async () => {
      fifa.setPlayer('1', 'A');
      fifa.setPlayer('2', 'B');
      const c = client({ etagCacheSize: 1 });
      await c.player('1');
      await c.player('2');
      await c.player('1');

      expect(fifa.requests.map((r) => r.ifNoneMatch !== undefined)).toEqual([false, false, false]);
      expect(await c.player('1')).not.toBeNull();
      expect(fifa.requests[3]!.ifNoneMatch).toBeDefined();
    });

    it('does not keep the ETag of a rejected body', async () => {
      fifa.setPlayer('229397', 'Lionel MESSI');
      fifa.fault('/players/', 'schema');
      const c = client();
      expect(await c.player('229397')).toBeNull();
      expect(await c.player('229397')).not.toBeNull();
      expect(fifa.requests[1]!.ifNoneMatch).toBeUndefined();
    });
  });

  describe('failures', () => {
    it('retries a 500 and returns the data of the next success', async () => {
      fifa.setPlayer('229397', 'Lionel MESSI', 'MESSI');
      fifa.fault('/players/', 'status500', 1);
      const c = client();

      const player = await c.player('229397');

      expect(player?.Name[0]?.Description).toBe('Lionel MESSI');
      expect(fifa.requests.map((r) => r.status)).toEqual([500, 200]);
      expect(c.stats).toMatchObject({ requests: 2, failures: 0 });
      expect(log.warnings()).toEqual([]);
    });

    it('gives up after the retries with one warning naming the URL and the status, without throwing', async () => {
      fifa.setTimeline(KEY.matchId, [rawEvent()]);
      fifa.fault('/timelines/', 'status500', Infinity);
      const c = client({ retries: 2 });

      await expect(c.timeline(KEY)).resolves.toBeNull();

      expect(fifa.requests).toHaveLength(3);
      const warnings = log.warnings();
      expect(warnings).toHaveLength(1);
      expect(warnings[0]!.status).toBe(500);
      expect(warnings[0]!.url).toBe(`${fifa.url}/timelines/17/285023/289273/400021476?language=en-GB`);
      expect(c.stats.failures).toBe(1);
    });

    it('does not retry a 404', async () => {
      const c = client();
      expect(await c.player('404404')).toBeNull();
      expect(fifa.requests).toHaveLength(1);
      expect(log.warnings()[0]).toMatchObject({ status: 404 });
    });

    it('returns null on malformed JSON, without retrying, and recovers on the next call', async () => {
      fifa.setCalendar([rawCalendarMatch()]);
      fifa.fault('/calendar/', 'malformed');
      const c = client();

      expect(await c.calendar('17', '285023')).toBeNull();
      expect(fifa.requests).toHaveLength(1);
      expect(log.warnings()[0]!.problem).toMatch(/malformed JSON/);
      expect(await c.calendar('17', '285023')).toHaveLength(1);
    });

    it.each([
      ['calendar', '/calendar/', (c: FifaClient) => c.calendar('17', '285023')],
      ['timeline', '/timelines/', (c: FifaClient) => c.timeline(KEY)],
      ['player', '/players/', (c: FifaClient) => c.player('229397')],
    ] as const)('returns null when the %s has the wrong shape', async (_name, prefix, call) => {
      fifa.setCalendar([rawCalendarMatch()]);
      fifa.setTimeline(KEY.matchId, [rawEvent()]);
      fifa.setPlayer('229397', 'Lionel MESSI');
      fifa.fault(prefix, 'schema');
      const c = client();

      expect(await call(c)).toBeNull();
      expect(log.warnings()[0]!.problem).toMatch(/unexpected shape/);
      expect(c.stats.failures).toBe(1);
      expect(await call(c)).not.toBeNull();
    });

    it('rejects a whole timeline when one event lacks an EventId or a numeric Type', async () => {
      const c = client();
      fifa.setTimeline(KEY.matchId, [rawEvent(), rawEvent({ EventId: null })]);
      expect(await c.timeline(KEY)).toBeNull();
      fifa.setTimeline(KEY.matchId, [rawEvent({ Type: '0' })]);
      expect(await c.timeline(KEY)).toBeNull();
      expect(log.warnings().map((l) => l.problem)).toEqual([
        expect.stringContaining('Event.1.EventId'),
        expect.stringContaining('Event.0.Type'),
      ]);
    });

    it('returns null after the timeout when the server hangs', async () => {
      fifa.setPlayer('229397', 'Lionel MESSI');
      fifa.fault('/players/', 'hang', Infinity);
      const c = client({ timeoutMs: 300, retries: 0 });

      const started = Date.now();
      await expect(c.player('229397')).resolves.toBeNull();
      const elapsed = Date.now() - started;

      expect(elapsed).toBeGreaterThanOrEqual(250);
      expect(elapsed).toBeLessThan(2000);
      expect(log.warnings()[0]).toMatchObject({ code: 'ETIMEDOUT' });
    });

    it('retries after a timeout', async () => {
      fifa.setPlayer('229397', 'Lionel MESSI');
      fifa.fault('/players/', 'hang', 1);
      const c = client({ timeoutMs: 300, retries: 1 });

      expect((await c.player('229397'))?.IdPlayer).toBe('229397');
      expect(fifa.requests).toHaveLength(2);
    });

    it('returns null when the server is unreachable', async () => {
      const url = fifa.url;
      await fifa.close();
      const c = client({ baseUrl: url, retries: 1 });
      await expect(c.player('229397')).resolves.toBeNull();
      expect(log.warnings()[0]).toMatchObject({ code: 'ECONNREFUSED', attempts: 2 });
      fifa = await startFakeFifa(); // afterEach closes it
    });
  });
});
