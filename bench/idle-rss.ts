/**
 * Part 3: resident memory of the real app at rest. The compiled app (`dist/main.js`, what `npm start`
 * runs) runs as a child process the way an installer runs it, connected to the fake Slack (Socket Mode) and polling the fake FIFA calendar (no live
 * match) every second; once connected and settled, its VmRSS is read from /proc a few times.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startFakeFifa } from '../test/fakes/fifa.js';
import { startFakeSlack } from '../test/fakes/slack.js';
import { info, mb, mean, percentile, type Row } from './report.js';
import { seasonCalendar } from './season.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// What `npm start` runs: the compiled app (`npm run bench` builds it first).
const MAIN = path.join(ROOT, 'dist/main.js');

export interface IdleOptions {
  /** Wait after the Socket Mode link is up before sampling. */
  settleMs?: number;
  samples?: number;
  sampleEveryMs?: number;
  connectTimeoutMs?: number;
  targetBytes?: number;
}

export interface IdleFigures {
  ok: boolean;
  problem?: string;
  connectMs?: number;
  rssSamplesBytes: number[];
  rssMeanBytes?: number;
  rssMedianBytes?: number;
  rssMaxBytes?: number;
  /** The same sampling on a do-nothing script on plain node: what Node itself costs. */
  baselineBytes?: { node: number | null };
  /** VmHWM: the process's peak RSS so far (start-up included). */
  hwmBytes?: number;
  /** RSS of the app plus every descendant process (e.g. a transpiler service), at the last sample. */
  treeRssBytes?: number;
  descendants?: number;
  calendarRequests?: number;
  stopMs?: number;
  exit?: { code: number | null; signal: string | null };
  targetBytes: number;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** A `kB` field of /proc/<pid>/status, in bytes; null when the process is gone. */
async function statusField(pid: number, field: 'VmRSS' | 'VmHWM'): Promise<number | null> {
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
    return match?.[1] === undefined ? null : Number(match[1]) * 1024;
  } catch {
    return null;
  }
}

/** Every process whose ancestry leads to `pid`. */
async function descendantsOf(pid: number): Promise<number[]> {
  const parents = new Map<number, number>();
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = await readFile(`/proc/${entry}/stat`, 'utf8');
      // Field 4 is the ppid; the command name (field 2) may contain spaces, so read after the last ')'.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parents.set(Number(entry), ppid);
    } catch {
      // gone already
    }
  }
  const out: number[] = [];
  const frontier = [pid];
  while (frontier.length > 0) {
    const parent = frontier.pop() as number;
    for (const [child, ppid] of parents) {
      if (ppid === parent) {
        out.push(child);
        frontier.push(child);
      }
    }
  }
  return out;
}

function waitFor(check: () => boolean, child: ChildProcess, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const timer = setInterval(() => {
      if (check()) {
        clearInterval(timer);
        resolve();
      } else if (child.exitCode !== null || child.signalCode !== null) {
        clearInterval(timer);
        reject(new Error(`the app exited (code ${child.exitCode}, signal ${child.signalCode})`));
      } else if (Date.now() - started > timeoutMs) {
        clearInterval(timer);
        reject(new Error(`not connected after ${timeoutMs} ms`));
      }
    }, 50);
  });
}

/** SIGTERM, then SIGKILL if it is still there after `graceMs`. Resolves with how long it took to exit. */
async function stop(child: ChildProcess, graceMs: number): Promise<{ ms: number; code: number | null; signal: string | null }> {
  const started = Date.now();
  if (child.exitCode !== null || child.signalCode !== null) return { ms: 0, code: child.exitCode, signal: child.signalCode };
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const killer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  child.kill('SIGTERM');
  await exited;
  clearTimeout(killer);
  return { ms: Date.now() - started, code: child.exitCode, signal: child.signalCode };
}

/** RSS of a script that only keeps the event loop alive, after `settleMs`: what the runtime alone costs. */
async function baselineRss(flags: string[], dir: string, settleMs: number): Promise<number | null> {
  const script = path.join(dir, 'idle.ts');
  await writeFile(script, 'setInterval(() => undefined, 1000);\n');
  const child = spawn(process.execPath, [...flags, script], { cwd: dir, env: { PATH: process.env.PATH ?? '' }, stdio: 'ignore' });
  try {
    await sleep(Math.min(settleMs, 3000));
    return child.pid === undefined ? null : await statusField(child.pid, 'VmRSS');
  } finally {
    await stop(child, 2000);
  }
}

