/**
 * `npm run bench`: measures, prints a table and writes bench/results.json. It asserts nothing and exits 0;
 * a missed target shows as "NO" in the table. Everything runs on 127.0.0.1.
 */
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCompetitions } from './competitions.js';
import { runDmThroughput } from './dm-throughput.js';
import { runEventSubLatency } from './eventsub-latency.js';
import { runFailover } from './failover.js';
import { runIdleRss } from './idle-rss.js';
import { runPollingCost } from './polling-cost.js';
import { runPostingPace } from './posting-pace.js';
import { runSmsThroughput } from './sms-throughput.js';
import { runStoreSize } from './store-size.js';
import { formatTable, mb, type Row } from './report.js';
import { runTrackerThroughput } from './tracker-throughput.js';

const RESULTS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'results.json');

function machine(): Record<string, string | number> {
  const cpus = os.cpus();
  return {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    node: process.version,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    memory: mb(os.totalmem()),
  };
}

/** One part failing (a file mid-edit, a port refused) must not hide the others. */
async function part<T>(name: string, run: () => Promise<{ rows: Row[]; figures: T }> | { rows: Row[]; figures: T }) {
  const started = performance.now();
  process.stderr.write(`bench: ${name}…\n`);
  try {
    const result = await run();
    return { rows: result.rows, figures: result.figures as unknown, ms: performance.now() - started };
  } catch (error) {
    const message = (error as Error)?.stack ?? String(error);
    process.stderr.write(`bench: ${name} failed: ${message}\n`);
    const row: Row = { metric: `${name}`, value: `n/a: ${(error as Error)?.message ?? String(error)}`, target: '—', ok: false };
    return { rows: [row], figures: { error: String(error) } as unknown, ms: performance.now() - started };
  }
}

async function main(): Promise<void> {
  const host = machine();
  const throughput = await part('[1] tracker and renderer throughput', () => runTrackerThroughput());
  const polling = await part('[2] polling cost per live match-hour', () => runPollingCost());
  const idle = await part('[3] idle RSS of the app', () => runIdleRss());
  const sms = await part('[4] SMS outbox throughput', () => runSmsThroughput());
  const pace = await part('[5] posting pace of a burst', () => runPostingPace());
  const storeSize = await part('[6] store size over a season', () => runStoreSize());
  const eventsub = await part('[7] EventSub latency to card and SMS', () => runEventSubLatency());
  const competitions = await part('[8] 3 competitions × 10 live matches', () => runCompetitions());
  const failover = await part('[9] replicas: failover time and lease cost', () => runFailover());
  const dm = await part('[10] personal DMs and the audience', () => runDmThroughput());

  const rows = [...throughput.rows, ...polling.rows, ...idle.rows, ...sms.rows, ...pace.rows, ...storeSize.rows, ...eventsub.rows, ...competitions.rows, ...failover.rows, ...dm.rows];
  process.stdout.write(
    `\nFanfare benchmark — ${new Date().toISOString()}\n` +
      `machine: ${host.cpus} × ${host.cpuModel}, ${host.memory} RAM, ${host.platform}, node ${host.node}\n\n` +
      `${formatTable(rows)}\n\n`,
  );
  const results = {
    at: new Date().toISOString(),
    machine: host,
    table: rows,
    trackerThroughput: { ms: throughput.ms, ...(throughput.figures as object) },
    pollingCost: { ms: polling.ms, ...(polling.figures as object) },
    idleRss: { ms: idle.ms, ...(idle.figures as object) },
    smsThroughput: { ms: sms.ms, runs: sms.figures },
    postingPace: { ms: pace.ms, ...(pace.figures as object) },
    storeSize: { ms: storeSize.ms, ...(storeSize.figures as object) },
    eventsubLatency: { ms: eventsub.ms, ...(eventsub.figures as object) },
    competitions: { ms: competitions.ms, ...(competitions.figures as object) },
    failover: { ms: failover.ms, ...(failover.figures as object) },
    dmThroughput: { ms: dm.ms, ...(dm.figures as object) },
  };
  await writeFile(RESULTS, `${JSON.stringify(results, null, 2)}\n`);
  process.stdout.write(`figures written to ${path.relative(process.cwd(), RESULTS)}\n`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    // A benchmark reports; it does not fail the build.
    process.stderr.write(`bench: ${(error as Error)?.stack ?? String(error)}\n`);
    process.exit(0);
  },
);
