/**
 * The HTTP client every football provider uses (FIFA, ESPN): a User-Agent, a timeout, retries with jittered
 * backoff on 5xx, network errors and timeouts, and counters of requests and bytes for the benchmark.
 */
import got, { type Got, type RetryObject } from 'got';

/** 5xx only: a 4xx will not get better by asking again within the same poll. */
const RETRY_STATUS_CODES = Array.from({ length: 100 }, (_, i) => 500 + i);

export interface FeedHttpOptions {
  userAgent: string;
  timeoutMs?: number | undefined;
  retries?: number | undefined;
  /** First retry delay; doubles each attempt (plus jitter), up to `retryMaxMs`. */
  retryBaseMs?: number | undefined;
  retryMaxMs?: number | undefined;
  /** Counted as the client works. */
  counters: { requests: number; bytes: number };
}

export function createFeedHttp(options: FeedHttpOptions): Got {
  const retryBaseMs = options.retryBaseMs ?? 250;
  const retryMaxMs = options.retryMaxMs ?? 5000;
  const { counters } = options;
  return got.extend({
    headers: { 'user-agent': options.userAgent, accept: 'application/json' },
    timeout: { request: options.timeoutMs ?? 10_000 },
    // A buffer, not 'json': bytes are counted, and bad JSON becomes a logged null instead of a retry.
    responseType: 'buffer',
    retry: {
      limit: options.retries ?? 2,
      methods: ['GET'],
      statusCodes: RETRY_STATUS_CODES,
      calculateDelay: ({ attemptCount, computedValue }: RetryObject) => {
        // got computes 0 when the error is not retryable or the limit is reached: respect that.
        if (computedValue <= 0) return 0;
        const exponential = Math.min(retryMaxMs, retryBaseMs * 2 ** (attemptCount - 1));
        return Math.max(1, exponential + Math.random() * retryBaseMs);
      },
    },
    hooks: {
      beforeRequest: [
        () => {
          counters.requests += 1;
        },
      ],
      afterResponse: [
        (response) => {
          counters.bytes += response.rawBody?.length ?? 0;
          return response;
        },
      ],
    },
  });
}
