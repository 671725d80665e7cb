/**
 * Proving a member owns a number (SPEC S1, S2, X1, X2): a code is texted to it and must be typed back.
 * With a Verify service Twilio makes and checks the code; without one Fanfare does, keeping only a
 * salted hash. Either way Fanfare limits sends and attempts itself, so the limits hold whatever the mode.
 */
import { randomBytes, randomInt, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import type { Locale } from '../alerts/i18n/locales.js';
import type { TwilioConfig } from '../config.js';
import type { Logger } from '../log.js';
import type { Store, StoreArea } from '../store/store.js';
import { KeyedLock } from '../store/keyed-lock.js';
import { createAllowance, type Allowance } from './allowance.js';
import { maskPhone } from './phone.js';
import { describeTwilioError, type Twilio, type TwilioErrorInfo } from './twilio-client.js';

export type StartResult =
  | { ok: true; via: 'verify' | 'own' }
  | { ok: false; reason: 'rate-limited'; spent: 'member' | 'number'; retryInMs: number }
  | { ok: false; reason: 'blocked' | 'invalid-number' | 'unavailable' };
export type CheckResult =
  | { ok: true }
  | { ok: false; reason: 'wrong'; attemptsLeft: number }
  | { ok: false; reason: 'expired' | 'too-many-attempts' | 'unavailable' };

export interface Verifier {
  start(userId: string, e164: string, locale: Locale): Promise<StartResult>;
  check(userId: string, e164: string, code: string): Promise<CheckResult>;
  /** The number a code was sent to and not yet confirmed, while the code is still good. */
  pending(userId: string): Promise<string | null>;
  /** The member's code waiting to be typed is deleted (they stopped SMS or left the workspace). */
  forget(userId: string): Promise<void>;
  /** Every code waiting to be typed is deleted (the app was uninstalled). */
  forgetAll(): Promise<void>;
}

export interface VerifierOptions {
  client: Twilio;
  config: TwilioConfig;
  store: Store;
  logger: Logger;
  /** The SMS text around Fanfare's own code (unused with Verify, which words its own). */
  codeText: (code: string, locale: Locale) => string;
  /** Shared with the Lookup step (SPEC S6); one over the same store by default. */
  allowance?: Allowance;
  now?: () => number;
}

/** How long a code is good for; Twilio Verify uses the same. */
export const CODE_TTL_MS = 10 * 60_000;
/** Wrong codes allowed per code sent. */
export const MAX_ATTEMPTS = 5;

const PENDING_AREA = 'verification';

/** One pending code per member: the number it went to and, in own mode, its salted hash. */
interface Pending {
  via: 'verify' | 'own';
  e164: string;
  attempts: number;
  expiresAt: number;
  /** Own mode only, base64. */
  salt?: string;
  hash?: string;
}

const CODE_DIGITS = 6;
const SCRYPT: ScryptOptions = { N: 1 << 14, r: 8, p: 1 };

function scrypt(code: string, salt: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scryptCallback(code, salt, 32, SCRYPT, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

export function createVerifier(options: VerifierOptions): Verifier {
  const { client, config, logger, codeText } = options;
  const now = options.now ?? Date.now;
  const pending: StoreArea<Pending> = options.store.area(PENDING_AREA);
  const allowance = options.allowance ?? createAllowance({ store: options.store, logger, now });
  const verifySid = config.verifyServiceSid;
  // One operation per member at a time (double clicks, two open modals), so the send allowance and the
  // attempt count can't be raced past. Other members are not held up.
  const lock = new KeyedLock();

  /** Keeps a pending code until its own expiry; the store TTL only cleans up, `expiresAt` decides. */
  async function savePending(userId: string, entry: Pending): Promise<void> {
    await pending.set(userId, entry, Math.max(1, Math.min(CODE_TTL_MS, entry.expiresAt - now())));
  }

  function logFailure(message: string, userId: string, e164: string, info: TwilioErrorInfo): void {
    const fields = { userId, phone: maskPhone(e164), status: info.status, twilioCode: info.code, network: info.network, error: info.message };
    // A 4xx that is not about the number (bad credentials, unknown service) is ours to fix: say it loudly.
    const ours = !info.network && info.status !== undefined && info.status < 500 && info.status !== 429;
    if (ours) logger.error(fields, message);
    else logger.warn(fields, message);
  }

  async function sendWithVerify(serviceSid: string, userId: string, e164: string, locale: Locale, at: number): Promise<StartResult> {
    const verification = await client.verify.v2
      .services(serviceSid)
      .verifications.create({ to: e164, channel: 'sms', locale: locale.slice(0, 2) });
    if (verification.status !== 'pending') {
      logger.warn({ userId, phone: maskPhone(e164), status: verification.status }, 'Verify did not start a verification');
      return { ok: false, reason: 'unavailable' };
    }
    await savePending(userId, { via: 'verify', e164, attempts: 0, expiresAt: at + CODE_TTL_MS });
    return { ok: true, via: 'verify' };
  }

  async function sendOwn(userId: string, e164: string, locale: Locale, at: number): Promise<StartResult> {
    const code = randomInt(0, 10 ** CODE_DIGITS).toString().padStart(CODE_DIGITS, '0');
    const salt = randomBytes(16);
    const hash = await scrypt(code, salt);
    // Persist before sending: a code that arrives must already be checkable.
    await savePending(userId, {
      via: 'own',
      e164,
      attempts: 0,
      expiresAt: at + CODE_TTL_MS,
      salt: salt.toString('base64'),
      hash: hash.toString('base64'),
    });
    try {
      await client.messages.create({
        messagingServiceSid: config.messagingServiceSid,
        to: e164,
        body: codeText(code, locale),
        validityPeriod: CODE_TTL_MS / 1000,
      });
    } catch (error) {
      // After a network error or a 5xx the code may still arrive, so only a definite refusal (4xx) withdraws it.
      const { status } = describeTwilioError(error);
      if (status !== undefined && status < 500) await pending.delete(userId);
      throw error;
    }
    return { ok: true, via: 'own' };
  }

  async function start(userId: string, e164: string, locale: Locale): Promise<StartResult> {
    const at = now();
    // Taken before the send and never given back (see allowance.ts): a 5xx may still have texted the code.
    const reserved = await allowance.code(userId, e164);
    if (!reserved.ok) {
      if (reserved.reason === 'rate-limited') logger.info({ userId, phone: maskPhone(e164), spent: reserved.spent }, 'verification code refused: too many sends');
      return reserved;
    }
    try {
      const result = verifySid ? await sendWithVerify(verifySid, userId, e164, locale, at) : await sendOwn(userId, e164, locale, at);
      if (result.ok) logger.info({ userId, phone: maskPhone(e164), via: result.via }, 'verification code sent');
      return result;
    } catch (error) {
      const info = describeTwilioError(error);
      logFailure('verification code not sent', userId, e164, info);
      return startFailure(info);
    }
  }

  async function check(userId: string, e164: string, typed: string): Promise<CheckResult> {
    const code = typed.replace(/[\s-]/g, '');
    const entry = await pending.get(userId);
    let result: CheckResult;
    if (!entry || entry.e164 !== e164 || now() >= entry.expiresAt) result = { ok: false, reason: 'expired' };
    else if (entry.attempts >= MAX_ATTEMPTS) result = { ok: false, reason: 'too-many-attempts' };
    else result = entry.via === 'own' ? await checkOwn(code, entry) : await checkVerify(userId, e164, code, entry.attempts);

    if (entry && entry.e164 === e164) {
      if (result.ok || (!result.ok && result.reason === 'expired')) await pending.delete(userId);
      else if (!result.ok && result.reason === 'wrong') await savePending(userId, { ...entry, attempts: entry.attempts + 1 });
      else if (!result.ok && result.reason === 'too-many-attempts') await savePending(userId, { ...entry, attempts: MAX_ATTEMPTS });
    }
    if (result.ok) logger.info({ userId, phone: maskPhone(e164) }, 'verification code confirmed');
    else if (result.reason !== 'unavailable') logger.info({ userId, phone: maskPhone(e164), reason: result.reason }, 'verification code refused');
    return result;
  }

  async function checkOwn(code: string, entry: Pending): Promise<CheckResult> {
    const expected = Buffer.from(entry.hash ?? '', 'base64');
    if (/^\d+$/.test(code) && code.length === CODE_DIGITS) {
      const candidate = await scrypt(code, Buffer.from(entry.salt ?? '', 'base64'));
      if (expected.length === candidate.length && timingSafeEqual(candidate, expected)) return { ok: true };
    }
    return wrongOrExhausted(entry.attempts + 1);
  }

  async function checkVerify(userId: string, e164: string, code: string, attempts: number): Promise<CheckResult> {
    // Verify answers 60200 to something that can't be a code; to the member it is just a wrong code.
    if (!verifySid || !/^\d{4,10}$/.test(code)) return wrongOrExhausted(attempts + 1);
    try {
      const verdict = await client.verify.v2.services(verifySid).verificationChecks.create({ to: e164, code });
      return verdict.status === 'approved' && verdict.valid !== false ? { ok: true } : wrongOrExhausted(attempts + 1);
    } catch (error) {
      const info = describeTwilioError(error);
      const result = checkFailure(info, attempts + 1);
      if (!result.ok && result.reason === 'unavailable') logFailure('verification code not checked', userId, e164, info);
      return result;
    }
  }

  return {
    start: (userId, e164, locale) => lock.run(userId, () => start(userId, e164, locale)),
    check: (userId, e164, code) => lock.run(userId, () => check(userId, e164, code)),
    pending: async (userId) => {
      const entry = await pending.get(userId);
      return entry && entry.expiresAt > now() && entry.attempts < MAX_ATTEMPTS ? entry.e164 : null;
    },
    forget: (userId) => lock.run(userId, () => pending.delete(userId)),
    forgetAll: () => options.store.deleteArea(PENDING_AREA),
  };
}

function wrongOrExhausted(attempts: number): CheckResult {
  const attemptsLeft = MAX_ATTEMPTS - attempts;
  return attemptsLeft > 0 ? { ok: false, reason: 'wrong', attemptsLeft } : { ok: false, reason: 'too-many-attempts' };
}

/** Twilio error → what the member is told when a code can't be sent (reference twilio.md §4, §5). */
function startFailure(info: TwilioErrorInfo): Exclude<StartResult, { ok: true }> {
  switch (info.code) {
    case 60203: // more than 5 sends to this number in 10 min
      return { ok: false, reason: 'rate-limited', spent: 'number', retryInMs: CODE_TTL_MS };
    case 60410: // Fraud Guard blocked the prefix
    case 60605: // Verify geo-permissions
    case 21408: // Messaging geo-permissions
    case 21610: // the number texted STOP to our service
      return { ok: false, reason: 'blocked' };
    case 60200: // invalid parameter (To)
    case 60205: // SMS not supported by a landline
    case 21211: // invalid To
    case 21614: // To is not a mobile number
    case 21268: // premium-rate number
      return { ok: false, reason: 'invalid-number' };
    default:
      return { ok: false, reason: 'unavailable' };
  }
}

function checkFailure(info: TwilioErrorInfo, attempts: number): CheckResult {
  if (info.status === 404 || info.code === 20404) return { ok: false, reason: 'expired' };
  if (info.code === 60202) return { ok: false, reason: 'too-many-attempts' };
  if (info.code === 60200) return wrongOrExhausted(attempts);
  return { ok: false, reason: 'unavailable' };
}
