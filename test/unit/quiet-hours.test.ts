import { describe, expect, it } from 'vitest';
import { formatQuietHours, isQuiet, parseQuietHours, quietEnd } from '../../src/alerts/quiet-hours.js';

const NIGHT = { from: '23:00', to: '07:00' };
const at = (iso: string) => Date.parse(iso);

describe('parseQuietHours', () => {
  it('reads the forms members type', () => {
    expect(parseQuietHours('23:00-07:00')).toEqual(NIGHT);
    expect(parseQuietHours('23.00 – 7.00')).toEqual(NIGHT);
    expect(parseQuietHours('23h00-07h00')).toEqual(NIGHT);
    expect(parseQuietHours('13:30 to 14:15')).toEqual({ from: '13:30', to: '14:15' });
    expect(parseQuietHours('7:05-9:00')).toEqual({ from: '07:05', to: '09:00' });
  });

  it('refuses what is not a window', () => {
    for (const text of ['', '23:00', '25:00-07:00', '23:00-07:60', '08:00-08:00', 'tonight', '23:00-07:00-09:00']) {
      expect(parseQuietHours(text), text).toBeNull();
    }
  });

  it('shows the window back as typed times', () => {
    expect(formatQuietHours(NIGHT)).toBe('23:00–07:00');
  });
});

describe('isQuiet / quietEnd', () => {
  it('reads the window on the member’s clock, not the machine’s', () => {
    // 22:30 UTC: 23:30 in Berlin (UTC+1 in December), 22:30 in Lisbon (UTC+0).
    expect(isQuiet(NIGHT, at('2026-12-04T22:30:00Z'), 'Europe/Berlin')).toBe(true);
    expect(isQuiet(NIGHT, at('2026-12-04T22:30:00Z'), 'Europe/Lisbon')).toBe(false);
    expect(isQuiet(NIGHT, at('2026-12-05T03:00:00Z'), 'America/Sao_Paulo')).toBe(true);
    expect(isQuiet(NIGHT, at('2026-12-05T12:00:00Z'), 'America/Sao_Paulo')).toBe(false);
  });

  it('ends at the next local end time, across midnight', () => {
    expect(quietEnd(NIGHT, at('2026-12-04T22:30:00Z'), 'Europe/Berlin')).toBe(at('2026-12-05T06:00:00Z'));
    expect(quietEnd(NIGHT, at('2026-12-05T05:00:00Z'), 'Europe/Berlin')).toBe(at('2026-12-05T06:00:00Z'));
    expect(quietEnd(NIGHT, at('2026-12-05T12:00:00Z'), 'Europe/Berlin')).toBeNull();
  });

  it('a daytime window does not wrap', () => {
    const lunch = { from: '12:00', to: '14:00' };
    expect(isQuiet(lunch, at('2026-12-04T12:30:00Z'), 'UTC')).toBe(true);
    expect(isQuiet(lunch, at('2026-12-04T23:30:00Z'), 'UTC')).toBe(false);
  });

  it('no zone or an unknown one is UTC; no window is never quiet', () => {
    expect(isQuiet(NIGHT, at('2026-12-04T23:30:00Z'), null)).toBe(true);
    expect(isQuiet(NIGHT, at('2026-12-04T23:30:00Z'), 'Mars/Olympus')).toBe(true);
    expect(isQuiet(null, at('2026-12-04T23:30:00Z'), 'UTC')).toBe(false);
    // A stored window that is not HH:MM (hand-edited, an older shape) never silences anyone.
    expect(isQuiet({ from: '23', to: 'seven' }, at('2026-12-04T23:30:00Z'), 'UTC')).toBe(false);
  });

  it('keeps to the local clock across a daylight-saving change', () => {
    // Europe/Berlin springs forward on 2027-03-28: 07:00 local is 05:00 UTC after it.
    expect(quietEnd(NIGHT, at('2027-03-28T00:30:00Z'), 'Europe/Berlin')).toBe(at('2027-03-28T05:00:00Z'));
  });
});
