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

/**
 * The parsed bodies of the last answers that carried an ETag, by URL, so a 304 costs no parsing; the least
 * recently used is dropped first. Size 0 keeps nothing.
 */
export class EtagCache {
  private readonly entries = new Map<string, { etag: string; body: unknown }>();

  constructor(private readonly size: number) {}

  get(url: string): { etag: string; body: unknown } | undefined {
    return this.entries.get(url);
  }

  /** Keeps a body (used again: it moves to the newest end); an answer without an ETag forgets the URL. */
  remember(url: string, etag: string | undefined, body: unknown): void {
    this.entries.delete(url);
    if (etag === undefined || this.size === 0) return;
    this.entries.set(url, { etag, body });
    while (this.entries.size > this.size) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) return;
      this.entries.delete(oldest);
    }
  }
}

export interface ConditionalAnswer {
  statusCode: number;
  body: Buffer;
  etag: string | undefined;
  /** What the cache held for this URL when asking (a 304 means: this). */
  cached: { etag: string; body: unknown } | undefined;
}

/** GET with If-None-Match when the cache holds the URL; throws what got throws. */
export async function conditionalGet(http: Got, url: string, cache: EtagCache): Promise<ConditionalAnswer> {
  const cached = cache.get(url);
  const headers: Record<string, string> = cached ? { 'if-none-match': cached.etag } : {};
  const response = await http.get(url, { headers, responseType: 'buffer' });
  const header = response.headers.etag;
  return { statusCode: response.statusCode, body: response.body, etag: typeof header === 'string' && header !== '' ? header : undefined, cached };
}
