/**
 * Part 8: replicas on PostgreSQL and on Redis (throwaway servers on loopback, as in the tests).
 * - Failover time: two compiled apps (`dist/main.js`) follow a live match; the leader is SIGKILLed and
 *   the feed moves on at once; measured from the kill to the first post by the new leader (and to its
 *   "leading" log line). `FAILOVER_RUNS` runs per backend (default 10).
 * - Lease cost: two idle replicas (no live match) for a minute; the store operations the server counted
 *   (Redis: commands processed; PostgreSQL: transactions committed, one per statement here).
 * Run alone with `npm run build && npx tsx bench/failover.ts`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { createClient } from '@redis/client';
import pg from 'pg';
import { startFakeFifa, type FakeFifa } from '../test/fakes/fifa.js';
import { startFakeSlack, type FakeSlack } from '../test/fakes/slack.js';
import { serveRecordingAt, servePlayers, steps } from '../test/e2e/recorded-match.js';
import { freshPostgres, freshRedis, startPostgres, startRedis, type TestServer } from '../test/fixtures/servers.js';
import { formatTable, percentile, type Row } from './report.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const MAIN = path.join(ROOT, 'dist/main.js');
const CHANNEL = 'C0BENCH';

interface App {
  child: ChildProcess;
  waitFor(msg: (text: string) => boolean, timeoutMs: number): Promise<number>;
}

function startApp(env: Record<string, string>, cwd: string): App {
  const child = spawn(process.execPath, [MAIN], { cwd, env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'info', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const seen: { msg: string; at: number }[] = [];
  let partial = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    const lines = (partial + chunk.toString()).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) {
      try {
        seen.push({ msg: String((JSON.parse(line) as { msg: unknown }).msg), at: Date.now() });
      } catch {
        // not a log line
      }
    }
  });
  return {
    child,
    waitFor: async (match, timeoutMs) => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = seen.find((line) => match(line.msg));
        if (found) return found.at;
        if (Date.now() > deadline || child.exitCode !== null) throw new Error('app never logged what was waited for');
        await sleep(20);
      }
    },
  };
}

function kill(app: App): Promise<void> {
  if (app.child.exitCode !== null || app.child.signalCode !== null) return Promise.resolve();
  const exited = new Promise<void>((resolve) => app.child.once('exit', () => resolve()));
  app.child.kill('SIGKILL');
  return exited;
}

function env(slack: FakeSlack, fifa: FakeFifa, url: string): Record<string, string> {
  return {
    SLACK_BOT_TOKEN: slack.botToken,
    SLACK_APP_TOKEN: slack.appToken,
    SLACK_API_URL: slack.apiUrl,
    SLACK_CHANNEL: CHANNEL,
    FIFA_API_URL: fifa.url,
    FIFA_COMPETITION_ID: '17',
    FIFA_SEASON_ID: '255711',
    MATCH_POLL_SECONDS: '0.2',
    CALENDAR_POLL_SECONDS: '0.5',
    STORE_URL: url,
  };
}

function postsIn(slack: FakeSlack): number {
  return slack.channelMessages(CHANNEL).reduce((sum, parent) => sum + 1 + slack.thread(CHANNEL, parent.ts).length, 0);
}

/** Waits until the channel has taken no new post for `quietMs`. */
async function settled(slack: FakeSlack, quietMs = 1500, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let count = postsIn(slack);
  let since = Date.now();
  while (Date.now() - since < quietMs) {
    if (Date.now() > deadline) throw new Error('posts never settled');
    await sleep(100);
    if (postsIn(slack) !== count) [count, since] = [postsIn(slack), Date.now()];
  }
}

interface Failover {
  /** Kill → first post by the new leader. */
  firstPostMs: number;
  /** Kill → the new leader's "leading" log line. */
  takeoverMs: number;
}

async function oneFailover(fresh: () => Promise<{ url: string; remove: () => Promise<void> }>): Promise<Failover> {
  const [slack, fifa, store, dir] = await Promise.all([startFakeSlack(), startFakeFifa(), fresh(), mkdtemp(path.join(os.tmpdir(), 'fanfare-bench-'))]);
  const apps: App[] = [];
  try {
    servePlayers(fifa);
    const moments = steps(4);
    serveRecordingAt(fifa, moments[0] as number);
    const a = startApp(env(slack, fifa, store.url), dir);
    apps.push(a);
    await a.waitFor((msg) => msg.startsWith('leading:'), 30_000);
    const b = startApp(env(slack, fifa, store.url), dir);
    apps.push(b);
    await b.waitFor((msg) => msg === 'connected to Slack (Socket Mode)', 30_000);
    serveRecordingAt(fifa, moments[2] as number);
    await slack.waitFor(() => postsIn(slack) >= 3, 30_000);
    await settled(slack);
    const before = postsIn(slack);
    await kill(a);
    const killedAt = Date.now();
    serveRecordingAt(fifa, moments[4] as number);
    await slack.waitFor(() => postsIn(slack) > before, 60_000);
    const firstPostMs = Date.now() - killedAt;
    const takeoverMs = (await b.waitFor((msg) => msg.startsWith('leading:'), 1000)) - killedAt;
    return { firstPostMs, takeoverMs };
  } finally {
    await Promise.all(apps.map(kill));
    await Promise.all([slack.close(), fifa.close(), store.remove().catch(() => undefined), rm(dir, { recursive: true, force: true })]);
  }
}

