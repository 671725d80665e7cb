/**
 * The one module that knows keyv. Everything else talks to the typed repositories built on `Store`.
 */
import { randomUUID } from 'node:crypto';
import { constants } from 'node:fs';
import { access, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import Keyv, { type KeyvStoreAdapter } from 'keyv';
import type { Logger } from '../log.js';
import { KeyedLock } from './keyed-lock.js';
import { PostgresAdapter } from './postgres-adapter.js';

const OPEN_TIMEOUT_MS = 10_000;

/** Finished matches' records (match, thread) and ended streams' cards are kept this long after their last change (SPEC O5). */
export const FINISHED_RETENTION_MS = 30 * 86_400_000;

export interface Store {
  /**
   * Other processes may write to this store at the same time (PostgreSQL, Redis): what a repository
   * remembers in memory can be stale there. SQLite serves one process.
   */
  readonly shared?: boolean;
  /** A typed key-value area. Keys are namespaced so repositories never collide. */
  area<T>(namespace: string): StoreArea<T>;
  /**
   * Deletes every record whose TTL has passed by `now` (ms) and answers how many went. SQLite and
   * Postgres never expire keys by themselves (keyv only drops an expired key when that key is read
   * again); Redis does, so there it does nothing.
   */
  sweep(now: number): Promise<number>;
  /** Deletes every record of one area (every member's number, when Fanfare is uninstalled). */
  deleteArea(namespace: string): Promise<void>;
  /** The keys of every record of one area (a scan: for one-off migrations, never on a hot path). */
  keys(namespace: string): Promise<string[]>;
  close(): Promise<void>;
}

/**
 * Every method rejects with a StoreError when the store cannot answer: a failed read is never "absent",
 * so a read-modify-write fails instead of overwriting what is there, and the caller retries later.
 */
export interface StoreArea<T> {
  get(key: string): Promise<T | undefined>;
  /** Many keys in one round trip per GET_MANY_BATCH keys; answers in the order asked, undefined for the absent. */
  getMany(keys: readonly string[]): Promise<(T | undefined)[]>;
  /** `ttlMs`: the value is gone after that long (pending codes, rate-limit windows). */
  set(key: string, value: T, ttlMs?: number): Promise<void>;
  delete(key: string): Promise<void>;
  /**
   * Read-modify-write of one key, serialised per key across every process on the store so two updates
   * never overwrite each other. `change` returns the new value (or undefined to delete); `ttlOf` gives the
   * new value's TTL, if it has one.
   */
  update(key: string, change: (current: T | undefined) => T | undefined, ttlOf?: (next: T) => number | undefined): Promise<T | undefined>;
}

export class StoreError extends Error {
  override name = 'StoreError';
}

/** The keyv namespace: every key in the table starts with `fanfare:`. */
const NAMESPACE = 'fanfare';

/** One kind of backing store: the keyv adapter and what keyv does not do for it. */
interface Backend {
  adapter: KeyvStoreAdapter;
  /** Runs once the connection is up, before the first read. */
  prepare(): Promise<void>;
  /** Deletes expired rows; answers how many. */
  sweep(now: number): Promise<number>;
  /** Deletes every key that starts with `prefix`. */
  deletePrefix(prefix: string): Promise<void>;
  /**
   * Runs `work` while holding `key` against every other process on the store (Postgres: an advisory
   * lock; Redis: a lock key with an expiry). SQLite serves one process (the lease refuses a second), so
   * the in-process lock is all it needs.
   */
  lockKey<R>(key: string, work: () => Promise<R>): Promise<R>;
  /** Every key that starts with `prefix`. */
  keysWithPrefix(prefix: string): Promise<string[]>;
  close(): Promise<void>;
}

/** Keys per getMany round trip: well under SQLite's bound-parameter limit and Redis' comfortable MGET size. */
const GET_MANY_BATCH = 500;

/** What @keyv/sqlite exposes besides the adapter interface: raw SQL on its connection. */
type SqlQuery = (sql: string, ...parameters: unknown[]) => Promise<unknown[]>;

export interface OpenOptions {
  /** SQLite: how long a read or write waits for another connection's lock before it fails. */
  busyTimeoutMs?: number;
  /** Tests: wraps the keyv adapter, to inject faults below keyv. */
  wrapAdapter?: (adapter: KeyvStoreAdapter) => KeyvStoreAdapter;
}

/** Opens the store named by STORE_URL; a SQLite file and its folder are created on first start. */
export async function openStore(url: string, options: OpenOptions = {}): Promise<Store> {
  const backend = await openBackend(url, options.busyTimeoutMs ?? 5000).catch((error: unknown) => {
    throw error instanceof StoreError ? error : new StoreError(`cannot open ${describeStore(url)}: ${(error as Error).message}`);
  });
  const adapter = options.wrapAdapter?.(backend.adapter) ?? backend.adapter;
  // throwOnErrors: keyv otherwise answers `undefined` when the adapter fails, and a failed read looks like "absent".
  const keyv = new Keyv({ store: adapter, namespace: NAMESPACE, useKeyPrefix: true, throwOnErrors: true });
  let failure: unknown;
  keyv.on('error', (error: unknown) => {
    failure = error;
  });
  // Fail at start, not at the first write, when the store cannot be reached.
  try {
    await Promise.race([
      backend.prepare().then(() => keyv.get('store:check')),
      sleep(OPEN_TIMEOUT_MS, undefined, { ref: false }).then(() => {
        throw new Error(`no answer within ${OPEN_TIMEOUT_MS / 1000} s`);
      }),
    ]);
  } catch (error) {
    failure = error;
  }
  if (failure) throw new StoreError(`cannot open ${describeStore(url)}: ${(failure as Error).message ?? String(failure)}`);
  return new KeyvStore(keyv, backend, !url.startsWith('sqlite://'));
}

async function openBackend(url: string, busyTimeoutMs: number): Promise<Backend> {
  if (url.startsWith('sqlite://')) {
    const file = url.slice('sqlite://'.length);
    if (file !== ':memory:') {
      const folder = path.dirname(path.resolve(file));
      await mkdir(folder, { recursive: true });
      // sqlite3 reports an unwritable file through an event keyv never surfaces: check up front.
      await access(folder, constants.W_OK);
    }
    const { default: KeyvSqlite } = await import('@keyv/sqlite');
    const sqlite = new KeyvSqlite({ uri: `sqlite://${file}`, busyTimeout: busyTimeoutMs });
    const query = sqlite.query.bind(sqlite) as SqlQuery;
    return {
      adapter: sqlite as unknown as KeyvStoreAdapter,
      // A deleted row's bytes would otherwise stay in the file until SQLite reuses the page (SPEC O6).
      prepare: async () => void (await query('PRAGMA secure_delete = ON')),
      sweep: async (now) => (await query(EXPIRED_SQLITE, `${NAMESPACE}:%`, now)).length,
      deletePrefix: async (prefix) => void (await query('DELETE FROM keyv WHERE substr(key, 1, ?) = ?', prefix.length, prefix)),
      lockKey: (_key, work) => work(),
      close: async () => undefined,
      keysWithPrefix: async (prefix) => ((await query('SELECT key FROM keyv WHERE substr(key, 1, ?) = ?', prefix.length, prefix)) as { key: string }[]).map((row) => row.key),
    };
  }
  if (/^postgres(ql)?:\/\//.test(url)) {
    const { default: pg } = await importOptional<typeof import('pg')>('pg');
    const postgres = new PostgresAdapter(quiet(new pg.Pool({ connectionString: url, max: 10, connectionTimeoutMillis: OPEN_TIMEOUT_MS })));
    // Locks hold a connection each, from a pool of their own (an update under a lock needs one more for
    // its read and write); a lock dies with its connection.
    const locks = quiet(new pg.Pool({ connectionString: url, max: 10, connectionTimeoutMillis: OPEN_TIMEOUT_MS }));
    return {
      adapter: postgres as unknown as KeyvStoreAdapter,
      prepare: async () => void (await postgres.query('SELECT 1')),
      sweep: async (now) => (await postgres.query(EXPIRED_POSTGRES, [`${NAMESPACE}:%`, now])).length,
      deletePrefix: async (prefix) => void (await postgres.query('DELETE FROM keyv WHERE left(key, $1) = $2', [prefix.length, prefix])),
      lockKey: async (key, work) => {
        const client = await locks.connect();
        let broken: Error | undefined;
        try {
          await client.query('SELECT pg_advisory_lock(hashtextextended($1, 0))', [key]);
          try {
            return await work();
          } finally {
            await client.query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [key]).catch((error: Error) => (broken = error));
          }
        } catch (error) {
          broken ??= error as Error;
          throw error;
        } finally {
          // A connection that failed is closed, not reused: closing it is what releases a lock it may still hold.
          client.release(broken);
        }
      },
      close: () => locks.end(),
      keysWithPrefix: async (prefix) => ((await postgres.query('SELECT key FROM keyv WHERE left(key, $1) = $2', [prefix.length, prefix])) as { key: string }[]).map((row) => row.key),
    };
  }
  if (/^rediss?:\/\//.test(url)) {
    const { default: KeyvRedis } = await importOptional<{ default: new (connect: object, options: object) => RedisAdapter }>('@keyv/redis');
    // Without the offline queue, a call made while Redis is unreachable fails at once (a StoreError)
    // instead of waiting for the reconnection; the client keeps reconnecting in the background.
    const redis = new KeyvRedis(
      { url, disableOfflineQueue: true, socket: { connectTimeout: OPEN_TIMEOUT_MS, reconnectStrategy: (retries: number) => Math.min(100 * 2 ** retries, 2000) } },
      { throwOnErrors: true, throwOnConnectError: true },
    );
    return {
      adapter: redis,
      prepare: async () => undefined,
      // keyv hands Redis the TTL, and Redis expires keys itself.
      sweep: async () => 0,
      // Redis has no "delete by prefix": its iterator SCANs, which tolerates keys deleted meanwhile.
      deletePrefix: async (prefix) => {
        for await (const [key] of redis.iterator?.(NAMESPACE) ?? []) {
          if (typeof key === 'string' && key.startsWith(prefix)) await redis.delete(key);
        }
      },
      lockKey: async (key, work) => {
        const client = await redis.getClient();
        const lock = `${LOCK_PREFIX}${key}`;
        const token = randomUUID();
        const deadline = Date.now() + REDIS_LOCK_WAIT_MS;
        // The expiry frees a key whose holder died; updates take milliseconds, far less than it.
        while ((await client.set(lock, token, { NX: true, PX: REDIS_LOCK_EXPIRY_MS })) !== 'OK') {
          if (Date.now() > deadline) throw new StoreError(`${key} stayed locked by another process for ${REDIS_LOCK_WAIT_MS / 1000} s`);
          await sleep(5 + Math.random() * 20);
        }
        try {
          return await work();
        } finally {
          // Only our own lock: if it expired and another process took it, theirs stays.
          await client.eval(UNLOCK_REDIS, { keys: [lock], arguments: [token] }).catch(() => undefined);
        }
      },
      close: async () => undefined,
      keysWithPrefix: async (prefix) => {
        const keys: string[] = [];
        for await (const [key] of redis.iterator?.(NAMESPACE) ?? []) if (typeof key === 'string' && key.startsWith(prefix)) keys.push(key);
        return keys;
      },
    };
  }
  throw new StoreError(`STORE_URL must start with sqlite://, postgresql:// or redis://`);
}

