import { describe, expect, it } from 'vitest';
import { describeFeatures, describeRisks, loadConfig } from '../../src/config.js';

const SLACK = { SLACK_BOT_TOKEN: 'xoxb-1-2-abc', SLACK_APP_TOKEN: 'xapp-1-A1-2-def', SLACK_CHANNEL: 'C0123456789' };
const TWILIO = {
  TWILIO_ACCOUNT_SID: `AC${'a'.repeat(32)}`,
  TWILIO_AUTH_TOKEN: 'secret-auth-token',
  TWILIO_MESSAGING_SERVICE_SID: `MG${'b'.repeat(32)}`,
};

function errors(env: Record<string, string>): string[] {
  const result = loadConfig(env);
  return result.ok ? [] : result.errors;
}

describe('configuration', () => {
  it('applies every default from the SPEC table when nothing is set', () => {
    const result = loadConfig({});
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const { config } = result;
    expect(config.slack).toBeNull();
    expect(config.twilio).toBeNull();
    expect(config.twitch).toBeNull();
    expect(config.sms).toEqual({ ratePerSecond: 1, validitySeconds: 600 });
    expect(config.competitions).toEqual([
      { provider: 'fifa', id: '17', season: null },
      { provider: 'espn', id: 'uefa.champions', season: null },
      { provider: 'espn', id: 'eng.1', season: null },
    ]);
    expect(config.espn).toEqual({ apiUrl: 'https://site.api.espn.com/apis/site/v2/sports/soccer' });
    expect(config.fifa).toEqual({
      apiUrl: 'https://api.fifa.com/api/v3',
      matchPollSeconds: 15,
      calendarPollSeconds: 300,
      matchLingerSeconds: 600,
    });
    expect(config.locale).toBe('en-GB');
    expect(config.storeUrl).toBe('sqlite://data/fanfare.sqlite');
    expect(config.logLevel).toBe('info');
  });

  it('reads COMPETITIONS as provider:id or provider:id/season, each once', () => {
    const result = loadConfig({ COMPETITIONS: ' fifa:17/285023, espn:esp.1 ,ESPN:usa.1,espn:esp.1', ESPN_API_URL: 'http://127.0.0.1:9/espn' });
    expect(result.ok && result.config.competitions).toEqual([
      { provider: 'fifa', id: '17', season: '285023' },
      { provider: 'espn', id: 'esp.1', season: null },
      { provider: 'espn', id: 'usa.1', season: null },
    ]);
    expect(result.ok && result.config.espn.apiUrl).toBe('http://127.0.0.1:9/espn');
  });

  it('reads the older FIFA_COMPETITION_ID and FIFA_SEASON_ID as fifa:ID/SEASON when COMPETITIONS is unset', () => {
    const pinned = loadConfig({ FIFA_COMPETITION_ID: '103', FIFA_SEASON_ID: '278513' });
    expect(pinned.ok && pinned.config.competitions).toEqual([{ provider: 'fifa', id: '103', season: '278513' }]);
    const discovered = loadConfig({ FIFA_COMPETITION_ID: '103', FIFA_SEASON_ID: '' });
    expect(discovered.ok && discovered.config.competitions).toEqual([{ provider: 'fifa', id: '103', season: null }]);
    const both = loadConfig({ COMPETITIONS: 'espn:eng.1', FIFA_COMPETITION_ID: '103' });
    expect(both.ok && both.config.competitions).toEqual([{ provider: 'espn', id: 'eng.1', season: null }]);
  });

  it('reads a full Slack, Twilio and Twitch configuration', () => {
    const result = loadConfig({
      ...SLACK,
      ...TWILIO,
      SLACK_API_URL: 'http://127.0.0.1:9999/api',
      TWILIO_VERIFY_SERVICE_SID: `VA${'c'.repeat(32)}`,
      TWITCH_CLIENT_ID: 'id',
      TWITCH_CLIENT_SECRET: 'secret',
      MATCH_POLL_SECONDS: '0.2',
      LOCALE: 'pt-BR',
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.config.slack).toEqual({ botToken: SLACK.SLACK_BOT_TOKEN, appToken: SLACK.SLACK_APP_TOKEN, apiUrl: 'http://127.0.0.1:9999/api/', channel: 'C0123456789' });
    expect(result.config.twilio?.verifyServiceSid).toBe(`VA${'c'.repeat(32)}`);
    expect(result.config.twitch?.apiUrl).toBe('https://api.twitch.tv/helix');
    expect(result.config.fifa.matchPollSeconds).toBe(0.2);
    expect(result.config.locale).toBe('pt-BR');
  });

  it.each([
    ['a bot token of the wrong kind', { ...SLACK, SLACK_BOT_TOKEN: 'xoxp-user-token' }, 'SLACK_BOT_TOKEN: must be a bot token starting with xoxb-'],
    ['an app token of the wrong kind', { ...SLACK, SLACK_APP_TOKEN: 'xoxb-nope' }, 'SLACK_APP_TOKEN: must be an app-level token starting with xapp-'],
    ['only one Slack token', { SLACK_BOT_TOKEN: 'xoxb-1' }, 'SLACK_APP_TOKEN: missing'],
    ['a channel name instead of an id', { ...SLACK, SLACK_CHANNEL: '#football' }, 'SLACK_CHANNEL: must be a channel ID'],
    ['a Slack API URL that is not a URL', { ...SLACK, SLACK_API_URL: 'slack.com/api' }, 'SLACK_API_URL: must be an http(s) URL'],
    ['half of Twilio', { TWILIO_ACCOUNT_SID: TWILIO.TWILIO_ACCOUNT_SID }, 'TWILIO_AUTH_TOKEN: missing'],
    ['a malformed account SID', { ...TWILIO, TWILIO_ACCOUNT_SID: 'AC123' }, 'TWILIO_ACCOUNT_SID: must be an Account SID'],
    ['a malformed messaging service SID', { ...TWILIO, TWILIO_MESSAGING_SERVICE_SID: 'PN123' }, 'TWILIO_MESSAGING_SERVICE_SID: must be a Messaging Service SID'],
    ['a malformed Verify SID', { ...TWILIO, TWILIO_VERIFY_SERVICE_SID: 'VA1' }, 'TWILIO_VERIFY_SERVICE_SID: must be a Verify Service SID'],
    ['Verify without Twilio', { TWILIO_VERIFY_SERVICE_SID: `VA${'c'.repeat(32)}` }, 'TWILIO_VERIFY_SERVICE_SID: is set but SMS is off'],
    ['a rate that is not a number', { SMS_RATE_PER_SECOND: 'fast' }, 'SMS_RATE_PER_SECOND: must be a number, got "fast"'],
    ['a validity that is not whole', { SMS_VALIDITY_SECONDS: '1.5' }, 'SMS_VALIDITY_SECONDS: must be a whole number'],
    ['a match poll below the minimum', { MATCH_POLL_SECONDS: '0.1' }, 'MATCH_POLL_SECONDS: must be at least 0.2, got 0.1'],
    ['a negative linger', { MATCH_LINGER_SECONDS: '-5' }, 'MATCH_LINGER_SECONDS: must be at least 0'],
    ['a calendar poll that is not a number', { CALENDAR_POLL_SECONDS: '5m' }, 'CALENDAR_POLL_SECONDS: must be a number'],
    ['a FIFA URL that is not http', { FIFA_API_URL: 'ftp://api.fifa.com' }, 'FIFA_API_URL: must be an http(s) URL'],
    ['a competition id with a slash', { FIFA_COMPETITION_ID: '17/1' }, 'FIFA_COMPETITION_ID: must be an id'],
    ['an unknown provider', { COMPETITIONS: 'fifa:17,opta:8' }, 'COMPETITIONS: unknown provider "opta"'],
    ['a competition without a provider', { COMPETITIONS: 'eng.1' }, 'COMPETITIONS: "eng.1" has no provider'],
    ['a malformed competition', { COMPETITIONS: 'espn:eng.1/2025/x' }, 'COMPETITIONS: "espn:eng.1/2025/x" is not a competition'],
    ['an empty entry', { COMPETITIONS: 'fifa:17,,espn:eng.1' }, 'COMPETITIONS: "" has no provider'],
    ['an ESPN URL that is not http', { ESPN_API_URL: 'espn.com' }, 'ESPN_API_URL: must be an http(s) URL'],
    ['an unsupported locale', { LOCALE: 'it-IT' }, 'LOCALE: must be one of en-GB, pt-BR, fr-FR, es-ES, de-DE, got "it-IT"'],
    ['half of Twitch', { TWITCH_CLIENT_ID: 'id' }, 'TWITCH_CLIENT_SECRET: missing'],
    ['a Twitch poll below the minimum', { TWITCH_POLL_SECONDS: '0' }, 'TWITCH_POLL_SECONDS: must be at least 0.2'],
    ['a Twitch URL that is not a URL', { TWITCH_API_URL: 'nope' }, 'TWITCH_API_URL: must be an http(s) URL'],
    ['an unknown store', { STORE_URL: 'mysql://localhost/db' }, 'STORE_URL: must start with sqlite://, postgresql:// or redis://'],
    ['an unknown log level', { LOG_LEVEL: 'loud' }, 'LOG_LEVEL: must be one of'],
  ])('names the variable and the problem for %s', (_name, env, expected) => {
    const lines = errors(env as Record<string, string>);
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.some((line) => line.startsWith(expected))).toBe(true);
  });

  it('reports every problem at once, one line each', () => {
    const lines = errors({ LOCALE: 'xx', MATCH_POLL_SECONDS: 'x', STORE_URL: 'nope' });
    expect(lines).toHaveLength(3);
    expect(lines.map((line) => line.split(':')[0]).sort()).toEqual(['LOCALE', 'MATCH_POLL_SECONDS', 'STORE_URL']);
  });

  it('never puts a secret value into an error line', () => {
    const lines = errors({ ...SLACK, SLACK_APP_TOKEN: 'xoxb-very-secret', TWILIO_AUTH_TOKEN: 'tw-secret' });
    expect(lines.join('\n')).not.toMatch(/very-secret|tw-secret/);
  });

  it.each([
    ['a user token as the bot token', { ...SLACK, SLACK_BOT_TOKEN: 'xoxp-1-2-3' }, 'SLACK_BOT_TOKEN: must be a bot token starting with xoxb-, but this is a user token (xoxp…): copy the Bot User OAuth Token from OAuth & Permissions'],
    ['the app token as the bot token', { ...SLACK, SLACK_BOT_TOKEN: 'xapp-1-A1-2' }, 'SLACK_BOT_TOKEN: must be a bot token starting with xoxb-, but this is the app-level token (xapp…), which goes in SLACK_APP_TOKEN: copy the Bot User OAuth Token from OAuth & Permissions'],
    ['the bot token as the app token', { ...SLACK, SLACK_APP_TOKEN: 'xoxb-1-2-3' }, 'SLACK_APP_TOKEN: must be an app-level token starting with xapp-, but this is the bot token (xoxb…), which goes in SLACK_BOT_TOKEN: create one with the connections:write scope under Basic Information → App-Level Tokens'],
  ])('says which token goes where for %s, without the token', (_name, env, expected) => {
    const lines = errors(env);
    expect(lines).toContain(expected);
    expect(lines.join('\n')).not.toMatch(/1-2-3|A1-2/);
  });

  it.each([
    ['a channel link', 'https://myteam.slack.com/archives/C0123ABCD'],
    ['a message link', 'https://myteam.slack.com/archives/C0123ABCD/p1700000000000100'],
    ['a web client link', 'https://app.slack.com/client/T0123ABCD/C0123ABCD'],
    ['a channel mention', '<#C0123ABCD|general>'],
  ])('reads the channel ID from %s and says so', (_name, value) => {
    const result = loadConfig({ ...SLACK, SLACK_CHANNEL: value });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.config.slack?.channel).toBe('C0123ABCD');
    expect(result.notices).toEqual([expect.stringContaining('SLACK_CHANNEL: read the channel ID C0123ABCD')]);
  });

  it('says where to find the ID when SLACK_CHANNEL is a #name', () => {
    expect(errors({ ...SLACK, SLACK_CHANNEL: '#general' })).toEqual([expect.stringMatching(/^SLACK_CHANNEL: must be a channel ID .*details/)]);
  });

  it('says which features are off because their credentials are absent', () => {
    const result = loadConfig({ ...SLACK });
    expect(result.ok && describeFeatures(result.config)).toEqual([
      expect.stringContaining('SMS is off'),
      expect.stringContaining('Twitch streamers are off'),
    ]);
  });

  it('reads HEALTH_PORT, off when unset, one line when it is not a port', () => {
    const port = (env: Record<string, string>) => {
      const result = loadConfig(env);
      return result.ok ? result.config.healthPort : undefined;
    };
    expect(port({})).toBeNull();
    expect(port({ HEALTH_PORT: '9090' })).toBe(9090);
    for (const bad of ['0', '65536', 'http', '90.5', '-1']) {
      expect(errors({ HEALTH_PORT: bad })).toEqual([`HEALTH_PORT: must be a port number from 1 to 65535, got "${bad}"`]);
    }
  });

  // ---- issue 8: SMS limits (SMS_COUNTRIES)
  it('reads SMS_COUNTRIES as country codes, any case and spacing', () => {
    const result = loadConfig({ ...TWILIO, SMS_COUNTRIES: ' gb, IE ,GB' });
    expect(result.ok && result.config.smsCountries).toEqual(['GB', 'IE']);
    expect(result.ok && describeRisks(result.config)).toEqual([]);
  });

  it.each([
    ['an unknown code', 'GB,XX', 'SMS_COUNTRIES: must be two-letter country codes (ISO 3166-1) separated by commas, such as GB,IE; "XX" is not one'],
    ['a country name', 'United Kingdom', 'SMS_COUNTRIES: must be two-letter country codes (ISO 3166-1) separated by commas, such as GB,IE; "United Kingdom" is not one'],
    ['a three-letter code', 'GBR', 'SMS_COUNTRIES: must be two-letter country codes (ISO 3166-1) separated by commas, such as GB,IE; "GBR" is not one'],
    ['only commas', ',,', 'SMS_COUNTRIES: must be two-letter country codes (ISO 3166-1) separated by commas, such as GB,IE; got ",,"'],
  ])('refuses SMS_COUNTRIES with %s, in one line naming the variable', (_, value, line) => {
    expect(errors({ ...TWILIO, SMS_COUNTRIES: value })).toEqual([line]);
  });

  it('accepts any country when SMS_COUNTRIES is unset, and warns about it when SMS is on', () => {
    const on = loadConfig({ ...TWILIO });
    expect(on.ok && on.config.smsCountries).toBeNull();
    expect(on.ok && describeRisks(on.config)).toEqual([expect.stringMatching(/^SMS_COUNTRIES is unset: numbers from any country/)]);
    const off = loadConfig({});
    expect(off.ok && describeRisks(off.config)).toEqual([]);
  });
});
