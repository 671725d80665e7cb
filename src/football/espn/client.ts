/**
 * HTTP client for ESPN's soccer site API (reference: shared/reference/espn.md): one league's scoreboard
 * for one day, one match's summary, one league's teams. Timeouts, retries with backoff on 5xx and network
 * errors, an ETag cache (ESPN is not known to send ETags: `If-None-Match` goes out only once one came back),
 * and validation at the edge. Every method resolves to null instead of throwing: an HTTP 400, a 403 or 429
 * (ESPN's edge blocking), an empty scoreboard or an unreadable answer skips this poll of this league only
 * (SPEC C5). Each failing URL is logged once, when it starts failing, and again when it recovers.
 * Only a caller's mistake throws: a scoreboard day not written `YYYYMMDD` (ESPN refuses ranges with a 400).
 */
import { HTTPError, RequestError, type Got } from 'got';
import type { Logger } from '../../log.js';
import { conditionalGet, createFeedHttp, EtagCache, type ConditionalAnswer } from '../feed-http.js';
import { DEFAULT_USER_AGENT } from '../fifa-client.js';
import {
  EspnEventSchema,
  EspnScoreboardEnvelopeSchema,
  EspnSummarySchema,
  EspnTeamSchema,
  EspnTeamsEnvelopeSchema,
  describeZodError,
  type EspnEvent,
  type EspnScoreboard,
  type EspnSummary,
  type EspnTeam,
  type EspnTeams,
} from './schemas.js';

export const DEFAULT_ESPN_API_URL = 'https://site.api.espn.com/apis/site/v2/sports/soccer';

export interface EspnClientOptions {
  /** `ESPN_API_URL`, e.g. `https://site.api.espn.com/apis/site/v2/sports/soccer` (no trailing slash needed). */
  baseUrl: string;
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
}

export interface EspnClientStats {
  /** HTTP attempts, retries included. */
  requests: number;
  notModified: number;
  /** Response body bytes received (after decompression). */
  bytes: number;
  /** Calls that resolved to null. */
  failures: number;
}

/** The calls the ESPN provider needs; lets tests substitute their own source. */
export interface EspnSource {
  scoreboard(league: string, day: string): Promise<EspnScoreboard | null>;
  summary(league: string, eventId: string): Promise<EspnSummary | null>;
  teams(league: string): Promise<EspnTeams | null>;
}

type ParseResult<T> = { ok: true; value: T } | { ok: false; problem: string; empty?: boolean };
type Parser<T> = (json: unknown, url: string) => ParseResult<T>;

const DAY = /^\d{8}$/;
/** How many failing URLs are remembered for "log once". */
const FAILING_MEMORY = 500;

export class EspnClient implements EspnSource {
  private readonly http: Got;
  private readonly baseUrl: string;
  private readonly logger: Logger;
  private readonly etags: EtagCache;
  /** URL → the problem last logged for it, while it keeps failing. */
  private readonly failing = new Map<string, string>();
  private readonly counters: EspnClientStats = { requests: 0, notModified: 0, bytes: 0, failures: 0 };

  constructor(options: EspnClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.logger = options.logger;
    this.etags = new EtagCache(Math.max(0, options.etagCacheSize ?? 500));
    this.http = createFeedHttp({
      userAgent: options.userAgent ?? DEFAULT_USER_AGENT,
      timeoutMs: options.timeoutMs,
      retries: options.retries,
      retryBaseMs: options.retryBaseMs,
      retryMaxMs: options.retryMaxMs,
      counters: this.counters,
    });
  }

  get stats(): EspnClientStats {
    return { ...this.counters };
  }

  /** One ESPN (US-Eastern) day of one league, `day` as `YYYYMMDD`. An empty day is null: nothing to update. */
  async scoreboard(league: string, day: string): Promise<EspnScoreboard | null> {
    if (!DAY.test(day)) throw new Error(`espn: scoreboard day must be YYYYMMDD, got ${day}`);
    return this.getJson(`/${seg(league)}/scoreboard`, { dates: day }, (json, url) => this.parseScoreboard(json, url));
  }

  async summary(league: string, eventId: string): Promise<EspnSummary | null> {
    return this.getJson(`/${seg(league)}/summary`, { event: eventId }, (json) => {
      const parsed = EspnSummarySchema.safeParse(json);
      return parsed.success ? { ok: true, value: parsed.data } : { ok: false, problem: describeZodError(parsed.error) };
    });
  }

  /** Every club of a league, not only those playing soon. */
  async teams(league: string): Promise<EspnTeams | null> {
    return this.getJson(`/${seg(league)}/teams`, {}, (json, url) => this.parseTeams(json, url));
  }

