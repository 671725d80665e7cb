import { describe, expect, it } from 'vitest';
import { RawSeasonSchema, type RawSeason } from '../../src/football/fifa-schemas.js';
import { chooseSeason, parseUtc } from '../../src/football/season.js';
import { rawSeason } from '../fixtures/fifa-builders.js';

const season = (id: string, start: string, end: string): RawSeason => RawSeasonSchema.parse(rawSeason(id, `Season ${id}`, start, end));

const WC2022 = season('255711', '2022-11-20T00:00:00Z', '2022-12-18T00:00:00Z');
const WC2026 = season('285023', '2026-06-11T00:00:00Z', '2026-07-18T00:00:00Z');
const WC2030 = season('300000', '2030-06-08T00:00:00Z', '2030-07-21T00:00:00Z');
const at = (iso: string): number => Date.parse(iso);
const chosen = (seasons: RawSeason[], now: string): string | null => chooseSeason(seasons, at(now))?.IdSeason ?? null;

describe('chooseSeason', () => {
  it('takes the season whose dates include today', () => {
    expect(chosen([WC2022, WC2026, WC2030], '2026-06-20T12:00:00Z')).toBe('285023');
  });

  it('between seasons, takes the next to start, not the one that ended', () => {
    expect(chosen([WC2022, WC2026, WC2030], '2026-12-04T13:00:00Z')).toBe('300000');
    expect(chosen([WC2022, WC2026, WC2030], '2024-01-01T00:00:00Z')).toBe('285023');
  });

  it('keeps a season a few days past its EndDate (the 2026 final is after it), then lets it go', () => {
    expect(chosen([WC2026], '2026-07-19T21:00:00Z')).toBe('285023');
    expect(chosen([WC2026], '2026-07-25T00:00:00Z')).toBeNull();
  });

  it('after the last season, chooses none', () => {
    expect(chosen([WC2022, WC2026], '2026-12-04T13:00:00Z')).toBeNull();
    expect(chosen([], '2026-12-04T13:00:00Z')).toBeNull();
  });

  it('when seasons overlap, takes the one that started last', () => {
    const league2526 = season('a25', '2025-08-01T00:00:00Z', '2026-05-31T00:00:00Z');
    const qualifiers = season('q', '2025-03-01T00:00:00Z', '2026-11-30T00:00:00Z');
    const league2627 = season('a26', '2026-08-01T00:00:00Z', '2027-05-31T00:00:00Z');
    expect(chosen([league2627, qualifiers, league2526], '2026-04-01T00:00:00Z')).toBe('a25');
    expect(chosen([league2526, league2627, qualifiers], '2026-09-01T00:00:00Z')).toBe('a26');
  });

  it('does not depend on the order FIFA lists seasons in', () => {
    const all = [WC2030, WC2022, WC2026];
    for (const order of [all, [...all].reverse(), [all[1]!, all[2]!, all[0]!]]) {
      expect(chosen(order, '2025-01-01T00:00:00Z')).toBe('285023');
    }
  });

  it('reads dates without a zone as UTC and never chooses a season with unreadable dates', () => {
    expect(parseUtc('2026-06-11T00:00:00')).toBe(Date.UTC(2026, 5, 11));
    expect(parseUtc('2026-06-11')).toBe(Date.UTC(2026, 5, 11));
    expect(parseUtc('2026-06-11T02:00:00+02:00')).toBe(Date.UTC(2026, 5, 11));
    expect(chosen([season('bad', 'soon', 'later'), WC2030], '2026-12-04T13:00:00Z')).toBe('300000');
  });
});
