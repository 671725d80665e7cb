/**
 * How many paid Twilio calls a member, and a destination number, may cause (SPEC S6; audit 2 and 19):
 * per member 5 Lookups per 10 minutes, 3 codes per 10 minutes and 10 a day; per number 3 codes an hour,
 * whoever asks. Each use is taken before the paid call and never given back: once a request has reached
 * Twilio a 5xx or a timeout says nothing about whether the SMS went out, and an honest member refused
 * outright (bad number) still has the rest of the allowance. Refunds were how audit 2's bypass worked.
 */
import { createHmac, randomBytes } from 'node:crypto';
import type { Logger } from '../log.js';
import type { Store, StoreArea } from '../store/store.js';
import { KeyedLock } from '../store/keyed-lock.js';
import { maskPhone } from './phone.js';

export interface Limit {
  max: number;
  windowMs: number;
}

const MINUTE = 60_000;
export const LOOKUP_LIMITS: readonly Limit[] = [{ max: 5, windowMs: 10 * MINUTE }];
export const CODE_LIMITS: readonly Limit[] = [
  { max: 3, windowMs: 10 * MINUTE },
  { max: 10, windowMs: 24 * 60 * MINUTE },
];
export const NUMBER_CODE_LIMITS: readonly Limit[] = [{ max: 3, windowMs: 60 * MINUTE }];

export type Taken = { ok: true; times: number[] } | { ok: false; waitMs: number };

/** Pure: the times to keep once one more use at `at` is taken, or how long until one would be allowed. */
export function take(times: readonly number[], limits: readonly Limit[], at: number): Taken {
  const longest = Math.max(...limits.map((limit) => limit.windowMs));
  // Times ahead of `at` (the clock stepped back) still count: a clock change must not reset the allowance.
  const kept = times.filter((t) => t > at - longest).sort((a, b) => a - b);
  let waitMs = 0;
  for (const { max, windowMs } of limits) {
    const inWindow = kept.filter((t) => t > at - windowMs);
    // Below `max` once the oldest uses beyond max - 1 have left the window.
    if (inWindow.length >= max) waitMs = Math.max(waitMs, (inWindow[inWindow.length - max] as number) + windowMs - at);
  }
  return waitMs > 0 ? { ok: false, waitMs } : { ok: true, times: [...kept, at] };
}

/** `member`: this member's own allowance is spent; `number`: the number has had its codes for the hour. */
export type Reservation =
  | { ok: true }
  | { ok: false; reason: 'rate-limited'; spent: 'member' | 'number'; retryInMs: number }
  | { ok: false; reason: 'unavailable' };

export interface Allowance {
  /** Before a Lookup: takes one, and only if a code could still be sent to this number afterwards. */
  lookup(userId: string, e164: string): Promise<Reservation>;
  /** Before a code is sent: takes one of the member's codes and one of the number's. */
  code(userId: string, e164: string): Promise<Reservation>;
}

export interface AllowanceOptions {
  store: Store;
  logger: Logger;
  now?: () => number;
}

interface Uses {
  at: number[];
}

export function createAllowance(options: AllowanceOptions): Allowance {
  const { logger } = options;
  const now = options.now ?? Date.now;
  const lookups: StoreArea<Uses> = options.store.area('sms-allowance-lookups');
  const codes: StoreArea<Uses> = options.store.area('sms-allowance-codes');
  // Keyed by a salted hash: the number itself is not kept for the hour its count lives.
  const numbers: StoreArea<Uses> = options.store.area('sms-allowance-numbers');
  const salts: StoreArea<string> = options.store.area('sms-allowance');
  // Two submits of one member (double click, two modals) must not both pass on the same count.
  const lock = new KeyedLock();
  let salt: Promise<string> | undefined;

  /** One random salt per install, made on first use and kept in the store so counts survive restarts. */
  function installSalt(): Promise<string> {
    if (!salt) {
      salt = salts.update('salt', (current) => current ?? randomBytes(16).toString('base64')).then((value) => value as string);
      // A failed read is tried again next time, not remembered.
      salt.catch(() => {
        salt = undefined;
      });
    }
    return salt;
  }

  async function numberKey(e164: string): Promise<string> {
    return createHmac('sha256', await installSalt()).update(e164).digest('base64url');
  }

  const refused = (spent: 'member' | 'number', waitMs: number): Reservation => ({ ok: false, reason: 'rate-limited', spent, retryInMs: waitMs });

  /** A store that cannot answer refuses the paid call: an unknown count is not a count of zero. */
  async function failClosed(what: string, userId: string, e164: string, work: () => Promise<Reservation>): Promise<Reservation> {
    try {
      return await lock.run(userId, work);
    } catch (error) {
      logger.error({ userId, phone: maskPhone(e164), err: (error as Error).message }, `${what} refused: SMS allowance unreadable`);
      return { ok: false, reason: 'unavailable' };
    }
  }

  async function lookup(userId: string, e164: string): Promise<Reservation> {
    const at = now();
    const [looked, sent, toNumber] = await Promise.all([lookups.get(userId), codes.get(userId), numberKey(e164).then((key) => numbers.get(key))]);
    const lookupTaken = take(looked?.at ?? [], LOOKUP_LIMITS, at);
    const codeLeft = take(sent?.at ?? [], CODE_LIMITS, at);
    const numberLeft = take(toNumber?.at ?? [], NUMBER_CODE_LIMITS, at);
    const memberWait = Math.max(lookupTaken.ok ? 0 : lookupTaken.waitMs, codeLeft.ok ? 0 : codeLeft.waitMs);
    if (memberWait > 0) return refused('member', memberWait);
    if (!numberLeft.ok) return refused('number', numberLeft.waitMs);
    if (lookupTaken.ok) await lookups.set(userId, { at: lookupTaken.times }, windowOf(LOOKUP_LIMITS));
    return { ok: true };
  }

  async function code(userId: string, e164: string): Promise<Reservation> {
    const at = now();
    const memberTaken = take((await codes.get(userId))?.at ?? [], CODE_LIMITS, at);
    if (!memberTaken.ok) return refused('member', memberTaken.waitMs);
    // Other members may be asking for this number at the same moment: read and take in one step.
    let numberTaken: Taken | undefined;
    await numbers.update(
      await numberKey(e164),
      (current) => {
        numberTaken = take(current?.at ?? [], NUMBER_CODE_LIMITS, at);
        return numberTaken.ok ? { at: numberTaken.times } : current;
      },
      () => windowOf(NUMBER_CODE_LIMITS),
    );
    if (numberTaken && !numberTaken.ok) return refused('number', numberTaken.waitMs);
    await codes.set(userId, { at: memberTaken.times }, windowOf(CODE_LIMITS));
    return { ok: true };
  }

  return {
    lookup: (userId, e164) => failClosed('Lookup', userId, e164, () => lookup(userId, e164)),
    code: (userId, e164) => failClosed('code', userId, e164, () => code(userId, e164)),
  };
}

function windowOf(limits: readonly Limit[]): number {
  return Math.max(...limits.map((limit) => limit.windowMs));
}
