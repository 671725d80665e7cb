/**
 * The fake FIFA and ESPN servers in a process of their own, driven over IPC, so a benchmark measuring its
 * own CPU does not count the servers' work (serialising 330 kB summaries) as Fanfare's.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { FakeEspnRequest } from '../test/fakes/espn.js';
import type { FakeFifaRequest } from '../test/fakes/fifa.js';

type Target = 'fifa' | 'espn';
interface Call {
  id: number;
  target: Target | 'requests';
  method: string;
  args: unknown[];
}

export interface RemoteSources {
  fifaUrl: string;
  espnUrl: string;
  call(target: Target, method: string, ...args: unknown[]): Promise<void>;
  requests(): Promise<{ fifa: FakeFifaRequest[]; espn: FakeEspnRequest[] }>;
  close(): Promise<void>;
}

export async function startRemoteSources(): Promise<RemoteSources> {
  const child: ChildProcess = fork(fileURLToPath(import.meta.url), ['serve'], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const pending = new Map<number, (value: unknown) => void>();
  let next = 0;
  const ready = new Promise<{ fifaUrl: string; espnUrl: string }>((resolve) => {
    child.on('message', (message: { id?: number; ready?: { fifaUrl: string; espnUrl: string }; result?: unknown }) => {
      if (message.ready) resolve(message.ready);
      else if (message.id !== undefined) pending.get(message.id)?.(message.result);
    });
  });
  const send = (target: Call['target'], method: string, args: unknown[]): Promise<unknown> =>
    new Promise((resolve) => {
      const id = next++;
      pending.set(id, resolve);
      child.send({ id, target, method, args } satisfies Call);
    });
  const urls = await ready;
  return {
    ...urls,
    call: async (target, method, ...args) => void (await send(target, method, args)),
    requests: async () => (await send('requests', '', [])) as { fifa: FakeFifaRequest[]; espn: FakeEspnRequest[] },
    close: async () => {
      child.kill();
      await new Promise((resolve) => child.once('exit', resolve));
    },
  };
}

async function serve(): Promise<void> {
  const { startFakeFifa } = await import('../test/fakes/fifa.js');
  const { startFakeEspn } = await import('../test/fakes/espn.js');
  const fakes = { fifa: await startFakeFifa(), espn: await startFakeEspn() };
  process.on('message', (message: Call) => {
    let result: unknown = null;
    if (message.target === 'requests') result = { fifa: fakes.fifa.requests, espn: fakes.espn.requests };
    else (fakes[message.target] as unknown as Record<string, (...args: unknown[]) => unknown>)[message.method]?.(...message.args);
    process.send?.({ id: message.id, result });
  });
  process.send?.({ ready: { fifaUrl: fakes.fifa.url, espnUrl: fakes.espn.url } });
}

if (process.argv[2] === 'serve') void serve();
