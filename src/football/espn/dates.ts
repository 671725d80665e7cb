/**
 * ESPN files a match under its US-Eastern day (reference §8): 2026-06-14T04:00Z is `20260614`, a 02:00Z
 * kick-off belongs to the day before. The days are worked out in America/New_York, whatever the host's zone.
 */
import { DateTime } from 'luxon';

export const ESPN_ZONE = 'America/New_York';

/**
 * Until this Eastern hour yesterday's scoreboard is asked for too: a 22:00 ET kick-off with extra time and
 * a shoot-out is still live after midnight ET, filed under the day before.
 */
export const LATE_MATCH_HOURS = 6;

/** `YYYYMMDD` of the ESPN day `offsetDays` after the one containing `now`. */
export function espnDay(now: Date | number, offsetDays = 0): string {
  return eastern(now).plus({ days: offsetDays }).toFormat('yyyyLLdd');
}

/** The days a poll asks for (SPEC C3): today and tomorrow, ESPN's way, and yesterday in the small hours. */
export function scoreboardDays(now: Date | number): string[] {
  const days = [espnDay(now, 0), espnDay(now, 1)];
  return eastern(now).hour < LATE_MATCH_HOURS ? [espnDay(now, -1), ...days] : days;
}

function eastern(now: Date | number): DateTime {
  return DateTime.fromMillis(typeof now === 'number' ? now : now.getTime(), { zone: ESPN_ZONE });
}
