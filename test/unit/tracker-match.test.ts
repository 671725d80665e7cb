/** The parent's summary (SPEC M3), the catch-up on first sight (M5), extra time and the shoot-out (M7). */
import { describe, expect, it } from 'vitest';
import type { CatchUpAlert, MatchEventAlert } from '../../src/alerts/types.js';
import { initialSummary, trackMatch } from '../../src/football/tracker.js';
import type { NeutralEvent, NeutralEventKind } from '../../src/football/model.js';
import { ECU, QAT, calendar, ev, eventAlerts, kickOff, knockout, last, MATCH_KEY, OPTIONS, poll, snapshot, K } from './tracker-fixtures.js';

describe('initialSummary', () => {
  it('shows a scheduled match as pre-match, 0–0, with the calendar facts', () => {
    expect(initialSummary(calendar({ status: 'scheduled' }))).toEqual({
      key: MATCH_KEY,
      competitionName: 'FIFA World Cup™',
      stageName: 'First stage',
      groupName: 'Group A',
      kickoff: '2022-11-20T16:00:00Z',
      // A team is named by the key members follow it by.
      home: { id: 'fifa:43834', name: 'Qatar', abbreviation: 'QAT', countryCode: 'QAT' },
      away: { id: 'fifa:43927', name: 'Ecuador', abbreviation: 'ECU', countryCode: 'ECU' },
      score: { home: 0, away: 0 },
      penalties: null,
      phase: 'pre-match',
      minute: null,
      wentToExtraTime: false,
      winner: null,
    });
  });

  it('labels undecided knockout slots with their placeholders, or "?"', () => {
    const summary = initialSummary(knockout({ home: null, away: null, placeholderHome: 'W49', placeholderAway: null }));
    expect(summary.home).toEqual({ id: null, name: 'W49', abbreviation: 'W49', countryCode: null });
    expect(summary.away).toEqual({ id: null, name: '?', abbreviation: '?', countryCode: null });
  });

  it('shows a finished match with the calendar result, shoot-out and winner', () => {
    const summary = initialSummary(
      knockout({ status: 'finished', score: { home: 1, away: 1 }, penalties: { home: 4, away: 2 }, winnerTeamId: QAT.id }),
    );
    expect(summary).toMatchObject({ phase: 'finished', score: { home: 1, away: 1 }, penalties: { home: 4, away: 2 }, winner: 'home', minute: null });
  });
});

describe('summary from the timeline', () => {
  it('follows score, minute and phase of the latest event', () => {
    const results = poll([
      [kickOff()],
      [kickOff(), ev('g', K.goal, { t: 600, minute: "10'", teamId: ECU.id, score: [0, 1] }), ev('n', K.noise, { t: 1200, minute: "20'", score: [0, 1] })],
      [kickOff(), ev('g', K.goal, { t: 600, minute: "10'", teamId: ECU.id, score: [0, 1] }), ev('n', K.noise, { t: 1200, minute: "20'", score: [0, 1] }),
        ev('ht', K.end('first-half'), { t: 2900, period: 'first-half', minute: "45'+3'", score: [0, 1] })],
    ]);
    expect(results[1]?.summary).toMatchObject({ score: { home: 0, away: 1 }, minute: "20'", phase: 'first-half', winner: null });
    expect(results[2]?.summary).toMatchObject({ phase: 'half-time', minute: "45'+3'" });
    expect(results[2]?.summary).toBe(results[2]?.state.summary);
  });

  it('uses the calendar score while the timeline is empty', () => {
    const result = trackMatch(undefined, snapshot([], calendar({ score: { home: 2, away: 1 } })), OPTIONS);
    expect(result.summary).toMatchObject({ score: { home: 2, away: 1 }, phase: 'pre-match' });
    expect(result.alerts).toEqual([]);
  });

  it('infers the phase from the Period of ordinary events when a period event is missing', () => {
    const result = poll([[kickOff()], [kickOff(), ev('c', K.yellow, { t: 3000, period: 'second-half', minute: "50'", teamId: QAT.id })]]);
    expect(last(result).summary).toMatchObject({ phase: 'second-half', minute: "50'" });
  });

  it('does not reopen play when an event of the second half comes after the final whistle', () => {
    const events = [
      kickOff(),
      ev('ft', K.end('second-half'), { t: 6000, period: 'second-half', minute: "90'+4'", score: [1, 0] }),
      ev('late', K.yellow, { t: 6010, period: 'second-half', minute: "90'+5'", teamId: ECU.id, score: [1, 0] }),
    ];
    const result = poll([[kickOff()], events]);
    expect(last(result).summary).toMatchObject({ phase: 'finished', winner: 'home', minute: null });
    expect(eventAlerts(last(result).alerts).map((a) => a.kind)).toEqual(['period-end', 'card']);
  });

  it('ends the match with the calendar result when the calendar says finished and the timeline never did', () => {
    const events = [kickOff(), ev('g', K.goal, { t: 600, teamId: QAT.id, score: [1, 0] })];
    const finished = calendar({ status: 'finished', score: { home: 2, away: 0 }, winnerTeamId: QAT.id });
    const results = poll([[kickOff()], events], OPTIONS, finished);
    expect(last(results).summary).toMatchObject({ phase: 'finished', score: { home: 2, away: 0 }, winner: 'home', minute: null });
  });

  it('keeps the timeline result when the timeline already ended the match', () => {
    const events = [kickOff(), ev('end', K.matchEnd, { t: 6000, period: 'finished', score: [1, 0] })];
    const finished = calendar({ status: 'finished', score: { home: 9, away: 9 }, winnerTeamId: ECU.id });
    const results = poll([[kickOff()], events], OPTIONS, finished);
    expect(last(results).summary).toMatchObject({ phase: 'finished', score: { home: 1, away: 0 }, winner: 'home' });
  });
});

