/**
 * A fake Twilio on 127.0.0.1 that the real twilio-node SDK talks to through `TWILIO_API_URL`
 * (reference: twilio.md). Messaging, Lookup v2 and Verify v2 share one origin and are routed on the
 * path alone, as the SDK's origin-rewriting client sends them.
 *
 * Wire formats are Twilio's: form bodies with PascalCase keys in, snake_case JSON out, HTTP Basic auth
 * (401/20003 when wrong), error bodies `{code, message, more_info, status}`, Messages paging envelopes.
 * Tests inspect `messages`, `lookups`, `verifications`, `requests` and script faults per path prefix.
 *
 * Deliberate simplifications, so a test never depends on them: a message's `date_sent` is its creation
 * time (real Twilio fills it once a carrier takes the message), segments stay `"0"` and `price` null,
 * and Messaging Service SIDs are not checked against a list of services.
 */
import { randomBytes, randomInt } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { parsePhoneNumberFromString, validatePhoneNumberLength, type CountryCode } from 'libphonenumber-js/max';
import type { TwilioConfig } from '../../src/config.js';

// ---------------------------------------------------------------------------------------------------------
// Public types

export type LineType =
  | 'mobile' | 'landline' | 'fixedVoip' | 'nonFixedVoip' | 'personal' | 'tollFree' | 'premium'
  | 'sharedCost' | 'uan' | 'voicemail' | 'pager' | 'unknown';

export type MessageStatus =
  | 'accepted' | 'scheduled' | 'queued' | 'sending' | 'sent' | 'delivered' | 'undelivered' | 'failed'
  | 'canceled' | 'receiving' | 'received' | 'read' | 'partially_delivered';

export interface FakeTwilioMessage {
  sid: string;
  to: string;
  /** Null for outbound messages until Twilio picks a sender from the service's pool. */
  from: string | null;
  body: string;
  messagingServiceSid: string | null;
  /** Seconds, as sent (`ValidityPeriod`); undefined when the request had none. */
  validityPeriod?: number;
  status: MessageStatus;
  errorCode: number | null;
  direction: 'outbound-api' | 'inbound';
  /** Creation time (ms since epoch, on the fake's clock). */
  at: number;
}

export interface FakeLookupConfig {
  valid?: boolean;
  /** Line type to report; null for "Twilio gave none". Default 'mobile'. */
  type?: LineType | null;
  /** `line_type_intelligence.error_code`, e.g. 60601 when LTI is not approved for the country. */
  errorCode?: number | null;
  validationErrors?: string[];
}

export interface FakeLookup {
  phoneNumber: string;
  fields: string | null;
  countryCode: string | null;
  at: number;
}

export interface FakeVerification {
  sid: string;
  serviceSid: string;
  to: string;
  channel: string;
  locale: string | null;
  code: string;
  status: 'pending' | 'approved' | 'canceled' | 'max_attempts_reached' | 'expired';
  /** Checks made so far (right or wrong). */
  checks: number;
  /** Times the code was sent (a resend within 10 min sends the same code). */
  sends: number;
  createdAt: number;
}

export interface FakeTwilioRequest {
  method: string;
  /** Path and query as received. */
  path: string;
  pathname: string;
  query: Record<string, string | string[]>;
  form: Record<string, string | string[]>;
  /** The real Twilio host the SDK meant (`X-Twilio-Host`), e.g. `lookups.twilio.com`. */
  host: string | undefined;
  /** 0 while unanswered (a hanging request stays 0). */
  status: number;
  at: number;
}

export interface FakeTwilioError {
  status: number;
  code?: number;
  message?: string;
  /** A raw body instead of Twilio's JSON error, e.g. a proxy's HTML 502. */
  body?: string;
}

export interface FakeTwilioOptions {
  accountSid?: string;
  authToken?: string;
  /** The fake's clock (message times, Verify expiry). Can be replaced later through `now`. */
  now?: () => number;
}