/** Two idle replicas for `windowMs`: what the server counted. */
async function leaseCost(backend: 'postgres' | 'redis', server: TestServer, windowMs: number): Promise<number> {
  const store = backend === 'postgres' ? await freshPostgres(server.url) : await freshRedis(server.url);
  const [slack, fifa, dir] = await Promise.all([startFakeSlack(), startFakeFifa(), mkdtemp(path.join(os.tmpdir(), 'fanfare-bench-'))]);
  // The calendar and the matches polled once an hour (each match round reads the store): what is left is the lease.
  const idle = { ...env(slack, fifa, store.url), CALENDAR_POLL_SECONDS: '3600', MATCH_POLL_SECONDS: '3600' };
  const apps = [startApp(idle, dir), startApp(idle, dir)];
  try {
    fifa.setCalendar([]);
    await Promise.all(apps.map((app) => app.waitFor((msg) => msg === 'connected to Slack (Socket Mode)', 30_000)));
    await sleep(5000);
    const counter = await serverCounter(backend, store.url);
    const first = await counter.read();
    await sleep(windowMs);
    const last = await counter.read();
    await counter.close();
    return ((last - first) * 60_000) / windowMs;
  } finally {
    await Promise.all(apps.map(kill));
    await Promise.all([slack.close(), fifa.close(), store.remove().catch(() => undefined), rm(dir, { recursive: true, force: true })]);
  }
}

async function serverCounter(backend: 'postgres' | 'redis', url: string): Promise<{ read: () => Promise<number>; close: () => Promise<void> }> {
  if (backend === 'redis') {
    const client = createClient({ url });
    await client.connect();
    // Each INFO counts itself: one per read, taken off.
    const read = async () => Number(/total_commands_processed:(\d+)/.exec(await client.info('stats'))?.[1]) - 1;
    return { read, close: async () => client.destroy() };
  }
  const name = new URL(url).pathname.slice(1);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const read = async () => {
    // Statistics reach the view at most about once a second; this read commits one transaction itself.
    await sleep(1500);
    const { rows } = await client.query<{ n: string }>('SELECT pg_stat_clear_snapshot(), xact_commit AS n FROM pg_stat_database WHERE datname = $1', [name]);
    return Number(rows[0]?.n);
  };
  return { read, close: () => client.end() };
}

export interface FailoverFigures {
  runs: Record<string, Failover[]>;
  leaseOpsPerMinute: Record<string, number>;
}

export { leaseCost };

export async function runFailover(runs = Number(process.env.FAILOVER_RUNS ?? 10), leaseWindowMs = 60_000): Promise<{ rows: Row[]; figures: FailoverFigures }> {
  const figures: FailoverFigures = { runs: {}, leaseOpsPerMinute: {} };
  const rows: Row[] = [];
  for (const backend of ['postgres', 'redis'] as const) {
    const server = backend === 'postgres' ? await startPostgres() : await startRedis();
    try {
      const fresh = () => (backend === 'postgres' ? freshPostgres(server.url) : freshRedis(server.url));
      const results: Failover[] = [];
      for (let i = 0; i < runs; i++) {
        results.push(await oneFailover(fresh));
        process.stderr.write(`bench: ${backend} failover ${i + 1}/${runs}: ${JSON.stringify(results.at(-1))}\n`);
      }
      figures.runs[backend] = results;
      const first = results.map((r) => r.firstPostMs);
      const takeover = results.map((r) => r.takeoverMs);
      const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
      rows.push({
        metric: `failover on ${backend}: leader SIGKILL → first post by the new leader (${runs} runs)`,
        value: `${s(percentile(first, 50))} p50, ${s(Math.max(...first))} max (lease taken: ${s(percentile(takeover, 50))} p50)`,
        target: '< 30 s',
        ok: Math.max(...first) < 30_000,
      });
      const ops = await leaseCost(backend, server, leaseWindowMs);
      figures.leaseOpsPerMinute[backend] = ops;
      rows.push({ metric: `store ops per minute, two idle replicas on ${backend} (the lease)`, value: `${Math.round(ops)}`, target: '—', ok: null });
    } finally {
      await server.stop();
    }
  }
  return { rows, figures };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { rows, figures } = await runFailover();
  process.stdout.write(`${formatTable(rows)}\n\n${JSON.stringify(figures)}\n`);
  process.exit(0);
}
