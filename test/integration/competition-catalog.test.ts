/**
 * The admin's competition search over both providers: the bundled ESPN leagues and FIFA's own fuzzy
 * `/competitions/search` (against the fake FIFA, over HTTP), with the season Fanfare would follow.
 */
import { readFileSync } from 'node:fs';
import pino from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CompetitionCatalog, ESPN_LEAGUES } from '../../src/football/catalog.js';
import { parseCompetitionRef } from '../../src/football/provider.js';
import { startFakeFifa, type FakeFifa } from '../fakes/fifa.js';
import { rawSeason } from '../fixtures/fifa-builders.js';

let fifa: FakeFifa;
let catalog: CompetitionCatalog;
const warnings: string[] = [];
const NOW = Date.parse('2026-12-04T12:00:00Z');

const competition = (id: string, name: string) => ({ IdCompetition: id, Name: [{ Locale: 'en-GB', Description: name }] });

beforeAll(async () => {
  fifa = await startFakeFifa();
  fifa.setCompetitions([
    competition('17', 'FIFA World Cup™'),
    competition('103', 'FIFA Women’s World Cup™'),
    competition('2000000000', 'Premier League'),
    competition('2000000019', 'Primera División'),
    competition('101', 'FIFA Club World Cup'),
  ]);
  fifa.setSeasons([
    rawSeason('285023', 'FIFA World Cup 2026™', '2026-06-11T00:00:00Z', '2026-07-18T00:00:00Z', { IdCompetition: '17' }),
    rawSeason('300000', 'FIFA World Cup 2030™', '2030-06-08T00:00:00Z', '2030-07-21T00:00:00Z', { IdCompetition: '17' }),
    rawSeason('290000', 'FIFA Club World Cup 2025', '2025-06-14T00:00:00Z', '2025-07-13T00:00:00Z', { IdCompetition: '101' }),
  ]);
  const logger = pino({ level: 'warn' }, { write: (line: string) => warnings.push((JSON.parse(line) as { msg: string }).msg) });
  catalog = new CompetitionCatalog({ fifaApiUrl: fifa.url, locale: 'en-GB', logger, now: () => NOW });
});

afterAll(async () => {
  await fifa.close();
});

beforeEach(() => {
  warnings.length = 0;
});

describe('search', () => {
  it('offers ESPN’s league and FIFA’s competition for the same name, each with its provider id', async () => {
    const found = await catalog.search('premier league');
    expect(found.map((e) => `${e.ref.provider}:${e.ref.id}`)).toEqual(['espn:eng.1', 'fifa:2000000000']);
    expect(found[0]).toMatchObject({ name: 'Premier League', season: null });
  });

  it('keeps only FIFA answers whose name contains the query (FIFA’s search is fuzzy)', async () => {
    const found = await catalog.search('world cup');
    const fifaIds = found.filter((e) => e.ref.provider === 'fifa').map((e) => e.ref.id);
    expect(fifaIds).toEqual(expect.arrayContaining(['17', '103', '101']));
    expect(fifaIds).not.toContain('2000000000');
    expect(fifaIds).not.toContain('2000000019');
    expect(found.some((e) => e.ref.provider === 'espn' && e.ref.id === 'fifa.world')).toBe(true);
  });

  it('names the season Fanfare would follow: the current one, else the next', async () => {
    const found = await catalog.search('world cup');
    // 2026 is over (4 Dec 2026), so the next one.
    expect(found.find((e) => e.ref.id === '17')?.season).toBe('FIFA World Cup 2030™');
    // Over, and nothing announced: no season shown rather than an old one.
    expect(found.find((e) => e.ref.id === '101')?.season).toBeNull();
  });

  it('finds a league by its everyday name, accents and case aside, or by its slug', async () => {
    expect((await catalog.search('laliga'))[0]?.ref.id).toBe('esp.1');
    expect((await catalog.search('BRASILEIRAO'))[0]?.ref.id).toBe('bra.1');
    expect((await catalog.search('uefa.champions'))[0]?.ref.id).toBe('uefa.champions');
  });

  it('still offers ESPN’s leagues when FIFA fails, and says so in the log', async () => {
    fifa.fault('/competitions/search', 'status500', 1);
    const found = await catalog.search('premier league');
    expect(found.map((e) => e.ref.provider)).toEqual(['espn']);
    expect(warnings).toContain('fifa: competition search failed');
  });
});

describe('resolve (what an admin types after `competition add`)', () => {
  it('takes provider:id as is, named from the bundled tables', async () => {
    expect(await catalog.resolve('espn:ger.1')).toEqual({ entry: { ref: { provider: 'espn', id: 'ger.1', season: null }, name: 'Bundesliga', season: null } });
    expect(await catalog.resolve('fifa:17/285023')).toMatchObject({ entry: { ref: { provider: 'fifa', id: '17', season: '285023' }, name: 'FIFA World Cup' } });
  });

  it('takes the one competition named exactly so, and otherwise lists the candidates', async () => {
    expect(await catalog.resolve('serie a')).toMatchObject({ entry: { ref: { provider: 'espn', id: 'ita.1' } } });
    const several = await catalog.resolve('cup');
    expect(several.entry).toBeNull();
    expect(several.entry === null && several.candidates.length).toBeGreaterThan(1);
    expect(await catalog.resolve('zzzz')).toEqual({ entry: null, candidates: [] });
  });
});

describe('parseCompetitionRef', () => {
  it('reads provider:id and provider:id/season, and nothing else', () => {
    expect(parseCompetitionRef('espn:uefa.europa.conf')).toEqual({ provider: 'espn', id: 'uefa.europa.conf', season: null });
    expect(parseCompetitionRef('FIFA:17/285023')).toEqual({ provider: 'fifa', id: '17', season: '285023' });
    for (const bad of ['premier league', 'opta:8', 'espn:', 'espn:eng.1/2025/x']) expect(parseCompetitionRef(bad)).toBeNull();
  });

  it('offers only slugs ESPN serves (its recorded league list), each once', () => {
    const recorded = JSON.parse(readFileSync(new URL('../fixtures/espn/core-leagues-soccer-20260924-data-platform-football.json', import.meta.url), 'utf8')) as { items: { $ref: string }[] };
    const served = new Set(recorded.items.map((item) => /leagues\/([^?]+)/.exec(item.$ref)?.[1]));
    expect(ESPN_LEAGUES.map((l) => l.slug).filter((slug) => !served.has(slug))).toEqual([]);
    expect(new Set(ESPN_LEAGUES.map((l) => l.slug)).size).toBe(ESPN_LEAGUES.length);
  });
});
