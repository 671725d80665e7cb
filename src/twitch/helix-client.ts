/**
 * HTTP client for Twitch Helix with an app access token (client credentials): token minting and
 * re-minting, rate-limit pacing, batching and pagination, validation at the edge.
 *
 * `start()` is the only method that throws (so a wrong TWITCH_CLIENT_ID/SECRET stops the app with one
 * clear line). After it, every method resolves to `null` when anything goes wrong: a failed poll must
 * read as "don't know", never as "everyone went offline" (reference §4).
 */
import got, { RequestError, type Got, type Response } from 'got';
import type { z } from 'zod';
import type { Logger } from '../log.js';
import {
  ErrorBodySchema,
  HelixStreamsResponseSchema,
  HelixUsersResponseSchema,
  TokenResponseSchema,
  ValidateResponseSchema,
  describeZodError,
  type HelixStream,
  type HelixUser,
  type ValidateResponse,
} from './helix-schemas.js';

export interface TwitchUser {
  id: string;
  login: string;
  displayName: string;
  profileImageUrl: string | null;
}

export interface TwitchStream {
  /** Stream id: the dedupe key for "went live" (SPEC T1/T4). */
  id: string;
  userId: string;
  userLogin: string;
  userName: string;
  /** May be "". */
  gameName: string;
  /** May be "": free text, escape before showing. */
  title: string;
  viewerCount: number;
  /** RFC 3339 UTC. */
  startedAt: string;
  /** A template with `{width}` and `{height}`. */
  thumbnailUrl: string;
  type: string;
  language: string;
}

/** A Helix answer of any status, for calls whose statuses carry meaning (409: the subscription exists). */
export interface HelixAnswer {
  status: number;
  body: unknown;
  /** Twitch's error message, on a status ≥ 400. */
  problem?: string;
}

export interface HelixClientStats {
  /** Helix HTTP attempts (retries included; token and validate calls excluded). */
  requests: number;
  /** App tokens successfully minted. */
  tokenMints: number;
  /** 429 answers received from Helix. */
  rateLimited: number;
}

export interface HelixClientOptions {
  clientId: string;
  clientSecret: string;
  /** e.g. `https://api.twitch.tv/helix`. */
  apiUrl: string;
  /** e.g. `https://id.twitch.tv/oauth2`. */
  authUrl: string;
  logger: Logger;
  /** Per HTTP request. */
  timeoutMs?: number;
  /** Epoch ms; tokens expire and rate limits reset by this clock. */
  now?: () => number;
  /** Waits for rate-limit resets; tests pass one that advances their clock instead. */
  sleep?: (ms: number) => Promise<void>;
  /** Longest wait for a rate-limit reset (Twitch's bucket refills within a minute). */
  maxRateLimitWaitMs?: number;
  /** After Twitch rejects the credentials once running, how long before asking again. */
  credentialRetryMs?: number;
}

/** Wrong TWITCH_CLIENT_ID or TWITCH_CLIENT_SECRET: an operator must fix the environment. */
export class TwitchConfigError extends Error {
  override readonly name = 'TwitchConfigError';
}

interface AppToken {
  value: string;
  /** Epoch ms after which we mint a new one rather than risk a 401. */
  refreshAt: number;
}

type Parse<T> = { ok: true; value: T } | { ok: false; problem: string };

const LOGIN_SYNTAX = /^[a-zA-Z0-9_]{1,25}$/;
const USER_ID_SYNTAX = /^[0-9]{1,20}$/;
const BATCH = 100;
/** twurple's grace: mint a minute before the token would expire. */
const EXPIRY_GRACE_MS = 60_000;
/** BarryCarlyon's reference code re-mints when validate reports less than an hour left. */
const REMINT_BELOW_SECONDS = 3600;
/** A 429 without a usable Ratelimit-Reset still deserves a pause. */
const DEFAULT_429_WAIT_MS = 1000;
/** Each page holds at least one stream of a ≤100-id batch, so more pages than this means a looping server. */
const MAX_PAGES_PER_BATCH = BATCH;

