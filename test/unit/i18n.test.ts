import { describe, expect, it } from 'vitest';
import { catalogue } from '../../src/alerts/i18n/index.js';
import { LOCALES, type Locale } from '../../src/alerts/i18n/locales.js';
import { renderParent, renderReply, type SlackMessage } from '../../src/alerts/slack-blocks.js';
import type { MatchAlert, MatchEventAlert, MatchEventDetail, MatchSummary } from '../../src/alerts/types.js';

const match: MatchSummary = {
  key: '17/285023/400021472',
  competitionName: 'FIFA World Cup 26',
  stageName: 'Round of 16',
  groupName: null,
  kickoff: '2026-07-04T18:00:00Z',
  home: { id: '43924', name: 'Brazil', abbreviation: 'BRA', countryCode: 'BRA' },
  away: { id: '43960', name: 'Germany', abbreviation: 'GER', countryCode: 'GER' },
  score: { home: 1, away: 1 },
  penalties: null,
  phase: 'second-half',
  minute: "71'",
  wentToExtraTime: false,
  winner: null,
};

function alert(detail: MatchEventDetail, summary: MatchSummary = match): MatchEventAlert {
  return {
    source: 'match',
    id: `${summary.key}/9`,
    matchKey: summary.key,
    revision: 0,
    minute: "71'",
    at: '2026-07-04T19:20:00Z',
    match: summary,
    eventId: '9',
    ...detail,
  };
}

const goal = alert({ kind: 'goal', side: 'home', player: 'VINÍCIUS JÚNIOR', method: 'open-play', score: { home: 1, away: 1 } });
const halfTime = alert({
  kind: 'period-end',
  period: 'first-half',
  score: { home: 0, away: 1 },
  penalties: null,
  finalWhistle: false,
});

/** One alert of every kind, for checks that must hold across the whole catalogue. */
const EVERY_KIND: MatchAlert[] = [
  goal,
  alert({ kind: 'goal', side: 'away', player: 'MARQUINHOS', method: 'own-goal', score: { home: 1, away: 2 } }),
  alert({ kind: 'penalty-awarded', side: 'away' }),
  alert({ kind: 'penalty-missed', side: 'away', player: 'Kai HAVERTZ', outcome: 'woodwork' }),
  alert({ kind: 'card', side: 'home', player: 'CASEMIRO', card: 'second-yellow' }),
  alert({ kind: 'substitution', side: 'away', playerOn: 'Leroy SANÉ', playerOff: 'Thomas MÜLLER' }),
  alert({ kind: 'period-start', period: 'first-half' }),
  alert({ kind: 'period-start', period: 'extra-time-first-half' }),
  alert({ kind: 'period-start', period: 'shootout' }),
  halfTime,
  alert({ kind: 'period-end', period: 'second-half', score: { home: 1, away: 1 }, penalties: null, finalWhistle: true }),
  alert({ kind: 'period-end', period: 'extra-time-second-half', score: { home: 2, away: 2 }, penalties: null, finalWhistle: false }),
  alert({
    kind: 'shootout-kick',
    side: 'away',
    player: 'Joshua KIMMICH',
    scored: false,
    outcome: 'saved',
    kicks: { home: [true, true], away: [true, false] },
    penalties: { home: 2, away: 1 },
  }),
  alert({ kind: 'match-end', score: { home: 2, away: 2 }, penalties: { home: 4, away: 3 }, winner: 'home', extraTime: true }),
  {
    source: 'match',
    id: `${match.key}/catch-up`,
    matchKey: match.key,
    revision: 0,
    minute: "71'",
    at: '2026-07-04T19:20:00Z',
    match,
    kind: 'catch-up',
    score: match.score,
    penalties: null,
    goals: [{ side: 'home', player: 'VINÍCIUS JÚNIOR', minute: "12'", method: 'penalty' }],
    cards: [{ side: 'away', player: 'Antonio RÜDIGER', minute: "30'", card: 'yellow' }],
  },
  {
    source: 'match',
    id: `${match.key}/9/correction`,
    matchKey: match.key,
    revision: 0,
    minute: "71'",
    at: '2026-07-04T19:25:00Z',
    match,
    kind: 'correction',
    original: alert({ kind: 'card', side: 'home', player: 'CASEMIRO', card: 'yellow' }),
  },
];

