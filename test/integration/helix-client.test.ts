import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HelixClient, TwitchConfigError, type HelixClientOptions } from '../../src/twitch/helix-client.js';
import { startFakeTwitch, type FakeTwitch } from '../fakes/twitch.js';

interface LogLine {
  level: number;
  msg: string;
  path?: string;
  status?: number;
  problem?: string;
  [key: string]: unknown;
}

/** Plain pino without the app's redaction: the client itself must keep tokens out of its log lines. */
function captureLogger(): { logger: pino.Logger; raw: string[]; lines: () => LogLine[]; warnings: () => LogLine[] } {
  const raw: string[] = [];
  const logger = pino({ level: 'debug' }, { write: (line: string) => raw.push(line) });
  const lines = (): LogLine[] => raw.map((l) => JSON.parse(l) as LogLine);
  return { logger, raw, lines, warnings: () => lines().filter((l) => l.level >= 40) };
}

const T0 = Date.UTC(2026, 5, 11, 18, 0, 0);

describe('HelixClient against the fake Twitch', () => {
  let twitch: FakeTwitch;
  let log: ReturnType<typeof captureLogger>;
  let clock: number;
  let sleeps: number[];

  function client(overrides: Partial<HelixClientOptions> = {}): HelixClient {
    return new HelixClient({
      clientId: twitch.clientId,
      clientSecret: twitch.clientSecret,
      apiUrl: twitch.apiUrl,
      authUrl: twitch.authUrl,
      logger: log.logger,
      timeoutMs: 300,
      now: () => clock,
      sleep: async (ms) => {
        sleeps.push(ms);
        clock += ms;
      },
      ...overrides,
    });
  }

  async function started(overrides: Partial<HelixClientOptions> = {}): Promise<HelixClient> {
    const c = client(overrides);
    await c.start();
    return c;
  }

  const helixCalls = (path: string) => twitch.requests.filter((r) => r.path === path);
  const tokenCalls = () => helixCalls('/oauth2/token');

  /** Followed streamers 1000..1000+n-1; every `liveEvery`-th one is live. */
  function seedStreamers(n: number, liveEvery: number): { ids: string[]; liveIds: string[] } {
    const ids: string[] = [];
    const liveIds: string[] = [];
    for (let i = 0; i < n; i += 1) {
      const id = String(1000 + i);
      ids.push(id);
      twitch.addUser({ id, login: `streamer_${i}`, display_name: `Streamer_${i}` });
      if (i % liveEvery === 0) {
        twitch.goLive(id, { viewer_count: i * 7 });
        liveIds.push(id);
      }
    }
    return { ids, liveIds };
  }

  beforeEach(async () => {
    clock = T0;
    sleeps = [];
    twitch = await startFakeTwitch({ now: () => clock });
    log = captureLogger();
  });

  afterEach(async () => {
    await twitch.close();
  });

  describe('start', () => {
    it('mints an app token with the client credentials and validates it with the OAuth scheme', async () => {
      const c = await started();

      expect(tokenCalls()).toHaveLength(1);
      expect(tokenCalls()[0]!.method).toBe('POST');
      const validate = helixCalls('/oauth2/validate');
      expect(validate).toHaveLength(1);
      expect(validate[0]!.authScheme).toBe('OAuth');
      expect(validate[0]!.status).toBe(200);
      expect(c.stats.tokenMints).toBe(1);
    });

    it('names TWITCH_CLIENT_ID when Twitch answers "invalid client", and asks only once', async () => {
      const c = client({ clientId: 'not-my-app' });
      const error = await c.start().catch((e: unknown) => e);

      expect(error).toBeInstanceOf(TwitchConfigError);
      expect((error as Error).message).toMatch(/TWITCH_CLIENT_ID/);
      expect((error as Error).message).not.toMatch(/\n/);
      expect(tokenCalls()).toHaveLength(1);
    });

    it('names TWITCH_CLIENT_SECRET when Twitch answers "invalid client secret"', async () => {
      const error = await client({ clientSecret: 'rotated-long-ago' })
        .start()
        .catch((e: unknown) => e);

      expect(error).toBeInstanceOf(TwitchConfigError);
      expect((error as Error).message).toMatch(/TWITCH_CLIENT_SECRET/);
      expect((error as Error).message).not.toContain('rotated-long-ago');
    });

    it('fails with a plain error (not a config error) when the auth host is down', async () => {
      twitch.fail('/oauth2/token', 503);
      const error = await client()
        .start()
        .catch((e: unknown) => e);

      expect(error).toBeInstanceOf(Error);
      expect(error).not.toBeInstanceOf(TwitchConfigError);
      expect((error as Error).message).toMatch(/token request failed with HTTP 503/);
    });
  });

  describe('usersByLogin / usersById', () => {
    beforeEach(() => {
      twitch.addUser({
        id: '141981764',
        login: 'twitchdev',
        display_name: 'TwitchDev',
        profile_image_url: 'https://static-cdn.jtvnw.net/jtv_user_pictures/twitchdev-profile_image-300x300.png',
      });
      twitch.addUser({ id: '7', login: 'abc', display_name: 'ABC' });
    });

    it('finds known logins whatever their case and leaves unknown or invalid ones out', async () => {
      const c = await started();
      const users = await c.usersByLogin(['TwitchDev', 'nobody_here', 'not a login!', 'x'.repeat(26), 'abc']);

      expect(users).toEqual([
        {
          id: '141981764',
          login: 'twitchdev',
          displayName: 'TwitchDev',
          profileImageUrl: 'https://static-cdn.jtvnw.net/jtv_user_pictures/twitchdev-profile_image-300x300.png',
        },
        { id: '7', login: 'abc', displayName: 'ABC', profileImageUrl: null },
      ]);
      const [request] = helixCalls('/helix/users');
      expect(request!.query.getAll('login')).toEqual(['twitchdev', 'nobody_here', 'abc']);
      expect(request!.authScheme).toBe('Bearer');
      expect(request!.clientId).toBe(twitch.clientId);
    });

    it('does not call Twitch when no login could be valid', async () => {
      const c = await started();

      expect(await c.usersByLogin(['bad login', ''])).toEqual([]);
      expect(helixCalls('/helix/users')).toHaveLength(0);
    });

    it('asks for at most 100 logins per request', async () => {
      const c = await started();
      const logins = Array.from({ length: 150 }, (_, i) => `someone_${i}`).concat('twitchdev');
      const users = await c.usersByLogin(logins);

      expect(users?.map((u) => u.id)).toEqual(['141981764']);
      expect(helixCalls('/helix/users').map((r) => r.query.getAll('login').length)).toEqual([100, 51]);
    });

    it('resolves ids to the current login (a renamed streamer keeps its id)', async () => {
      const c = await started();
      twitch.addUser({ id: '141981764', login: 'twitchdev_new', display_name: 'TwitchDevNew' });

      const users = await c.usersById(['141981764', '999']);
      expect(users?.map((u) => [u.id, u.login, u.displayName])).toEqual([['141981764', 'twitchdev_new', 'TwitchDevNew']]);
      expect(helixCalls('/helix/users')[0]!.query.getAll('id')).toEqual(['141981764', '999']);
    });
  });

  describe('liveStreams', () => {
    it('polls 250 followed streamers in exactly 3 requests of first=100 and returns every live one', async () => {
      const { ids, liveIds } = seedStreamers(250, 3);
      const c = await started();
      const streams = await c.liveStreams(ids);

      const requests = helixCalls('/helix/streams');
      expect(requests).toHaveLength(3);
      expect(requests.map((r) => r.query.get('first'))).toEqual(['100', '100', '100']);
      expect(requests.map((r) => r.query.getAll('user_id').length)).toEqual([100, 100, 50]);
      expect(streams?.map((s) => s.userId).sort()).toEqual([...liveIds].sort());
      expect(liveIds.length).toBeGreaterThan(20); // more than Helix's default page: first=100 matters
    });

    it('maps the Helix stream fields, keeping the thumbnail template', async () => {
      twitch.addUser({ id: '459331509', login: 'auronplay', display_name: 'auronplay' });
      twitch.goLive('459331509', {
        id: '41375541868',
        title: '!duos @Alexelcapo | !pc !tienda',
        game_name: 'League of Legends',
        viewer_count: 78365,
        started_at: '2021-03-10T15:04:21Z',
        language: 'es',
      });
      const c = await started();

      expect(await c.liveStreams(['459331509'])).toEqual([
        {
          id: '41375541868',
          userId: '459331509',
          userLogin: 'auronplay',
          userName: 'auronplay',
          gameName: 'League of Legends',
          title: '!duos @Alexelcapo | !pc !tienda',
          viewerCount: 78365,
          startedAt: '2021-03-10T15:04:21Z',
          thumbnailUrl: 'https://static-cdn.jtvnw.net/previews-ttv/live_user_auronplay-{width}x{height}.jpg',
          type: 'live',
          language: 'es',
        },
      ]);
    });

    it('accepts what Twitch leaves empty (null tags, no game, no title) and ignores streams that are not live', async () => {
      seedStreamers(3, 10);
      twitch.goLive('1000', { tags: null, game_name: '', game_id: '', title: '' });
      twitch.goLive('1001', { type: '' });
      twitch.goLive('1002', { type: 'vodcast' });
      const c = await started();
      const streams = await c.liveStreams(['1000', '1001', '1002']);

      expect(streams?.map((s) => [s.userId, s.title, s.gameName])).toEqual([['1000', '', '']]);
      expect(log.warnings()).toEqual([]);
    });

    it('follows pagination cursors when Twitch pages the answer', async () => {
      const { ids, liveIds } = seedStreamers(100, 1);
      twitch.pageSize = 30;
      const c = await started();
      const streams = await c.liveStreams(ids);

      const requests = helixCalls('/helix/streams');
      expect(requests).toHaveLength(4);
      expect(requests[0]!.query.has('after')).toBe(false);
      expect(requests.slice(1).every((r) => r.query.has('after'))).toBe(true);
      expect(new Set(streams?.map((s) => s.userId))).toEqual(new Set(liveIds));
    });

    it('returns null, not "everyone offline", when any batch fails', async () => {
      const { ids } = seedStreamers(150, 2);
      const c = await started();
      twitch.fail('/helix/streams', 500, 1);
      // The first batch fails: nothing partial is returned.
      expect(await c.liveStreams(ids)).toBeNull();
      expect(await c.liveStreams(ids)).toHaveLength(75);
    });

    it('returns an empty list without a request when nobody is followed', async () => {
      const c = await started();
      expect(await c.liveStreams([])).toEqual([]);
      expect(helixCalls('/helix/streams')).toHaveLength(0);
    });
  });

  describe('tokens', () => {
    it('re-mints once when the token dies mid-run and the call still succeeds', async () => {
      const { ids, liveIds } = seedStreamers(10, 2);
      const c = await started();
      twitch.expireTokens();

      const streams = await c.liveStreams(ids);
      expect(streams).toHaveLength(liveIds.length);
      expect(twitch.tokensMinted).toBe(2);
      expect(helixCalls('/helix/streams').map((r) => r.status)).toEqual([401, 200]);
    });

    it('gives up after one re-mint if Helix keeps refusing the token', async () => {
      const c = await started();
      twitch.fail('/helix/users', 401, 2);

      expect(await c.usersByLogin(['twitchdev'])).toBeNull();
      expect(helixCalls('/helix/users')).toHaveLength(2);
      expect(twitch.tokensMinted).toBe(2);
    });

    it('shares one mint between concurrent callers', async () => {
      seedStreamers(5, 1);
      const c = client();
      const results = await Promise.all([c.liveStreams(['1000']), c.usersById(['1001']), c.usersByLogin(['streamer_2'])]);

      expect(results.every((r) => r?.length === 1)).toBe(true);
      expect(twitch.tokensMinted).toBe(1);
    });

    it('reuses the token until a minute before it expires, then mints a new one without a 401', async () => {
      twitch.expiresIn = 3600;
      seedStreamers(1, 1);
      const c = await started();
      await c.liveStreams(['1000']);
      clock += 3600_000 - 61_000;
      await c.liveStreams(['1000']);
      expect(twitch.tokensMinted).toBe(1);

      clock += 2_000;
      await c.liveStreams(['1000']);
      expect(twitch.tokensMinted).toBe(2);
      expect(helixCalls('/helix/streams').map((r) => r.status)).toEqual([200, 200, 200]);
    });

    it('validate() replaces a dead token', async () => {
      const c = await started();
      twitch.expireTokens();

      expect(await c.validate()).toBe(true);
      expect(twitch.tokensMinted).toBe(2);
      expect(helixCalls('/oauth2/validate').map((r) => r.status)).toEqual([200, 401]);
    });

    it('after start, rejected credentials are logged once and the token endpoint is not hammered', async () => {
      const c = await started();
      twitch.clientSecret = 'rotated';
      twitch.expireTokens();

      expect(await c.usersByLogin(['twitchdev'])).toBeNull();
      expect(await c.usersByLogin(['twitchdev'])).toBeNull();
      expect(await c.liveStreams(['1000'])).toBeNull();
      expect(tokenCalls()).toHaveLength(2); // start + one re-mint attempt
      expect(log.lines().filter((l) => l.level === 50 && /TWITCH_CLIENT_SECRET/.test(l.problem ?? ''))).toHaveLength(1);
    });
  });

  describe('rate limits', () => {
    it('on 429 waits until Ratelimit-Reset and retries once', async () => {
      seedStreamers(4, 1);
      const c = await started();
      twitch.rateLimit(1, 5);

      const streams = await c.liveStreams(['1000', '1001', '1002', '1003']);
      expect(streams).toHaveLength(4);
      expect(helixCalls('/helix/streams').map((r) => r.status)).toEqual([429, 200]);
      expect(sleeps).toEqual([5000]);
      expect(c.stats.rateLimited).toBe(1);
    });

    it('caps the wait for a far-away reset', async () => {
      const c = await started({ maxRateLimitWaitMs: 60_000 });
      twitch.rateLimit(1, 3600);

      expect(await c.usersByLogin(['twitchdev'])).toEqual([]);
      expect(sleeps).toEqual([60_000]);
    });

    it('returns null when the retry is rate limited too', async () => {
      const c = await started();
      twitch.rateLimit(2, 5);

      expect(await c.usersByLogin(['twitchdev'])).toBeNull();
      expect(helixCalls('/helix/users')).toHaveLength(2);
      expect(log.warnings().at(-1)).toMatchObject({ path: '/users', status: 429 });
    });

    it('when the bucket is empty, waits for the reset before sending instead of earning a 429', async () => {
      twitch.bucketSize = 2;
      const c = await started();
      await c.usersByLogin(['a']);
      await c.usersByLogin(['b']); // answered with Ratelimit-Remaining: 0
      expect(sleeps).toEqual([]);

      await c.usersByLogin(['c']);
      expect(sleeps).toHaveLength(1);
      expect(sleeps[0]).toBeGreaterThan(0);
      expect(sleeps[0]).toBeLessThanOrEqual(60_000);
      expect(helixCalls('/helix/users').map((r) => r.status)).toEqual([200, 200, 200]);
    });
  });

  describe('failures after start', () => {
    it.each([
      ['a 500', (t: FakeTwitch) => t.fail('/helix/streams', 500), /500/],
      ['a hang past the timeout', (t: FakeTwitch) => t.hang('/helix/streams'), /timeout/i],
      ['malformed JSON', (t: FakeTwitch) => t.malformed('/helix/streams'), /malformed JSON/],
      [
        'a schema mismatch',
        (t: FakeTwitch) => t.malformed('/helix/streams', 1, JSON.stringify({ data: [{ id: 5, user_id: null }] })),
        /unexpected shape/,
      ],
    ])('%s → null and one warning naming the path, then the next poll works', async (_name, breakIt, problem) => {
      seedStreamers(3, 1);
      const c = await started();
      breakIt(twitch);

      expect(await c.liveStreams(['1000', '1001', '1002'])).toBeNull();
      const warnings = log.warnings();
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatchObject({ path: '/streams' });
      expect(`${warnings[0]!.problem} ${warnings[0]!.status ?? ''}`).toMatch(problem);
      expect(await c.liveStreams(['1000', '1001', '1002'])).toHaveLength(3);
    });

    it('an unreachable token endpoint makes the call null instead of throwing', async () => {
      const c = await started();
      twitch.expireTokens();
      twitch.fail('/oauth2/token', 500);

      await expect(c.usersByLogin(['twitchdev'])).resolves.toBeNull();
      expect(log.warnings().at(-1)).toMatchObject({ path: '/users' });
    });
  });

  it('never writes a token or the client secret to the log', async () => {
    seedStreamers(120, 2);
    const c = await started();
    await c.liveStreams(['1000', '1001']);
    twitch.expireTokens();
    await c.usersByLogin(['streamer_1']);
    twitch.rateLimit(1, 2);
    await c.liveStreams(['1000']);
    twitch.fail('/helix/streams', 502);
    await c.liveStreams(['1000']);
    twitch.hang('/helix/users');
    await c.usersByLogin(['streamer_1']);
    twitch.expireTokens();
    await c.validate();
    twitch.fail('/oauth2/token', 500);
    twitch.expireTokens();
    await c.usersById(['1000']);

    const text = log.raw.join('');
    expect(log.raw.length).toBeGreaterThan(4);
    expect(twitch.tokens.length).toBeGreaterThanOrEqual(3);
    for (const token of twitch.tokens) expect(text).not.toContain(token);
    expect(text).not.toContain(twitch.clientSecret);
  });
});
