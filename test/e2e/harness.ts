/**
 * Runs the real app (`src/main.ts`) as a child process, configured only through environment variables,
 * the way an installer runs it. Logs are pino JSON lines on stdout.
 */
import { randomUUID } from 'node:crypto';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { FakeSlack } from '../fakes/slack.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const MAIN = path.join(ROOT, 'src/main.ts');
// tsx's loader by path: the app runs in a temp working directory where `tsx` would not resolve.
const TSX = pathToFileURL(path.join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href;

export interface LogLine {
  level: number;
  msg: string;
  [key: string]: unknown;
}

export interface RunningApp {
  process: ChildProcess;
  logs: LogLine[];
  /** Everything printed on stdout, raw (the demo prints text, the app prints JSON). */
  stdout(): string;
  stderr(): string;
  waitForLog(predicate: (line: LogLine) => boolean, timeoutMs?: number): Promise<LogLine>;
  waitForOutput(text: string, timeoutMs?: number): Promise<void>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  kill(signal?: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** A working directory of its own (no stray .env) that is removed afterwards. */
export async function tempDir(): Promise<{ dir: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'fanfare-e2e-'));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

/**
 * No test reaches the internet: a test that names no competition follows the (fake) FIFA World Cup only,
 * and ESPN points nowhere unless the test gives it the fake ESPN.
 */
function offlineFootball(env: Record<string, string>): Record<string, string> {
  const named = env.COMPETITIONS !== undefined || env.FIFA_COMPETITION_ID !== undefined || env.FIFA_SEASON_ID !== undefined;
  return { ...(named ? {} : { COMPETITIONS: 'fifa:17' }), ESPN_API_URL: 'http://127.0.0.1:9/espn' };
}

export function startApp(env: Record<string, string>, cwd: string): RunningApp {
  const child = spawn(process.execPath, ['--import', TSX, MAIN], {
    cwd,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'debug', ...offlineFootball(env), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: LogLine[] = [];
  let out = '';
  let err = '';
  let partial = '';
  const waiters = new Set<() => void>();
  const notify = () => waiters.forEach((w) => w());
  child.stdout?.on('data', (chunk: Buffer) => {
    out += chunk.toString();
    partial += chunk.toString();
    const lines = partial.split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) {
      if (!line.startsWith('{')) continue;
      try {
        logs.push(JSON.parse(line) as LogLine);
      } catch {
        // not a log line
      }
    }
    notify();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    err += chunk.toString();
    notify();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => {
      notify();
      resolve({ code, signal });
    }),
  );

  function waitUntil<T>(check: () => T | undefined, what: string, timeoutMs: number): Promise<T> {
    return new Promise((resolve, reject) => {
      const attempt = () => {
        const found = check();
        if (found !== undefined) {
          cleanup();
          resolve(found);
        } else if (child.exitCode !== null || child.signalCode !== null) {
          cleanup();
          reject(new Error(`app exited before ${what}\nstderr: ${err}\nlast logs: ${out.slice(-3000)}`));
        }
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`timed out waiting for ${what}\nstderr: ${err}\nlast logs: ${out.slice(-3000)}`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        waiters.delete(attempt);
      };
      waiters.add(attempt);
      attempt();
    });
  }

  return {
    process: child,
    logs,
    stdout: () => out,
    stderr: () => err,
    exited,
    waitForLog: (predicate, timeoutMs = 15_000) => waitUntil(() => logs.find(predicate), 'a log line', timeoutMs),
    waitForOutput: async (text, timeoutMs = 15_000) => {
      await waitUntil(() => (out.includes(text) ? true : undefined), `output "${text}"`, timeoutMs);
    },
    kill: (signal = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

/** A member types `/fanfare <text>`; answers what Fanfare said back (through the response URL), as JSON. */
export async function slashCommand(slack: FakeSlack, userId: string, text: string): Promise<string> {
  const id = randomUUID();
  await slack.sendEnvelope('slash_commands', {
    command: '/fanfare',
    text,
    user_id: userId,
    user_name: userId.toLowerCase(),
    channel_id: 'C0CHAT',
    team_id: slack.teamId,
    trigger_id: `${Date.now()}.${randomUUID()}`,
    response_url: slack.responseUrl(id),
  });
  await slack.waitFor(() => slack.responses.some((r) => r.id === id), 10_000);
  return JSON.stringify(slack.responses.find((r) => r.id === id)?.body);
}

/**
 * A member uses an element of their App Home (a block_actions envelope, as Slack sends it); resolves once
 * Fanfare has published their Home again.
 */
export async function homeAction(slack: FakeSlack, userId: string, blockId: string, action: Record<string, unknown>): Promise<void> {
  const publishes = () => slack.calls.filter((c) => c.method === 'views.publish' && c.args.user_id === userId).length;
  const before = publishes();
  await slack.sendEnvelope('interactive', {
    type: 'block_actions',
    user: { id: userId, username: userId.toLowerCase(), name: userId.toLowerCase(), team_id: slack.teamId },
    api_app_id: slack.appId,
    team: { id: slack.teamId, domain: 'fanfare' },
    trigger_id: `${Date.now()}.1`,
    container: { type: 'view', view_id: 'VHOME' },
    view: { id: 'VHOME', type: 'home', hash: 'x', private_metadata: '', callback_id: '', state: { values: {} } },
    actions: [{ block_id: blockId, action_ts: '1.2', ...action }],
  });
  await slack.waitFor(() => publishes() > before, 10_000);
}
