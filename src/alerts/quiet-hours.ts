/**
 * Quiet hours (SPEC P4): a daily window in the member's own time zone, such as 23:00–07:00, when no DM or
 * SMS reaches them. One representation everywhere: `HH:MM` 24-hour strings, as stored in the member's
 * prefs and shown back to them. Pure: the time and the zone come in, so nothing depends on the machine's zone.
 */
import { DateTime } from 'luxon';

/** `HH:MM` 24-hour on the member's clock; `from` later than `to` spans midnight. */
export interface QuietHours {
  from: string;
  to: string;
}

const CLOCK = /^([01]?\d|2[0-3])[:.h]([0-5]\d)$/i;
const STORED = /^([01]\d|2[0-3]):([0-5]\d)$/;

function minutesOfTyped(text: string): number | null {
  const match = CLOCK.exec(text.trim());
  return match ? Number(match[1]) * 60 + Number(match[2]) : null;
}

/** Minutes after local midnight of a stored `HH:MM`; null for anything else (never trusted blindly). */
function minutesOf(clock: string): number | null {
  const match = STORED.exec(clock);
  return match ? Number(match[1]) * 60 + Number(match[2]) : null;
}

function clock(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** Reads `23:00-07:00` (also `23.00–7.00`, `23h00-07h00`) as `{ from: '23:00', to: '07:00' }`; null when it is not two times of day, or an empty window. */
export function parseQuietHours(text: string): QuietHours | null {
  const parts = text.trim().split(/\s*[-–—]\s*|\s+to\s+/i);
  if (parts.length !== 2) return null;
  const from = minutesOfTyped(parts[0] ?? '');
  const to = minutesOfTyped(parts[1] ?? '');
  if (from === null || to === null || from === to) return null;
  return { from: clock(from), to: clock(to) };
}

/** `23:00–07:00`, for showing a member what they chose. */
export function formatQuietHours(quiet: QuietHours): string {
  return `${quiet.from}–${quiet.to}`;
}

/** A zone luxon knows, else UTC (Slack's `tz` is an IANA name, but a member may have none). */
export function zoneOf(timeZone: string | null | undefined): string {
  return timeZone && DateTime.now().setZone(timeZone).isValid ? timeZone : 'UTC';
}

/** The window in minutes, or null when there is none (or a stored one is unreadable: then never quiet). */
function window(quiet: QuietHours | null | undefined): { from: number; to: number } | null {
  if (!quiet) return null;
  const from = minutesOf(quiet.from);
  const to = minutesOf(quiet.to);
  return from === null || to === null || from === to ? null : { from, to };
}

/** Whether `at` (epoch ms) falls in the member's quiet hours, read on their own clock. */
export function isQuiet(quiet: QuietHours | null | undefined, at: number, timeZone: string | null | undefined): boolean {
  const w = window(quiet);
  if (w === null) return false;
  const local = DateTime.fromMillis(at, { zone: zoneOf(timeZone) });
  const minute = local.hour * 60 + local.minute;
  return w.from < w.to ? minute >= w.from && minute < w.to : minute >= w.from || minute < w.to;
}

/**
 * When the quiet hours that hold `at` end (epoch ms), on the member's clock: the next local `to` after
 * `at`. A day that skips the hour (daylight saving) ends at the first valid moment after it. Null when
 * `at` is not quiet.
 */
export function quietEnd(quiet: QuietHours | null | undefined, at: number, timeZone: string | null | undefined): number | null {
  const w = window(quiet);
  if (w === null || !isQuiet(quiet, at, timeZone)) return null;
  const local = DateTime.fromMillis(at, { zone: zoneOf(timeZone) });
  const endOn = (day: DateTime) => day.set({ hour: Math.floor(w.to / 60), minute: w.to % 60, second: 0, millisecond: 0 });
  const today = endOn(local);
  return (today.toMillis() > at ? today : endOn(local.plus({ days: 1 }))).toMillis();
}
