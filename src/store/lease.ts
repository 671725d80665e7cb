/**
 * The leader lease (SPEC O3): every replica serves Slack events, and the one holding this lease runs the
 * loops and the sinks. The lease is one record in the store, taken and renewed through the store's
 * cross-process `update`, renewed every few seconds and expiring after about 15.
 *
 * Safety: a leader that cannot renew gives up at `durationMs - marginMs` after its last renewal began,
 * while the others wait for the full `durationMs` (on their own clocks, so clocks may differ by up to
 * the margin). Each new holder gets a larger token; writes through `fence()` check the token is still
 * the store's, so a leader that paused past its lease cannot overwrite its successor's records.
 */
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import type { Logger } from '../log.js';
import { StoreError, type Store, type StoreArea } from './store.js';

export interface LeaseRecord {
  holder: string;
  /** Fencing token: grows by one each time the lease changes hands. */
  token: number;
  /** ms since the epoch, on the holder's clock. */
  expiresAt: number;
}

export interface LeaseOptions {
  store: Store;
  logger: Logger;
  durationMs?: number;
  renewEveryMs?: number;
  /** How long before the lease expires the holder stops. */
  marginMs?: number;
  /**
   * SQLite: this is the only process (a second one exits at start), so a renewal that fails because the
   * file is busy does not stop it; only another holder does.
   */
  alone?: boolean;
  now?: () => number;
}

export const LEASE_DURATION_MS = 15_000;
const KEY = 'leader';