export interface FakeTwilio {
  /** Origin for `TWILIO_API_URL`, e.g. `http://127.0.0.1:PORT`. */
  url: string;
  accountSid: string;
  authToken: string;
  messagingServiceSid: string;
  verifyServiceSid: string;
  /** A Fanfare TwilioConfig pointing at this fake (own-code mode unless `verifyServiceSid` is given). */
  config(overrides?: Partial<TwilioConfig>): TwilioConfig;
  now: () => number;
  /** Every message, outbound (sent through the API) and inbound (see `receive`), oldest first. */
  messages: FakeTwilioMessage[];
  lookups: FakeLookup[];
  verifications: FakeVerification[];
  requests: FakeTwilioRequest[];
  /** What Lookup answers for this number (E.164). Unset numbers: libphonenumber's validity, mobile. */
  setLookup(e164: string, answer: FakeLookupConfig): void;
  /** The code of the latest Verify verification to this number. */
  lastCode(to: string): string | undefined;
  /** Later message sends to this number fail with 21610, as after the member texted STOP. */
  optOut(to: string): void;
  /** Every later message send to this number fails with this error (e.g. 21408: its country is not enabled). */
  refuseTo(to: string, err: FakeTwilioError): void;
  /** A message's later fate (what a status poll would show). */
  setStatus(sid: string, status: MessageStatus, errorCode?: number | null): void;
  /** An inbound message (e.g. STOP) from a member to one of the service's numbers. */
  receive(message: { from: string; to: string; body: string }): FakeTwilioMessage;
  /** The next `times` requests whose path starts with `pathPrefix` get this error. */
  fail(pathPrefix: string, error: FakeTwilioError, times?: number): void;
  /** The next `times` matching requests are never answered; with `thenRecord` they take effect first. */
  hang(pathPrefix: string, times?: number, options?: { thenRecord?: boolean }): void;
  /** The next `times` matching requests get 429 / 20429. */
  rateLimit(pathPrefix: string, times?: number): void;
  /**
   * Message creates beyond `perSecond` in any sliding second get 429 / 20429 (with `Retry-After` when
   * `retryAfterSeconds` is given), as a sender past its throughput. `null` switches it off.
   */
  throttle(perSecond: number | null, options?: { retryAfterSeconds?: number }): void;
  /** Message creates answered so far: accepted (201) and throttled (429, from `throttle` or `rateLimit`). */
  counters: { accepted: number; throttled: number };
  /** From now on only this auth token is accepted (e.g. a rotated token: the old one gets 401 / 20003). */
  setAuthToken(token: string): void;
  close(): Promise<void>;
}

// ---------------------------------------------------------------------------------------------------------
// Internals

type Fault =
  | { prefix: string; remaining: number; kind: 'fail'; error: FakeTwilioError }
  | { prefix: string; remaining: number; kind: 'hang'; thenRecord: boolean };

interface Reply {
  status: number;
  body: unknown;
}

type Form = Record<string, string | string[]>;

const VERIFY_TTL_MS = 10 * 60_000;
const VERIFY_MAX_SENDS = 5;
const VERIFY_MAX_CHECKS = 5;
const MAX_PAGE_SIZE = 1000;
const DEFAULT_PAGE_SIZE = 50;

function hex(bytes: number): string {
  return randomBytes(bytes).toString('hex');
}

function sid(prefix: string): string {
  return `${prefix}${hex(16)}`;
}

function error(status: number, code: number | undefined, message: string): Reply {
  if (code === undefined) return { status, body: { message, status } };
  return { status, body: { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status } };
}

function notFound(path: string): Reply {
  return error(404, 20404, `The requested resource ${path} was not found`);
}

/** Twilio's Messages API dates: `Thu, 30 Jul 2015 20:12:31 +0000`. */
function rfc2822(ms: number): string {
  return new Date(ms).toUTCString().replace('GMT', '+0000');
}

