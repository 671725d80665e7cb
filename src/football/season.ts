/**
 * Which season of a competition to follow when none is pinned (SPEC C2). FIFA's `/seasons` has no
 * "current" flag, only dates, so the choice is made here, as a pure function of the list and the time.
 */
import type { RawSeason } from './fifa-schemas.js';

/**
 * A season still counts as current this long after its `EndDate`: FIFA's dates are not the last match's
 * (the 2026 World Cup's `EndDate` is before its final), and a season should not be dropped mid-final.
 */
export const SEASON_END_SLACK_MS = 3 * 24 * 3600_000;

/**
 * The season whose dates include `now` (the one that started last, when seasons overlap), else the next
 * to start; null when every season is over. Seasons without readable dates are never chosen.
 */
export function chooseSeason(seasons: readonly RawSeason[], now: number): RawSeason | null {
  let current: { season: RawSeason; start: number } | null = null;
  let next: { season: RawSeason; start: number } | null = null;
  for (const season of seasons) {
    const start = parseUtc(season.StartDate);
    const end = parseUtc(season.EndDate);
    if (Number.isNaN(start) || Number.isNaN(end)) continue;
    if (start <= now && now <= end + SEASON_END_SLACK_MS) {
      if (current === null || start > current.start) current = { season, start };
    } else if (start > now && (next === null || start < next.start)) {
      next = { season, start };
    }
  }
  return (current ?? next)?.season ?? null;
}

/** An ISO date or date-time read as UTC even without a zone, so the choice never depends on the host's zone. */
export function parseUtc(text: string): number {
  const trimmed = text.trim();
  const zoned = /T.*(Z|[+-]\d{2}:?\d{2})$/i.test(trimmed) || !trimmed.includes('T');
  return Date.parse(zoned ? trimmed : `${trimmed}Z`);
}
