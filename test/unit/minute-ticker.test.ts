import { afterEach, describe, expect, it, vi } from 'vitest';
import { MinuteTicker, nextRound } from '../../src/minute-ticker.js';

const at = (time: string) => Date.parse(`2026-12-04T${time}Z`);

describe('the minute ticker’s rounds', () => {
  it('fall a little after each whole minute by default', () => {
    expect(nextRound(at('12:00:03'), 5_000)).toBe(at('12:00:05'));
    expect(nextRound(at('12:00:30'), 5_000)).toBe(at('12:01:05'));
    // Not again straight after a round that ended just before the next one was due.
    expect(nextRound(at('12:00:04.500'), 5_000)).toBe(at('12:01:05'));
    expect(nextRound(at('12:00:59'), 16_000)).toBe(at('12:01:16'));
  });

  it('with a shorter period, come in between and still fall at the same moment after each minute', () => {
    expect(nextRound(at('12:00:30'), 2_000, 5_000)).toBe(at('12:00:32'));
    expect(nextRound(at('12:00:58.500'), 2_000, 5_000)).toBe(at('12:01:02'));
    // An offset longer than the period (the quiet-hours summaries' 16 s) keeps its place after the minute.
    for (const period of [2_000, 5_000, 15_000]) {
      const rounds: number[] = [];
      for (let t = at('12:00:00'); t < at('12:02:00'); t = nextRound(t, 16_000, period)) rounds.push(t);
      expect(rounds, `period ${period}`).toContain(at('12:01:16'));
      expect((rounds[2] as number) - (rounds[1] as number), `period ${period}`).toBe(period);
    }
  });

  it('refuses a period that does not divide a minute', () => {
    expect(() => new MinuteTicker(async () => undefined, () => undefined, 2_000, Date.now, 7_000)).toThrow(/divide a minute/);
  });
});

describe('MinuteTicker', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('runs once at start, then at each round of its period', async () => {
    vi.useFakeTimers({ now: at('12:00:00.500') });
    const runs: string[] = [];
    const ticker = new MinuteTicker(
      async () => {
        runs.push(new Date().toISOString().slice(11, 19));
      },
      () => undefined,
      2_000,
      Date.now,
      5_000,
    );
    ticker.start();
    await vi.advanceTimersByTimeAsync(12_000);
    await ticker.stop();
    expect(runs).toEqual(['12:00:00', '12:00:02', '12:00:07', '12:00:12']);
  });
});
