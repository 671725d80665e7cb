import { SegmentedMessage } from 'sms-segments-calculator';
import { describe, expect, it } from 'vitest';
import type { SmsMatchPhrases } from '../../src/alerts/i18n/catalogue.js';
import { catalogue } from '../../src/alerts/i18n/index.js';
import { LOCALES } from '../../src/alerts/i18n/locales.js';
import { combineSms, shortPlayerName, smsSegments, smsText, toGsm7 } from '../../src/alerts/sms-text.js';
import type {
  MatchAlert as Alert,
  CardLine,
  CatchUpAlert,
  CorrectionAlert,
  GoalLine,
  MatchEventAlert,
  MatchEventDetail,
  MatchSummary,
  TeamRef,
} from '../../src/alerts/types.js';

const ARG: TeamRef = { id: '43922', name: 'Argentina', abbreviation: 'ARG', countryCode: 'ARG' };
const FRA: TeamRef = { id: '43946', name: 'France', abbreviation: 'FRA', countryCode: 'FRA' };

function summary(overrides: Partial<MatchSummary> = {}): MatchSummary {
  return {
    key: '17/255711/400128145',
    competitionName: 'FIFA World Cup',
    stageName: 'Final',
    groupName: null,
    kickoff: '2022-12-18T15:00:00Z',
    home: ARG,
    away: FRA,
    score: { home: 1, away: 0 },
    penalties: null,
    phase: 'first-half',
    minute: "40'",
    wentToExtraTime: false,
    winner: null,
    ...overrides,
  };
}

let nextId = 1;
function event(detail: MatchEventDetail, minute: string | null, match: MatchSummary = summary()): MatchEventAlert {
  const eventId = String(nextId++);
  return { source: 'match', id: `${match.key}/${eventId}`, matchKey: match.key, revision: 0, minute, at: '2022-12-18T15:30:00Z', match, eventId, ...detail };
}

function catchUp(goals: GoalLine[], cards: CardLine[], match: MatchSummary = summary()): CatchUpAlert {
  return {
    source: 'match',
    id: `${match.key}/catch-up`,
    matchKey: match.key,
    revision: 0,
    minute: match.minute,
    at: '2022-12-18T15:40:00Z',
    match,
    kind: 'catch-up',
    score: match.score,
    penalties: match.penalties,
    goals,
    cards,
  };
}

function correction(original: MatchEventAlert, match: MatchSummary): CorrectionAlert {
  return {
    source: 'match',
    id: `${original.id}/correction`,
    matchKey: match.key,
    revision: 0,
    minute: match.minute,
    at: '2022-12-18T15:45:00Z',
    match,
    kind: 'correction',
    original,
  };
}

const at = (home: number, away: number, extra: Partial<MatchSummary> = {}): MatchSummary =>
  summary({ score: { home, away }, ...extra });

