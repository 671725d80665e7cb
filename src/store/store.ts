/**
 * The one module that knows keyv. Everything else talks to the typed repositories built on `Store`.
 */
import { constants } from 'node:fs';
import { access, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import Keyv, { type KeyvStoreAdapter } from 'keyv';
import { KeyedLock } from './keyed-lock.js';

const OPEN_TIMEOUT_MS = 10_000;

export interface Store {
  /** A typed key-value area. Keys are namespaced so repositories never collide. */
  area<T>(namespace: string): StoreArea<T>;
  close(): Promise<void>;
}

export interface StoreArea<T> {
  get(key: string): Promise<T | undefined>;
  /** `ttlMs`: the value is gone after that long (pending codes, rate-limit windows). */
  set(key: string, value: T, ttlMs?: number): Promise<void>;
  delete(key: string): Promise<void>;
  /**
   * Read-modify-write of one key, serialised per key within this process so two updates never
   * overwrite each other. `change` returns the new value (or undefined to delete).
   */
  update(key: string, change: (current: T | undefined) => T | undefined): Promise<T | undefined>;
}

export class StoreError extends Error {}

/** Opens the store named by STORE_URL; a SQLite file and its folder are created on first start. */
export async function openStore(url: string): Promise<Store> {
  const adapter = await openAdapter(url).catch((error: unknown) => {
    throw error instanceof StoreError ? error : new StoreError(`cannot open ${describeStore(url)}: ${(error as Error).message}`);
  });
  const keyv = new Keyv({ store: adapter, namespace: 'fanfare', useKeyPrefix: true });
  let failure: unknown;
  keyv.on('error', (error: unknown) => {
    failure = error;
  });
  // Fail at start, not at the first write, when the store cannot be reached.
  try {
    await Promise.race([
      keyv.get('store:check'),
      sleep(OPEN_TIMEOUT_MS, undefined, { ref: false }).then(() => {
        throw new Error(`no answer within ${OPEN_TIMEOUT_MS / 1000} s`);
      }),
    ]);
  } catch (error) {
    failure = error;
  }
  if (failure) throw new StoreError(`cannot open ${describeStore(url)}: ${(failure as Error).message ?? String(failure)}`);
  return new KeyvStore(keyv);
}

async function openAdapter(url: string): Promise<KeyvStoreAdapter> {
  if (url.startsWith('sqlite://')) {
    const file = url.slice('sqlite://'.length);
    if (file !== ':memory:') {
      const folder = path.dirname(path.resolve(file));
      await mkdir(folder, { recursive: true });
      // sqlite3 reports an unwritable file through an event keyv never surfaces: check up front.
      await access(folder, constants.W_OK);
    }
    const { default: KeyvSqlite } = await import('@keyv/sqlite');
    return new KeyvSqlite({ uri: `sqlite://${file}`, busyTimeout: 5000 }) as unknown as KeyvStoreAdapter;
  }
  if (/^postgres(ql)?:\/\//.test(url)) {
    const { default: KeyvPostgres } = await importOptional<{ default: new (uri: string) => KeyvStoreAdapter }>('@keyv/postgres');
    return new KeyvPostgres(url);
  }
  if (/^rediss?:\/\//.test(url)) {
    const { default: KeyvRedis } = await importOptional<{ default: new (uri: string) => KeyvStoreAdapter }>('@keyv/redis');
    return new KeyvRedis(url);
  }
  throw new StoreError(`STORE_URL must start with sqlite://, postgresql:// or redis://`);
}

async function importOptional<T>(name: string): Promise<T> {
  try {
    return (await import(name)) as T;
  } catch {
    throw new StoreError(`${name} is not installed: run npm install ${name}`);
  }
}

/** The URL without credentials, for messages. */
export function describeStore(url: string): string {
  return url.replace(/\/\/[^@/]*@/, '//***@');
}

class KeyvStore implements Store {
  private readonly lock = new KeyedLock();

  constructor(private readonly keyv: Keyv) {}

  area<T>(namespace: string): StoreArea<T> {
    const keyv = this.keyv;
    const full = (key: string) => `${namespace}:${key}`;
    const area: StoreArea<T> = {
      get: async (key) => (await keyv.get<T>(full(key))) ?? undefined,
      set: async (key, value, ttlMs) => {
        // keyv reports a failed write by returning false (and an error event), not by throwing: a write that
        // guards an action (a post, an SMS) must not be believed when it did not happen.
        if (!(await keyv.set(full(key), value, ttlMs))) throw new StoreError(`could not write ${namespace} to the store`);
      },
      delete: async (key) => {
        await keyv.delete(full(key));
      },
      update: (key, change) =>
        this.lock.run(full(key), async () => {
          const next = change(await area.get(key));
          if (next === undefined) await area.delete(key);
          else await area.set(key, next);
          return next;
        }),
    };
    return area;
  }

  async close(): Promise<void> {
    await this.keyv.disconnect();
  }
}