function shown(msg: SlackMessage): string {
  const parts: string[] = [msg.text];
  for (const block of msg.blocks) {
    if (block.type === 'section' && block.text) parts.push(block.text.text);
    if (block.type === 'context') for (const e of block.elements) if ('text' in e) parts.push(e.text);
  }
  return parts.join('\n');
}

const OTHERS = LOCALES.filter((l) => l !== 'en-GB');

describe('catalogue', () => {
  it.each(LOCALES)('%s has its own catalogue', (locale) => {
    expect(catalogue(locale).locale).toBe(locale);
  });
});

describe('every locale renders a goal and half-time in its own football words', () => {
  const expected: Record<Locale, { goal: string; halfTime: string }> = {
    'en-GB': { goal: 'GOAL!', halfTime: 'Half-time' },
    'pt-BR': { goal: 'GOL!', halfTime: 'Intervalo' },
    'fr-FR': { goal: 'BUT !', halfTime: 'Mi-temps' },
    'es-ES': { goal: '¡GOL!', halfTime: 'Descanso' },
    'de-DE': { goal: 'TOR!', halfTime: 'Halbzeit' },
  };

  it.each(LOCALES)('%s', (locale) => {
    const g = renderReply(goal, locale);
    const ht = renderReply(halfTime, locale);
    expect(g.text.startsWith(`${expected[locale].goal} Brazil`)).toBe(true);
    expect(shown(g)).toContain('VINÍCIUS JÚNIOR');
    expect(shown(ht)).toContain(expected[locale].halfTime);
    if (locale !== 'en-GB') {
      expect(g).not.toEqual(renderReply(goal, 'en-GB'));
      expect(ht).not.toEqual(renderReply(halfTime, 'en-GB'));
    }
  });

  it('uses each language’s score notation', () => {
    expect(renderReply(goal, 'de-DE').text).toContain('Brazil 1:1 Germany');
    expect(renderReply(goal, 'pt-BR').text).toContain('Brazil 1 x 1 Germany');
    expect(renderReply(goal, 'en-GB').text).toContain('Brazil 1–1 Germany');
  });

  it('names the shoot-out in each language', () => {
    const shootout = { ...match, phase: 'shootout' as const, minute: null, penalties: { home: 3, away: 2 } };
    expect(shown(renderParent(shootout, 'fr-FR'))).toContain('Tirs au but');
    expect(shown(renderParent(shootout, 'de-DE'))).toContain('Elfmeterschießen');
    expect(shown(renderParent(shootout, 'es-ES'))).toContain('Tanda de penaltis');
    expect(shown(renderParent(shootout, 'pt-BR'))).toContain('Disputa de pênaltis');
  });
});