describe('smsText in en-GB: one alert of each kind', () => {
  const cases: [string, Alert, string][] = [
    [
      'penalty goal',
      event({ kind: 'goal', side: 'home', player: 'Lionel MESSI', method: 'penalty', score: { home: 1, away: 0 } }, "23'"),
      "GOAL Argentina! Messi 23' (pen) ARG 1-0 FRA",
    ],
    [
      'open-play goal',
      event({ kind: 'goal', side: 'home', player: 'Angel DI MARIA', method: 'open-play', score: { home: 2, away: 0 } }, "36'"),
      "GOAL Argentina! Di Maria 36' ARG 2-0 FRA",
    ],
    [
      'free-kick goal of an unnamed player',
      event({ kind: 'goal', side: 'away', player: null, method: 'free-kick', score: { home: 2, away: 1 } }, "80'"),
      "GOAL France! FRA 80' (fk) ARG 2-1 FRA",
    ],
    [
      'own goal',
      event({ kind: 'goal', side: 'home', player: 'Hugo LLORIS', method: 'own-goal', score: { home: 2, away: 0 } }, "40'"),
      "GOAL Argentina! Lloris 40' (og) ARG 2-0 FRA",
    ],
    [
      'red card',
      event({ kind: 'card', side: 'home', player: 'Nicolas OTAMENDI', card: 'red' }, "75'", at(1, 0)),
      "Red card: Otamendi (ARG) 75'. ARG 1-0 FRA",
    ],
    [
      'yellow card',
      event({ kind: 'card', side: 'home', player: 'Enzo FERNANDEZ', card: 'yellow' }, "45'+7'", at(2, 0)),
      "Yellow card: Fernandez (ARG) 45'+7'. ARG 2-0 FRA",
    ],
    [
      'second yellow',
      event({ kind: 'card', side: 'away', player: 'Adrien RABIOT', card: 'second-yellow' }, "88'", at(2, 0)),
      "Second yellow: Rabiot (FRA) 88'. ARG 2-0 FRA",
    ],
    [
      'penalty awarded',
      event({ kind: 'penalty-awarded', side: 'home' }, "21'", at(0, 0)),
      "Penalty to Argentina 21'. ARG 0-0 FRA",
    ],
    [
      'penalty missed',
      event({ kind: 'penalty-missed', side: 'away', player: 'Kylian MBAPPE', outcome: 'missed' }, "50'", at(2, 0)),
      "Penalty missed: Mbappe (FRA) 50'. ARG 2-0 FRA",
    ],
    [
      'penalty saved',
      event({ kind: 'penalty-missed', side: 'home', player: 'Lionel MESSI', outcome: 'saved' }, "24'", at(0, 0)),
      "Penalty saved: Messi (ARG) 24'. ARG 0-0 FRA",
    ],
    [
      'penalty off the woodwork',
      event({ kind: 'penalty-missed', side: 'home', player: 'Lionel MESSI', outcome: 'woodwork' }, "24'", at(0, 0)),
      "Penalty hits the post: Messi (ARG) 24'. ARG 0-0 FRA",
    ],
    [
      'substitution',
      event({ kind: 'substitution', side: 'home', playerOn: 'Marcos ACUNA', playerOff: 'Angel DI MARIA' }, "64'", at(2, 0)),
      "Sub ARG 64': Acuna on, Di Maria off. ARG 2-0 FRA",
    ],
    ['kick-off', event({ kind: 'period-start', period: 'first-half' }, "1'", at(0, 0)), 'Kick-off: ARG v FRA'],
    ['second half', event({ kind: 'period-start', period: 'second-half' }, "46'", at(2, 0)), 'Second half: ARG 2-0 FRA'],
    ['extra time starts', event({ kind: 'period-start', period: 'extra-time-first-half' }, "91'", at(2, 2)), 'Extra time: ARG 2-2 FRA'],
    [
      'second half of extra time starts',
      event({ kind: 'period-start', period: 'extra-time-second-half' }, "106'", at(2, 2)),
      'Extra time, 2nd half: ARG 2-2 FRA',
    ],
    ['shoot-out starts', event({ kind: 'period-start', period: 'shootout' }, null, at(3, 3)), 'Shoot-out start: ARG v FRA'],
    [
      'half-time',
      event({ kind: 'period-end', period: 'first-half', score: { home: 2, away: 0 }, penalties: null, finalWhistle: false }, "45'+7'"),
      'Half-time: ARG 2-0 FRA',
    ],
    [
      'full-time',
      event({ kind: 'period-end', period: 'second-half', score: { home: 2, away: 2 }, penalties: null, finalWhistle: true }, "90'+8'"),
      'Full-time: ARG 2-2 FRA',
    ],
    [
      'end of normal time',
      event({ kind: 'period-end', period: 'second-half', score: { home: 2, away: 2 }, penalties: null, finalWhistle: false }, "90'+8'"),
      'End of normal time: ARG 2-2 FRA',
    ],
    [
      'half-time in extra time',
      event({ kind: 'period-end', period: 'extra-time-first-half', score: { home: 2, away: 2 }, penalties: null, finalWhistle: false }, "105'"),
      'Extra-time half-time: ARG 2-2 FRA',
    ],
    [
      'end of extra time, shoot-out to come',
      event({ kind: 'period-end', period: 'extra-time-second-half', score: { home: 3, away: 3 }, penalties: null, finalWhistle: false }, "120'+3'"),
      'End of extra time: ARG 3-3 FRA',
    ],
    [
      'end of extra time, final whistle',
      event({ kind: 'period-end', period: 'extra-time-second-half', score: { home: 3, away: 2 }, penalties: null, finalWhistle: true }, "120'+3'"),
      'Full-time after extra time: ARG 3-2 FRA',
    ],
    [
      'end of the shoot-out',
      event({ kind: 'period-end', period: 'shootout', score: { home: 3, away: 3 }, penalties: { home: 4, away: 2 }, finalWhistle: true }, null),
      'Shoot-out over: ARG 3-3 FRA (pens 4-2)',
    ],
    [
      'shoot-out kick scored',
      event(
        {
          kind: 'shootout-kick',
          side: 'home',
          player: 'Gonzalo MONTIEL',
          scored: true,
          outcome: null,
          kicks: { home: [true, true, true], away: [true, false, false] },
          penalties: { home: 3, away: 2 },
        },
        null,
        at(3, 3),
      ),
      'Pens ARG 3-2 FRA: Montiel scores',
    ],
    [
      'shoot-out kick saved',
      event(
        {
          kind: 'shootout-kick',
          side: 'away',
          player: 'Kingsley COMAN',
          scored: false,
          outcome: 'saved',
          kicks: { home: [true], away: [true, false] },
          penalties: { home: 1, away: 1 },
        },
        null,
        at(3, 3),
      ),
      'Pens ARG 1-1 FRA: Coman has it saved',
    ],
    [
      'win on penalties',
      event({ kind: 'match-end', score: { home: 3, away: 3 }, penalties: { home: 4, away: 2 }, winner: 'home', extraTime: true }, null),
      'Argentina win 4-2 on pens. ARG 3-3 FRA a.e.t.',
    ],
    [
      'away win on penalties, winner first',
      event({ kind: 'match-end', score: { home: 1, away: 1 }, penalties: { home: 3, away: 5 }, winner: 'away', extraTime: true }, null),
      'France win 5-3 on pens. ARG 1-1 FRA a.e.t.',
    ],
    [
      'win',
      event({ kind: 'match-end', score: { home: 2, away: 1 }, penalties: null, winner: 'home', extraTime: false }, null),
      'Final: ARG 2-1 FRA',
    ],
    [
      'win after extra time',
      event({ kind: 'match-end', score: { home: 3, away: 2 }, penalties: null, winner: 'home', extraTime: true }, null),
      'Final: ARG 3-2 FRA a.e.t.',
    ],
    [
      'draw',
      event({ kind: 'match-end', score: { home: 1, away: 1 }, penalties: null, winner: null, extraTime: false }, null),
      'Final: ARG 1-1 FRA (draw)',
    ],
    [
      'catch-up',
      catchUp([{ side: 'home', player: 'Lionel MESSI', minute: "23'", method: 'penalty' }], []),
      "Live ARG 1-0 FRA 40': Messi 23' (pen)",
    ],
    [
      'catch-up with goals and cards',
      catchUp(
        [
          { side: 'home', player: 'Lionel MESSI', minute: "23'", method: 'penalty' },
          { side: 'home', player: 'Angel DI MARIA', minute: "36'", method: 'open-play' },
        ],
        [{ side: 'away', player: 'Olivier GIROUD', minute: "41'", card: 'yellow' }],
        at(2, 0, { minute: "44'" }),
      ),
      "Live ARG 2-0 FRA 44': Messi 23' (pen), Di Maria 36', Yellow Giroud 41'",
    ],
    ['catch-up before any goal', catchUp([], [], at(0, 0, { minute: "12'" })), "Live ARG 0-0 FRA 12'"],
    [
      'goal ruled out',
      correction(
        event({ kind: 'goal', side: 'home', player: 'Lionel MESSI', method: 'open-play', score: { home: 1, away: 0 } }, "23'"),
        at(0, 0),
      ),
      "VAR: goal by Messi 23' ruled out. ARG 0-0 FRA",
    ],
    [
      'own goal ruled out',
      correction(
        event({ kind: 'goal', side: 'home', player: 'Hugo LLORIS', method: 'own-goal', score: { home: 2, away: 0 } }, "40'"),
        at(1, 0),
      ),
      "VAR: goal by Lloris 40' (og) ruled out. ARG 1-0 FRA",
    ],
    [
      'penalty cancelled',
      correction(event({ kind: 'penalty-awarded', side: 'away' }, "70'"), at(2, 0)),
      "VAR: penalty to France 70' cancelled. ARG 2-0 FRA",
    ],
    [
      'card cancelled',
      correction(event({ kind: 'card', side: 'home', player: 'Nicolas OTAMENDI', card: 'red' }, "75'"), at(1, 0)),
      "VAR: red card for Otamendi 75' cancelled. ARG 1-0 FRA",
    ],
    [
      'other event withdrawn',
      correction(event({ kind: 'substitution', side: 'home', playerOn: null, playerOff: null }, "60'"), at(1, 0)),
      "Correction: the 60' update was withdrawn. ARG 1-0 FRA",
    ],
  ];

  it.each(cases)('%s', (_label, alert, expected) => {
    expect(smsText(alert, 'en-GB')).toBe(expected);
  });
});

