/** SPEC M7: which timeline types become which replies, and for which side. */
import { describe, expect, it } from 'vitest';
import type { MatchEventAlert } from '../../src/alerts/types.js';
import { trackMatch } from '../../src/football/tracker.js';
import type { NeutralEvent } from '../../src/football/model.js';
import { ECU, QAT, calendar, ev, eventAlerts, kickOff, knockout, last, MATCH_KEY, OPTIONS, poll, snapshot, K } from './tracker-fixtures.js';

/** The reply (if any) for `event` when it follows the kick-off in a match already being tracked. */
function replyFor(event: NeutralEvent, options = OPTIONS, match = calendar()): MatchEventAlert[] {
  const results = poll([[kickOff()], [kickOff(), event]], options, match);
  return eventAlerts(last(results).alerts);
}

function onlyReply(event: NeutralEvent, options = OPTIONS, match = calendar()): MatchEventAlert {
  const replies = replyFor(event, options, match);
  expect(replies).toHaveLength(1);
  return replies[0] as MatchEventAlert;
}

describe('kick-off and period events', () => {
  it('posts the kick-off of a match seen before it starts, with the event time and minute', () => {
    const result = trackMatch(undefined, snapshot([kickOff('18185300000031', { minute: "1'", t: 133 })]), OPTIONS);
    expect(result.alerts).toEqual([
      expect.objectContaining({
        kind: 'period-start',
        period: 'first-half',
        id: `${MATCH_KEY}/18185300000031`,
        eventId: '18185300000031',
        matchKey: MATCH_KEY,
        source: 'match',
        revision: 0,
        minute: "1'",
        at: '2022-11-20T16:02:13.0Z',
      }),
    ]);
    expect(result.alerts[0]?.match.phase).toBe('first-half');
  });

  it.each(['second-half', 'extra-time-first-half', 'extra-time-second-half', 'shootout'] as const)('posts the start of the %s', (period) => {
    expect(onlyReply(ev('p', K.start(period), { t: 60 }))).toMatchObject({ kind: 'period-start', period });
  });

  it('posts half-time as the end of the first half, never a final whistle', () => {
    const reply = onlyReply(ev('ht', K.end('first-half'), { period: 'first-half', t: 2800, minute: "45'+2'", score: [1, 0] }));
    expect(reply).toMatchObject({ kind: 'period-end', period: 'first-half', score: { home: 1, away: 0 }, finalWhistle: false });
    expect(reply).toMatchObject({ penalties: null });
    expect(reply.match.phase).toBe('half-time');
  });

  it('blows the final whistle at the end of the second half of a group match, even level', () => {
    const reply = onlyReply(ev('ft', K.end('second-half'), { period: 'second-half', t: 6000, minute: "90'+6'", score: [1, 1] }));
    expect(reply).toMatchObject({ kind: 'period-end', period: 'second-half', finalWhistle: true });
    expect(reply.match).toMatchObject({ phase: 'finished', minute: null, winner: null });
  });

  it('does not blow the final whistle when a knockout match is level after 90 minutes', () => {
    const reply = onlyReply(ev('ft', K.end('second-half'), { period: 'second-half', t: 6000, score: [1, 1] }), OPTIONS, knockout());
    expect(reply).toMatchObject({ kind: 'period-end', period: 'second-half', finalWhistle: false });
    expect(reply.match.phase).toBe('before-extra-time');
  });

  it('blows the final whistle when a knockout match has a winner after 90 minutes', () => {
    const reply = onlyReply(ev('ft', K.end('second-half'), { period: 'second-half', t: 6000, score: [2, 1] }), OPTIONS, knockout());
    expect(reply).toMatchObject({ finalWhistle: true });
    expect(reply.match).toMatchObject({ phase: 'finished', winner: 'home' });
  });

  it('ends extra time with a final whistle only when someone leads', () => {
    const level = onlyReply(ev('e', K.end('extra-time-second-half'), { period: 'extra-time-second-half', t: 8000, score: [2, 2] }), OPTIONS, knockout());
    expect(level).toMatchObject({ period: 'extra-time-second-half', finalWhistle: false });
    expect(level.match.phase).toBe('before-shootout');
    const decided = onlyReply(ev('e', K.end('extra-time-second-half'), { period: 'extra-time-second-half', t: 8000, score: [3, 2] }), OPTIONS, knockout());
    expect(decided).toMatchObject({ period: 'extra-time-second-half', finalWhistle: true });
    const firstHalf = onlyReply(ev('e', K.end('extra-time-first-half'), { period: 'extra-time-first-half', t: 7000, score: [3, 2] }), OPTIONS, knockout());
    expect(firstHalf).toMatchObject({ period: 'extra-time-first-half', finalWhistle: false });
    expect(firstHalf.match.phase).toBe('extra-time-break');
  });

  it('posts the match end with the winner and the score', () => {
    const reply = onlyReply(ev('end', K.matchEnd, { period: 'finished', t: 6100, minute: "90'+6'", score: [0, 2] }));
    expect(reply).toMatchObject({
      kind: 'match-end',
      score: { home: 0, away: 2 },
      penalties: null,
      winner: 'away',
      extraTime: false,
    });
    expect(reply.match).toMatchObject({ phase: 'finished', winner: 'away', minute: null });
  });

  it('posts no reply for noise during a break (e.g. something at half-time)', () => {
    const results = poll([[kickOff()], [kickOff(), ev('odd', K.noise, { period: 'half-time', t: 2900 })]]);
    expect(last(results).alerts).toEqual([]);
    expect(last(results).unknownEvents).toEqual([]);
  });
});

