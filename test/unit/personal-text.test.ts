/**
 * The quiet-hours summary and the kick-off reminder in all five languages (SPEC P3–P5): each language's
 * own words, the kick-off on the member's clock (not the machine's), external text escaped, the summary
 * SMS in GSM-7 within two segments.
 */
import { describe, expect, it } from 'vitest';
import { catalogue } from '../../src/alerts/i18n/index.js';
import { LOCALES } from '../../src/alerts/i18n/locales.js';
import { localKickoff, renderDigestDm, renderDigestSms, renderReminderDm, type HeldResult, type KickoffReminder } from '../../src/alerts/personal.js';
import { smsSegments } from '../../src/alerts/sms-text.js';
import { blockKitProblems } from '../fixtures/block-kit.js';

const final: HeldResult = {
  matchKey: 'fifa:17/255711/400128145',
  competitionName: 'FIFA World Cup',
  home: { id: 'fifa:43922', name: 'Argentina', abbreviation: 'ARG', countryCode: 'ARG' },
  away: { id: 'fifa:43946', name: 'France', abbreviation: 'FRA', countryCode: 'FRA' },
  score: { home: 3, away: 3 },
  penalties: { home: 4, away: 2 },
  extraTime: true,
};
const league: HeldResult = {
  matchKey: 'espn:eng.1/2026/1',
  competitionName: 'Premier League',
  home: { id: 'espn:359', name: 'Arsenal <!channel>', abbreviation: 'ARS', countryCode: null },
  away: { id: 'espn:360', name: 'Manchester United', abbreviation: 'MUN', countryCode: null },
  score: { home: 2, away: 0 },
  penalties: null,
  extraTime: false,
};

const reminder = (timeZone?: string): KickoffReminder => ({
  kind: 'kickoff-reminder',
  id: 'reminder/x/U1',
  userId: 'U1',
  matchKey: final.matchKey,
  competitionName: 'FIFA World Cup',
  kickoff: '2026-12-05T18:00:00Z',
  home: final.home,
  away: final.away,
  minutes: 15,
  ...(timeZone ? { timeZone } : {}),
});

describe.each(LOCALES)('%s', (locale) => {
  const c = catalogue(locale);

  it('sums up the results in one DM, in the language, with flags for national teams only and names escaped', () => {
    const dm = renderDigestDm([final, league], locale);
    const shown = JSON.stringify(dm.blocks);
    expect(shown).toContain(c.quiet.digestTitle);
    expect(shown).toContain(`Argentina ${c.match.score(3, 3)} France`);
    expect(shown).toContain(c.match.penaltiesSuffix(4, 2));
    expect(shown).toContain(c.match.extraTimeTag);
    expect(shown).toContain('🇦🇷');
    expect(shown).not.toContain('<!channel>');
    expect(dm.text).not.toContain('<!channel>');
    expect(blockKitProblems({ blocks: dm.blocks })).toEqual([]);
  });

  it('sums them up in one GSM-7 text, two segments at most even after a long night', () => {
    const one = renderDigestSms([final], locale);
    expect(one).toContain(c.sms.match.withPenalties(`ARG ${c.sms.match.score(3, 3)} FRA ${c.sms.match.extraTimeTag}`, 4, 2));
    expect(smsSegments(one)).toEqual({ segments: 1, encoding: 'GSM-7' });
    const night = renderDigestSms(Array.from({ length: 40 }, () => league), locale);
    const { segments, encoding } = smsSegments(night);
    expect(encoding).toBe('GSM-7');
    expect(segments).toBeLessThanOrEqual(2);
  });

  it('reminds with the kick-off on the member’s clock: São Paulo 15:00, Tokyo 03:00 the next day, no zone UTC', () => {
    const sao = renderReminderDm(reminder('America/Sao_Paulo'), locale, null);
    const tokyo = renderReminderDm(reminder('Asia/Tokyo'), locale, null);
    const utc = renderReminderDm(reminder(), locale, null);
    expect(sao.text).toContain('15:00');
    expect(tokyo.text).toContain('03:00');
    expect(utc.text).toContain('18:00');
    expect(localKickoff('2026-12-05T18:00:00Z', locale, 'Asia/Tokyo').day).not.toBe(localKickoff('2026-12-05T18:00:00Z', locale, 'America/Sao_Paulo').day);
    expect(sao.text).toBe(c.quiet.reminder(`Argentina ${c.match.versus} France`, 15, '15:00', localKickoff(reminder().kickoff, locale, 'America/Sao_Paulo').day, localKickoff(reminder().kickoff, locale, 'America/Sao_Paulo').zone));
  });

  it('links the match thread once it exists', () => {
    const url = 'https://fanfare.slack.com/archives/C0MATCHES/p1700000000000100';
    expect(JSON.stringify(renderReminderDm(reminder(), locale, url).blocks)).toContain(url);
    expect(JSON.stringify(renderReminderDm(reminder(), locale, null).blocks)).not.toContain('archives');
  });
});

it('the five languages say different things', () => {
  expect(new Set(LOCALES.map((l) => catalogue(l).quiet.digestTitle)).size).toBe(5);
  expect(new Set(LOCALES.map((l) => catalogue(l).quiet.reminder('A v B', 15, '15:00', 'x', 'UTC'))).size).toBe(5);
});
