/**
 * HTTP client for the FIFA v3 match-centre API: ETags, timeouts, retries, pagination and validation
 * at the edge. Every method resolves to `null` instead of throwing when anything goes wrong, so one
 * bad answer skips one poll of one match and nothing else (SPEC O1).
 */
import { HTTPError, RequestError, type Got } from 'got';
import type { z } from 'zod';
import type { Locale } from '../alerts/i18n/locales.js';
import type { Logger } from '../log.js';
import { conditionalGet, createFeedHttp, EtagCache, type ConditionalAnswer } from './feed-http.js';
import type { MatchKey } from './types.js';
import {
  RawCalendarMatchSchema,
  RawCalendarPageSchema,
  RawPlayerSchema,
  RawSeasonSchema,
  RawTimelineSchema,
  describeZodError,
  type RawCalendarMatch,
  type RawPlayer,
  type RawSeason,
  type RawTimeline,
} from './fifa-schemas.js';

export type { RawCalendarMatch, RawPlayer, RawSeason, RawTimeline };

export const DEFAULT_USER_AGENT = 'Fanfare/0.1 (+https://github.com/fanfare-app/fanfare)';

export interface FifaClientOptions {
  /** e.g. `https://api.fifa.com/api/v3` (no trailing slash needed). */
  baseUrl: string;
  /** Sent as `language=`; FIFA localises every name array with it. */
  language: Locale;
  logger: Logger;
  /** Per attempt (got `timeout.request`). */
  timeoutMs?: number;
  /** Extra attempts after the first, on 5xx, network errors and timeouts only. */
  retries?: number;
  /** Backoff base: attempt n waits min(retryMaxMs, retryBaseMs·2^(n-1)) plus up to retryBaseMs of jitter. */
  retryBaseMs?: number;
  retryMaxMs?: number;
  /** How many URLs keep their ETag and parsed body. */
  etagCacheSize?: number;
  userAgent?: string;
  /** `count=` of a list page (calendar, seasons). */
  calendarPageSize?: number;
  /** Loop guard for ContinuationToken pages. */
  maxCalendarPages?: number;
}

export interface FifaClientStats {
  /** HTTP attempts, retries included. */
  requests: number;
  /** 304 answers served from the ETag cache. */
  notModified: number;
  /** Response body bytes received (after decompression). */
  bytes: number;
  /** Calls that resolved to null (HTTP error after retries, timeout, bad JSON, schema mismatch). */
  failures: number;
}

/** The calls the feed needs; lets tests and the demo substitute their own source. */
export interface FifaSource {
  calendar(competitionId: string, seasonId: string): Promise<RawCalendarMatch[] | null>;
  /** Only needed when no season is pinned (the demo pins its recording's). */
  seasons?(competitionId: string): Promise<RawSeason[] | null>;
  timeline(key: MatchKey): Promise<RawTimeline | null>;
  player(id: string): Promise<RawPlayer | null>;
}

type ParseResult<T> = { ok: true; value: T } | { ok: false; problem: string };
type Parser<T> = (json: unknown, url: string) => ParseResult<T>;

interface ListPage<T> {
  token: string | null;
  results: T[];
}

/** How a list and one of its items are named in the log. */
interface ListName {
  list: string;
  item: string;
}
const CALENDAR: ListName = { list: 'calendar', item: 'calendar match' };
const SEASONS: ListName = { list: 'seasons', item: 'season' };


/**
 * The `language=` value for a locale, from the codes FIFA is known to accept (en-GB, fr-FR, de, es, pt…);
 * the names come back tagged with it, and the feed picks them case-insensitively or by language.
 */
export function fifaLanguage(locale: Locale): string {
  return locale === 'en-GB' || locale === 'fr-FR' ? locale : locale.slice(0, 2);
}

export class FifaClient implements FifaSource {
  private readonly http: Got;
  private readonly baseUrl: string;
  private readonly language: string;
  private readonly logger: Logger;
  private readonly calendarPageSize: number;
  private readonly maxCalendarPages: number;
  /** Insertion order is recency order: a hit is re-inserted, the oldest key is evicted first. */
  private readonly etags: EtagCache;
  private readonly counters: FifaClientStats = { requests: 0, notModified: 0, bytes: 0, failures: 0 };

  constructor(options: FifaClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.language = fifaLanguage(options.language);
    this.logger = options.logger;
    this.etags = new EtagCache(Math.max(0, options.etagCacheSize ?? 1000));
    this.calendarPageSize = options.calendarPageSize ?? 500;
    this.maxCalendarPages = options.maxCalendarPages ?? 20;
    this.http = createFeedHttp({
      userAgent: options.userAgent ?? DEFAULT_USER_AGENT,
      timeoutMs: options.timeoutMs,
      retries: options.retries,
      retryBaseMs: options.retryBaseMs,
      retryMaxMs: options.retryMaxMs,
      counters: this.counters,
    });
  }

  get stats(): FifaClientStats {
    return { ...this.counters };
  }

  /**
   * Every match of a season, following ContinuationToken pages. No public client shows how FIFA takes
   * the token back; we send it as a `continuationToken` query parameter (the .NET-style name of the
   * field), and guard against a server that ignores it: a repeated token or too many pages stop the
   * loop with a warning, and matches are de-duplicated by id.
   */
  async calendar(competitionId: string, seasonId: string): Promise<RawCalendarMatch[] | null> {
    const query = { idCompetition: competitionId, idSeason: seasonId };
    return this.list('/calendar/matches', query, RawCalendarMatchSchema, CALENDAR, (match) => `${match.IdCompetition}/${match.IdSeason}/${match.IdMatch}`);
  }

