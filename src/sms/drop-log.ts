/**
 * SMS alerts dropped unsent (expired, unsubscribed, opted out…) are logged in one line per reason and
 * second, however many there are: the count, and a few masked numbers (never a full one).
 */
import type { Logger } from '../log.js';
import { maskPhone } from './phone.js';

/** Masked numbers listed in one line; the count is always complete. */
const LOGGED_NUMBERS = 10;
const DROP_LOG_MS = 1000;

export class DropLog {
  private readonly drops = new Map<string, { count: number; phones: Set<string> }>();
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly log: Logger) {}

  note(reason: string, numbers: readonly string[], count: number): void {
    let entry = this.drops.get(reason);
    if (!entry) {
      entry = { count: 0, phones: new Set() };
      this.drops.set(reason, entry);
    }
    entry.count += count;
    for (const number of numbers) if (entry.phones.size < LOGGED_NUMBERS) entry.phones.add(maskPhone(number));
    this.timer ??= setTimeout(() => this.flush(), DROP_LOG_MS).unref();
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    for (const [reason, { count, phones }] of this.drops) this.log.info({ count, phones: [...phones], reason }, 'SMS alerts dropped, not sent');
    this.drops.clear();
  }
}