// keyv keeps each value as JSON `{"value":…,"expires":ms}` in the `value` column of table `keyv`.
// A row that is not JSON is left alone (its read reports it) rather than failing the whole sweep.
const EXPIRED_SQLITE = `DELETE FROM keyv WHERE key LIKE ?
  AND (CASE WHEN json_valid(value) THEN json_extract(value, '$.expires') END) < ? RETURNING key`;
const EXPIRED_POSTGRES = `DELETE FROM keyv WHERE key LIKE $1
  AND (CASE WHEN value LIKE '{%"expires":%' THEN (value::jsonb ->> 'expires')::bigint END) < $2 RETURNING key`;

/** Per-key locks on Redis live beside the data, outside keyv's `fanfare:` keys. */
const LOCK_PREFIX = 'fanfare-lock:';
const REDIS_LOCK_EXPIRY_MS = 30_000;
const REDIS_LOCK_WAIT_MS = 30_000;
const UNLOCK_REDIS = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;

/**
 * A pool emits 'error' when an idle connection drops (the server restarted); unheard, that event would
 * end the process. The calls that need a connection fail on their own, as StoreErrors.
 */
function quiet(pool: import('pg').Pool): import('pg').Pool {
  pool.on('error', () => undefined);
  return pool;
}

/** The little of node-redis used here, through @keyv/redis. */
type RedisAdapter = KeyvStoreAdapter & {
  getClient(): Promise<{
    set(key: string, value: string, options: { NX: true; PX: number }): Promise<string | null>;
    eval(script: string, options: { keys: string[]; arguments: string[] }): Promise<unknown>;
  }>;
};

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

