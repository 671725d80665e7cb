/**
 * A fake Twitch (auth + Helix) on 127.0.0.1 speaking the real wire formats (reference: twitch-helix.md):
 * client-credentials tokens that expire, /validate, /helix/users, /helix/streams with cursors, a
 * per-minute points bucket with Ratelimit-* headers on every Helix answer, and faults on demand.
 * No test using it touches the internet.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeTwitchUser {
  id: string;
  login: string;
  display_name: string;
  profile_image_url?: string;
  type?: string;
  broadcaster_type?: string;
  description?: string;
  offline_image_url?: string;
  created_at?: string;
}

/** Fields of a Helix stream; anything left out gets a plausible value. `tags` may be null, like Twitch. */
export interface FakeTwitchStreamInput {
  id?: string;
  game_id?: string;
  game_name?: string;
  type?: string;
  title?: string;
  viewer_count?: number;
  started_at?: string;
  language?: string;
  thumbnail_url?: string;
  tags?: string[] | null;
  is_mature?: boolean;
}

export interface FakeTwitchRequest {
  method: string;
  /** Path without the query, e.g. `/helix/streams`. */
  path: string;
  query: URLSearchParams;
  /** 0 while unanswered (a hung request stays 0). */
  status: number;
  /** Whether an Authorization header came, and its scheme (`Bearer`, `OAuth`); never the token. */
  auth: boolean;
  authScheme: string | null;
  /** The Client-Id header (not a secret). */
  clientId: string | null;
}

export interface FakeTwitchOptions {
  clientId?: string;
  clientSecret?: string;
  /** Epoch ms; tokens expire and the rate bucket resets by this clock. Defaults to Date.now. */
  now?: () => number;
}

export interface FakeTwitch {
  /** `http://127.0.0.1:PORT/helix` */
  apiUrl: string;
  /** `http://127.0.0.1:PORT/oauth2` */
  authUrl: string;
  /** The credentials the token endpoint accepts; change them to simulate a rotated secret. */
  clientId: string;
  clientSecret: string;
  /** `expires_in` (seconds) of the next tokens minted. */
  expiresIn: number;
  /** Largest streams page; the request's `first` (default 20) also applies. Infinity = `first` alone. */
  pageSize: number;
  /** Points per minute (Twitch: 800). Going past it answers 429 like Twitch does. */
  bucketSize: number;
  /** Creates or replaces (a rename keeps the id) a user. */
  addUser(user: FakeTwitchUser): void;
  /** Lists a stream for the user (replacing any current one); returns the Helix stream object. */
  goLive(userId: string, stream?: FakeTwitchStreamInput): Record<string, unknown>;
  goOffline(userId: string): void;
  /** Every token minted so far stops working: the next Helix call gets 401 "Invalid OAuth token". */
  expireTokens(): void;
  /** The next `times` Helix requests get 429 with Ratelimit-Remaining 0 and a reset `resetInSeconds` ahead. */
  rateLimit(times: number, resetInSeconds: number): void;
  /** The next `times` requests whose path starts with the prefix (full, or after `/helix`/`/oauth2`) answer `status`. */
  fail(pathPrefix: string, status: number, times?: number): void;
  /** The next `times` matching requests are never answered. */
  hang(pathPrefix: string, times?: number): void;
  /** The next `times` matching requests answer 200 with `body` (default: truncated JSON). */
  malformed(pathPrefix: string, times?: number, body?: string): void;
  /** EventSub's REST endpoints (`/eventsub/...`), when a fake EventSub is attached (test/fakes/eventsub.ts); 404 otherwise. */
  eventsub: ((method: string, path: string, query: URLSearchParams, body: string) => Reply) | null;
  /** Every request received, in order. */
  requests: FakeTwitchRequest[];
  /** Access tokens issued, oldest first (so tests can check none leaks into logs). */
  tokens: string[];
  readonly tokensMinted: number;
  close(): Promise<void>;
}

type Fault =
  | { prefix: string; remaining: number; kind: 'fail'; status: number }
  | { prefix: string; remaining: number; kind: 'hang' }
  | { prefix: string; remaining: number; kind: 'malformed'; body: string };

export interface Reply {
  status: number;
  /** undefined: no body (204). */
  body: unknown;
}

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
};

function helixError(status: number, message: string): Reply {
  return { status, body: { error: REASONS[status] ?? 'Error', status, message } };
}

/** The auth host's error shape has no `error` field. */
function authError(status: number, message: string): Reply {
  return { status, body: { status, message } };
}