/** Verify's dates: `2015-07-30T20:12:31Z`. */
function iso(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function first(form: Form, key: string): string | undefined {
  const value = form[key];
  return Array.isArray(value) ? value[0] : value;
}

function parseForm(params: URLSearchParams): Form {
  const form: Form = {};
  for (const [key, value] of params) {
    const existing = form[key];
    if (existing === undefined) form[key] = value;
    else form[key] = Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return form;
}

/** `DateSent>` and friends carry an ISO date or date-time; a bare date means that whole UTC day. */
function parseDateFilter(value: string | undefined, endOfDay: boolean): number | undefined {
  if (value === undefined) return undefined;
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return Date.parse(`${value}T00:00:00Z`) + (endOfDay ? 86_400_000 - 1 : 0);
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}

export async function startFakeTwilio(options: FakeTwilioOptions = {}): Promise<FakeTwilio> {
  const accountSid = options.accountSid ?? `AC${hex(16)}`;
  const authToken = options.authToken ?? hex(16);
  const faults: Fault[] = [];
  const hanging = new Set<http.ServerResponse>();
  const lookupAnswers = new Map<string, FakeLookupConfig>();
  const optedOut = new Set<string>();
  const refused = new Map<string, FakeTwilioError>();
  let acceptedToken = authToken;
  let throttling: { perSecond: number; retryAfterSeconds?: number } | null = null;
  /** Times of the creates let through while throttling, newest last. */
  const admitted: number[] = [];

  const fake: FakeTwilio = {
    url: '',
    accountSid,
    authToken,
    messagingServiceSid: `MG${hex(16)}`,
    verifyServiceSid: `VA${hex(16)}`,
    config: (overrides = {}) => ({
      accountSid,
      authToken,
      messagingServiceSid: fake.messagingServiceSid,
      verifyServiceSid: null,
      apiUrl: fake.url,
      ...overrides,
    }),
    now: options.now ?? Date.now,
    messages: [],
    lookups: [],
    verifications: [],
    requests: [],
    setLookup(e164, answer) {
      lookupAnswers.set(e164, answer);
    },
    lastCode(to) {
      return fake.verifications.filter((v) => v.to === to).at(-1)?.code;
    },
    refuseTo(to, err) {
      refused.set(to, err);
    },
    optOut(to) {
      optedOut.add(to);
    },
    setStatus(messageSid, status, errorCode = null) {
      const message = fake.messages.find((m) => m.sid === messageSid);
      if (!message) throw new Error(`fake Twilio: no message ${messageSid}`);
      message.status = status;
      message.errorCode = errorCode;
    },
    receive({ from, to, body }) {
      const message: FakeTwilioMessage = {
        sid: sid('SM'), to, from, body, messagingServiceSid: fake.messagingServiceSid,
        status: 'received', errorCode: null, direction: 'inbound', at: fake.now(),
      };
      fake.messages.push(message);
      // Only a single keyword counts ("STOP PLEASE" does not), as Twilio's own opt-out handling.
      if (/^\s*(stop|stopall|unsubscribe|cancel|end|quit|revoke|optout)\s*$/i.test(body)) optedOut.add(from);
      if (/^\s*(start|yes|unstop)\s*$/i.test(body)) optedOut.delete(from);
      return message;
    },
    fail(pathPrefix, err, times = 1) {
      faults.push({ prefix: pathPrefix, remaining: times, kind: 'fail', error: err });
    },
    hang(pathPrefix, times = 1, { thenRecord = false } = {}) {
      faults.push({ prefix: pathPrefix, remaining: times, kind: 'hang', thenRecord });
    },
    rateLimit(pathPrefix, times = 1) {
      faults.push({ prefix: pathPrefix, remaining: times, kind: 'fail', error: { status: 429, code: 20429, message: 'Too Many Requests' } });
    },
    throttle(perSecond, { retryAfterSeconds } = {}) {
      throttling = perSecond === null ? null : { perSecond, ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }) };
      admitted.length = 0;
    },
    counters: { accepted: 0, throttled: 0 },
    setAuthToken(token) {
      acceptedToken = token;
    },
    close: async () => {
      for (const res of hanging) res.destroy();
      hanging.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };

  function takeFault(pathname: string): Fault | undefined {
    const fault = faults.find((f) => f.remaining > 0 && pathname.startsWith(f.prefix));
    if (fault) fault.remaining -= 1;
    return fault;
  }

  function authorised(header: string | undefined): boolean {
    const match = /^Basic\s+(.+)$/i.exec(header ?? '');
    if (!match?.[1]) return false;
    const decoded = Buffer.from(match[1], 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    return colon > 0 && decoded.slice(0, colon) === accountSid && decoded.slice(colon + 1) === acceptedToken;
  }

  // ----- Messaging ---------------------------------------------------------------------------------------

  function messageJson(m: FakeTwilioMessage): Record<string, unknown> {
    return {
      account_sid: accountSid,
      api_version: '2010-04-01',
      body: m.body,
      date_created: rfc2822(m.at),
      date_sent: rfc2822(m.at),
      date_updated: rfc2822(m.at),
      direction: m.direction,
      error_code: m.errorCode,
      error_message: null,
      from: m.from,
      messaging_service_sid: m.messagingServiceSid,
      num_media: '0',
      num_segments: m.direction === 'inbound' ? '1' : '0',
      price: null,
      price_unit: 'USD',
      sid: m.sid,
      status: m.status,
      subresource_uris: { media: `/2010-04-01/Accounts/${accountSid}/Messages/${m.sid}/Media.json` },
      to: m.to,
      uri: `/2010-04-01/Accounts/${accountSid}/Messages/${m.sid}.json`,
    };
  }

  function createMessage(form: Form): Reply {
    const to = first(form, 'To');
    const body = first(form, 'Body');
    const from = first(form, 'From');
    const service = first(form, 'MessagingServiceSid');
    const validity = first(form, 'ValidityPeriod');
    if (!to) return error(400, 21604, "A 'To' phone number is required.");
    if (!from && !service) return error(400, 21603, "A 'From' or 'MessagingServiceSid' parameter is required to send a message.");
    if (!body) return error(400, 21602, 'Message body is required.');
    if (!/^\+[1-9]\d{6,14}$/.test(to)) return error(400, 21211, `Invalid 'To' Phone Number: ${to}`);
    if (body.length > 1600) return error(400, 21617, 'The concatenated message body exceeds the 1600 character limit.');
    if (validity !== undefined && !(Number(validity) >= 1 && Number(validity) <= 36_000)) {
      return error(400, 21623, 'ValidityPeriod must be between 1 and 36000 seconds.');
    }
    if (optedOut.has(to)) return error(400, 21610, 'Attempt to send to unsubscribed recipient');
    const refusal = refused.get(to);
    if (refusal) return error(refusal.status, refusal.code ?? 21211, refusal.message ?? 'Refused');
    const message: FakeTwilioMessage = {
      sid: sid('SM'),
      to,
      from: from ?? null,
      body,
      messagingServiceSid: service ?? null,
      ...(validity === undefined ? {} : { validityPeriod: Number(validity) }),
      status: 'accepted',
      errorCode: null,
      direction: 'outbound-api',
      at: fake.now(),
    };
    fake.messages.push(message);
    // A create is answered before a sender is picked: no date_sent yet.
    return { status: 201, body: { ...messageJson(message), date_sent: null } };
  }

  function listMessages(base: string, query: URLSearchParams): Reply {
    const to = query.get('To');
    const from = query.get('From');
    const on = query.get('DateSent');
    const after = parseDateFilter(query.get('DateSent>') ?? undefined, false);
    const before = parseDateFilter(query.get('DateSent<') ?? undefined, true);
    const day = on === null ? undefined : on.slice(0, 10);
    const matching = fake.messages
      .filter((m) => (to === null || m.to === to) && (from === null || m.from === from))
      .filter((m) => (after === undefined || m.at >= after) && (before === undefined || m.at <= before))
      .filter((m) => day === undefined || new Date(m.at).toISOString().slice(0, 10) === day)
      // Newest first, as Twilio lists them.
      .map((m, index) => ({ m, index }))
      .sort((a, b) => b.m.at - a.m.at || b.index - a.index)
      .map(({ m }) => m);

    const pageSize = Math.min(MAX_PAGE_SIZE, Math.max(1, Number(query.get('PageSize')) || DEFAULT_PAGE_SIZE));
    const page = Math.max(0, Number(query.get('Page')) || 0);
    const token = /^PA(\d+)$/.exec(query.get('PageToken') ?? '');
    const start = token?.[1] === undefined ? page * pageSize : Number(token[1]);
    const rows = matching.slice(start, start + pageSize);
    const link = (pageNumber: number, offset: number | null): string => {
      const params = new URLSearchParams();
      for (const [key, value] of query) if (!['Page', 'PageToken', 'PageSize'].includes(key)) params.append(key, value);
      params.set('PageSize', String(pageSize));
      params.set('Page', String(pageNumber));
      if (offset !== null) params.set('PageToken', `PA${offset}`);
      return `${base}?${params.toString()}`;
    };
    const hasNext = start + pageSize < matching.length;
    return {
      status: 200,
      body: {
        end: start + Math.max(0, rows.length - 1),
        first_page_uri: link(0, null),
        messages: rows.map(messageJson),
        next_page_uri: hasNext ? link(page + 1, start + pageSize) : null,
        page,
        page_size: pageSize,
        previous_page_uri: page > 0 ? link(page - 1, Math.max(0, start - pageSize)) : null,
        start,
        uri: `${base}?${query.toString()}`,
      },
    };
  }

  // ----- Lookup --------------------------------------------------------------------------------------------

  function lookup(raw: string, query: URLSearchParams): Reply {
    const fields = query.get('Fields');
    const countryCode = query.get('CountryCode');
    fake.lookups.push({ phoneNumber: raw, fields, countryCode, at: fake.now() });
    // National input without CountryCode is read as US, as Twilio does.
    const country = (countryCode ?? 'US') as CountryCode;
    const parsed = parsePhoneNumberFromString(raw, country);
    const e164 = parsed?.number ?? raw;
    const answer = lookupAnswers.get(e164) ?? {};
    const lengthProblem = validatePhoneNumberLength(raw, country);
    const valid = answer.valid ?? (parsed?.isValid() ?? false);
    const withLti = (fields ?? '').split(',').map((f) => f.trim()).includes('line_type_intelligence');
    const type = answer.type === undefined ? 'mobile' : answer.type;
    const lti = valid && withLti
      ? {
          error_code: answer.errorCode ?? null,
          mobile_country_code: type === 'mobile' ? '234' : null,
          mobile_network_code: type === 'mobile' ? '10' : null,
          carrier_name: type === 'mobile' || type === 'landline' ? 'Fake Carrier' : null,
          type: answer.errorCode ? null : type,
        }
      : null;
    return {
      status: 200,
      body: {
        calling_country_code: parsed?.countryCallingCode ?? null,
        country_code: valid ? (parsed?.country ?? null) : null,
        phone_number: e164,
        national_format: valid ? (parsed?.formatNational() ?? null) : null,
        valid,
        validation_errors: valid ? null : (answer.validationErrors ?? [lengthProblem ?? 'INVALID_BUT_POSSIBLE']),
        caller_name: null,
        sim_swap: null,
        call_forwarding: null,
        line_status: null,
        line_type_intelligence: lti,
        identity_match: null,
        reassigned_number: null,
        sms_pumping_risk: null,
        phone_number_quality_score: null,
        pre_fill: null,
        url: `https://lookups.twilio.com/v2/PhoneNumbers/${e164}`,
      },
    };
  }

  // ----- Verify --------------------------------------------------------------------------------------------

  function liveVerification(serviceSid: string, to: string): FakeVerification | undefined {
    const now = fake.now();
    for (const v of fake.verifications) {
      if (v.status === 'pending' && now >= v.createdAt + VERIFY_TTL_MS) v.status = 'expired';
    }
    return fake.verifications.find((v) => v.serviceSid === serviceSid && v.to === to && v.status === 'pending');
  }

  function verificationJson(v: FakeVerification): Record<string, unknown> {
    return {
      sid: v.sid,
      service_sid: v.serviceSid,
      account_sid: accountSid,
      to: v.to,
      channel: v.channel,
      status: v.status,
      valid: v.status === 'approved',
      lookup: { carrier: null },
      amount: null,
      payee: null,
      send_code_attempts: Array.from({ length: v.sends }, (_, i) => ({ attempt_sid: `VL${i}${v.sid.slice(3)}`, channel: v.channel, time: iso(v.createdAt) })),
      date_created: iso(v.createdAt),
      date_updated: iso(fake.now()),
      sna: null,
      url: `https://verify.twilio.com/v2/Services/${v.serviceSid}/Verifications/${v.sid}`,
    };
  }

  function startVerification(serviceSid: string, form: Form): Reply {
    const to = first(form, 'To');
    const channel = first(form, 'Channel');
    const customCode = first(form, 'CustomCode');
    if (!to || !/^\+[1-9]\d{6,14}$/.test(to)) return error(400, 60200, 'Invalid parameter: To');
    if (!channel || !['sms', 'call', 'email', 'whatsapp', 'sna'].includes(channel)) return error(400, 60200, 'Invalid parameter: Channel');
    if (customCode !== undefined && !/^.{4,10}$/.test(customCode)) return error(400, 60200, 'Invalid parameter: CustomCode');
    const now = fake.now();
    const recentSends = fake.verifications
      .filter((v) => v.serviceSid === serviceSid && v.to === to && now < v.createdAt + VERIFY_TTL_MS)
      .reduce((sum, v) => sum + v.sends, 0);
    if (recentSends >= VERIFY_MAX_SENDS) return error(429, 60203, 'Max send attempts reached');
    const existing = liveVerification(serviceSid, to);
    if (existing) {
      // Twilio resends the same code within its 10 minutes.
      existing.sends += 1;
      return { status: 201, body: verificationJson(existing) };
    }
    const verification: FakeVerification = {
      sid: sid('VE'),
      serviceSid,
      to,
      channel,
      locale: first(form, 'Locale') ?? null,
      code: customCode ?? String(randomInt(0, 1_000_000)).padStart(6, '0'),
      status: 'pending',
      checks: 0,
      sends: 1,
      createdAt: now,
    };
    fake.verifications.push(verification);
    return { status: 201, body: verificationJson(verification) };
  }

  function checkVerification(serviceSid: string, form: Form, path: string): Reply {
    const to = first(form, 'To');
    const code = first(form, 'Code');
    const verificationSid = first(form, 'VerificationSid');
    if (!to && !verificationSid) return error(400, 60200, 'Invalid parameter: To');
    if (!code || !/^.{4,10}$/.test(code)) return error(400, 60200, 'Invalid parameter: Code');
    const live = to ? liveVerification(serviceSid, to) : fake.verifications.find((v) => v.sid === verificationSid && v.status === 'pending');
    if (!live) return notFound(path);
    if (live.checks >= VERIFY_MAX_CHECKS) {
      live.status = 'max_attempts_reached';
      return error(429, 60202, 'Max check attempts reached');
    }
    live.checks += 1;
    if (code === live.code) live.status = 'approved';
    const { send_code_attempts: _attempts, lookup: _lookup, url: _url, sna: _sna, ...rest } = verificationJson(live);
    return { status: 200, body: { ...rest, sna_attempts_error_codes: [] } };
  }

  // ----- Routing -------------------------------------------------------------------------------------------

  function route(method: string, pathname: string, query: URLSearchParams, form: Form): Reply {
    const account = /^\/2010-04-01\/Accounts\/([^/]+)\/(.+)$/.exec(pathname);
    if (account) {
      const [, accountInPath, rest] = account;
      if (accountInPath !== accountSid) return notFound(pathname);
      const base = `/2010-04-01/Accounts/${accountSid}/Messages.json`;
      if (rest === 'Messages.json' && method === 'POST') return createMessage(form);
      if (rest === 'Messages.json' && method === 'GET') return listMessages(base, query);
      const one = /^Messages\/(SM[0-9a-f]{32})\.json$/.exec(rest ?? '');
      if (one && method === 'GET') {
        const message = fake.messages.find((m) => m.sid === one[1]);
        return message ? { status: 200, body: messageJson(message) } : notFound(pathname);
      }
      return notFound(pathname);
    }
    const phone = /^\/v2\/PhoneNumbers\/([^/]+)$/.exec(pathname);
    if (phone?.[1] && method === 'GET') return lookup(decodeURIComponent(phone[1]), query);
    const verify = /^\/v2\/Services\/([^/]+)\/(Verifications|VerificationCheck)$/.exec(pathname);
    if (verify && method === 'POST') {
      const [, serviceSid, kind] = verify;
      if (serviceSid !== fake.verifyServiceSid) return notFound(pathname);
      return kind === 'Verifications' ? startVerification(serviceSid, form) : checkVerification(serviceSid, form, pathname);
    }
    return notFound(pathname);
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const form = parseForm(new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
      const host = req.headers['x-twilio-host'];
      const record: FakeTwilioRequest = {
        method: req.method ?? 'GET',
        path: req.url ?? '/',
        pathname: url.pathname,
        query: parseForm(url.searchParams),
        form,
        host: Array.isArray(host) ? host[0] : host,
        status: 0,
        at: fake.now(),
      };
      fake.requests.push(record);

      const isCreate = record.method === 'POST' && /^\/2010-04-01\/Accounts\/[^/]+\/Messages\.json$/.test(url.pathname);
      const send = (reply: Reply | { status: number; raw: string }, headers: Record<string, string> = {}): void => {
        record.status = reply.status;
        if (isCreate && reply.status === 201) fake.counters.accepted += 1;
        if (isCreate && reply.status === 429) fake.counters.throttled += 1;
        const raw = 'raw' in reply;
        const text = raw ? reply.raw : JSON.stringify(reply.body);
        res.writeHead(reply.status, { 'Content-Type': raw ? 'text/html' : 'application/json', ...headers });
        res.end(text);
      };

      if (!authorised(req.headers.authorization)) {
        send(error(401, 20003, 'Authenticate'));
        return;
      }
      const fault = takeFault(url.pathname);
      if (fault?.kind === 'fail') {
        const { status, code, message, body } = fault.error;
        if (body !== undefined) send({ status, raw: body });
        else send(error(status, code, message ?? `HTTP ${status}`));
        return;
      }
      if (fault?.kind === 'hang') {
        if (fault.thenRecord) route(record.method, url.pathname, url.searchParams, form);
        hanging.add(res);
        res.on('close', () => hanging.delete(res));
        return;
      }
      if (isCreate && throttling) {
        // Real time, not the fake's clock: throughput is about the wire.
        const now = Date.now();
        while (admitted.length > 0 && (admitted[0] as number) <= now - 1000) admitted.shift();
        if (admitted.length >= throttling.perSecond) {
          const headers: Record<string, string> = throttling.retryAfterSeconds === undefined ? {} : { 'Retry-After': String(throttling.retryAfterSeconds) };
          send(error(429, 20429, 'Too Many Requests'), headers);
          return;
        }
        admitted.push(now);
      }
      send(route(record.method, url.pathname, url.searchParams, form));
    });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return fake;
}
