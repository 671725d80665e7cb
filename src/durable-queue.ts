/**
 * Work recorded in the store before it is done, then done in the background: a worker that fails or hangs
 * never holds up whoever queued the work, and what was not done is tried again, after a restart too.
 * Used for the SMS fan-out of match and stream alerts, so the match thread never waits for it (audit
 * finding 10). The worker must be idempotent per item: an item whose outcome is unknown is worked again.
 */
import type { Logger } from './log.js';
import type { StoreArea } from './store/store.js';

export interface DurableQueueOptions<T> {
  area: StoreArea<T[]>;
  key: string;
  /** Items with the same identity are queued once. */
  identity(item: T): string;
  work(items: T[]): Promise<void>;
  /** After a failure, the next try comes this long after. */
  retryMs: number;
  /** A worker that has not answered after this long counts as failed (it may still finish: hence idempotent). */
  timeoutMs: number;
  logger: Logger;
  /** For the logs: "SMS fan-out". */
  what: string;
}

export class DurableQueue<T> {
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;
  private retryTimer: NodeJS.Timeout | undefined;

  constructor(private readonly options: DurableQueueOptions<T>) {}

  /** Records `items` durably (once per identity); resolves when they are in the store. */
  async add(items: T[]): Promise<void> {
    if (items.length === 0) return;
    const { identity } = this.options;
    await this.options.area.update(this.options.key, (queued = []) => {
      const known = new Set(queued.map(identity));
      const fresh = items.filter((item) => !known.has(identity(item)));
      return fresh.length > 0 ? [...queued, ...fresh] : queued;
    });
  }

  /** Works through everything queued, in the background; asked while running, it goes round once more. */
  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    clearTimeout(this.retryTimer);
    this.running = this.round().finally(() => {
      this.running = null;
      if (this.again) {
        this.again = false;
        this.kick();
      }
    });
  }

  /**
   * No new rounds; waits a little for the one under way. A round cut short loses nothing: its items stay
   * in the store until the worker has finished them, so the next start works them again.
   */
  async stop(waitMs = 2000): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    let timer: NodeJS.Timeout | undefined;
    const waited = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, waitMs);
    });
    await Promise.race([this.running, waited]).finally(() => clearTimeout(timer));
  }

  private async round(): Promise<void> {
    const { area, key, identity, logger, what } = this.options;
    try {
      const items = (await area.get(key)) ?? [];
      if (items.length === 0) return;
      await withTimeout(this.options.work(items), this.options.timeoutMs, `${what} did not finish in time`);
      const done = new Set(items.map(identity));
      await area.update(key, (queued = []) => {
        const left = queued.filter((item) => !done.has(identity(item)));
        return left.length > 0 ? left : undefined;
      });
    } catch (error) {
      logger.error({ err: error }, `${what} failed; trying again shortly (nothing is lost)`);
      if (!this.stopped) {
        this.retryTimer = setTimeout(() => this.kick(), this.options.retryMs);
        this.retryTimer.unref();
      }
    }
  }
}

function withTimeout<T>(work: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