/** Runs one store call; any failure (adapter, connection, a row that does not parse) becomes a StoreError. */
async function attempt<R>(what: string, call: () => Promise<R>): Promise<R> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof StoreError) throw error;
    throw new StoreError(`could not ${what}: ${(error as Error)?.message ?? String(error)}`, { cause: error });
  }
}

class KeyvStore implements Store {
  private readonly lock = new KeyedLock();

  constructor(
    private readonly keyv: Keyv,
    private readonly backend: Backend,
    readonly shared: boolean,
  ) {}

  area<T>(namespace: string): StoreArea<T> {
    const keyv = this.keyv;
    const full = (key: string) => `${namespace}:${key}`;
    const area: StoreArea<T> = {
      get: (key) => attempt(`read ${namespace} from the store`, async () => (await keyv.get<T>(full(key))) ?? undefined),
      getMany: (keys) =>
        attempt(`read ${namespace} from the store`, async () => {
          const found: (T | undefined)[] = [];
          for (let i = 0; i < keys.length; i += GET_MANY_BATCH) {
            const batch = keys.slice(i, i + GET_MANY_BATCH).map(full);
            for (const value of await keyv.getMany<T>(batch)) found.push(value ?? undefined);
          }
          return found;
        }),
      set: (key, value, ttlMs) =>
        attempt(`write ${namespace} to the store`, async () => {
          // keyv can also report a failed write by returning false: a write that guards an action (a post,
          // an SMS) must not be believed when it did not happen.
          if (!(await keyv.set(full(key), value, ttlMs))) throw new StoreError(`could not write ${namespace} to the store`);
        }),
      delete: (key) =>
        attempt(`delete ${namespace} from the store`, async () => {
          await keyv.delete(full(key));
        }),
      update: (key, change, ttlOf) =>
        this.lock.run(full(key), () =>
          attempt(`lock ${namespace} in the store`, () =>
            this.backend.lockKey(full(key), async () => {
              // A failed read rejects here, before `change` runs: nothing is overwritten.
              const next = change(await area.get(key));
              if (next === undefined) await area.delete(key);
              else await area.set(key, next, ttlOf?.(next));
              return next;
            }),
          ),
        ),
    };
    return area;
  }

