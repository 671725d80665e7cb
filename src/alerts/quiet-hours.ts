/**
 * Quiet hours (SPEC P4): a daily window in the member's own time zone, such as 23:00–07:00, when no DM or
 * SMS reaches them. Pure: the time and the zone come in, so nothing depends on the machine's zone.
 */
import { DateTime } from 'luxon';

/** Minutes after local midnight; `from` may be later than `to` (the window spans midnight). */
export interface QuietHours {
  from: number;
  to: number;
}

const CLOCK = /^([01]?\d|2[0-3])[:.h]([0-5]\d)$/i;

function minutesOf(text: string): number | null {
  const match = CLOCK.exec(text.trim());
  return match ? Number(match[1]) * 60 + Number(match[2]) : null;
}

/** Reads `23:00-07:00` (also `23.00–7.00`, `23h00-07h00`); null when it is not two times of day, or an empty window. */
export function parseQuietHours(text: string): QuietHours | null {
  const parts = text.split(/\s*[-–—]\s*|\s+to\s+/i);
  if (parts.length !== 2) return null;
  const from = minutesOf(parts[0] ?? '');
  const to = minutesOf(parts[1] ?? '');
  if (from === null || to === null || from === to) return null;
  return { from, to };
}

/** `23:00–07:00`, for showing a member what they chose. */
export function formatQuietHours(quiet: QuietHours): string {
  return `${clock(quiet.from)}–${clock(quiet.to)}`;
}

function clock(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** A zone luxon knows, else UTC (Slack's `tz` is an IANA name, but a member may have none). */
function zoneOf(timeZone: string | null | undefined): string {
  return timeZone && DateTime.now().setZone(timeZone).isValid ? timeZone : 'UTC';
}

/** Whether `at` (epoch ms) falls in the member's quiet hours, read on their own clock. */
export function isQuiet(quiet: QuietHours | null, at: number, timeZone: string | null | undefined): boolean {
  if (quiet === null) return false;
  const local = DateTime.fromMillis(at, { zone: zoneOf(timeZone) });
  const minute = local.hour * 60 + local.minute;
  return quiet.from < quiet.to ? minute >= quiet.from && minute < quiet.to : minute >= quiet.from || minute < quiet.to;
}

/**
 * When the quiet hours that hold `at` end (epoch ms), on the member's clock: the next local `to` after
 * `at`. A day that skips the hour (daylight saving) ends at the first valid moment after it. Null when
 * `at` is not quiet.
 */
export function quietEnd(quiet: QuietHours | null, at: number, timeZone: string | null | undefined): number | null {
  if (quiet === null || !isQuiet(quiet, at, timeZone)) return null;
  const local = DateTime.fromMillis(at, { zone: zoneOf(timeZone) });
  const endOn = (day: DateTime) => day.set({ hour: Math.floor(quiet.to / 60), minute: quiet.to % 60, second: 0, millisecond: 0 });
  const today = endOn(local);
  return (today.toMillis() > at ? today : endOn(local.plus({ days: 1 }))).toMillis();
}
