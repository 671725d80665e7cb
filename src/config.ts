/**
 * Environment → typed configuration (SPEC "Configuration contract").
 * Every problem becomes one line naming the variable; the caller prints them and exits non-zero.
 */
import { isSupportedCountry, type CountryCode } from 'libphonenumber-js/max';
import { LOCALES, isLocale, type Locale } from './alerts/i18n/locales.js';
import { DEFAULT_ESPN_API_URL } from './football/espn/client.js';
import { competitionRefString, readCompetitionRef, type CompetitionRef } from './football/provider.js';
import { LEASE_DURATION_MS } from './store/lease.js';

export interface SlackConfig {
  botToken: string;
  appToken: string;
  apiUrl: string;
  channel: string | null;
}

export interface TwilioConfig {
  accountSid: string;
  authToken: string;
  messagingServiceSid: string;
  verifyServiceSid: string | null;
  apiUrl: string | null;
}

export interface TwitchConfig {
  clientId: string;
  clientSecret: string;
  apiUrl: string;
  authUrl: string;
  pollSeconds: number;
  offlineGraceSeconds: number;
  /** The EventSub WebSocket (T6); null with TWITCH_EVENTSUB=off: polls only. */
  eventsubUrl: string | null;
}

export interface Config {
  /** null: no Slack tokens, so `npm start` runs the offline demo. */
  slack: SlackConfig | null;
  /** null: SMS is off. */
  twilio: TwilioConfig | null;
  sms: { ratePerSecond: number; validitySeconds: number };
  /** SMS_COUNTRIES: the countries whose numbers may subscribe; null: any country. */
  smsCountries: CountryCode[] | null;
  /** COMPETITIONS (or the older FIFA_COMPETITION_ID/FIFA_SEASON_ID): followed until an admin chooses. */
  competitions: CompetitionRef[];
  espn: { apiUrl: string };
  fifa: {
    apiUrl: string;
    matchPollSeconds: number;
    calendarPollSeconds: number;
    matchLingerSeconds: number;
  };
  /** null: streamers are off. */
  twitch: TwitchConfig | null;
  locale: Locale;
  storeUrl: string;
  /** LEASE_SECONDS: how long the leader lease lasts (replicas, SPEC O3). */
  leaseSeconds: number;
  logLevel: string;
  /** null: no /healthz and /metrics. */
  healthPort: number | null;
  /** CLOCK_ROUND_SECONDS: how often the kick-off reminders and quiet-hours summaries look (a test knob). */
  clockRoundSeconds: number;
  /** SLACK_POST_INTERVAL_MS: gap between Fanfare's posts to one channel; Slack's pace unless a test shortens it. */
  slackPostIntervalMs: number;
}

/** `notices`: what was read in a form other than the expected one (e.g. a channel link), said once at start. */
export type ConfigResult = { ok: true; config: Config; notices: string[] } | { ok: false, errors: string[] };

type Env = Record<string, string | undefined>;

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/** Reads one variable at a time and collects every problem instead of stopping at the first. */
class EnvReader {
  readonly errors: string[] = [];
  readonly notices: string[] = [];
  constructor(private readonly env: Env) {}

  /** The trimmed value, or undefined when unset or blank. */
  raw(name: string): string | undefined {
    const value = this.env[name]?.trim();
    return value ? value : undefined;
  }

  problem(name: string, message: string): void {
    this.errors.push(`${name}: ${message}`);
  }

  string(name: string, fallback: string): string {
    return this.raw(name) ?? fallback;
  }

  matching(name: string, pattern: RegExp, expected: string): string | undefined {
    const value = this.raw(name);
    if (value !== undefined && !pattern.test(value)) {
      this.problem(name, `must be ${expected}`);
      return undefined;
    }
    return value;
  }

  number(name: string, fallback: number, { min, integer = false }: { min: number; integer?: boolean }): number {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    const parsed = Number(value);
    if (!Number.isFinite(parsed) || (integer && !Number.isInteger(parsed))) {
      this.problem(name, `must be ${integer ? 'a whole number' : 'a number'}, got "${value}"`);
      return fallback;
    }
    if (parsed < min) {
      this.problem(name, `must be at least ${min}, got ${value}`);
      return fallback;
    }
    return parsed;
  }

  url(name: string, fallback: string): string {
    const value = this.string(name, fallback);
    try {
      const url = new URL(value);
      if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('protocol');
    } catch {
      this.problem(name, `must be an http(s) URL, got "${value}"`);
    }
    return value;
  }

  /** A feature configured by several variables: all set, or all unset (off); anything else is an error. */
  group(names: string[], feature: string): 'all' | 'none' | 'partial' {
    const set = names.filter((name) => this.raw(name) !== undefined);
    if (set.length === 0) return 'none';
    if (set.length === names.length) return 'all';
    for (const name of names.filter((n) => !set.includes(n))) {
      this.problem(name, `missing: ${feature} needs ${names.join(', ')} (set all of them, or none to switch ${feature} off)`);
    }
    return 'partial';
  }
}

