/**
 * Phone numbers: local parsing (SPEC S2: an unparsable number never reaches Twilio), masking for logs
 * and the App Home (SPEC X1), and the Lookup v2 line-type check.
 */
import {
  isSupportedCountry,
  parsePhoneNumberFromString,
  validatePhoneNumberLength,
  type CountryCode,
} from 'libphonenumber-js/max';
import type { Logger } from '../log.js';
import { describeTwilioError, type Twilio } from './twilio-client.js';

export type { CountryCode };

export type ParseFailure = 'empty' | 'unparsable' | 'too-short' | 'too-long' | 'invalid-country' | 'invalid';
export type ParsedPhone = { ok: true; e164: string; country?: CountryCode } | { ok: false; reason: ParseFailure };

/** What people type between digits; anything else (letters, `#`, `*`) is refused rather than guessed at. */
const SEPARATORS = /[\s\u00a0\u2000-\u200b\-\u2010-\u2015.()/]/g;

/**
 * Reads a number as typed: `+44 7400 123456`, `(415) 992-9960`, `0044 7400 123456`, or a national
 * number in `defaultCountry` (taken from the member's Slack locale).
 */
export function parsePhone(input: string, defaultCountry?: CountryCode): ParsedPhone {
  const compact = input.trim().replace(SEPARATORS, '').replace(/^00/, '+').replace(/^\uff0b/, '+');
  if (compact === '') return { ok: false, reason: 'empty' };
  if (!/^\+?\d+$/.test(compact)) return { ok: false, reason: 'unparsable' };
  const country = defaultCountry && isSupportedCountry(defaultCountry) ? defaultCountry : undefined;
  if (!compact.startsWith('+') && country === undefined) return { ok: false, reason: 'invalid-country' };

  switch (validatePhoneNumberLength(compact, country)) {
    case 'TOO_SHORT':
      return { ok: false, reason: 'too-short' };
    case 'TOO_LONG':
      return { ok: false, reason: 'too-long' };
    case 'INVALID_COUNTRY':
      return { ok: false, reason: 'invalid-country' };
    case 'NOT_A_NUMBER':
      return { ok: false, reason: 'unparsable' };
    case 'INVALID_LENGTH':
      return { ok: false, reason: 'invalid' };
    default:
      break;
  }
  const number = parsePhoneNumberFromString(compact, country);
  if (!number) return { ok: false, reason: 'unparsable' };
  if (!number.isValid()) return { ok: false, reason: 'invalid' };
  return number.country ? { ok: true, e164: number.number, country: number.country } : { ok: true, e164: number.number };
}

/**
 * Slack locales are `language-REGION` (`en-GB`, `pt-BR`). Slack's `es-LA` means "Latin America", not
 * Laos, so it gives no country.
 */
export function countryOfSlackLocale(locale?: string): CountryCode | undefined {
  const region = locale?.trim().split(/[-_]/)[1]?.toUpperCase();
  if (!region || !/^[A-Z]{2}$/.test(region) || region === 'LA') return undefined;
  return isSupportedCountry(region) ? region : undefined;
}

/** `+447400123456` → `+44 ••••••• 456`: enough to recognise one's own number, useless to anyone else. */
export function maskPhone(e164: string): string {
  const digits = e164.replace(/\D/g, '');
  const parsed = parsePhoneNumberFromString(`+${digits}`);
  const callingCode = parsed?.countryCallingCode;
  const national = callingCode && digits.startsWith(callingCode) ? digits.slice(callingCode.length) : digits;
  const shown = national.length > 3 ? national.slice(-3) : '';
  const hidden = '•'.repeat(national.length - shown.length);
  return `+${callingCode ? `${callingCode} ` : ''}${hidden}${shown ? ` ${shown}` : ''}`;
}

export type LookupRefusal = 'invalid' | 'landline' | 'voip' | 'not-mobile' | 'unavailable';
export type LookupResult = { ok: true; e164: string } | { ok: false; reason: LookupRefusal };

/** Line type intelligence is not approved for this number's country (Canada needs special approval). */
const LTI_NOT_APPROVED = 60601;

/**
 * Lookup v2 with line type intelligence. Only mobiles can receive alerts; when Twilio cannot tell the
 * line type the number is accepted, because the code check still proves someone reads SMS there.
 * `e164` must come from parsePhone(): the SDK throws on `/` or `?` in the path.
 */
export async function lookupPhone(client: Twilio, e164: string, logger: Logger): Promise<LookupResult> {
  const phone = maskPhone(e164);
  let result;
  try {
    result = await client.lookups.v2.phoneNumbers(e164).fetch({ fields: 'line_type_intelligence' });
  } catch (error) {
    const info = describeTwilioError(error);
    const fields = { phone, status: info.status, twilioCode: info.code, error: info.message };
    if (info.code === LTI_NOT_APPROVED) {
      logger.info(fields, 'Lookup cannot tell the line type here; relying on the code check');
      return { ok: true, e164 };
    }
    if (info.status === 404) {
      logger.info(fields, 'Lookup does not know this number');
      return { ok: false, reason: 'invalid' };
    }
    const ours = info.status !== undefined && info.status < 500 && info.status !== 429;
    // 401/403 and friends are our configuration, not the member's number: say so loudly.
    if (ours) logger.error(fields, 'Lookup refused the request');
    else logger.warn({ ...fields, network: info.network }, 'Lookup unavailable');
    return { ok: false, reason: 'unavailable' };
  }

  if (result.valid === false) return { ok: false, reason: 'invalid' };
  const checked = typeof result.phoneNumber === 'string' && /^\+\d+$/.test(result.phoneNumber) ? result.phoneNumber : e164;
  const lti = result.lineTypeIntelligence as { type?: string | null; errorCode?: number | null; error_code?: number | null } | null;
  const type = lti?.type ?? undefined;
  switch (type) {
    case 'mobile':
      return { ok: true, e164: checked };
    case 'nonFixedVoip':
      return { ok: false, reason: 'voip' };
    case 'landline':
      return { ok: false, reason: 'landline' };
    case undefined:
    case 'unknown': {
      const ltiError = lti?.errorCode ?? lti?.error_code ?? undefined;
      logger.info({ phone, twilioCode: ltiError }, ltiError === LTI_NOT_APPROVED
        ? 'Lookup cannot tell the line type here; relying on the code check'
        : 'Lookup gave no line type; relying on the code check');
      return { ok: true, e164: checked };
    }
    default:
      // fixedVoip, tollFree, premium, pager, voicemail…: SMS would fail at send or cost a premium.
      return { ok: false, reason: 'not-mobile' };
  }
}