  sweep(now: number): Promise<number> {
    return attempt('sweep expired records from the store', () => this.backend.sweep(now));
  }

  deleteArea(namespace: string): Promise<void> {
    return attempt(`delete ${namespace} from the store`, () => this.backend.deletePrefix(`${NAMESPACE}:${namespace}:`));
  }

  keys(namespace: string): Promise<string[]> {
    const prefix = `${NAMESPACE}:${namespace}:`;
    return attempt(`list ${namespace} in the store`, async () => (await this.backend.keysWithPrefix(prefix)).map((key) => key.slice(prefix.length)));
  }

  async close(): Promise<void> {
    await Promise.allSettled([this.backend.close()]);
    await this.keyv.disconnect();
  }
}

/**
 * Sweeps expired records now (what lingered while Fanfare was stopped) and then every `intervalMs`.
 * A failed sweep is logged and tried again at the next interval. Call the answer to stop.
 */
export function startSweeper(store: Store, logger: Logger, intervalMs = 3600_000, now: () => number = Date.now): () => void {
  const sweep = () =>
    store.sweep(now()).then(
      (removed) => {
        if (removed > 0) logger.info({ removed }, 'expired records removed from the store');
      },
      (error: unknown) => logger.error({ err: error }, 'store sweep failed; trying again at the next one'),
    );
  void sweep();
  const timer = setInterval(() => void sweep(), intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