/** Every phrase of `sms.match` with every choice it offers, so no word of it goes unchecked. */
function everyPhrase(p: SmsMatchPhrases): string[] {
  const periods = ['first-half', 'second-half', 'extra-time-first-half', 'extra-time-second-half', 'shootout'] as const;
  const cards = ['yellow', 'red', 'second-yellow'] as const;
  const outcomes = ['missed', 'saved', 'woodwork'] as const;
  const out = [
    p.score(1, 0),
    p.versus,
    p.withPenalties('A', 4, 2),
    p.unknownPlayer,
    p.labelled('A', 'B'),
    p.withScore('A', 'B'),
    ...Object.values(p.goalMethod).filter((t): t is string => t !== null),
    p.goal('A', 'B', 'C'),
    p.goal(null, null, 'C'),
    p.penaltyAwarded('A', "1'"),
    p.penaltyAwarded(null, null),
    ...outcomes.map((o) => p.penaltyMissed(o, 'A')),
    ...cards.flatMap((c) => [p.card(c, 'A'), p.cardItem(c, 'A'), p.correctionCard(c, 'A')]),
    p.substitution('A', "1'", 'B', 'C'),
    p.substitution(null, null, 'B', 'C'),
    ...periods.flatMap((period) => [p.periodStart[period], p.periodEnd(period, false), p.periodEnd(period, true)]),
    p.shootoutTally('A'),
    ...(['scored', ...outcomes] as const).map((r) => p.shootoutKick(r, 'A')),
    p.catchUp('A', "1'", 'B'),
    p.catchUp('A', null, null),
    p.correctionGoal('A'),
    p.correctionPenalty('A', "1'"),
    p.correctionPenalty(null, null),
    p.correctionOther("1'"),
    p.correctionOther(null),
    p.goalItem('A'),
    p.more(1),
    p.more(3),
  ];
  for (const winner of ['A', null]) {
    for (const extraTime of [false, true]) {
      for (const penalties of ['4-2', null]) {
        out.push(p.result({ winner, extraTime, penalties }), p.matchEnd({ winner, penalties, line: extraTime ? `B ${p.extraTimeTag}` : 'B' }));
      }
    }
  }
  return out;
}