const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export class HelixClient {
  private readonly http: Got;
  private readonly clientId: string;
  private readonly clientSecret: string;
  private readonly apiUrl: string;
  private readonly authUrl: string;
  private readonly logger: Logger;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly maxRateLimitWaitMs: number;
  private readonly credentialRetryMs: number;
  private readonly counters: HelixClientStats = { requests: 0, tokenMints: 0, rateLimited: 0 };

  private token: AppToken | null = null;
  /** Shared by every caller that needs a token while one is being minted. */
  private minting: Promise<AppToken> | null = null;
  /** Set once Twitch has rejected the credentials after start: don't hammer the token endpoint. */
  private rejectedUntil = 0;
  /** From the last Helix answer: when Remaining hit 0, nothing is sent before the reset. */
  private exhaustedUntil = 0;

  constructor(options: HelixClientOptions) {
    this.clientId = options.clientId;
    this.clientSecret = options.clientSecret;
    this.apiUrl = options.apiUrl.replace(/\/+$/, '');
    this.authUrl = options.authUrl.replace(/\/+$/, '');
    this.logger = options.logger;
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? defaultSleep;
    this.maxRateLimitWaitMs = options.maxRateLimitWaitMs ?? 60_000;
    this.credentialRetryMs = options.credentialRetryMs ?? 15 * 60_000;
    this.http = got.extend({
      headers: { accept: 'application/json' },
      timeout: { request: options.timeoutMs ?? 10_000 },
      // Status codes, retries and JSON are handled here: a 401 re-mints, a 429 waits, the rest is a logged null.
      retry: { limit: 0 },
      throwHttpErrors: false,
      responseType: 'buffer',
    });
  }

  get stats(): HelixClientStats {
    return { ...this.counters };
  }

  /** Mints the app token and validates it. Throws TwitchConfigError for bad credentials, Error otherwise. */
  async start(): Promise<void> {
    this.token = null;
    const token = await this.mint();
    const validation = await this.requestValidate(token.value);
    if (validation === 'invalid') throw new Error('Twitch rejected the app token it had just minted (validate answered 401)');
    if (validation.client_id !== this.clientId) {
      this.logger.warn({ authUrl: this.authUrl }, 'twitch: validated token belongs to another client id');
    }
  }

  /**
   * Checks the current token with Twitch, as Twitch asks apps to do hourly; a dead or nearly expired
   * token is replaced. Resolves to whether a valid token is held afterwards. Never throws.
   */
  async validate(): Promise<boolean> {
    try {
      const token = await this.currentToken();
      const validation = await this.requestValidate(token.value);
      if (validation !== 'invalid' && validation.expires_in > REMINT_BELOW_SECONDS) return true;
      if (this.token?.value === token.value) this.token = null;
      await this.currentToken();
      return true;
    } catch (error) {
      this.logger.warn({ path: '/validate', problem: problemOf(error) }, 'twitch: token validation failed');
      return false;
    }
  }

  async usersByLogin(logins: string[]): Promise<TwitchUser[] | null> {
    // Invalid syntax can't name a streamer: "not found", without asking Twitch.
    const wanted = unique(logins.filter((l) => LOGIN_SYNTAX.test(l)).map((l) => l.toLowerCase()));
    return this.users('login', wanted);
  }

  async usersById(ids: string[]): Promise<TwitchUser[] | null> {
    return this.users('id', unique(ids.filter((id) => USER_ID_SYNTAX.test(id))));
  }

  /**
   * The live streams among `userIds`, in batches of 100 with `first=100` (the default page of 20 would
   * hide live streamers past the 20th), following cursors. `null` when any batch failed.
   */
  async liveStreams(userIds: string[]): Promise<TwitchStream[] | null> {
    const ids = unique(userIds.filter((id) => USER_ID_SYNTAX.test(id)));
    const byId = new Map<string, TwitchStream>();
    for (const batch of chunks(ids, BATCH)) {
      const streams = await this.streamsBatch(batch);
      if (streams === null) return null;
      for (const stream of streams) {
        if (stream.type === 'live') byId.set(stream.id, toTwitchStream(stream));
      }
    }
    return [...byId.values()];
  }

  private async users(param: 'login' | 'id', values: string[]): Promise<TwitchUser[] | null> {
    const found: TwitchUser[] = [];
    for (const batch of chunks(values, BATCH)) {
      const body = await this.helixGet(
        '/users',
        batch.map((v) => [param, v]),
        schema(HelixUsersResponseSchema),
      );
      if (body === null) return null;
      found.push(...body.data.map(toTwitchUser));
    }
    return found;
  }

  private async streamsBatch(userIds: string[]): Promise<HelixStream[] | null> {
    const streams: HelixStream[] = [];
    const seenCursors = new Set<string>();
    let cursor: string | null = null;
    for (let page = 1; ; page += 1) {
      const query: [string, string][] = userIds.map((id) => ['user_id', id]);
      query.push(['first', String(BATCH)]);
      if (cursor !== null) query.push(['after', cursor]);
      const body = await this.helixGet('/streams', query, schema(HelixStreamsResponseSchema));
      if (body === null) return null;
      streams.push(...body.data);
      cursor = body.pagination;
      // Twitch may hand out a cursor to an empty last page; an empty page ends the walk too.
      if (cursor === null || body.data.length === 0) return streams;
      if (seenCursors.has(cursor) || page >= MAX_PAGES_PER_BATCH) {
        this.logger.warn({ path: '/streams', pages: page }, 'twitch: streams pagination did not end; using the pages read');
        return streams;
      }
      seenCursors.add(cursor);
    }
  }

  /**
   * One Helix GET with the app token (see `send`). Anything that is not a valid 200 is a logged `null`.
   */
  private async helixGet<T>(path: string, query: [string, string][], parse: (json: unknown) => Parse<T>): Promise<T | null> {
    const response = await this.send('GET', path, query);
    if (response === null) return null;
    const { statusCode } = response;
    if (statusCode !== 200) {
      return this.fail(path, { status: statusCode, problem: errorMessage(response.body) }, 'twitch: request failed, skipping this poll');
    }

    let json: unknown;
    try {
      json = JSON.parse(response.body.toString('utf8'));
    } catch (error) {
      return this.fail(path, { status: statusCode, problem: `malformed JSON: ${(error as Error).message}` }, 'twitch: response rejected, skipping this poll');
    }
    const parsed = parse(json);
    if (!parsed.ok) {
      return this.fail(path, { status: statusCode, problem: `unexpected shape: ${parsed.problem}` }, 'twitch: response rejected, skipping this poll');
    }
    return parsed.value;
  }

  /**
   * An EventSub management call (conduits, shards, subscriptions): the status and the parsed body (null
   * when empty or not JSON), or `null` (logged) when no answer came. The caller judges the status: 409 on
   * a subscription is "it exists", not an error.
   */
  async eventsub(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string, query: [string, string][] = [], body?: unknown): Promise<HelixAnswer | null> {
    const response = await this.send(method, path, query, body);
    if (response === null) return null;
    let json: unknown = null;
    try {
      json = response.body.length > 0 ? JSON.parse(response.body.toString('utf8')) : null;
    } catch {
      // not JSON: the status alone speaks
    }
    const answer: HelixAnswer = { status: response.statusCode, body: json };
    if (response.statusCode >= 400) answer.problem = errorMessage(response.body);
    return answer;
  }

  /**
   * One Helix request with the app token: waits out an exhausted rate limit, re-mints and retries once on
   * 401, waits for the reset and retries once on 429. `null` (logged) when no answer came.
   */
  private async send(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string, query: [string, string][], body?: unknown): Promise<Response<Buffer> | null> {
    const search = new URLSearchParams(query).toString();
    const url = `${this.apiUrl}${path}${search || method === 'GET' ? `?${search}` : ''}`;
    let reminted = false;
    let waitedForReset = false;
    for (;;) {
      await this.waitForRateLimit();
      let token: AppToken;
      try {
        token = await this.currentToken();
      } catch (error) {
        return this.fail(path, { problem: problemOf(error) }, 'twitch: no app token, skipping this request');
      }

      let response: Response<Buffer>;
      try {
        this.counters.requests += 1;
        response = await this.http(url, {
          method,
          headers: { authorization: `Bearer ${token.value}`, 'client-id': this.clientId },
          responseType: 'buffer',
          ...(body === undefined ? {} : { json: body }),
        });
      } catch (error) {
        return this.fail(path, { problem: problemOf(error) }, 'twitch: request failed, skipping this poll');
      }

      const { statusCode } = response;
      this.noteRateLimit(response, statusCode === 429);
      if (statusCode === 401 && !reminted) {
        reminted = true;
        // Only the first caller to see this token die drops it; later ones reuse the fresh mint.
        if (this.token?.value === token.value) this.token = null;
        this.logger.info({ path }, 'twitch: app token refused, minting a new one');
        continue;
      }
      if (statusCode === 429) this.counters.rateLimited += 1;
      if (statusCode === 429 && !waitedForReset) {
        waitedForReset = true;
        this.logger.info({ path, waitMs: this.exhaustedUntil - this.now() }, 'twitch: rate limited, waiting for the reset');
        continue;
      }
      return response;
    }
  }

  /** Ratelimit-Reset is unix seconds. A 429 always pauses, even without the headers. */
  private noteRateLimit(response: Response<Buffer>, limited: boolean): void {
    const remaining = Number(header(response, 'ratelimit-remaining'));
    const resetSeconds = Number(header(response, 'ratelimit-reset'));
    const exhausted = limited || (header(response, 'ratelimit-remaining') !== undefined && remaining <= 0);
    if (!exhausted) return;
    const now = this.now();
    const resetAt = Number.isFinite(resetSeconds) && resetSeconds > 0 ? resetSeconds * 1000 : now + DEFAULT_429_WAIT_MS;
    const waitMs = Math.min(this.maxRateLimitWaitMs, Math.max(limited ? DEFAULT_429_WAIT_MS : 0, resetAt - now));
    this.exhaustedUntil = Math.max(this.exhaustedUntil, now + waitMs);
  }

  private async waitForRateLimit(): Promise<void> {
    const waitMs = Math.min(this.maxRateLimitWaitMs, this.exhaustedUntil - this.now());
    if (waitMs > 0) await this.sleep(waitMs);
  }

  private async currentToken(): Promise<AppToken> {
    if (this.token !== null && this.now() < this.token.refreshAt) return this.token;
    if (this.now() < this.rejectedUntil) {
      throw new Error('Twitch rejected the app credentials; waiting before asking again');
    }
    try {
      return await this.mint();
    } catch (error) {
      // Concurrent callers share the rejected mint: the first one says so, once.
      if (error instanceof TwitchConfigError && this.now() >= this.rejectedUntil) {
        this.rejectedUntil = this.now() + this.credentialRetryMs;
        this.logger.error({ path: '/token', problem: error.message }, 'twitch: credentials rejected, streamers paused');
      }
      throw error;
    }
  }

  private mint(): Promise<AppToken> {
    this.minting ??= this.requestToken().finally(() => {
      this.minting = null;
    });
    return this.minting;
  }

  private async requestToken(): Promise<AppToken> {
    let response: Response<Buffer>;
    try {
      response = await this.http.post(`${this.authUrl}/token`, {
        form: { client_id: this.clientId, client_secret: this.clientSecret, grant_type: 'client_credentials' },
        responseType: 'buffer',
      });
    } catch (error) {
      throw new Error(`Twitch token request to ${this.authUrl}/token failed: ${problemOf(error)}`);
    }
    const { statusCode } = response;
    const message = errorMessage(response.body);
    if (statusCode === 400 && message.toLowerCase() === 'invalid client') {
      throw new TwitchConfigError('TWITCH_CLIENT_ID was rejected by Twitch (invalid client): copy the Client ID of your app from dev.twitch.tv/console');
    }
    if (statusCode === 403 && message.toLowerCase() === 'invalid client secret') {
      throw new TwitchConfigError('TWITCH_CLIENT_SECRET was rejected by Twitch (invalid client secret): generate a new secret for your app at dev.twitch.tv/console');
    }
    if (statusCode !== 200) throw new Error(`Twitch token request failed with HTTP ${statusCode}: ${message}`);

    const parsed = parseJson(response.body, TokenResponseSchema);
    if (!parsed.ok) throw new Error(`Twitch token response was not understood: ${parsed.problem}`);
    const lifetimeMs = parsed.value.expires_in * 1000;
    // Short-lived tokens (tests, odd servers) keep half their life rather than none.
    const grace = Math.min(EXPIRY_GRACE_MS, lifetimeMs / 2);
    this.token = { value: parsed.value.access_token, refreshAt: this.now() + lifetimeMs - grace };
    this.rejectedUntil = 0;
    this.counters.tokenMints += 1;
    return this.token;
  }

  /** `'invalid'` on 401; throws on anything else that is not a valid 200. */
  private async requestValidate(token: string): Promise<ValidateResponse | 'invalid'> {
    let response: Response<Buffer>;
    try {
      response = await this.http.get(`${this.authUrl}/validate`, {
        headers: { authorization: `OAuth ${token}` },
        responseType: 'buffer',
      });
    } catch (error) {
      throw new Error(`Twitch token validation at ${this.authUrl}/validate failed: ${problemOf(error)}`);
    }
    if (response.statusCode === 401) return 'invalid';
    if (response.statusCode !== 200) {
      throw new Error(`Twitch token validation failed with HTTP ${response.statusCode}: ${errorMessage(response.body)}`);
    }
    const parsed = parseJson(response.body, ValidateResponseSchema);
    if (!parsed.ok) throw new Error(`Twitch validate response was not understood: ${parsed.problem}`);
    return parsed.value;
  }

  private fail(path: string, details: { status?: number; problem: string }, message: string): null {
    this.logger.warn({ path, ...details, problem: truncate(details.problem, 300) }, message);
    return null;
  }
}

