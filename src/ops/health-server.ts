/**
 * HEALTH_PORT (SPEC O4): GET /healthz for a supervisor or load balancer, GET /metrics for Prometheus.
 * Listens on every interface, so a container's health check and a scraper on the host both reach it.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Metrics } from './metrics.js';

/** A store that takes longer than this to answer a read counts as failing. */
const STORE_CHECK_TIMEOUT_MS = 2_000;

export interface HealthOptions {
  port: number;
  /** Default: all interfaces. */
  host?: string;
  metrics: Metrics;
  /** A cheap store read; it throws (or hangs) when the store is failing. */
  checkStore: () => Promise<unknown>;
}

export interface HealthStatus {
  ok: boolean;
  slack: { connected: boolean };
  store: { ok: boolean; error?: string };
  leader: boolean;
  sources: Record<string, { lastGoodPollAgeSeconds: number | null }>;
}

export interface HealthServer {
  /** The port it listens on (useful with port 0). */
  port: number;
  close(): Promise<void>;
}

export async function startHealthServer(options: HealthOptions): Promise<HealthServer> {
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const answer = async (): Promise<void> => {
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        response.writeHead(405, { allow: 'GET, HEAD' }).end();
      } else if (url.pathname === '/healthz') {
        const status = await healthStatus(options);
        response.writeHead(status.ok ? 200 : 503, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(JSON.stringify(status));
      } else if (url.pathname === '/metrics') {
        const text = await options.metrics.registry.metrics();
        response.writeHead(200, { 'content-type': options.metrics.registry.contentType }).end(text);
      } else {
        response.writeHead(404, { 'content-type': 'text/plain' }).end('not found: try /healthz or /metrics\n');
      }
    };
    answer().catch((error: unknown) => {
      if (!response.headersSent) response.writeHead(500, { 'content-type': 'text/plain' });
      response.end(`${(error as Error).message}\n`);
    });
  });
  await listen(server, options.port, options.host);
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export async function healthStatus(options: Pick<HealthOptions, 'metrics' | 'checkStore'>): Promise<HealthStatus> {
  const { metrics } = options;
  const store = await checkWithin(options.checkStore, STORE_CHECK_TIMEOUT_MS);
  const slack = { connected: metrics.isSlackConnected() };
  const sources = Object.fromEntries(metrics.watchedSources().map((source) => [source, { lastGoodPollAgeSeconds: metrics.lastGoodPollAgeSeconds(source) }]));
  return { ok: slack.connected && store.ok, slack, store, leader: metrics.isLeader(), sources };
}

async function checkWithin(check: () => Promise<unknown>, timeoutMs: number): Promise<{ ok: boolean; error?: string }> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs / 1000} s`)), timeoutMs);
  });
  try {
    await Promise.race([check(), timeout]);
    return { ok: true };
  } catch (error) {
    return { ok: false, error: (error as Error).message ?? String(error) };
  } finally {
    clearTimeout(timer);
  }
}

function listen(server: Server, port: number, host: string | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(new Error(`HEALTH_PORT: cannot listen on port ${port} (${error.code ?? error.message})`)),
    );
    server.listen(port, host, () => resolve());
  });
}