export async function runIdleRss(options: IdleOptions = {}): Promise<{ rows: Row[]; figures: IdleFigures }> {
  const settleMs = options.settleMs ?? 5000;
  const samples = options.samples ?? 5;
  const every = options.sampleEveryMs ?? 1000;
  const targetBytes = options.targetBytes ?? 150e6;
  const figures: IdleFigures = { ok: false, rssSamplesBytes: [], targetBytes };

  const fifa = await startFakeFifa();
  const slack = await startFakeSlack();
  const dir = await mkdtemp(path.join(os.tmpdir(), 'fanfare-bench-'));
  let child: ChildProcess | undefined;
  let output = '';
  try {
    // No live match: the whole season lies a month ahead.
    fifa.setCalendar(seasonCalendar(104, Date.now() + 30 * 24 * 3600_000));
    const started = Date.now();
    child = spawn(process.execPath, [MAIN], {
      cwd: dir,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? dir,
        SLACK_BOT_TOKEN: slack.botToken,
        SLACK_APP_TOKEN: slack.appToken,
        SLACK_API_URL: slack.apiUrl,
        SLACK_CHANNEL: 'C0BENCH',
        FIFA_API_URL: fifa.url,
        CALENDAR_POLL_SECONDS: '1',
        LOG_LEVEL: 'warn',
        STORE_URL: `sqlite://${path.join(dir, 'bench.sqlite')}`,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const keep = (chunk: Buffer): void => {
      output = (output + chunk.toString()).slice(-4000);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);

    await waitFor(() => slack.connections >= 1, child, options.connectTimeoutMs ?? 60_000);
    figures.connectMs = Date.now() - started;
    await sleep(settleMs);
    const calendarBefore = fifa.requests.filter((r) => r.path.includes('/calendar/')).length;
    const pid = child.pid as number;
    for (let i = 0; i < samples; i += 1) {
      if (i > 0) await sleep(every);
      const rss = await statusField(pid, 'VmRSS');
      if (rss === null) throw new Error('the app exited while being sampled');
      figures.rssSamplesBytes.push(rss);
    }
    figures.calendarRequests = fifa.requests.filter((r) => r.path.includes('/calendar/')).length - calendarBefore;
    figures.hwmBytes = (await statusField(pid, 'VmHWM')) ?? undefined;
    const descendants = await descendantsOf(pid);
    let tree = figures.rssSamplesBytes.at(-1) as number;
    for (const d of descendants) tree += (await statusField(d, 'VmRSS')) ?? 0;
    figures.treeRssBytes = tree;
    figures.descendants = descendants.length;
    figures.rssMeanBytes = mean(figures.rssSamplesBytes);
    figures.rssMedianBytes = percentile(figures.rssSamplesBytes, 50);
    figures.rssMaxBytes = Math.max(...figures.rssSamplesBytes);
    figures.ok = true;
    figures.baselineBytes = {
      node: await baselineRss([], dir, settleMs),
    };
  } catch (error) {
    figures.problem = `${(error as Error).message}${output ? `; last output: ${output.trim().slice(-600)}` : ''}`;
  } finally {
    if (child !== undefined) {
      const stopped = await stop(child, 12_000);
      figures.stopMs = stopped.ms;
      figures.exit = { code: stopped.code, signal: stopped.signal };
    }
    await slack.close();
    await fifa.close();
    await rm(dir, { recursive: true, force: true });
  }
  return { rows: rows(figures), figures };
}

function rows(f: IdleFigures): Row[] {
  const target = `< ${mb(f.targetBytes)}`;
  if (!f.ok || f.rssMeanBytes === undefined) {
    return [{ metric: '[3] idle RSS of the app', value: `n/a: ${f.problem ?? 'unknown problem'}`, target, ok: false }];
  }
  const out: Row[] = [
    info('[3] app connected (Socket Mode) after', `${((f.connectMs ?? 0) / 1000).toFixed(1)} s`),
    {
      metric: `[3] idle RSS of the app (VmRSS, ${f.rssSamplesBytes.length} samples)`,
      value: `${mb(f.rssMedianBytes ?? 0)} median, ${mb(f.rssMeanBytes)} mean (samples ${f.rssSamplesBytes.map((b) => (b / 1e6).toFixed(0)).join(', ')} MB)`,
      target,
      ok: (f.rssMedianBytes ?? 0) < f.targetBytes,
    },
    info('[3] peak RSS since start (VmHWM)', f.hwmBytes === undefined ? 'n/a' : mb(f.hwmBytes)),
    info('[3] RSS incl. child processes (last sample)', `${mb(f.treeRssBytes ?? 0)} (${f.descendants ?? 0} child process${f.descendants === 1 ? '' : 'es'})`),
    info(
      '[3] baseline: an idle script on plain node',
      `${f.baselineBytes?.node == null ? 'n/a' : mb(f.baselineBytes.node)}`,
    ),
    info('[3] calendar polls while sampled (CALENDAR_POLL_SECONDS=1)', String(f.calendarRequests ?? 0)),
  ];
  if (f.stopMs !== undefined) {
    out.push({
      metric: '[3] stop after SIGTERM',
      value: `${(f.stopMs / 1000).toFixed(1)} s (exit ${f.exit?.code ?? f.exit?.signal ?? '?'})`,
      target: '< 10 s',
      ok: f.stopMs < 10_000 && f.exit?.signal !== 'SIGKILL',
    });
  }
  return out;
}