  /** The envelope must be right; a malformed event is dropped (and logged) rather than hiding the whole day. */
  private parseScoreboard(json: unknown, url: string): ParseResult<EspnScoreboard> {
    const envelope = EspnScoreboardEnvelopeSchema.safeParse(json);
    if (!envelope.success) return { ok: false, problem: describeZodError(envelope.error) };
    const events: EspnEvent[] = [];
    envelope.data.events.forEach((item, index) => {
      const parsed = EspnEventSchema.safeParse(item);
      if (parsed.success && parsed.data.id !== undefined) events.push(parsed.data);
      else this.logger.warn({ url, index, problem: parsed.success ? 'no id' : describeZodError(parsed.error) }, 'espn: scoreboard event skipped, unexpected shape');
    });
    if (events.length === 0) return { ok: false, problem: 'no events', empty: true };
    return { ok: true, value: { events, leagues: envelope.data.leagues, day: envelope.data.day?.date } };
  }

  private parseTeams(json: unknown, url: string): ParseResult<EspnTeams> {
    const envelope = EspnTeamsEnvelopeSchema.safeParse(json);
    if (!envelope.success) return { ok: false, problem: describeZodError(envelope.error) };
    const league = envelope.data.sports[0]?.leagues[0];
    const teams: EspnTeam[] = [];
    (league?.teams ?? []).forEach((item, index) => {
      const parsed = EspnTeamSchema.safeParse(item.team);
      if (parsed.success && parsed.data.id !== undefined) teams.push(parsed.data);
      else this.logger.warn({ url, index }, 'espn: team skipped, unexpected shape');
    });
    if (teams.length === 0) return { ok: false, problem: 'no teams', empty: true };
    return {
      ok: true,
      value: { league: { id: league?.id, slug: league?.slug, name: league?.name, season: league?.season?.year }, teams },
    };
  }

  private async getJson<T>(path: string, query: Record<string, string>, parse: Parser<T>): Promise<T | null> {
    const search = new URLSearchParams(query).toString();
    const url = `${this.baseUrl}${path}${search === '' ? '' : `?${search}`}`;
    let answer: ConditionalAnswer;
    try {
      answer = await conditionalGet(this.http, url, this.etags);
    } catch (error) {
      return this.fail(url, describeRequestError(error));
    }
    const { statusCode, body: rawBody, etag, cached } = answer;

    if (statusCode === 304) {
      if (cached === undefined) return this.fail(url, { status: 304, problem: '304 without a cached body' });
      this.counters.notModified += 1;
      this.etags.remember(url, cached.etag, cached.body);
      this.recovered(url);
      return cached.body as T;
    }

    let json: unknown;
    try {
      json = JSON.parse(rawBody.toString('utf8'));
    } catch {
      // Akamai's block page, a truncated body: both arrive as a 200 or 403 that is not JSON.
      return this.fail(url, { status: statusCode, problem: `not JSON: ${truncate(rawBody.toString('utf8').trim(), 80)}` });
    }
    const parsed = parse(json, url);
    if (!parsed.ok) return this.fail(url, { status: statusCode, problem: parsed.problem }, parsed.empty === true);

    this.etags.remember(url, etag, parsed.value);
    this.recovered(url);
    return parsed.value;
  }

  /** Logs a failing URL once per kind of problem (every poll would repeat it), then skips the poll. */
  private fail(url: string, details: Record<string, unknown> & { problem: string }, empty = false): null {
    this.counters.failures += 1;
    const kind = `${String(details.status ?? details.code ?? '')} ${details.problem}`;
    if (this.failing.get(url) === kind) return null;
    this.failing.delete(url);
    this.failing.set(url, kind);
    trim(this.failing, FAILING_MEMORY);
    const fields = { url, ...details, problem: truncate(details.problem, 300) };
    if (empty) this.logger.info(fields, 'espn: nothing in this answer, skipping this poll');
    else this.logger.warn(fields, 'espn: request failed, skipping this poll until it answers again');
    return null;
  }

  private recovered(url: string): void {
    if (this.failing.delete(url)) this.logger.info({ url }, 'espn: answering again');
  }
}

function describeRequestError(error: unknown): Record<string, unknown> & { problem: string } {
  if (error instanceof HTTPError) {
    const status = error.response.statusCode;
    const body = Buffer.isBuffer(error.response.body) ? error.response.body.toString('utf8') : String(error.response.body ?? '');
    return { status, attempts: error.request.retryCount + 1, problem: `HTTP ${status}: ${truncate(body.trim(), 120)}` };
  }
  if (error instanceof RequestError) {
    return { code: error.code, attempts: (error.request?.retryCount ?? 0) + 1, problem: error.message };
  }
  return { problem: String(error) };
}

function trim<K, V>(map: Map<K, V>, max: number): void {
  while (map.size > max) {
    const oldest = map.keys().next().value;
    if (oldest === undefined) return;
    map.delete(oldest);
  }
}

/** League slugs and ids are opaque: encode them as path segments, never interpret them. */
function seg(value: string): string {
  return encodeURIComponent(value);
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max)}…`;
}