describe('a final score after extra time says so in every language (SPEC M3)', () => {
  // The 2022 final as a French, Brazilian, Spanish or German sports site writes it.
  const expected: Record<Locale, { pens: string; aet: string }> = {
    'en-GB': { pens: 'Brazil 3–3 Germany a.e.t. (4–2 pens)', aet: 'Brazil 2–1 Germany a.e.t.' },
    'pt-BR': { pens: 'Brazil 3 x 3 Germany após prorrogação (4 x 2 nos pênaltis)', aet: 'Brazil 2 x 1 Germany após prorrogação' },
    'fr-FR': { pens: 'Brazil 3–3 Germany a.p. (4–2 t.a.b.)', aet: 'Brazil 2–1 Germany a.p.' },
    'es-ES': { pens: 'Brazil 3-3 Germany tras la prórroga (4-2 en los penaltis)', aet: 'Brazil 2-1 Germany tras la prórroga' },
    'de-DE': { pens: 'Brazil 3:3 Germany n. V. (4:2 i. E.)', aet: 'Brazil 2:1 Germany n. V.' },
  };
  const finished = (score: [number, number], penalties: [number, number] | null): MatchSummary => ({
    ...match,
    phase: 'finished',
    minute: null,
    score: { home: score[0], away: score[1] },
    penalties: penalties && { home: penalties[0], away: penalties[1] },
    wentToExtraTime: true,
    winner: 'home',
  });

  it.each(LOCALES)('%s: the parent, the match-end reply and the end of the shoot-out', (locale) => {
    const { pens, aet } = expected[locale];
    expect(renderParent(finished([3, 3], [4, 2]), locale).text.startsWith(`${pens} — `)).toBe(true);
    expect(renderParent(finished([2, 1], null), locale).text.startsWith(`${aet} — `)).toBe(true);
    const end = alert(
      { kind: 'match-end', score: { home: 3, away: 3 }, penalties: { home: 4, away: 2 }, winner: 'home', extraTime: true },
      finished([3, 3], [4, 2]),
    );
    expect(renderReply(end, locale).text).toContain(pens);
    const shootoutOver = alert(
      { kind: 'period-end', period: 'shootout', score: { home: 3, away: 3 }, penalties: { home: 4, away: 2 }, finalWhistle: true },
      finished([3, 3], [4, 2]),
    );
    expect(renderReply(shootoutOver, locale).text).toContain(pens);
    // While the shoot-out is on, the score is not final yet.
    const during = { ...finished([3, 3], [2, 2]), phase: 'shootout' as const, winner: null };
    expect(renderParent(during, locale).text).not.toContain(catalogue(locale).match.extraTimeTag);
  });
});

describe('every alert kind in every locale', () => {
  it.each(OTHERS)('%s translates every reply (nothing left in English)', (locale) => {
    for (const a of EVERY_KIND) {
      const local = renderReply(a, locale);
      const english = renderReply(a, 'en-GB');
      expect(local.text, `${a.kind} text`).not.toBe(english.text);
    }
  });

  it.each(LOCALES)('%s phrases carry no markup characters of their own', (locale) => {
    for (const a of EVERY_KIND) {
      const text = shown(renderReply(a, locale));
      // The names above are plain, so any &, < or > would have come from a phrase and would break mrkdwn.
      expect(text, a.kind).not.toMatch(/[&<>]/);
    }
    const parent = shown(renderParent({ ...match, phase: 'pre-match', minute: null }, locale));
    expect(parent.replace(/<!date\^\d+\^[^|>]+\|[^<>]+>/g, '')).not.toMatch(/[&<>]/);
  });
});

describe('kick-off time', () => {
  it.each(LOCALES)('%s: a date token whose fallback is the UTC time in the language', (locale) => {
    const msg = renderParent({ ...match, phase: 'pre-match', minute: null }, locale);
    const token = shown(msg).match(/<!date\^(\d+)\^\{date_short_pretty\} \{time\}\|([^>]+)>/);
    expect(token).not.toBeNull();
    expect(token![1]).toBe(String(Date.parse('2026-07-04T18:00:00Z') / 1000));
    expect(token![2]).toMatch(/2026.*18:00 UTC$/);
    // The notification text cannot render tokens, so it carries the plain UTC time.
    expect(msg.text).toMatch(/18:00 UTC$/);
    expect(msg.text).not.toContain('<!date');
  });

  it('en-GB fallback reads like "Sat 4 Jul 2026 18:00 UTC"', () => {
    expect(renderParent({ ...match, phase: 'pre-match', minute: null }, 'en-GB').text).toBe(
      'Brazil v Germany — Kick-off Sat 4 Jul 2026 18:00 UTC',
    );
  });
});

describe('andMore', () => {
  it.each(LOCALES)('%s names the count', (locale) => {
    expect(catalogue(locale).common.andMore(7)).toMatch(/^… .*7/);
  });
});
