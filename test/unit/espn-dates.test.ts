import { afterEach, describe, expect, it } from 'vitest';
import { espnDay, scoreboardDays } from '../../src/football/espn/dates.js';

const at = (iso: string): number => Date.parse(iso);

describe('ESPN days (US Eastern)', () => {
  const hostZone = process.env.TZ;
  afterEach(() => {
    if (hostZone === undefined) delete process.env.TZ;
    else process.env.TZ = hostZone;
  });

  it.each([
    // Summer (EDT, UTC−4): the recorded World Cup scoreboards file 04:00Z under the new day, 01:00Z and 02:00Z under the old one.
    ['2026-06-14T01:00:00Z', '20260613'],
    ['2026-06-14T03:59:59Z', '20260613'],
    ['2026-06-14T04:00:00Z', '20260614'],
    ['2026-06-15T02:00:00Z', '20260614'],
    // Winter (EST, UTC−5), around midnight UTC.
    ['2026-12-04T23:59:59Z', '20261204'],
    ['2026-12-05T00:00:00Z', '20261204'],
    ['2026-12-05T04:59:59Z', '20261204'],
    ['2026-12-05T05:00:00Z', '20261205'],
  ])('%s is ESPN day %s', (iso, day) => {
    expect(espnDay(at(iso))).toBe(day);
  });

  it('does not depend on the host time zone', () => {
    for (const zone of ['UTC', 'Pacific/Kiritimati', 'Pacific/Pago_Pago', 'Asia/Kolkata']) {
      process.env.TZ = zone;
      expect([espnDay(new Date('2026-12-05T00:30:00Z')), espnDay(at('2026-06-14T04:00:00Z'), 1)]).toEqual(['20261204', '20260615']);
    }
  });

  it('asks for today and tomorrow, across a month and a year end', () => {
    expect(scoreboardDays(at('2026-12-31T20:00:00Z'))).toEqual(['20261231', '20270101']);
    expect(scoreboardDays(at('2026-06-30T16:00:00Z'))).toEqual(['20260630', '20260701']);
  });

  it('also asks for yesterday in the small hours, when a late kick-off can still be live', () => {
    // 00:30 ET on 5 December: a 22:00 ET kick-off of the 4th with extra time is still being played.
    expect(scoreboardDays(at('2026-12-05T05:30:00Z'))).toEqual(['20261204', '20261205', '20261206']);
    expect(scoreboardDays(at('2026-12-05T11:00:00Z'))).toEqual(['20261205', '20261206']);
  });
});