describe('catch-up on first sight', () => {
  const live: NeutralEvent[] = [
    ev('toss', K.noise, { t: -60, period: 'pre-match', teamId: QAT.id }),
    kickOff(),
    ev('g1', K.goal, { t: 960, minute: "16'", teamId: ECU.id, player: 'Enner Valencia', score: [0, 1] }),
    ev('y1', K.yellow, { t: 1200, minute: "20'", teamId: QAT.id, player: 'Boualem Khoukhi', score: [0, 1] }),
    ev('og', K.ownGoal, { t: 1500, minute: "25'", teamId: QAT.id, score: [0, 2] }),
    ev('mystery', K.unknown, { t: 1800, minute: "30'", score: [0, 2] }),
    ev('n', K.noise, { t: 1860, minute: "31'", score: [0, 2] }),
  ];

  it('posts one catch-up with score, goals and cards instead of replaying, and marks everything handled', () => {
    const result = trackMatch(undefined, snapshot(live), OPTIONS);
    expect(result.alerts).toHaveLength(1);
    const catchUp = result.alerts[0] as CatchUpAlert;
    expect(catchUp).toMatchObject({
      kind: 'catch-up',
      id: `${MATCH_KEY}/catch-up`,
      revision: 0,
      score: { home: 0, away: 2 },
      penalties: null,
      minute: "31'",
      at: live[6]?.at,
    });
    expect(catchUp.goals).toEqual([
      { side: 'away', player: 'Enner Valencia', minute: "16'", method: 'open-play' },
      { side: 'away', player: null, minute: "25'", method: 'own-goal' },
    ]);
    expect(catchUp.cards).toEqual([{ side: 'home', player: 'Boualem Khoukhi', minute: "20'", card: 'yellow' }]);
    expect(catchUp.match).toEqual(result.summary);
    expect(result.unknownEvents.map((e) => e.id)).toEqual(['mystery']);

    const state = JSON.parse(JSON.stringify(result.state));
    const next = trackMatch(state, snapshot([...live, ev('g2', K.goal, { t: 2400, minute: "40'", teamId: QAT.id, score: [1, 2] })]), OPTIONS);
    expect(next.alerts.map((a) => a.id)).toEqual([`${MATCH_KEY}/g2`]);
    expect(next.unknownEvents).toEqual([]);
  });

  it('does not catch up when the kick-off is the only thing to post', () => {
    const result = trackMatch(undefined, snapshot([ev('toss', K.noise, { t: -60, period: 'pre-match' }), kickOff(), ev('n', K.noise, { t: 30 })]), OPTIONS);
    expect(result.alerts.map((a) => a.kind)).toEqual(['period-start']);
  });

  it('leaves events still pending at first sight (and those after them) for normal posting later', () => {
    const first = [kickOff(), ev('g1', K.goal, { t: 600, teamId: QAT.id, score: [1, 0] }), ev('x', K.pending, { t: 700 }), ev('c', K.yellow, { t: 800, teamId: ECU.id, score: [1, 0] })];
    const settled = [...first.slice(0, 2), ev('x', K.red, { t: 700, teamId: QAT.id, score: [1, 0] }), first[3] as NeutralEvent];
    const results = poll([first, settled]);
    const catchUp = results[0]?.alerts[0] as CatchUpAlert;
    expect(catchUp.kind).toBe('catch-up');
    expect(catchUp.cards).toEqual([]);
    expect(eventAlerts(results[1]?.alerts ?? []).map((a) => `${a.kind} ${a.eventId}`)).toEqual(['card x', 'card c']);
  });

  it('catches up a finished match with its final result', () => {
    const events = [kickOff(), ev('g', K.goal, { t: 600, teamId: QAT.id, score: [1, 0] }), ev('end', K.matchEnd, { t: 6000, period: 'finished', minute: "90'+6'", score: [1, 0] })];
    const result = trackMatch(undefined, snapshot(events, calendar({ status: 'finished' })), OPTIONS);
    expect(result.alerts).toEqual([expect.objectContaining({ kind: 'catch-up', minute: null, score: { home: 1, away: 0 } })]);
    expect(result.summary).toMatchObject({ phase: 'finished', winner: 'home' });
  });
});