function encodeCursor(offset: number): string {
  return Buffer.from(JSON.stringify({ b: { Cursor: String(offset) } })).toString('base64');
}

function decodeCursor(cursor: string): number | null {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64').toString('utf8')) as { b?: { Cursor?: unknown } };
    const offset = Number(parsed.b?.Cursor);
    return Number.isInteger(offset) && offset >= 0 ? offset : null;
  } catch {
    return null;
  }
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    req.on('data', (chunk: Buffer) => parts.push(chunk));
    req.on('end', () => resolve(Buffer.concat(parts).toString('utf8')));
    req.on('error', reject);
  });
}

export async function startFakeTwitch(options: FakeTwitchOptions = {}): Promise<FakeTwitch> {
  const now = options.now ?? Date.now;
  const users = new Map<string, FakeTwitchUser>();
  const streams = new Map<string, Record<string, unknown>>();
  /** token → expiry (epoch ms) */
  const live = new Map<string, number>();
  const faults: Fault[] = [];
  const hanging = new Set<http.ServerResponse>();
  const forced429 = { remaining: 0, resetInSeconds: 0 };
  const bucket = { remaining: 0, resetAt: 0 };
  let streamSeq = 40_000_000_000;
  let tokenSeq = 0;

  const fake: FakeTwitch = {
    apiUrl: '',
    authUrl: '',
    clientId: options.clientId ?? 'fakeclientid0000000000000000000',
    clientSecret: options.clientSecret ?? 'fakeclientsecret00000000000000',
    expiresIn: 5_011_271,
    pageSize: Infinity,
    bucketSize: 800,
    eventsub: null,
    requests: [],
    tokens: [],
    get tokensMinted() {
      return fake.tokens.length;
    },
    addUser(user) {
      users.set(user.id, { ...user, login: user.login.toLowerCase() });
    },
    goLive(userId, input = {}) {
      const user = users.get(userId);
      const login = user?.login ?? `user${userId}`;
      streamSeq += 1;
      const stream: Record<string, unknown> = {
        id: input.id ?? String(streamSeq),
        user_id: userId,
        user_login: login,
        user_name: user?.display_name ?? login,
        game_id: input.game_id ?? '509658',
        game_name: input.game_name ?? 'Just Chatting',
        type: input.type ?? 'live',
        title: input.title ?? `${login} is live`,
        viewer_count: input.viewer_count ?? 0,
        started_at: input.started_at ?? new Date(now()).toISOString().replace(/\.\d{3}Z$/, 'Z'),
        language: input.language ?? 'en',
        thumbnail_url: input.thumbnail_url ?? `https://static-cdn.jtvnw.net/previews-ttv/live_user_${login}-{width}x{height}.jpg`,
        tag_ids: [],
        tags: input.tags === undefined ? ['English'] : input.tags,
        is_mature: input.is_mature ?? false,
      };
      streams.set(userId, stream);
      return stream;
    },
    goOffline(userId) {
      streams.delete(userId);
    },
    expireTokens() {
      live.clear();
    },
    rateLimit(times, resetInSeconds) {
      forced429.remaining = times;
      forced429.resetInSeconds = resetInSeconds;
    },
    fail(pathPrefix, status, times = 1) {
      faults.push({ prefix: pathPrefix, remaining: times, kind: 'fail', status });
    },
    hang(pathPrefix, times = 1) {
      faults.push({ prefix: pathPrefix, remaining: times, kind: 'hang' });
    },
    malformed(pathPrefix, times = 1, body = '{"data":[{"id":"4137554') {
      faults.push({ prefix: pathPrefix, remaining: times, kind: 'malformed', body });
    },
    close: async () => {
      for (const res of hanging) res.destroy();
      hanging.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };

  function takeFault(pathname: string): Fault | null {
    const relative = pathname.replace(/^\/[^/]+/, '');
    const fault = faults.find((f) => f.remaining > 0 && (pathname.startsWith(f.prefix) || relative.startsWith(f.prefix)));
    if (fault === undefined) return null;
    fault.remaining -= 1;
    return fault;
  }

  function tokenIsLive(token: string): boolean {
    const expiresAt = live.get(token);
    return expiresAt !== undefined && now() < expiresAt;
  }

  function mint(params: URLSearchParams): Reply {
    const clientId = params.get('client_id');
    const clientSecret = params.get('client_secret');
    if (!clientId) return authError(400, 'missing client id');
    if (clientId !== fake.clientId) return authError(400, 'invalid client');
    if (!clientSecret) return authError(400, 'missing client secret');
    if (clientSecret !== fake.clientSecret) return authError(403, 'invalid client secret');
    if (params.get('grant_type') !== 'client_credentials') return authError(400, 'unsupported grant type');
    tokenSeq += 1;
    const token = `faketok${String(tokenSeq).padStart(4, '0')}${Math.random().toString(36).slice(2, 14)}`;
    fake.tokens.push(token);
    live.set(token, now() + fake.expiresIn * 1000);
    return { status: 200, body: { access_token: token, expires_in: fake.expiresIn, token_type: 'bearer' } };
  }

  function validate(authorization: string | undefined): Reply {
    const token = /^(?:OAuth|Bearer) (.+)$/i.exec(authorization ?? '')?.[1];
    if (token === undefined) return authError(401, 'missing authorization token');
    const expiresAt = live.get(token);
    if (expiresAt === undefined || now() >= expiresAt) return authError(401, 'invalid access token');
    return { status: 200, body: { client_id: fake.clientId, scopes: [], expires_in: Math.floor((expiresAt - now()) / 1000) } };
  }

  function authorize(req: http.IncomingMessage): Reply | null {
    const authorization = req.headers.authorization;
    const clientId = req.headers['client-id'];
    if (authorization === undefined) return helixError(401, 'OAuth token is missing');
    const token = /^Bearer (.+)$/.exec(authorization)?.[1];
    if (token === undefined || !tokenIsLive(token)) return helixError(401, 'Invalid OAuth token');
    if (clientId === undefined) return helixError(401, 'Client-Id header required');
    if (clientId !== fake.clientId) return helixError(401, 'Client ID and OAuth token do not match');
    return null;
  }

  /** One point per call out of `bucketSize` a minute; the reply's headers say what is left. */
  function spendPoint(): { allowed: boolean; headers: Record<string, string> } {
    const nowSeconds = Math.floor(now() / 1000);
    if (forced429.remaining > 0) {
      forced429.remaining -= 1;
      return { allowed: false, headers: rateHeaders(0, nowSeconds + forced429.resetInSeconds) };
    }
    refillBucket();
    if (bucket.remaining <= 0) return { allowed: false, headers: rateHeaders(0, bucket.resetAt) };
    bucket.remaining -= 1;
    return { allowed: true, headers: rateHeaders(bucket.remaining, bucket.resetAt) };
  }

  function refillBucket(): void {
    const nowSeconds = Math.floor(now() / 1000);
    if (nowSeconds < bucket.resetAt) return;
    bucket.remaining = fake.bucketSize;
    bucket.resetAt = nowSeconds + 60;
  }

  function rateHeaders(remaining: number, reset: number): Record<string, string> {
    return { 'ratelimit-limit': String(fake.bucketSize), 'ratelimit-remaining': String(remaining), 'ratelimit-reset': String(reset) };
  }

  function usersReply(query: URLSearchParams): Reply {
    const ids = query.getAll('id');
    const logins = query.getAll('login').map((l) => l.toLowerCase());
    if (ids.length + logins.length === 0) return helixError(400, 'Must provide an ID, Login or OAuth Token');
    if (ids.length + logins.length > 100) return helixError(400, 'The parameter "id" or "login" may be specified at most 100 times in total');
    const data = [...users.values()]
      .filter((u) => ids.includes(u.id) || logins.includes(u.login))
      .map((u) => ({
        id: u.id,
        login: u.login,
        display_name: u.display_name,
        type: u.type ?? '',
        broadcaster_type: u.broadcaster_type ?? '',
        description: u.description ?? '',
        profile_image_url: u.profile_image_url ?? '',
        offline_image_url: u.offline_image_url ?? '',
        view_count: 0,
        created_at: u.created_at ?? '2016-12-14T20:32:28Z',
      }));
    return { status: 200, body: { data } };
  }

  function streamsReply(query: URLSearchParams): Reply {
    const userIds = query.getAll('user_id');
    const userLogins = query.getAll('user_login').map((l) => l.toLowerCase());
    if (userIds.length > 100) return helixError(400, 'The parameter "user_id" was malformed: the value must be less than or equal to 100');
    const first = query.has('first') ? Number(query.get('first')) : 20;
    if (!Number.isInteger(first) || first < 1 || first > 100) {
      return helixError(400, 'The parameter "first" was malformed: the value must be less than or equal to 100');
    }
    const after = query.get('after');
    const offset = after === null ? 0 : decodeCursor(after);
    if (offset === null) return helixError(400, 'Invalid cursor');
    const filtered = userIds.length + userLogins.length > 0;
    const matching = [...streams.values()]
      .filter((s) => !filtered || userIds.includes(String(s.user_id)) || userLogins.includes(String(s.user_login)))
      .sort((a, b) => Number(b.viewer_count) - Number(a.viewer_count) || String(a.id).localeCompare(String(b.id)));
    const size = Math.min(first, fake.pageSize);
    const data = matching.slice(offset, offset + size);
    const pagination = offset + size < matching.length ? { cursor: encodeCursor(offset + size) } : {};
    return { status: 200, body: { data, pagination } };
  }

  async function handle(req: http.IncomingMessage, url: URL): Promise<{ reply: Reply; headers: Record<string, string> } | 'hang' | { raw: string; headers: Record<string, string> }> {
    const isHelix = url.pathname.startsWith('/helix/');
    const fault = takeFault(url.pathname);
    const faultHeaders = isHelix ? rateHeaders(fake.bucketSize - 1, Math.floor(now() / 1000) + 60) : {};
    if (fault?.kind === 'hang') return 'hang';
    if (fault?.kind === 'malformed') return { raw: fault.body, headers: faultHeaders };
    if (fault?.kind === 'fail') {
      const reply = isHelix ? helixError(fault.status, REASONS[fault.status] ?? 'Error') : authError(fault.status, 'Internal Server Error');
      return { reply, headers: faultHeaders };
    }

    if (url.pathname === '/oauth2/token') {
      if (req.method !== 'POST') return { reply: authError(404, 'Not Found'), headers: {} };
      // Twitch takes the parameters from the form body or the query string.
      const params = new URLSearchParams(url.search);
      for (const [key, value] of new URLSearchParams(await readBody(req))) params.set(key, value);
      return { reply: mint(params), headers: {} };
    }
    if (url.pathname === '/oauth2/validate') {
      return { reply: req.method === 'GET' ? validate(req.headers.authorization) : authError(404, 'Not Found'), headers: {} };
    }
    if (isHelix && url.pathname.startsWith('/helix/eventsub/') && fake.eventsub) {
      const body = await readBody(req);
      const denied = authorize(req);
      if (denied !== null) return { reply: denied, headers: {} };
      const points = spendPoint();
      if (!points.allowed) return { reply: helixError(429, 'Too Many Requests'), headers: points.headers };
      return { reply: fake.eventsub(req.method ?? 'GET', url.pathname.slice('/helix'.length), url.searchParams, body), headers: points.headers };
    }
    if (!isHelix || req.method !== 'GET') return { reply: helixError(404, 'Not Found'), headers: {} };

    const denied = authorize(req);
    if (denied !== null) {
      refillBucket();
      return { reply: denied, headers: rateHeaders(bucket.remaining, bucket.resetAt) };
    }
    const points = spendPoint();
    if (!points.allowed) return { reply: helixError(429, 'Too Many Requests'), headers: points.headers };
    if (url.pathname === '/helix/users') return { reply: usersReply(url.searchParams), headers: points.headers };
    if (url.pathname === '/helix/streams') return { reply: streamsReply(url.searchParams), headers: points.headers };
    return { reply: helixError(404, 'Not Found'), headers: points.headers };
  }

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const authorization = req.headers.authorization;
    const clientId = req.headers['client-id'];
    const record: FakeTwitchRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      status: 0,
      auth: authorization !== undefined,
      authScheme: authorization === undefined ? null : (authorization.split(' ')[0] ?? null),
      clientId: typeof clientId === 'string' ? clientId : null,
    };
    fake.requests.push(record);

    const send = (status: number, body: string, headers: Record<string, string>): void => {
      record.status = status;
      res.writeHead(status, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), ...headers });
      res.end(body);
    };

    handle(req, url).then(
      (outcome) => {
        if (outcome === 'hang') {
          hanging.add(res);
          res.on('close', () => hanging.delete(res));
        } else if ('raw' in outcome) {
          send(200, outcome.raw, outcome.headers);
        } else {
          send(outcome.reply.status, outcome.reply.body === undefined ? '' : JSON.stringify(outcome.reply.body), outcome.headers);
        }
      },
      (error: unknown) => send(500, JSON.stringify({ error: 'Internal Server Error', status: 500, message: String(error) }), {}),
    );
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  fake.apiUrl = `http://127.0.0.1:${port}/helix`;
  fake.authUrl = `http://127.0.0.1:${port}/oauth2`;
  return fake;
}