describe('goals', () => {
  it.each(['open-play', 'free-kick', 'penalty'] as const)('posts a goal (%s) for the team the event names', (method) => {
    const reply = onlyReply(ev('g', { kind: 'goal', method }, { t: 600, minute: "10'", teamId: ECU.id, player: 'Enner Valencia', score: [0, 1] }));
    expect(reply).toMatchObject({
      kind: 'goal',
      side: 'away',
      player: 'Enner Valencia',
      method,
      score: { home: 0, away: 1 },
      minute: "10'",
    });
    expect(reply.match.score).toEqual({ home: 0, away: 1 });
  });

  it('gives a goal without a team, or with a team not in the match, no side', () => {
    expect(onlyReply(ev('g', K.goal, { t: 60, score: [1, 0] }))).toMatchObject({ kind: 'goal', side: null });
    expect(onlyReply(ev('g', K.goal, { t: 60, teamId: '999', score: [1, 0] }))).toMatchObject({ kind: 'goal', side: null });
  });

  it('credits an own goal to the side whose count went up, not to the team the event names', () => {
    const results = poll([
      [kickOff()],
      [
        kickOff(),
        ev('g1', K.goal, { t: 300, teamId: QAT.id, score: [1, 0] }),
        // The event names Qatar (the player's team) but Ecuador's count went up.
        ev('og', K.ownGoal, { t: 600, teamId: QAT.id, player: 'Unlucky', score: [1, 1] }),
      ],
    ]);
    const [, ownGoal] = eventAlerts(last(results).alerts);
    expect(ownGoal).toMatchObject({ kind: 'goal', method: 'own-goal', side: 'away', player: 'Unlucky', score: { home: 1, away: 1 } });
  });

  it('credits an own goal from the previous event in timeline order, not feed order', () => {
    const results = poll([
      [kickOff()],
      [kickOff(), ev('og', K.ownGoal, { t: 600, teamId: ECU.id, score: [2, 0] }), ev('g1', K.goal, { t: 300, teamId: QAT.id, score: [1, 0] })],
    ]);
    const ownGoal = eventAlerts(last(results).alerts).find((a) => a.eventId === 'og');
    expect(ownGoal).toMatchObject({ side: 'home' });
  });

  it('stamps each goal of one poll with the score right after it', () => {
    const results = poll([
      [kickOff()],
      [kickOff(), ev('g1', K.goal, { t: 300, teamId: QAT.id, score: [1, 0] }), ev('g2', K.goal, { t: 600, teamId: QAT.id, score: [2, 0] })],
    ]);
    const [first, second] = eventAlerts(last(results).alerts);
    expect(first?.match.score).toEqual({ home: 1, away: 0 });
    expect(second?.match.score).toEqual({ home: 2, away: 0 });
    expect(last(results).summary.score).toEqual({ home: 2, away: 0 });
  });
});