describe('the SMS phrases', () => {
  it.each(LOCALES)('%s: every phrase is GSM-7 as written, so nothing is transliterated behind the translator', (locale) => {
    for (const phrase of everyPhrase(catalogue(locale).sms.match)) {
      expect(new SegmentedMessage(phrase, 'auto').getNonGsmCharacters(), phrase).toEqual([]);
      expect(phrase, phrase).not.toMatch(/undefined|null/);
    }
  });
});

describe('smsText in every language', () => {
  /** Two of the longest names in football, and names full of what GSM-7 lacks. */
  const BIH: TeamRef = { id: '1', name: 'Bosnia and Herzegovina', abbreviation: 'BIH', countryCode: 'BIH' };
  const CIV: TeamRef = { id: '2', name: 'Côte d’Ivoire 🐘', abbreviation: 'CIV', countryCode: 'CIV' };
  const LONG = 'Pierre-Emerick AUBAMEYANG';
  const ODD = 'Wojciech SZCZĘSNY-ŁUKASZEWSKI “Tek” 🧤';
  const match = summary({ home: BIH, away: CIV, score: { home: 10, away: 12 }, penalties: { home: 10, away: 11 }, minute: "120'+15'" });
  const minute = "120'+15'";
  const goals: GoalLine[] = [
    { side: 'home', player: LONG, minute: "90'+10'", method: 'own-goal' },
    { side: 'away', player: ODD, minute: "101'", method: 'free-kick' },
  ];

  function everyKind(m: MatchSummary): Alert[] {
    const e = (d: MatchEventDetail): MatchEventAlert => event(d, minute, m);
    const kinds: MatchEventAlert[] = [
      e({ kind: 'goal', side: 'home', player: LONG, method: 'own-goal', score: m.score }),
      e({ kind: 'goal', side: 'away', player: ODD, method: 'penalty', score: m.score }),
      e({ kind: 'goal', side: null, player: null, method: 'free-kick', score: m.score }),
      e({ kind: 'penalty-awarded', side: 'home' }),
      e({ kind: 'penalty-awarded', side: null }),
      ...(['missed', 'saved', 'woodwork'] as const).map((outcome) =>
        e({ kind: 'penalty-missed', side: 'away', player: LONG, outcome }),
      ),
      ...(['yellow', 'red', 'second-yellow'] as const).map((card) => e({ kind: 'card', side: 'home', player: ODD, card })),
      e({ kind: 'substitution', side: 'away', playerOn: LONG, playerOff: ODD }),
      e({ kind: 'substitution', side: null, playerOn: null, playerOff: null }),
    ];
    for (const period of ['first-half', 'second-half', 'extra-time-first-half', 'extra-time-second-half', 'shootout'] as const) {
      kinds.push(e({ kind: 'period-start', period }));
      for (const finalWhistle of [false, true]) {
        kinds.push(e({ kind: 'period-end', period, score: m.score, penalties: m.penalties, finalWhistle }));
      }
    }
    for (const [scored, outcome] of [[true, null], [false, 'missed'], [false, 'saved'], [false, 'woodwork']] as const) {
      kinds.push(
        e({ kind: 'shootout-kick', side: 'home', player: LONG, scored, outcome, kicks: { home: [scored], away: [] }, penalties: m.penalties ?? m.score }),
      );
    }
    for (const winner of ['home', 'away', null] as const) {
      for (const penalties of [m.penalties, null]) {
        for (const extraTime of [false, true]) kinds.push(e({ kind: 'match-end', score: m.score, penalties, winner, extraTime }));
      }
    }
    const many: GoalLine[] = Array.from({ length: 22 }, (_, i) => ({ ...goals[i % 2]!, minute: `${i + 1}'` }));
    return [
      ...kinds,
      catchUp(goals, [{ side: 'home', player: ODD, minute, card: 'second-yellow' }], m),
      catchUp(many, [], m),
      ...kinds.map((k) => correction(k, m)),
    ];
  }

  it.each(LOCALES)('%s: every kind is GSM-7 and one segment, with long and foreign names', (locale) => {
    for (const m of [match, summary({ home: BIH, away: CIV, score: { home: 2, away: 1 } })]) {
      for (const alert of everyKind(m)) {
        const text = smsText(alert, locale);
        const message = new SegmentedMessage(text, 'auto');
        const label = `${alert.kind}: ${text}`;
        expect(message.getNonGsmCharacters(), label).toEqual([]);
        expect(message.encodingName, label).toBe('GSM-7');
        expect(message.segmentsCount, label).toBe(1);
      }
    }
  });

  it.each(LOCALES)('%s: the score survives every shortening', (locale) => {
    const giant: TeamRef = { id: '9', name: 'Z'.repeat(150), abbreviation: 'ABCDEFGHIJKL', countryCode: null };
    const m = summary({ home: giant, away: giant, score: { home: 10, away: 12 } });
    const goal = event({ kind: 'goal', side: 'home', player: `${'x'.repeat(80)} ${'Y'.repeat(80)}`, method: 'penalty', score: m.score }, minute, m);
    const text = smsText(goal, locale);
    expect(smsSegments(text).segments).toBe(1);
    expect(text).toMatch(/ABCDEF 10( x |-|:)12 ABCDEF/);
  });

  it('a long team name gives way to its abbreviation only when the text needs it', () => {
    const goal = event({ kind: 'goal', side: 'home', player: LONG, method: 'open-play', score: { home: 1, away: 0 } }, "23'", summary({ home: BIH }));
    expect(smsText(goal, 'en-GB')).toBe("GOAL Bosnia and Herzegovina! Aubameyang 23' BIH 1-0 FRA");
  });

  it('a catch-up with more goals than one segment holds counts the rest', () => {
    const many: GoalLine[] = Array.from({ length: 30 }, (_, i) => ({ side: 'home', player: LONG, minute: `${i + 1}'`, method: 'open-play' }));
    const text = smsText(catchUp(many, [], summary({ score: { home: 30, away: 0 } })), 'en-GB');
    expect(smsSegments(text).segments).toBe(1);
    expect(text).toMatch(/^Live ARG 30-0 FRA 40': Aubamey\. 1', Aubamey\. 2', .*, \+\d+ more$/);
  });
});

describe('a final score after extra time, by SMS in every language (SPEC M3)', () => {
  const expected: Record<(typeof LOCALES)[number], { pens: string; aet: string }> = {
    'en-GB': { pens: 'Argentina win 4-2 on pens. ARG 3-3 FRA a.e.t.', aet: 'Final: ARG 2-1 FRA a.e.t.' },
    'pt-BR': { pens: 'A Argentina vence nos penaltis por 4 x 2. ARG 3 x 3 FRA apos prorrogacao', aet: 'Final: ARG 2 x 1 FRA apos prorrogacao' },
    'fr-FR': { pens: 'Vainqueur 4-2 aux t.a.b. : Argentina. ARG 3-3 FRA a.p.', aet: 'Score final : ARG 2-1 FRA a.p.' },
    'es-ES': { pens: 'Argentina gana 4-2 en los penaltis. ARG 3-3 FRA tras la prorroga', aet: 'Final: ARG 2-1 FRA tras la prorroga' },
    'de-DE': { pens: 'Argentina gewinnt im Elfmeterschießen 4:2. ARG 3:3 FRA n.V.', aet: 'Endstand: ARG 2:1 FRA n.V.' },
  };

  it.each(LOCALES)('%s: the match-end SMS, and the shoot-out line once the match is over', (locale) => {
    const over = summary({ phase: 'finished', minute: null, score: { home: 3, away: 3 }, penalties: { home: 4, away: 2 }, wentToExtraTime: true, winner: 'home' });
    const pens = event({ kind: 'match-end', score: { home: 3, away: 3 }, penalties: { home: 4, away: 2 }, winner: 'home', extraTime: true }, null, over);
    const aet = event({ kind: 'match-end', score: { home: 2, away: 1 }, penalties: null, winner: 'home', extraTime: true }, null);
    expect(smsText(pens, locale)).toBe(expected[locale].pens);
    expect(smsText(aet, locale)).toBe(expected[locale].aet);
    const shootoutOver = event({ kind: 'period-end', period: 'shootout', score: { home: 3, away: 3 }, penalties: { home: 4, away: 2 }, finalWhistle: true }, null, over);
    expect(smsText(shootoutOver, locale)).toContain(catalogue(locale).sms.match.extraTimeTag);
  });

  it('a burst that ends the match leads with the final score, after extra time', () => {
    const over = summary({ phase: 'finished', minute: null, score: { home: 3, away: 3 }, penalties: { home: 4, away: 2 }, wentToExtraTime: true, winner: 'home' });
    const kick = event(
      { kind: 'shootout-kick', side: 'home', player: 'Gonzalo MONTIEL', scored: true, outcome: null, kicks: { home: [true, true, true, true], away: [true, false, false, true] }, penalties: { home: 4, away: 2 } },
      null,
      over,
    );
    const end = event({ kind: 'match-end', score: { home: 3, away: 3 }, penalties: { home: 4, away: 2 }, winner: 'home', extraTime: true }, null, over);
    expect(combineSms([kick, end], 'en-GB')).toMatch(/^ARG 3-3 FRA a\.e\.t\. \(pens 4-2\): /);
  });
});

describe('combineSms', () => {
  const goal = (player: string, minute: string, home: number, away = 0): MatchEventAlert =>
    event({ kind: 'goal', side: 'home', player, method: 'open-play', score: { home, away } }, minute, at(home, away));
  const yellow = (player: string, minute: string, home: number): MatchEventAlert =>
    event({ kind: 'card', side: 'away', player, card: 'yellow' }, minute, at(home, 0));

  it('puts a burst in one SMS led by the latest score', () => {
    const burst = [
      event({ kind: 'goal', side: 'home', player: 'Lionel MESSI', method: 'penalty', score: { home: 1, away: 0 } }, "23'", at(1, 0)),
      goal('Angel DI MARIA', "36'", 2),
      event({ kind: 'card', side: 'home', player: 'Enzo FERNANDEZ', card: 'yellow' }, "45'+7'", at(2, 0)),
    ];
    expect(combineSms(burst, 'en-GB')).toBe("ARG 2-0 FRA: GOAL Messi 23' (pen), GOAL Di Maria 36', Yellow Fernandez 45'+7'");
  });

  it('says every kind in a few words', () => {
    const burst: Alert[] = [
      event({ kind: 'period-end', period: 'second-half', score: { home: 2, away: 2 }, penalties: null, finalWhistle: false }, "90'+8'", at(2, 2)),
      event({ kind: 'penalty-awarded', side: 'away' }, "116'", at(3, 2)),
      event({ kind: 'goal', side: 'away', player: 'Kylian MBAPPE', method: 'penalty', score: { home: 3, away: 3 } }, "118'", at(3, 3)),
      event({ kind: 'substitution', side: 'away', playerOn: 'Kingsley COMAN', playerOff: 'Adrien RABIOT' }, "119'", at(3, 3)),
    ];
    expect(combineSms(burst, 'en-GB')).toBe(
      "ARG 3-3 FRA: End of normal time, Penalty to FRA 116', GOAL Mbappe 118' (pen), Sub FRA 119': Coman on, Rabiot off",
    );
  });

  it('a single alert is just its own text', () => {
    const one = goal('Lionel MESSI', "23'", 1);
    expect(combineSms([one], 'en-GB')).toBe(smsText(one, 'en-GB'));
    expect(combineSms([], 'en-GB')).toBe('');
  });

  it('drops cards before goals to stay in one segment, and says how many went', () => {
    const burst = [
      goal('Pierre-Emerick AUBAMEYANG', "12'", 1),
      yellow('Aurelien TCHOUAMENI', "20'", 1),
      yellow('Theo HERNANDEZ', "22'", 1),
      yellow('Antoine GRIEZMANN', "25'", 1),
      yellow('Ousmane DEMBELE', "27'", 1),
      yellow('Dayot UPAMECANO', "29'", 1),
      yellow('Raphael VARANE', "31'", 1),
      goal('Lautaro MARTINEZ', "33'", 2),
      yellow('Jules KOUNDE', "35'", 2),
    ];
    const text = combineSms(burst, 'en-GB');
    expect(smsSegments(text).segments).toBe(1);
    expect(text).toMatch(/^ARG 2-0 FRA: GOAL Aubameyang 12', .*GOAL Martinez 33'.*, \+\d more$/);
    const more = Number(/\+(\d) more$/.exec(text)![1]);
    expect(text.match(/Yellow/g)?.length).toBe(7 - more);
  });

  function burstOf(count: number): MatchEventAlert[] {
    const names = ['Pierre-Emerick AUBAMEYANG', 'Wojciech SZCZĘSNY', 'Randal KOLO MUANI', 'Alexis MAC ALLISTER'];
    return Array.from({ length: count }, (_, i) => {
      const name = names[i % names.length]!;
      const minute = `${90}'+${i + 1}'`;
      return i % 2 === 0 ? goal(name, minute, i / 2 + 1) : yellow(name, minute, (i + 1) / 2);
    });
  }

  it.each(LOCALES)('%s: bursts of 2, 5 and 12 stay within two GSM-7 segments and keep every goal', (locale) => {
    const goalWord = { 'en-GB': 'GOAL ', 'pt-BR': 'GOL ', 'fr-FR': 'BUT ', 'es-ES': 'GOL ', 'de-DE': 'TOR ' }[locale];
    for (const count of [2, 5, 12]) {
      const burst = burstOf(count);
      const text = combineSms(burst, locale);
      const { segments, encoding } = smsSegments(text);
      expect(encoding, text).toBe('GSM-7');
      expect(segments, text).toBeLessThanOrEqual(2);
      expect(text.split(goalWord).length - 1, text).toBe(burst.filter((a) => a.kind === 'goal').length);
    }
  });

  it.each(LOCALES)('%s: even twelve goals of long names keep every goal in two segments', (locale) => {
    const burst = Array.from({ length: 12 }, (_, i) => goal('Pierre-Emerick AUBAMEYANG', `${90}'+${i + 1}'`, i + 1));
    const text = combineSms(burst, locale);
    expect(smsSegments(text).segments, text).toBeLessThanOrEqual(2);
    expect(text.match(/Aubame/g)?.length, text).toBe(12);
  });
});

describe('toGsm7', () => {
  it.each([
    ['é, ñ, ü, ø, å, æ, ß and Ç are GSM-7 and stay', 'Mbappé Núñez Müller Ødegaard Ålesund Kjær Großkreutz Çalhanoğlu', 'Mbappé Nuñez Müller Ødegaard Ålesund Kjær Großkreutz Çalhanoglu'],
    ['other accents go', 'São João Conceição Szczęsny Modrić Dembélé Bénédict Ibrahimović', 'Sao Joao Conceicao Szczesny Modric Dembélé Bénédict Ibrahimovic'],
    ['ç and ã become c and a', 'Curaçao ã', 'Curacao a'],
    ['letters without a decomposition', 'Łódź Đorđević Þór Kırıkkale Œuvre ðe', 'Lodz Dordevic Thor Kirikkale OEuvre de'],
    ['curly quotes become straight', '‘Tek’ “Dibu”', '\'Tek\' "Dibu"'],
    ['dashes become hyphens', '2–1 — Messi', '2-1 - Messi'],
    ['an ellipsis becomes three dots', 'and more…', 'and more...'],
    ['emoji go, with the space they leave', '⚽️ GOAL 🇦🇷 Argentina 👍🏽!', 'GOAL Argentina !'],
    ['no-break spaces become spaces', 'BUT\u00a0! 90\u202f+', 'BUT ! 90 +'],
    ['scripts GSM-7 lacks go', 'Son 손흥민 Heung-min', 'Son Heung-min'],
    ['combining marks written apart still reduce', 'Jose\u0301 Joa\u0303o', 'José Joao'],
    ['extended characters stay', '€ [x] {y} ~ | ^ \\', '€ [x] {y} ~ | ^ \\'],
    ['Greek capitals of GSM-7 stay, the rest go', 'ΔΣΩ αβ', 'ΔΣΩ'],
  ])('%s', (_label, input, expected) => {
    const out = toGsm7(input);
    expect(out).toBe(expected);
    expect(new SegmentedMessage(out, 'auto').encodingName).toBe('GSM-7');
    expect(toGsm7(out)).toBe(out);
  });
});

describe('shortPlayerName', () => {
  it.each([
    ['Lionel MESSI', 'Messi'],
    ['Angel DI MARIA', 'Di Maria'],
    ['Randal KOLO MUANI', 'Kolo Muani'],
    ['Pierre-Emerick AUBAMEYANG', 'Aubameyang'],
    ['Trent ALEXANDER-ARNOLD', 'Alexander-Arnold'],
    ["Dara O'SHEA", "O'Shea"],
    ['Thomas MÜLLER', 'Müller'],
    ['CASEMIRO', 'Casemiro'],
    ['VINÍCIUS JÚNIOR', 'Vinícius Júnior'],
    ['SON Heung-min', 'Son'],
    ['Lionel Messi', 'Messi'],
    ['Messi', 'Messi'],
    ['  Kylian   MBAPPE  ', 'Mbappe'],
    ['J. SMITH', 'Smith'],
    ['', null],
    [null, null],
  ])('%s → %s', (name, expected) => {
    expect(shortPlayerName(name)).toBe(expected);
  });
});

describe('smsSegments', () => {
  it('counts like Twilio', () => {
    expect(smsSegments('a'.repeat(160))).toEqual({ segments: 1, encoding: 'GSM-7' });
    expect(smsSegments('a'.repeat(161))).toEqual({ segments: 2, encoding: 'GSM-7' });
    expect(smsSegments(`${'a'.repeat(151)}€€€€€`)).toEqual({ segments: 2, encoding: 'GSM-7' });
    expect(smsSegments('São')).toEqual({ segments: 1, encoding: 'UCS-2' });
    expect(smsSegments('ã'.repeat(71))).toEqual({ segments: 2, encoding: 'UCS-2' });
  });
});