function toTwitchUser(user: HelixUser): TwitchUser {
  return {
    id: user.id,
    login: user.login.toLowerCase(),
    displayName: user.display_name || user.login,
    profileImageUrl: user.profile_image_url === '' ? null : user.profile_image_url,
  };
}

function toTwitchStream(stream: HelixStream): TwitchStream {
  return {
    id: stream.id,
    userId: stream.user_id,
    userLogin: stream.user_login,
    userName: stream.user_name || stream.user_login,
    gameName: stream.game_name,
    title: stream.title,
    viewerCount: stream.viewer_count,
    startedAt: stream.started_at,
    thumbnailUrl: stream.thumbnail_url,
    type: stream.type,
    language: stream.language,
  };
}

function schema<S extends z.ZodType>(s: S): (json: unknown) => Parse<z.output<S>> {
  return (json) => {
    const result = s.safeParse(json);
    return result.success ? { ok: true, value: result.data } : { ok: false, problem: describeZodError(result.error) };
  };
}

function parseJson<S extends z.ZodType>(body: Buffer, s: S): Parse<z.output<S>> {
  let json: unknown;
  try {
    json = JSON.parse(body.toString('utf8'));
  } catch (error) {
    return { ok: false, problem: `malformed JSON: ${(error as Error).message}` };
  }
  return schema(s)(json);
}

/** Twitch's `message` from an error body, or a short excerpt of whatever came back. */
function errorMessage(body: Buffer): string {
  const text = body.toString('utf8');
  try {
    const parsed = ErrorBodySchema.safeParse(JSON.parse(text));
    if (parsed.success && parsed.data.message !== undefined) return parsed.data.message;
  } catch {
    // not JSON: fall through to the excerpt
  }
  return truncate(text.trim(), 200) || '(empty body)';
}

/** got's messages name the URL and the cause, never headers or the form body, so no token or secret. */
function problemOf(error: unknown): string {
  if (error instanceof RequestError) return error.code ? `${error.code}: ${error.message}` : error.message;
  return error instanceof Error ? error.message : String(error);
}

function header(response: Response<Buffer>, name: string): string | undefined {
  const value = response.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

function chunks<T>(values: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < values.length; i += size) out.push(values.slice(i, i + size));
  return out;
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max)}…`;
}
