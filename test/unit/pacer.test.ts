/**
 * The SMS pace (SPEC S3) on a fake clock: even spacing, never more than the rate in any one-second
 * window (counting a request until a second after its answer), Retry-After holds, cancellation.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Pacer, type Release } from '../../src/sms/pacer.js';

beforeEach(() => {
  vi.useFakeTimers({ now: 0 });
});

afterEach(() => {
  vi.useRealTimers();
});

const clock = () => Date.now();

/** Queues `count` requests; each is answered `latencyMs` after its grant. Returns the grant times. */
function send(pacer: Pacer, count: number, latencyMs = 0, weight = 1): number[] {
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    void pacer.take(weight).then((release) => {
      times.push(Date.now());
      setTimeout(release as Release, latencyMs);
    });
  }
  return times;
}

/** Most grants (weighted) inside any window [t, t + 1000). */
function busiestSecond(times: number[], weight = 1): number {
  let busiest = 0;
  for (let i = 0, j = 0; i < times.length; i++) {
    while ((times[i] as number) - (times[j] as number) >= 1000) j++;
    busiest = Math.max(busiest, (i - j + 1) * weight);
  }
  return busiest;
}

describe('Pacer', () => {
  it('spaces grants evenly at the rate and never puts more than the rate in one second', async () => {
    const pacer = new Pacer(10, { now: clock });
    const times = send(pacer, 35, 3);
    await vi.advanceTimersByTimeAsync(5000);
    expect(times).toHaveLength(35);
    expect(times.slice(0, 10)).toEqual([0, 100, 200, 300, 400, 500, 600, 700, 800, 900]);
    expect(busiestSecond(times)).toBe(10);
    // Full use of the rate: each second loses only the answer time and the small guard.
    expect(times.at(-1)).toBeLessThanOrEqual(3400 + 3 * 6);
  });

  it('counts a request until a second after its answer, however late that comes', async () => {
    const pacer = new Pacer(2, { now: clock });
    const releases: Release[] = [];
    const times: number[] = [];
    for (let i = 0; i < 3; i++) {
      void pacer.take().then((release) => {
        times.push(Date.now());
        releases.push(release as Release);
      });
    }
    await vi.advanceTimersByTimeAsync(3000);
    expect(times).toEqual([0, 500]);
    (releases[0] as Release)();
    await vi.advanceTimersByTimeAsync(999);
    expect(times).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(10);
    expect(times).toEqual([0, 500, 4002]);
  });

  it('counts a two-segment SMS twice', async () => {
    const pacer = new Pacer(4, { now: clock });
    const times = send(pacer, 6, 0, 2);
    await vi.advanceTimersByTimeAsync(4000);
    expect(busiestSecond(times, 2)).toBeLessThanOrEqual(4);
    expect(times.slice(0, 3)).toEqual([0, 500, 1002]);
  });

  it('sends below one per second at the right spacing', async () => {
    const pacer = new Pacer(0.5, { now: clock });
    const times = send(pacer, 3);
    await vi.advanceTimersByTimeAsync(5000);
    expect(times).toEqual([0, 2000, 4000]);
  });

  it('does not burst after being idle', async () => {
    const pacer = new Pacer(10, { now: clock });
    send(pacer, 1);
    await vi.advanceTimersByTimeAsync(10_000);
    const times = send(pacer, 5);
    await vi.advanceTimersByTimeAsync(1000);
    expect(times).toEqual([10_000, 10_100, 10_200, 10_300, 10_400]);
  });

  it('holds every grant for a Retry-After', async () => {
    const pacer = new Pacer(100, { now: clock });
    pacer.holdFor(700);
    const times = send(pacer, 2);
    await vi.advanceTimersByTimeAsync(1000);
    expect(times).toEqual([700, 710]);
  });

  it('answers null to everyone waiting when cancelled', async () => {
    const pacer = new Pacer(1, { now: clock });
    const answers: (Release | null)[] = [];
    for (let i = 0; i < 3; i++) void pacer.take().then((release) => answers.push(release));
    await vi.advanceTimersByTimeAsync(10);
    expect(pacer.waiting).toBe(2);
    pacer.cancelAll();
    await vi.advanceTimersByTimeAsync(10);
    expect(answers.map((a) => a === null)).toEqual([false, true, true]);
  });

  it('refuses a rate that is not a positive number', () => {
    expect(() => new Pacer(0)).toThrow(RangeError);
    expect(() => new Pacer(Number.NaN)).toThrow(RangeError);
  });
});
