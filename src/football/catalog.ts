/**
 * Competitions an admin can add, found by name over both providers (SPEC C4): FIFA's own search
 * (`/competitions/search?name=`, fuzzy, so filtered here on the name) with the current season's name from
 * `/seasons`, and a bundled table of ESPN league slugs (ESPN's league list is ~220 `$ref`s to follow one
 * by one, too slow to search while a Slack menu waits 3 s).
 */
import type { Got } from 'got';
import { z } from 'zod';
import type { Logger } from '../log.js';
import { pickLocalized } from './feed.js';
import { DEFAULT_USER_AGENT, fifaLanguage } from './fifa-client.js';
import { IdSchema, LocalizedSchema, RawSeasonSchema } from './fifa-schemas.js';
import { createFeedHttp } from './feed-http.js';
import { parseCompetitionRef, type CompetitionRef } from './provider.js';
import { chooseSeason } from './season.js';
import { foldTeamName } from './teams.js';
import type { Locale } from '../alerts/i18n/locales.js';

export interface CatalogEntry {
  ref: CompetitionRef;
  /** External text: escape before Slack. */
  name: string;
  /** The current (else next) season's name where the provider says it cheaply (FIFA), else null. */
  season: string | null;
}

/** ESPN league slugs worth offering, with their everyday names (reference espn.md §1). */
export const ESPN_LEAGUES: readonly { slug: string; name: string }[] = [
  { slug: 'eng.1', name: 'Premier League' },
  { slug: 'esp.1', name: 'LaLiga' },
  { slug: 'ger.1', name: 'Bundesliga' },
  { slug: 'ita.1', name: 'Serie A' },
  { slug: 'fra.1', name: 'Ligue 1' },
  { slug: 'usa.1', name: 'MLS' },
  { slug: 'uefa.champions', name: 'UEFA Champions League' },
  { slug: 'uefa.europa', name: 'UEFA Europa League' },
  { slug: 'uefa.europa.conf', name: 'UEFA Conference League' },
  { slug: 'uefa.nations', name: 'UEFA Nations League' },
  { slug: 'uefa.euro', name: 'UEFA European Championship' },
  { slug: 'fifa.world', name: 'FIFA World Cup' },
  { slug: 'fifa.cwc', name: 'FIFA Club World Cup' },
  { slug: 'conmebol.america', name: 'Copa América' },
  { slug: 'conmebol.libertadores', name: 'Copa Libertadores' },
  { slug: 'eng.2', name: 'EFL Championship' },
  { slug: 'eng.fa', name: 'FA Cup' },
  { slug: 'eng.league_cup', name: 'Carabao Cup (EFL Cup)' },
  { slug: 'esp.copa_del_rey', name: 'Copa del Rey' },
  { slug: 'ger.dfb_pokal', name: 'DFB-Pokal' },
  { slug: 'ita.coppa_italia', name: 'Coppa Italia' },
  { slug: 'fra.coupe_de_france', name: 'Coupe de France' },
  { slug: 'ned.1', name: 'Eredivisie' },
  { slug: 'por.1', name: 'Primeira Liga' },
  { slug: 'sco.1', name: 'Scottish Premiership' },
  { slug: 'bel.1', name: 'Belgian Pro League' },
  { slug: 'tur.1', name: 'Turkish Süper Lig' },
  { slug: 'bra.1', name: 'Brasileirão Série A' },
  { slug: 'arg.1', name: 'Argentine Liga Profesional' },
  { slug: 'mex.1', name: 'Liga MX' },
  { slug: 'ksa.1', name: 'Saudi Pro League' },
  { slug: 'usa.nwsl', name: 'NWSL' },
  { slug: 'eng.w.1', name: "Women's Super League" },
  { slug: 'fifa.wwc', name: "FIFA Women's World Cup" },
];

/** FIFA competitions whose ids are known (reference fifa-v3.md §7), so `fifa:17` gets a name without a request. */
export const FIFA_COMPETITIONS: readonly { id: string; name: string }[] = [
  { id: '17', name: 'FIFA World Cup' },
  { id: '103', name: "FIFA Women's World Cup" },
  { id: '104', name: 'FIFA U-20 World Cup' },
  { id: '106', name: 'FIFA Futsal World Cup' },
];

const FifaSearchSchema = z.object({
  Results: z.array(z.unknown()).nullish().transform((v) => v ?? []),
});
const FifaCompetitionSchema = z.object({ IdCompetition: IdSchema, Name: LocalizedSchema });
const FifaSeasonsSchema = z.object({ Results: z.array(z.unknown()) });

/** A Slack menu waits 3 s for its options: each provider call gets less than that, with no retry. */
const TIMEOUT_MS = 2_000;
const SEASON_CACHE_MS = 6 * 3600_000;
const FIFA_SEASONS_LOOKED_UP = 5;
const DEFAULT_LIMIT = 20;

export interface CompetitionCatalogOptions {
  /** FIFA_API_URL. */
  fifaApiUrl: string;
  locale: Locale;
  logger: Logger;
  now?: () => number;
}

export class CompetitionCatalog {
  private readonly http: Got;
  private readonly baseUrl: string;
  private readonly language: string;
  private readonly now: () => number;
  private readonly seasons = new Map<string, { name: string | null; at: number }>();

  constructor(private readonly options: CompetitionCatalogOptions) {
    this.baseUrl = options.fifaApiUrl.replace(/\/+$/, '');
    this.language = fifaLanguage(options.locale);
    this.now = options.now ?? Date.now;
    this.http = createFeedHttp({ userAgent: DEFAULT_USER_AGENT, timeoutMs: TIMEOUT_MS, retries: 0, counters: { requests: 0, bytes: 0 } });
  }