export function loadConfig(env: Env): ConfigResult {
  const read = new EnvReader(env);

  const slack = readSlack(read);
  const twilio = readTwilio(read);
  const twitch = readTwitch(read);

  const localeValue = read.string('LOCALE', 'en-GB');
  if (!isLocale(localeValue)) read.problem('LOCALE', `must be one of ${LOCALES.join(', ')}, got "${localeValue}"`);

  const logLevel = read.string('LOG_LEVEL', 'info').toLowerCase();
  if (!LOG_LEVELS.includes(logLevel)) read.problem('LOG_LEVEL', `must be one of ${LOG_LEVELS.join(', ')}, got "${logLevel}"`);

  const storeUrl = read.string('STORE_URL', 'sqlite://data/fanfare.sqlite');
  if (!/^(sqlite:\/\/.+|postgres(ql)?:\/\/.+|rediss?:\/\/.+)$/.test(storeUrl)) {
    read.problem('STORE_URL', `must start with sqlite://, postgresql:// or redis://, got "${storeUrl}"`);
  }

  const config: Config = {
    slack,
    twilio,
    sms: {
      ratePerSecond: read.number('SMS_RATE_PER_SECOND', 1, { min: 0.01 }),
      validitySeconds: read.number('SMS_VALIDITY_SECONDS', 600, { min: 1, integer: true }),
    },
    smsCountries: readSmsCountries(read),
    competitions: readCompetitions(read),
    espn: { apiUrl: read.url('ESPN_API_URL', DEFAULT_ESPN_API_URL) },
    fifa: {
      apiUrl: read.url('FIFA_API_URL', 'https://api.fifa.com/api/v3'),
      matchPollSeconds: read.number('MATCH_POLL_SECONDS', 15, { min: 0.2 }),
      calendarPollSeconds: read.number('CALENDAR_POLL_SECONDS', 300, { min: 0.2 }),
      matchLingerSeconds: read.number('MATCH_LINGER_SECONDS', 600, { min: 0 }),
    },
    twitch,
    locale: isLocale(localeValue) ? localeValue : 'en-GB',
    storeUrl,
    leaseSeconds: read.number('LEASE_SECONDS', LEASE_DURATION_MS / 1000, { min: 3 }),
    logLevel,
    healthPort: readHealthPort(read),
    clockRoundSeconds: readClockRound(read),
    slackPostIntervalMs: read.number('SLACK_POST_INTERVAL_MS', 1000, { min: 10, integer: true }),
  };
  return read.errors.length > 0 ? { ok: false, errors: read.errors } : { ok: true, config, notices: read.notices };
}

export const DEFAULT_COMPETITIONS = 'fifa:17,espn:uefa.champions,espn:eng.1';

/** A FIFA id or season (digits, letters, dashes) or an ESPN slug (`eng.1`, `uefa.champions`). */

/**
 * COMPETITIONS: `provider:id` or `provider:id/season`, comma-separated. Unset, the older FIFA_COMPETITION_ID
 * and FIFA_SEASON_ID still mean `fifa:ID/SEASON`; neither set, the default list.
 */
function readCompetitions(read: EnvReader): CompetitionRef[] {
  const value = read.raw('COMPETITIONS');
  if (value === undefined) {
    const legacyId = read.matching('FIFA_COMPETITION_ID', /^[A-Za-z0-9-]+$/, 'an id such as 17');
    const legacySeason = read.matching('FIFA_SEASON_ID', /^[A-Za-z0-9-]+$/, 'an id such as 285023') ?? null;
    if (legacyId !== undefined || legacySeason !== null) return [{ provider: 'fifa', id: legacyId ?? '17', season: legacySeason }];
  }
  const refs: CompetitionRef[] = [];
  for (const entry of (value ?? DEFAULT_COMPETITIONS).split(',').map((e) => e.trim())) {
    const ref = readCompetitionRef(entry);
    if (typeof ref === 'string') read.problem('COMPETITIONS', `${ref} (write provider:id or provider:id/season, e.g. fifa:17,espn:eng.1)`);
    else if (!refs.some((r) => competitionRefString(r) === competitionRefString(ref))) refs.push(ref);
  }
  return refs;
}

/** One `COMPETITIONS` entry, or what is wrong with it. */
function readHealthPort(read: EnvReader): number | null {
  const value = read.raw('HEALTH_PORT');
  if (value === undefined) return null;
  const port = Number(value);
  if (/^\d+$/.test(value) && port >= 1 && port <= 65535) return port;
  read.problem('HEALTH_PORT', `must be a port number from 1 to 65535, got "${value}"`);
  return null;
}

