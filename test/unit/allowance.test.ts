import { describe, expect, it } from 'vitest';
import { CODE_LIMITS, take } from '../../src/sms/allowance.js';

const MINUTE = 60_000;
const T = Date.parse('2026-06-11T18:00:00Z');

describe('allowance window (pure)', () => {
  it('takes up to the limit, then says how long until the oldest use leaves the window', () => {
    expect(take([T - 9 * MINUTE, T - 2 * MINUTE], CODE_LIMITS, T)).toEqual({ ok: true, times: [T - 9 * MINUTE, T - 2 * MINUTE, T] });
    expect(take([T - 2 * MINUTE, T - 9 * MINUTE, T - MINUTE], CODE_LIMITS, T)).toEqual({ ok: false, waitMs: MINUTE });
    expect(take([T - 10 * MINUTE, T - 2 * MINUTE, T - MINUTE], CODE_LIMITS, T)).toMatchObject({ ok: true });
  });

  it('applies the daily limit beyond the ten-minute one, and forgets uses older than a day', () => {
    const day = Array.from({ length: 10 }, (_, i) => T - (23 * 60 - i * 60) * MINUTE);
    expect(take(day, CODE_LIMITS, T)).toEqual({ ok: false, waitMs: 60 * MINUTE });
    expect(take(day, CODE_LIMITS, T + 60 * MINUTE)).toMatchObject({ ok: true, times: [...day.slice(1), T + 60 * MINUTE] });
  });

  it('still counts uses stamped after now, so a clock stepped back does not reset the allowance', () => {
    expect(take([T + MINUTE, T + 2 * MINUTE, T + 3 * MINUTE], CODE_LIMITS, T)).toEqual({ ok: false, waitMs: 11 * MINUTE });
  });
});
