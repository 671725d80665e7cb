/**
 * The one place that builds a twilio-node client (reference twilio.md §9–§10). With `TWILIO_API_URL`
 * every product (api, lookups, verify) is sent to that origin with its real path, so a single fake
 * server can stand in for all three while production code stays identical.
 */
import twilio from 'twilio';
import type RequestClient from 'twilio/lib/base/RequestClient.js';
import type { TwilioConfig } from '../config.js';

export type Twilio = twilio.Twilio;

const DEFAULT_TIMEOUT_MS = 5000;

/** Keeps the path and query, swaps the origin; the real host rides along for the fake's benefit. */
class OriginRewritingClient extends twilio.RequestClient {
  constructor(
    private readonly origin: URL,
    timeout: number,
  ) {
    // autoRetry stays off: it retries 429s only, ignores Retry-After and would hide Verify's 60202/60203.
    super({ timeout, autoRetry: false });
  }

  override request<T>(opts: RequestClient.RequestOptions<T>) {
    const real = new URL(opts.uri);
    const uri = new URL(real.pathname + real.search, this.origin).toString();
    return super.request<T>({ ...opts, uri, headers: { ...opts.headers, 'X-Twilio-Host': real.host } });
  }
}

export function createTwilioClient(config: TwilioConfig, options: { timeoutMs?: number } = {}): Twilio {
  const timeout = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const base = { autoRetry: false, timeout };
  if (config.apiUrl) {
    return twilio(config.accountSid, config.authToken, {
      ...base,
      httpClient: new OriginRewritingClient(new URL(config.apiUrl), timeout),
    });
  }
  return twilio(config.accountSid, config.authToken, base);
}

export interface TwilioErrorInfo {
  /** HTTP status, when Twilio (or a proxy) answered. */
  status?: number;
  /** Twilio's five-digit error code, when the body carried one. */
  code?: number;
  /** Safe to log: no credentials, phone numbers masked. */
  message: string;
  /** No answer at all (reset, timeout): a create may or may not have happened. */
  network: boolean;
}

const NETWORK_CODES = new Set(['ECONNRESET', 'ECONNABORTED', 'ETIMEDOUT', 'ECONNREFUSED', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'ERR_CANCELED']);

/**
 * Flattens whatever twilio-node threw. RestException is duck-typed because the RFC 9457 variant
 * (TwilioServiceException) is not exported; axios errors are read field by field because their
 * `config` carries the Basic auth header.
 */
export function describeTwilioError(error: unknown): TwilioErrorInfo {
  if (typeof error !== 'object' || error === null) return { message: scrub(String(error)), network: false };
  const e = error as Record<string, unknown>;
  // `'code' in e` alone is not enough: for a non-JSON body (a proxy's HTML 502) twilio-node sets only
  // `status`, so any non-axios error with a numeric status is an HTTP answer.
  if (typeof e.status === 'number' && ('code' in e || e.isAxiosError !== true)) {
    const code = typeof e.code === 'number' ? e.code : typeof e.code === 'string' && /^\d+$/.test(e.code) ? Number(e.code) : undefined;
    const message = typeof e.message === 'string' && e.message ? e.message : `[HTTP ${e.status}] Failed to execute request`;
    return { status: e.status, ...(code === undefined ? {} : { code }), message: scrub(message), network: false };
  }
  if (e.isAxiosError === true) {
    const errno = typeof e.code === 'string' ? e.code : undefined;
    const network = errno === undefined || NETWORK_CODES.has(errno);
    const message = typeof e.message === 'string' ? e.message : 'network error';
    return { message: scrub(errno && !message.includes(errno) ? `${errno}: ${message}` : message), network };
  }
  return { message: scrub(typeof e.message === 'string' ? e.message : String(error)), network: false };
}

/** Twilio puts the destination in some messages ("To number: +1500…, is not a mobile number"). */
function scrub(message: string): string {
  return message.replace(/\+?\d[\d ]{6,}\d/g, (digits) => {
    const plain = digits.replace(/\D/g, '');
    return `${digits.startsWith('+') ? '+' : ''}${'•'.repeat(Math.max(0, plain.length - 3))}${plain.slice(-3)}`;
  });
}
