import { describe, expect, it } from 'vitest';
import type { MatchAlert as Alert, CatchUpAlert, CorrectionAlert, MatchEventAlert, MatchEventDetail, MatchSummary } from '../../src/alerts/types.js';
import { levelIncludes, levelOf as smsLevelOf, teamsOf, type AlertLevel as SmsAlertLevel } from '../../src/alerts/levels.js';

const match: MatchSummary = {
  key: '17/255711/400128145',
  competitionName: 'FIFA World Cup',
  stageName: 'Final',
  groupName: null,
  kickoff: '2022-12-18T15:00:00Z',
  home: { id: '43922', name: 'Argentina', abbreviation: 'ARG', countryCode: 'ARG' },
  away: { id: '43946', name: 'France', abbreviation: 'FRA', countryCode: 'FRA' },
  score: { home: 1, away: 0 },
  penalties: null,
  phase: 'first-half',
  minute: "23'",
  wentToExtraTime: false,
  winner: null,
};

function event(detail: MatchEventDetail, revision = 0): MatchEventAlert {
  return { source: 'match', id: `${match.key}/1`, matchKey: match.key, revision, minute: "23'", at: '2022-12-18T15:23:00Z', match, eventId: '1', ...detail };
}

function correction(original: MatchEventAlert): CorrectionAlert {
  return { source: 'match', id: `${original.id}/correction`, matchKey: match.key, revision: 0, minute: "25'", at: '2022-12-18T15:25:00Z', match, kind: 'correction', original };
}

const catchUp: CatchUpAlert = {
  source: 'match',
  id: `${match.key}/catch-up`,
  matchKey: match.key,
  revision: 0,
  minute: "23'",
  at: '2022-12-18T15:23:00Z',
  match,
  kind: 'catch-up',
  score: match.score,
  penalties: null,
  goals: [],
  cards: [],
};

const score = { home: 1, away: 0 };
const goal = event({ kind: 'goal', side: 'home', player: 'Lionel MESSI', method: 'penalty', score });
const ownGoal = event({ kind: 'goal', side: 'home', player: 'Hugo LLORIS', method: 'own-goal', score });
const card = event({ kind: 'card', side: 'home', player: 'Nicolas OTAMENDI', card: 'yellow' });
const penaltyAwarded = event({ kind: 'penalty-awarded', side: 'home' });
const kick = event({
  kind: 'shootout-kick',
  side: 'home',
  player: 'Gonzalo MONTIEL',
  scored: true,
  outcome: null,
  kicks: { home: [true], away: [] },
  penalties: { home: 1, away: 0 },
});
const kickOff = event({ kind: 'period-start', period: 'first-half' });
const substitution = event({ kind: 'substitution', side: 'away', playerOn: 'Kingsley COMAN', playerOff: 'Adrien RABIOT' });

const LEVELS: [string, Alert, SmsAlertLevel | null][] = [
  ['goal', goal, 'goals'],
  ['own goal', ownGoal, 'goals'],
  ['full-time (final whistle)', event({ kind: 'period-end', period: 'second-half', score, penalties: null, finalWhistle: true }), 'goals'],
  ['end of extra time (final whistle)', event({ kind: 'period-end', period: 'extra-time-second-half', score, penalties: null, finalWhistle: true }), 'goals'],
  ['end of the shoot-out', event({ kind: 'period-end', period: 'shootout', score, penalties: score, finalWhistle: true }), 'goals'],
  ['match end', event({ kind: 'match-end', score, penalties: null, winner: 'home', extraTime: false }), 'goals'],
  ['catch-up', catchUp, 'goals'],
  ['goal ruled out', correction(goal), 'goals'],
  ['own goal ruled out', correction(ownGoal), 'goals'],
  ['yellow card', card, 'cards'],
  ['red card', event({ kind: 'card', side: 'away', player: null, card: 'red' }), 'cards'],
  ['second yellow', event({ kind: 'card', side: 'away', player: null, card: 'second-yellow' }), 'cards'],
  ['penalty awarded', penaltyAwarded, 'cards'],
  ['penalty missed', event({ kind: 'penalty-missed', side: 'home', player: null, outcome: 'saved' }), 'cards'],
  ['shoot-out kick', kick, 'cards'],
  ['card rescinded', correction(card), 'cards'],
  ['penalty cancelled', correction(penaltyAwarded), 'cards'],
  ['shoot-out kick withdrawn', correction(kick), 'cards'],
  ['kick-off', kickOff, 'everything'],
  ['second half starts', event({ kind: 'period-start', period: 'second-half' }), 'everything'],
  ['shoot-out starts', event({ kind: 'period-start', period: 'shootout' }), 'everything'],
  ['half-time', event({ kind: 'period-end', period: 'first-half', score, penalties: null, finalWhistle: false }), 'everything'],
  ['end of normal time', event({ kind: 'period-end', period: 'second-half', score, penalties: null, finalWhistle: false }), 'everything'],
  ['end of extra time before penalties', event({ kind: 'period-end', period: 'extra-time-second-half', score, penalties: null, finalWhistle: false }), 'everything'],
  ['substitution', substitution, 'everything'],
  ['substitution withdrawn', correction(substitution), 'everything'],
  ['an edited goal', event({ kind: 'goal', side: 'home', player: 'Lionel MESSI', method: 'open-play', score }, 1), null],
  ['an edited card', event({ kind: 'card', side: 'home', player: 'Nicolas OTAMENDI', card: 'red' }, 2), null],
  ['an edited catch-up', { ...catchUp, revision: 1 }, null],
];

describe('smsLevelOf', () => {
  it.each(LEVELS)('%s → %s', (_label, alert, level) => {
    expect(smsLevelOf(alert)).toBe(level);
  });
});

describe('who gets what', () => {
  const chosen: SmsAlertLevel[] = ['goals', 'cards', 'everything'];
  const expected: Record<SmsAlertLevel, Record<SmsAlertLevel, boolean>> = {
    goals: { goals: true, cards: false, everything: false },
    cards: { goals: true, cards: true, everything: false },
    everything: { goals: true, cards: true, everything: true },
  };

  it.each(chosen)('a member who chose %s', (level) => {
    for (const needed of chosen) expect(levelIncludes(level, needed), `needs ${needed}`).toBe(expected[level][needed]);
  });

  it('a member who chose off gets nothing, on DM and SMS alike', () => {
    for (const needed of chosen) expect(levelIncludes('off', needed), `needs ${needed}`).toBe(false);
  });

  it.each(LEVELS)('%s reaches exactly the members whose level includes it', (_label, alert, level) => {
    const reached = chosen.filter((c) => {
      const needed = smsLevelOf(alert);
      return needed !== null && levelIncludes(c, needed);
    });
    const want = level === null ? [] : chosen.slice(chosen.indexOf(level));
    expect(reached).toEqual(want);
  });
});

describe('teamsOf', () => {
  it('names both teams of the match', () => {
    expect(teamsOf(goal)).toEqual(['43922', '43946']);
    expect(teamsOf(catchUp)).toEqual(['43922', '43946']);
    expect(teamsOf(correction(card))).toEqual(['43922', '43946']);
  });

  it('leaves out a team not decided yet', () => {
    const undecided: MatchSummary = { ...match, away: { id: null, name: 'W49', abbreviation: 'W49', countryCode: null } };
    expect(teamsOf({ ...kickOff, match: undecided })).toEqual(['43922']);
    expect(teamsOf({ ...kickOff, match: { ...undecided, home: { ...undecided.away } } })).toEqual([]);
  });
});