describe('extra time and shoot-out', () => {
  const kick = (id: string, t: number, kind: NeutralEventKind, teamId: string, pens: [number, number], player: string | null = null) =>
    ev(id, kind, { t, minute: '', teamId, player, score: [1, 1], pens });

  const timeline: NeutralEvent[] = [
    kickOff(),
    ev('g1', K.goal, { t: 600, teamId: QAT.id, score: [1, 0] }),
    ev('g2', K.penaltyGoal, { t: 4000, period: 'second-half', teamId: ECU.id, score: [1, 1] }),
    ev('ft', K.end('second-half'), { t: 6000, period: 'second-half', minute: "90'+4'", score: [1, 1] }),
    ev('et1', K.start('extra-time-first-half'), { t: 6300, period: 'extra-time-first-half', minute: "91'", score: [1, 1] }),
    ev('et1end', K.end('extra-time-first-half'), { t: 7300, period: 'extra-time-first-half', minute: "105'+1'", score: [1, 1] }),
    ev('et2', K.start('extra-time-second-half'), { t: 7500, period: 'extra-time-second-half', minute: "106'", score: [1, 1] }),
    ev('aet', K.end('extra-time-second-half'), { t: 8500, period: 'extra-time-second-half', minute: "120'+2'", score: [1, 1] }),
    ev('so', K.start('shootout'), { t: 8800, period: 'shootout', minute: "120'", score: [1, 1] }),
    ev('award1', K.noise, { t: 8850, period: 'shootout', minute: "120'", teamId: QAT.id, score: [1, 1] }),
    kick('k1', 8900, K.kick(true), QAT.id, [1, 0], 'Afif'),
    kick('k2', 8960, K.kick(false, 'saved'), ECU.id, [1, 0], 'Valencia'),
    kick('k3', 9020, K.kick(true), QAT.id, [2, 0]),
    kick('k4', 9080, K.kick(true), ECU.id, [2, 1]),
    kick('k5', 9140, K.kick(false, 'woodwork'), QAT.id, [2, 1]),
    kick('k6', 9200, K.kick(false, 'missed'), ECU.id, [2, 1]),
    ev('soend', K.end('shootout'), { t: 9300, period: 'shootout', minute: "120'", score: [1, 1], pens: [2, 1] }),
    ev('end', K.matchEnd, { t: 9310, period: 'finished', minute: "120'", score: [1, 1], pens: [2, 1] }),
  ];

  function play(): MatchEventAlert[] {
    // Seen from the kick-off on, one event per poll, as a live match would arrive.
    const polls = timeline.map((_, i) => timeline.slice(0, i + 1));
    return poll(polls, OPTIONS, knockout()).flatMap((r) => eventAlerts(r.alerts));
  }

  it('narrates extra time: full time without final whistle, both halves, the end of extra time', () => {
    const byId = new Map(play().map((a) => [a.eventId, a]));
    expect(byId.get('ft')).toMatchObject({ kind: 'period-end', period: 'second-half', finalWhistle: false });
    expect(byId.get('et1')).toMatchObject({ kind: 'period-start', period: 'extra-time-first-half' });
    expect(byId.get('et1')?.match).toMatchObject({ phase: 'extra-time-first-half', wentToExtraTime: true });
    expect(byId.get('et1end')).toMatchObject({ kind: 'period-end', period: 'extra-time-first-half', finalWhistle: false });
    expect(byId.get('et2')).toMatchObject({ kind: 'period-start', period: 'extra-time-second-half' });
    expect(byId.get('aet')).toMatchObject({ kind: 'period-end', period: 'extra-time-second-half', finalWhistle: false });
    expect(byId.get('aet')?.match.phase).toBe('before-shootout');
    expect(byId.get('so')).toMatchObject({ kind: 'period-start', period: 'shootout' });
    expect(byId.get('so')?.match.penalties).toEqual({ home: 0, away: 0 });
  });

  it('posts every kick with the ✅/❌ rows so far and the running tally, skipping the shoot-out penalty awards', () => {
    const alerts = play();
    expect(alerts.some((a) => a.eventId === 'award1')).toBe(false);
    const kicks = alerts.filter((a) => a.kind === 'shootout-kick');
    expect(kicks.map((a) => a.eventId)).toEqual(['k1', 'k2', 'k3', 'k4', 'k5', 'k6']);
    expect(kicks[0]).toMatchObject({ side: 'home', player: 'Afif', scored: true, outcome: null, kicks: { home: [true], away: [] }, penalties: { home: 1, away: 0 } });
    expect(kicks[1]).toMatchObject({ side: 'away', player: 'Valencia', scored: false, outcome: 'saved', kicks: { home: [true], away: [false] } });
    expect(kicks[4]).toMatchObject({ side: 'home', scored: false, outcome: 'woodwork', kicks: { home: [true, true, false], away: [false, true] } });
    expect(kicks[5]).toMatchObject({
      side: 'away',
      outcome: 'missed',
      kicks: { home: [true, true, false], away: [false, true, false] },
      penalties: { home: 2, away: 1 },
    });
    // A shoot-out goal never changes the match score.
    expect(kicks[2]?.match.score).toEqual({ home: 1, away: 1 });
    expect(kicks[2]?.match.penalties).toEqual({ home: 2, away: 0 });
  });

  it('ends the shoot-out with the final penalty score and the winner', () => {
    const alerts = play();
    const end = alerts.find((a) => a.eventId === 'soend');
    expect(end).toMatchObject({ kind: 'period-end', period: 'shootout', score: { home: 1, away: 1 }, penalties: { home: 2, away: 1 }, finalWhistle: true });
    const matchEnd = alerts.find((a) => a.eventId === 'end');
    expect(matchEnd).toMatchObject({ kind: 'match-end', score: { home: 1, away: 1 }, penalties: { home: 2, away: 1 }, winner: 'home', extraTime: true });
    const summary = trackMatch(undefined, snapshot(timeline, knockout()), OPTIONS).summary;
    expect(summary).toMatchObject({
      phase: 'finished',
      score: { home: 1, away: 1 },
      penalties: { home: 2, away: 1 },
      winner: 'home',
      wentToExtraTime: true,
      minute: null,
    });
  });

  it('keeps the match score even if the provider counts shoot-out goals in the match score', () => {
    const inflated = timeline.map((e) =>
      e.period === 'shootout' || e.kind === 'match-end' ? { ...e, score: { home: e.score.home + e.penalties.home, away: e.score.away } } : e,
    );
    const alerts = poll([[kickOff()], inflated], OPTIONS, knockout()).flatMap((r) => eventAlerts(r.alerts));
    expect(alerts.find((a) => a.eventId === 'end')).toMatchObject({ score: { home: 1, away: 1 }, winner: 'home' });
  });
});

describe('state size', () => {
  it('stays small for a full match of 150 events, mostly noise', () => {
    const noiseCodes = ['foul', 'offside', 'corner', 'throw-in', 'clearance'];
    const events: NeutralEvent[] = [kickOff()];
    for (let i = 1; i < 150; i += 1) {
      const posted = i % 10 === 0;
      events.push(
        ev(`${1818530000000 + i}`, posted ? K.yellow : K.noise, {
          t: i * 36,
          minute: `${Math.floor(i * 0.6)}'`,
          teamId: i % 2 ? QAT.id : ECU.id,
          player: posted ? 'A Player With A Name' : null,
          ...(posted ? {} : { code: noiseCodes[i % noiseCodes.length] as string }),
        }),
      );
    }
    const result = poll([[kickOff()], events]);
    const json = JSON.stringify(last(result).state);
    expect(eventAlerts(last(result).alerts)).toHaveLength(14);
    expect(JSON.stringify(last(result).state.events['1818530000001'])).toBe('{"t":"offside"}');
    expect(json.length).toBeLessThan(16_000);
  });
});
