/**
 * Twilio errors in classes, decided once (twilio.md §5, §9; SPEC S4): HTTP class first, then the code.
 * A destination error concerns one number and never pauses anyone else; only account errors pause.
 */
import type { Twilio, TwilioErrorInfo } from './twilio-client.js';

// ---------------------------------------------------------------------------------------------------------
// Twilio errors → what the outbox does (reference twilio.md §5, §9: HTTP class first, then the code)

export type SendFailure =
  /** Never processed (429, 21611 queue full): safe to send again later. */
  | { kind: 'throttled'; retryAfterMs?: number }
  /** No answer, or a 5xx: the SMS may exist. Reconcile before sending again. */
  | { kind: 'unknown' }
  | { kind: 'opted-out' }
  /** Permanent for this number only: that member's subscription fails, nobody else is touched. */
  | { kind: 'number'; reason: string }
  /** Our account or messaging service: pause everything. */
  | { kind: 'config'; reason: string }
  /** Refused for good, but about this message only (content, parameters). */
  | { kind: 'rejected'; reason: string };

const NUMBER_ERRORS: Record<number, string> = {
  21211: 'invalid number',
  21214: 'number cannot be reached',
  21265: 'short code destination',
  21268: 'premium-rate number',
  21407: 'number does not support SMS',
  21408: 'destination country not enabled (Geo Permissions)',
  21606: 'sender cannot send to this destination',
  21612: 'number not reachable from this sender',
  21614: 'not a mobile number',
  30004: 'blocked by recipient or carrier',
  30005: 'unknown or inactive number',
  30006: 'landline or unreachable carrier',
};

const CONFIG_ERRORS: Record<number, string> = {
  20003: 'authentication failed',
  20005: 'account not active',
  20404: 'account or service not found',
  21212: 'invalid sender',
  21701: 'messaging service not found',
  21703: 'messaging service has no sender available',
  21704: 'messaging service has no senders',
  21705: 'invalid messaging service',
  30002: 'account suspended',
};

export const OPTED_OUT = 21610;
const QUEUE_FULL = 21611;

export function classifyTwilioError(info: TwilioErrorInfo & { retryAfterMs?: number }): SendFailure {
  const { status, code } = info;
  if (status === undefined) return { kind: 'unknown' };
  if (status === 429) return info.retryAfterMs === undefined ? { kind: 'throttled' } : { kind: 'throttled', retryAfterMs: info.retryAfterMs };
  if (status >= 500) return { kind: 'unknown' };
  if (code === OPTED_OUT) return { kind: 'opted-out' };
  if (code === QUEUE_FULL) return { kind: 'throttled' };
  if (code !== undefined && NUMBER_ERRORS[code]) return { kind: 'number', reason: `${code} ${NUMBER_ERRORS[code]}` };
  if (code !== undefined && CONFIG_ERRORS[code]) return { kind: 'config', reason: `${code} ${CONFIG_ERRORS[code]}` };
  // Credentials or permissions, whatever the code says.
  if (status === 401 || status === 403) return { kind: 'config', reason: `${code ?? `HTTP ${status}`} not authorised` };
  if (status === 404) return { kind: 'config', reason: `${code ?? 'HTTP 404'} account or service not found` };
  return { kind: 'rejected', reason: `${code ?? `HTTP ${status}`} refused` };
}

// ---------------------------------------------------------------------------------------------------------
// Retry-After: twilio-node's RestException drops the response headers, so the Messages API's error path
// is wrapped once per client to carry the header along. Without it (an SDK change) backoff still applies.

const RETRY_AFTER_HOOKED = Symbol.for('fanfare.twilio.retryAfter');

export interface WithRetryAfter {
  retryAfterMs?: number;
}

export function parseRetryAfter(value: unknown, nowMs = Date.now()): number | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  if (typeof text !== 'string' && typeof text !== 'number') return undefined;
  const raw = String(text).trim();
  if (/^\d+(\.\d+)?$/.test(raw)) return Number(raw) * 1000;
  const at = Date.parse(raw);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}

export function exposeRetryAfter(client: Twilio): void {
  const version = (client.api as unknown as { v2010?: Record<PropertyKey, unknown> }).v2010;
  if (!version || version[RETRY_AFTER_HOOKED] || typeof version.throwException !== 'function') return;
  const original = version.throwException as (response: { headers?: Record<string, unknown> }) => never;
  version.throwException = function throwWithRetryAfter(this: unknown, response: { headers?: Record<string, unknown> }) {
    try {
      return original.call(this, response);
    } catch (error) {
      const retryAfterMs = parseRetryAfter(response?.headers?.['retry-after']);
      if (retryAfterMs !== undefined && typeof error === 'object' && error !== null) (error as WithRetryAfter).retryAfterMs = retryAfterMs;
      throw error;
    }
  };
  version[RETRY_AFTER_HOOKED] = true;
}

/** Longest Twilio may hold a member back: never beyond a minute, nor past what is left of the validity. */
const MAX_RETRY_AFTER_MS = 60_000;

export function clampRetryAfter(ms: number, validityLeftMs: number): number {
  const cap = Math.min(MAX_RETRY_AFTER_MS, Math.max(0, validityLeftMs));
  return Number.isFinite(ms) ? Math.min(Math.max(0, ms), cap) : cap;
}