describe('penalties and cards', () => {
  it('gives a penalty awarded to the side the event names (the side that takes the kick)', () => {
    expect(onlyReply(ev('p', K.penaltyAwarded, { t: 60, teamId: QAT.id }))).toMatchObject({ kind: 'penalty-awarded', side: 'home' });
    expect(onlyReply(ev('p', K.penaltyAwarded, { t: 60, teamId: ECU.id }))).toMatchObject({ kind: 'penalty-awarded', side: 'away' });
    expect(onlyReply(ev('p', K.penaltyAwarded, { t: 60 }))).toMatchObject({ kind: 'penalty-awarded', side: null });
  });

  it.each(['missed', 'saved', 'woodwork'] as const)('posts a penalty %s', (outcome) => {
    const reply = onlyReply(ev('m', K.penaltyMissed(outcome), { t: 60, teamId: ECU.id, player: 'Valencia' }));
    expect(reply).toMatchObject({ kind: 'penalty-missed', side: 'away', player: 'Valencia', outcome });
  });

  it.each(['yellow', 'red', 'second-yellow'] as const)('posts a %s card', (card) => {
    const reply = onlyReply(ev('c', { kind: 'card', card }, { t: 60, teamId: QAT.id, player: 'Boualem Khoukhi' }));
    expect(reply).toMatchObject({ kind: 'card', side: 'home', player: 'Boualem Khoukhi', card });
  });

  it('leaves the player null when the provider has not named them', () => {
    expect(onlyReply(ev('c', K.yellow, { t: 60, teamId: QAT.id }))).toMatchObject({ kind: 'card', player: null });
  });
});

describe('substitutions', () => {
  const sub = ev('s', K.substitution, { t: 60, teamId: QAT.id, player: 'Fresh Legs', playerOff: 'Tired' });

  it('posts nothing for a substitution when they are switched off, and does not call it unknown', () => {
    const results = poll([[kickOff()], [kickOff(), sub]]);
    expect(last(results).alerts).toEqual([]);
    expect(last(results).unknownEvents).toEqual([]);
  });

  it('posts who came on and who went off when switched on', () => {
    expect(onlyReply(sub, { includeSubstitutions: true })).toMatchObject({
      kind: 'substitution',
      side: 'home',
      playerOn: 'Fresh Legs',
      playerOff: 'Tired',
    });
  });

  it('keeps a posted substitution when substitutions are switched off later', () => {
    const on = poll([[kickOff(), sub]], { includeSubstitutions: true }, calendar());
    const off = trackMatch(last(on).state, snapshot([kickOff(), sub]), { includeSubstitutions: false });
    expect(off.alerts).toEqual([]);
  });
});

describe('noise and unknown types', () => {
  const noise = [K.noise, K.noise, K.review, K.noise, K.review];

  it('ignores noise and video reviews that withdraw nothing silently, but remembers them', () => {
    const events = [kickOff(), ...noise.map((kind, i) => ev(`n${i}`, kind, { t: 10 + i }))];
    const results = poll([[kickOff()], events]);
    expect(last(results).alerts).toEqual([]);
    expect(last(results).unknownEvents).toEqual([]);
    expect(Object.keys(last(results).state.events)).toHaveLength(noise.length + 1);
  });

  it('never posts a drinks break, its resumption or the 2026 coin tosses, and does not call them unknown', () => {
    // As in the 2026 Round of 16: coin toss before kick-off (Period 2), drinks break at 23' and play resumed.
    const cooling = [
      ev('toss', K.noise, { period: 'pre-match', t: -120, minute: '' }),
      kickOff(),
      ev('drinks', K.noise, { t: 23 * 60, minute: "23'" }),
      ev('resume', K.noise, { t: 26 * 60, minute: "23'" }),
      ev('toss-et', K.noise, { period: 'before-extra-time', t: 7000, minute: '' }),
      ev('toss-so', K.noise, { period: 'before-shootout', t: 9000, minute: '' }),
    ];
    const goal = ev('g', K.goal, { t: 28 * 60, minute: "28'", teamId: QAT.id, score: [1, 0] });
    const results = poll([cooling.slice(0, 2), cooling, [...cooling, goal]]);
    expect(results.flatMap((r) => r.unknownEvents)).toEqual([]);
    expect(results[1]?.alerts).toEqual([]);
    expect(last(results).alerts.map((a) => a.kind)).toEqual(['goal']);
  });

  it('reports an unknown type once, the first time the event is seen, and never posts it', () => {
    const mystery = ev('mystery', K.unknown, { t: 1800, minute: "30'" });
    const results = poll([[kickOff()], [kickOff(), mystery], [kickOff(), mystery]]);
    expect(results[1]?.unknownEvents).toEqual([mystery]);
    expect(results[1]?.alerts).toEqual([]);
    expect(results[2]?.unknownEvents).toEqual([]);
    expect(results[2]?.alerts).toEqual([]);
  });

});