/**
 * CLOCK_ROUND_SECONDS: the reminders and quiet-hours summaries look just after each whole minute; a divisor
 * of 60 adds looks in between (tests wait seconds, not minutes) and keeps the one just after the minute.
 */
function readClockRound(read: EnvReader): number {
  const seconds = read.number('CLOCK_ROUND_SECONDS', 60, { min: 1, integer: true });
  if (60 % seconds === 0) return seconds;
  read.problem('CLOCK_ROUND_SECONDS', `must divide 60 (1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30 or 60), got ${seconds}`);
  return 60;
}

function readSlack(read: EnvReader): SlackConfig | null {
  const apiUrl = read.url('SLACK_API_URL', 'https://slack.com/api/');
  const channel = readChannel(read);
  if (read.group(['SLACK_BOT_TOKEN', 'SLACK_APP_TOKEN'], 'Slack') !== 'all') return null;
  const botToken = readToken(read, 'SLACK_BOT_TOKEN');
  const appToken = readToken(read, 'SLACK_APP_TOKEN');
  if (!botToken || !appToken) return null;
  return { botToken, appToken, apiUrl: apiUrl.endsWith('/') ? apiUrl : `${apiUrl}/`, channel };
}

const CHANNEL_ID = /^[CG][A-Z0-9]{2,}$/;
/** What a newcomer pastes instead of the id: a channel link (`…/archives/C…`, `app.slack.com/client/T…/C…`) or a mention (`<#C…|name>`). */
const CHANNEL_REFERENCES = [
  /^https?:\/\/[^/\s]+\/(?:archives|client\/[A-Z0-9]+)\/([CG][A-Z0-9]{2,})(?:[/?#]\S*)?$/,
  /^<#([CG][A-Z0-9]{2,})(?:\|[^>]*)?>$/,
];

function readChannel(read: EnvReader): string | null {
  const value = read.raw('SLACK_CHANNEL');
  if (value === undefined) return null;
  if (CHANNEL_ID.test(value)) return value;
  const id = CHANNEL_REFERENCES.map((pattern) => pattern.exec(value)?.[1]).find((found) => found !== undefined);
  if (id) {
    read.notices.push(`SLACK_CHANNEL: read the channel ID ${id} from the link (the ID alone is enough)`);
    return id;
  }
  read.problem('SLACK_CHANNEL', 'must be a channel ID such as C0123456789, not a #name: in Slack, open the channel’s details; the ID is at the bottom (a link to the channel works too)');
  return null;
}

/** Which Slack token is which, by prefix (api.slack.com/authentication/token-types). */
const TOKEN_KINDS: Array<{ prefix: string; kind: string; slot?: 'SLACK_BOT_TOKEN' | 'SLACK_APP_TOKEN' }> = [
  { prefix: 'xoxb-', kind: 'the bot token', slot: 'SLACK_BOT_TOKEN' },
  { prefix: 'xapp-', kind: 'the app-level token', slot: 'SLACK_APP_TOKEN' },
  { prefix: 'xoxp-', kind: 'a user token' },
  { prefix: 'xoxe', kind: 'a refresh or configuration token' },
];

const WANTED_TOKENS = {
  SLACK_BOT_TOKEN: { prefix: 'xoxb-', expected: 'a bot token starting with xoxb-', where: 'copy the Bot User OAuth Token from OAuth & Permissions' },
  SLACK_APP_TOKEN: {
    prefix: 'xapp-',
    expected: 'an app-level token starting with xapp-',
    where: 'create one with the connections:write scope under Basic Information → App-Level Tokens',
  },
} as const;

/** A token in its slot; a token of another kind gets a line saying what it is and where the right one is. */
function readToken(read: EnvReader, name: keyof typeof WANTED_TOKENS): string | undefined {
  const value = read.raw(name);
  const wanted = WANTED_TOKENS[name];
  if (value === undefined || (value.startsWith(wanted.prefix) && !/\s/.test(value))) return value;
  const other = TOKEN_KINDS.find((k) => value.startsWith(k.prefix));
  const what = other ? `, but this is ${other.kind} (${other.prefix.replace(/-$/, '')}…)${other.slot ? `, which goes in ${other.slot}` : ''}` : '';
  read.problem(name, `must be ${wanted.expected}${what}: ${wanted.where}`);
  return undefined;
}

function readTwilio(read: EnvReader): TwilioConfig | null {
  const names = ['TWILIO_ACCOUNT_SID', 'TWILIO_AUTH_TOKEN', 'TWILIO_MESSAGING_SERVICE_SID'];
  const apiUrl = read.raw('TWILIO_API_URL') === undefined ? null : read.url('TWILIO_API_URL', '');
  const state = read.group(names, 'SMS');
  if (state === 'none') {
    for (const name of ['TWILIO_VERIFY_SERVICE_SID', 'TWILIO_API_URL']) {
      if (read.raw(name) !== undefined) read.problem(name, `is set but SMS is off: also set ${names.join(', ')}`);
    }
    return null;
  }
  if (state === 'partial') return null;
  const accountSid = read.matching('TWILIO_ACCOUNT_SID', /^AC[0-9a-fA-F]{32}$/, 'an Account SID: AC followed by 32 hex digits');
  const messagingServiceSid = read.matching('TWILIO_MESSAGING_SERVICE_SID', /^MG[0-9a-fA-F]{32}$/, 'a Messaging Service SID: MG followed by 32 hex digits');
  const verifyServiceSid = read.matching('TWILIO_VERIFY_SERVICE_SID', /^VA[0-9a-fA-F]{32}$/, 'a Verify Service SID: VA followed by 32 hex digits') ?? null;
  const authToken = read.raw('TWILIO_AUTH_TOKEN');
  if (!accountSid || !messagingServiceSid || !authToken) return null;
  return { accountSid, authToken, messagingServiceSid, verifyServiceSid, apiUrl };
}

/** `GB,IE`: ISO 3166-1 alpha-2 codes that libphonenumber knows, so a parsed number's country can be checked. */
function readSmsCountries(read: EnvReader): CountryCode[] | null {
  const value = read.raw('SMS_COUNTRIES');
  if (value === undefined) return null;
  const typed = value.split(',').map((code) => code.trim()).filter((code) => code !== '');
  const unknown = typed.filter((code) => !isSupportedCountry(code.toUpperCase()));
  if (typed.length === 0 || unknown.length > 0) {
    const got = unknown.length > 0 ? `"${unknown.join('", "')}" ${unknown.length === 1 ? 'is not one' : 'are not'}` : `got "${value}"`;
    read.problem('SMS_COUNTRIES', `must be two-letter country codes (ISO 3166-1) separated by commas, such as GB,IE; ${got}`);
    return null;
  }
  return [...new Set(typed.map((code) => code.toUpperCase() as CountryCode))];
}

function readTwitch(read: EnvReader): TwitchConfig | null {
  const apiUrl = read.url('TWITCH_API_URL', 'https://api.twitch.tv/helix');
  const authUrl = read.url('TWITCH_AUTH_URL', 'https://id.twitch.tv/oauth2');
  const eventsubUrl = readEventSub(read);
  // With EventSub delivering within seconds, polls are the backstop (missed events, titles): half as often.
  const pollSeconds = read.number('TWITCH_POLL_SECONDS', eventsubUrl ? 120 : 60, { min: 0.2 });
  const offlineGraceSeconds = read.number('TWITCH_OFFLINE_GRACE_SECONDS', 180, { min: 0 });
  if (read.group(['TWITCH_CLIENT_ID', 'TWITCH_CLIENT_SECRET'], 'Twitch streamers') !== 'all') return null;
  return {
    clientId: read.raw('TWITCH_CLIENT_ID') as string,
    clientSecret: read.raw('TWITCH_CLIENT_SECRET') as string,
    apiUrl: apiUrl.replace(/\/+$/, ''),
    authUrl: authUrl.replace(/\/+$/, ''),
    pollSeconds,
    offlineGraceSeconds,
    eventsubUrl,
  };
}

function readEventSub(read: EnvReader): string | null {
  const mode = read.matching('TWITCH_EVENTSUB', /^(on|off)$/i, '"on" or "off"');
  const value = read.string('TWITCH_EVENTSUB_URL', 'wss://eventsub.wss.twitch.tv/ws');
  try {
    const url = new URL(value);
    if (url.protocol !== 'ws:' && url.protocol !== 'wss:') throw new Error('protocol');
  } catch {
    read.problem('TWITCH_EVENTSUB_URL', `must be a ws(s) URL, got "${value}"`);
  }
  return mode?.toLowerCase() === 'off' ? null : value;
}

/** One line per switched-off feature, said once at start. */
export function describeFeatures(config: Config): string[] {
  const lines: string[] = [];
  if (!config.twilio) lines.push('SMS is off: set TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN and TWILIO_MESSAGING_SERVICE_SID to send alerts by SMS');
  if (!config.twitch) lines.push('Twitch streamers are off: set TWITCH_CLIENT_ID and TWITCH_CLIENT_SECRET to follow streamers');
  return lines;
}

/** Settings that work but are risky, said once at start as warnings. */
export function describeRisks(config: Config): string[] {
  const lines: string[] = [];
  if (config.twilio && !config.smsCountries) {
    lines.push('SMS_COUNTRIES is unset: numbers from any country can subscribe and be sent codes; set it (e.g. SMS_COUNTRIES=GB,IE) to refuse the others before any paid Lookup');
  }
  return lines;
}