  /**
   * Competitions whose name (or ESPN slug) matches the query, best first over both providers (ESPN first on a
   * tie), FIFA's with their season. A FIFA failure leaves the ESPN ones (it is logged, never thrown).
   */
  async search(query: string, limit = DEFAULT_LIMIT): Promise<CatalogEntry[]> {
    const folded = foldTeamName(query);
    if (folded.length === 0) return [];
    const espn = ESPN_LEAGUES.map((l): CatalogEntry => ({ ref: { provider: 'espn', id: l.slug, season: null }, name: l.name, season: null }));
    const fifa = await this.searchFifa(query.trim());
    const ranked = rankByName([...espn, ...fifa], folded, (entry) => entry.ref.provider === 'espn' && foldTeamName(entry.ref.id) === folded).slice(0, limit);
    let lookups = 0;
    return Promise.all(
      ranked.map(async (entry) => (entry.ref.provider === 'fifa' && lookups++ < FIFA_SEASONS_LOOKED_UP ? { ...entry, season: await this.fifaSeason(entry.ref.id) } : entry)),
    );
  }

  /**
   * What an admin typed after `competition add`: `provider:id` (named from the tables, else by FIFA's
   * seasons), or a name: the one entry named exactly so, else the only match. Otherwise the candidates.
   */
  async resolve(text: string): Promise<{ entry: CatalogEntry } | { entry: null; candidates: CatalogEntry[] }> {
    const ref = parseCompetitionRef(text);
    if (ref) return { entry: { ref, name: knownName(ref) ?? '', season: ref.provider === 'fifa' && ref.season === null ? await this.fifaSeason(ref.id) : null } };
    const found = await this.search(text);
    const folded = foldTeamName(text);
    const exact = found.filter((e) => foldTeamName(e.name) === folded);
    if (exact.length >= 1) return { entry: exact[0]! };
    if (found.length === 1) return { entry: found[0]! };
    return { entry: null, candidates: found.slice(0, 5) };
  }

  /** FIFA's answer, one entry per competition; its search is fuzzy, so rankByName then keeps only real matches. */
  private async searchFifa(query: string): Promise<CatalogEntry[]> {
    const body = await this.getJson('/competitions/search', { name: query, language: this.language, count: '100' });
    const parsed = FifaSearchSchema.safeParse(body);
    if (body === null || !parsed.success) return [];
    const byId = new Map<string, CatalogEntry>();
    for (const item of parsed.data.Results) {
      const competition = FifaCompetitionSchema.safeParse(item);
      if (!competition.success) continue;
      const name = pickLocalized(competition.data.Name, this.language);
      if (!name || byId.has(competition.data.IdCompetition)) continue;
      byId.set(competition.data.IdCompetition, { ref: { provider: 'fifa', id: competition.data.IdCompetition, season: null }, name, season: null });
    }
    return [...byId.values()];
  }

  /** The name of the season Fanfare would follow (SPEC C2), cached; null when FIFA does not say. */
  private async fifaSeason(competitionId: string): Promise<string | null> {
    const cached = this.seasons.get(competitionId);
    if (cached && this.now() - cached.at < SEASON_CACHE_MS) return cached.name;
    const body = await this.getJson('/seasons', { idCompetition: competitionId, language: this.language, count: '100' });
    const parsed = FifaSeasonsSchema.safeParse(body);
    if (body === null || !parsed.success) return null;
    const seasons = parsed.data.Results.flatMap((item) => {
      const season = RawSeasonSchema.safeParse(item);
      return season.success ? [season.data] : [];
    });
    const chosen = chooseSeason(seasons, this.now());
    const name = chosen ? pickLocalized(chosen.Name, this.language) : null;
    this.seasons.set(competitionId, { name, at: this.now() });
    return name;
  }

  private async getJson(path: string, query: Record<string, string>): Promise<unknown> {
    const url = `${this.baseUrl}${path}?${new URLSearchParams(query).toString()}`;
    try {
      const response = await this.http.get(url, { responseType: 'buffer' });
      return JSON.parse(response.body.toString('utf8')) as unknown;
    } catch (error) {
      this.options.logger.warn({ url, problem: (error as Error).message }, 'fifa: competition search failed');
      return null;
    }
  }
}

/** The bundled name of a competition, when it is one Fanfare knows. */
export function knownName(ref: CompetitionRef): string | null {
  if (ref.provider === 'espn') return ESPN_LEAGUES.find((l) => l.slug === ref.id)?.name ?? null;
  return FIFA_COMPETITIONS.find((c) => c.id === ref.id)?.name ?? null;
}

/** Entries whose name contains the query: exact names, then names starting with it, then word starts, then anywhere. */
function rankByName(entries: CatalogEntry[], folded: string, exactById: (entry: CatalogEntry) => boolean): CatalogEntry[] {
  const rank = (entry: CatalogEntry): number | null => {
    if (exactById(entry)) return 0;
    const name = foldTeamName(entry.name);
    if (name === folded) return 0;
    if (name.startsWith(folded)) return 1;
    const words = entry.name.split(/\s+/).map(foldTeamName);
    if (words.some((_, i) => words.slice(i).join('').startsWith(folded))) return 2;
    return name.includes(folded) ? 3 : null;
  };
  return entries
    .map((entry) => ({ entry, rank: rank(entry) }))
    .filter((r): r is { entry: CatalogEntry; rank: number } => r.rank !== null)
    .sort((a, b) => a.rank - b.rank)
    .map((r) => r.entry);
}