export class LeaderLease {
  /** This process, for the logs and the record: host, pid and a random part (pids repeat across containers). */
  readonly holder = `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private readonly area: StoreArea<LeaseRecord>;
  private readonly durationMs: number;
  private readonly renewEveryMs: number;
  private readonly marginMs: number;
  private readonly now: () => number;
  private held: { token: number; validUntil: number } | null = null;
  private timer: NodeJS.Timeout | undefined;
  private expiry: NodeJS.Timeout | undefined;
  private stopped = false;
  private round: Promise<unknown> = Promise.resolve();
  private onGained: (token: number) => void = () => undefined;
  private onLost: (reason: string) => void = () => undefined;

  constructor(private readonly options: LeaseOptions) {
    this.area = options.store.area<LeaseRecord>('lease');
    this.durationMs = options.durationMs ?? LEASE_DURATION_MS;
    // Renewed every third of the lease, given up a third before it ends: 5 s and 5 s of the default 15.
    this.renewEveryMs = options.renewEveryMs ?? this.durationMs / 3;
    this.marginMs = options.marginMs ?? this.durationMs / 3;
    this.now = options.now ?? Date.now;
  }

  /** Tries now, then every few seconds: to take the lease while following, to renew it while leading. */
  start(): Promise<boolean> {
    this.stopped = false;
    const first = this.tryOnce();
    this.round = first;
    this.timer = setInterval(() => {
      this.round = this.round.then(() => this.tryOnce());
    }, this.renewEveryMs);
    return first;
  }

  /**
   * `start` runs when this process becomes the leader (at once if it already is), `stop` when it no
   * longer is: by then it must stop sending.
   */
  whenLeading(start: (token: number) => void, stop: (reason: string) => void): void {
    this.onGained = start;
    this.onLost = stop;
    if (this.held && this.isLeader()) start(this.held.token);
  }

  /** Whether this process leads right now (its lease is held and not about to expire). */
  isLeader(): boolean {
    return this.held !== null && (this.options.alone === true || this.now() < this.held.validUntil);
  }

  /** The fencing token while leading. */
  get token(): number | null {
    return this.isLeader() ? (this.held?.token ?? null) : null;
  }

  /**
   * One attempt: takes the lease when it is free or expired, renews it when it is ours. Answers whether
   * this process leads afterwards. A store that fails counts as "not renewed": the expiry timer decides.
   */
  async tryOnce(): Promise<boolean> {
    if (this.stopped) return false;
    const began = this.now();
    const wasHeld = this.held;
    let record: LeaseRecord | undefined;
    let ours = false as boolean;
    try {
      record = await this.area.update(KEY, (current) => {
        const renewing = current?.holder === this.holder && wasHeld !== null && current.token === wasHeld.token;
        // ours = false also when the record names this process but it already gave the lease up.
        ours = renewing || !current || current.expiresAt <= began || (this.options.alone === true && holderIsGone(current.holder));
        if (!ours) return current;
        return { holder: this.holder, token: renewing ? (current?.token ?? 0) : (current?.token ?? 0) + 1, expiresAt: began + this.durationMs };
      });
    } catch (error) {
      if (wasHeld) this.options.logger.warn({ err: (error as Error).message }, 'could not renew the leader lease; trying again');
      return this.isLeader();
    }
    if (this.stopped) return false;
    if (ours && record) {
      this.held = { token: record.token, validUntil: began + this.durationMs - this.marginMs };
      clearTimeout(this.expiry);
      if (!this.options.alone) this.expiry = setTimeout(() => this.lose('the leader lease could not be renewed in time'), this.held.validUntil - this.now());
      if (!wasHeld) {
        this.options.logger.info({ token: record.token, holder: this.holder }, 'leading: this process now polls, posts and sends');
        this.onGained(record.token);
      }
      return true;
    }
    if (wasHeld) this.lose('another process took the leader lease');
    return false;
  }

  /**
   * Stops trying. A leader gives the lease up, so another replica takes over at its next try instead of
   * waiting for the expiry.
   */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    clearTimeout(this.expiry);
    await this.round.catch(() => undefined);
    const held = this.held;
    this.held = null;
    if (!held) return;
    await this.area
      .update(KEY, (current) => (current?.holder === this.holder && current.token === held.token ? { ...current, expiresAt: 0 } : current))
      .catch(() => undefined);
  }

  private lose(reason: string): void {
    if (!this.held) return;
    this.held = null;
    clearTimeout(this.expiry);
    this.options.logger.warn({ reason }, 'no longer leading: stopping the loops and the sinks');
    this.onLost(reason);
  }

  /**
   * The store as the loops and sinks should write to it: every write first checks that this process
   * still leads and that the store's lease still carries its token, and fails with a StoreError if not.
   * Reads go through unchecked.
   */
  fence(store: Store): Store {
    const check = async (): Promise<void> => {
      const token = this.token;
      if (token === null) throw new StoreError('not written: this process no longer leads');
      const current = await this.area.get(KEY);
      if (current?.token !== token) throw new StoreError(`not written: the leader lease moved on (token ${current?.token ?? 'none'}, ours ${token})`);
    };
    return {
      shared: store.shared,
      area: <T>(namespace: string): StoreArea<T> => {
        const area = store.area<T>(namespace);
        return {
          get: (key) => area.get(key),
          getMany: (keys) => area.getMany(keys),
          set: async (key, value, ttlMs) => {
            await check();
            await area.set(key, value, ttlMs);
          },
          delete: async (key) => {
            await check();
            await area.delete(key);
          },
          update: async (key, change, ttlOf) => {
            await check();
            return area.update(key, change, ttlOf);
          },
        };
      },
      sweep: (now) => store.sweep(now),
      deleteArea: (namespace) => store.deleteArea(namespace),
      keys: (namespace) => store.keys(namespace),
      close: () => store.close(),
    };
  }
}

/**
 * SQLite only (one machine): the holder named in the file is a process of this host that no longer runs,
 * so a restart after a crash takes over at once instead of waiting out the dead process's lease.
 */
function holderIsGone(holder: string): boolean {
  const [host, pidText] = holder.split(':');
  const pid = Number(pidText);
  if (host !== os.hostname() || !Number.isInteger(pid) || pid <= 0 || pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    // EPERM: it runs, under another user.
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}