  /** Every season of a competition, in whatever order FIFA lists them. */
  async seasons(competitionId: string): Promise<RawSeason[] | null> {
    return this.list('/seasons', { idCompetition: competitionId }, RawSeasonSchema, SEASONS, (season) => season.IdSeason);
  }

  async timeline(key: MatchKey): Promise<RawTimeline | null> {
    const path = `/timelines/${seg(key.competitionId)}/${seg(key.seasonId)}/${seg(key.stageId)}/${seg(key.matchId)}`;
    return this.getJson(path, { language: this.language }, schemaParser(RawTimelineSchema));
  }

  async player(id: string): Promise<RawPlayer | null> {
    return this.getJson(`/players/${seg(id)}`, { language: this.language }, schemaParser(RawPlayerSchema));
  }

  /** A paged list, all pages of it, items de-duplicated by `keyOf`; null when any page failed. */
  private async list<S extends z.ZodType>(
    path: string,
    filter: Record<string, string>,
    schema: S,
    what: ListName,
    keyOf: (item: z.output<S>) => string,
  ): Promise<z.output<S>[] | null> {
    const byKey = new Map<string, z.output<S>>();
    const seenTokens = new Set<string>();
    let token: string | null = null;

    for (let page = 0; ; page += 1) {
      const query: Record<string, string> = { ...filter, count: String(this.calendarPageSize), language: this.language };
      if (token !== null) query.continuationToken = token;
      const body: ListPage<z.output<S>> | null = await this.getJson(path, query, (json, url) => this.parseListPage(json, url, schema, what));
      if (body === null) return null;
      for (const item of body.results) byKey.set(keyOf(item), item);

      token = body.token;
      if (token === null) break;
      if (seenTokens.has(token)) {
        this.logger.warn({ ...filter, pages: page + 1 }, `fifa: ${what.list} repeated a ContinuationToken; ${what.list} may be truncated`);
        break;
      }
      if (page + 1 >= this.maxCalendarPages) {
        this.logger.warn({ ...filter, pages: page + 1 }, `fifa: ${what.list} page limit reached; ${what.list} may be truncated`);
        break;
      }
      seenTokens.add(token);
    }
    return [...byKey.values()];
  }

  /** The envelope must be right; a single malformed item is dropped (and logged) rather than hiding the whole list. */
  private parseListPage<S extends z.ZodType>(json: unknown, url: string, schema: S, what: ListName): ParseResult<ListPage<z.output<S>>> {
    const envelope = RawCalendarPageSchema.safeParse(json);
    if (!envelope.success) return { ok: false, problem: describeZodError(envelope.error) };
    const results: z.output<S>[] = [];
    envelope.data.Results.forEach((item, index) => {
      const parsed = schema.safeParse(item);
      if (parsed.success) {
        results.push(parsed.data);
      } else {
        const object = typeof item === 'object' && item !== null ? (item as { IdMatch?: unknown; IdSeason?: unknown }) : {};
        this.logger.warn(
          { url, index, idMatch: object.IdMatch, idSeason: object.IdSeason, problem: describeZodError(parsed.error) },
          `fifa: ${what.item} skipped, unexpected shape`,
        );
      }
    });
    return { ok: true, value: { token: envelope.data.ContinuationToken, results } };
  }

  private async getJson<T>(path: string, query: Record<string, string>, parse: Parser<T>): Promise<T | null> {
    const url = `${this.baseUrl}${path}?${new URLSearchParams(query).toString()}`;
    let answer: ConditionalAnswer;
    try {
      answer = await conditionalGet(this.http, url, this.etags);
    } catch (error) {
      this.logFailure(url, error);
      return null;
    }
    const { statusCode, body: rawBody, etag, cached } = answer;

    if (statusCode === 304) {
      if (cached === undefined) return this.reject(url, statusCode, '304 without a cached body');
      this.counters.notModified += 1;
      this.etags.remember(url, cached.etag, cached.body);
      return cached.body as T;
    }

    let json: unknown;
    try {
      json = JSON.parse(rawBody.toString('utf8'));
    } catch (error) {
      return this.reject(url, statusCode, `malformed JSON: ${(error as Error).message}`);
    }
    const parsed = parse(json, url);
    if (!parsed.ok) return this.reject(url, statusCode, `unexpected shape: ${parsed.problem}`);

    this.etags.remember(url, etag, parsed.value);
    return parsed.value;
  }

  private reject(url: string, status: number, problem: string): null {
    this.counters.failures += 1;
    this.logger.warn({ url, status, problem: truncate(problem, 300) }, 'fifa: response rejected, skipping this poll');
    return null;
  }

  private logFailure(url: string, error: unknown): void {
    this.counters.failures += 1;
    if (error instanceof HTTPError) {
      this.logger.warn(
        { url, status: error.response.statusCode, attempts: error.request.retryCount + 1 },
        'fifa: request failed, skipping this poll',
      );
    } else if (error instanceof RequestError) {
      this.logger.warn(
        { url, code: error.code, problem: truncate(error.message, 300), attempts: (error.request?.retryCount ?? 0) + 1 },
        'fifa: request failed, skipping this poll',
      );
    } else {
      this.logger.warn({ url, problem: truncate(String(error), 300) }, 'fifa: request failed, skipping this poll');
    }
  }
}

function schemaParser<S extends z.ZodType>(schema: S): Parser<z.output<S>> {
  return (json) => {
    const result = schema.safeParse(json);
    return result.success ? { ok: true, value: result.data } : { ok: false, problem: describeZodError(result.error) };
  };
}

/** Ids are opaque (negative, alphanumeric): encode them as path segments, never interpret them. */
function seg(value: string): string {
  return encodeURIComponent(value);
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max)}…`;
}
