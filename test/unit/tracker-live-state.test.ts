/**
 * SPEC C3: a provider with a live state of its own (ESPN's scoreboard) leads the parent, while replies wait
 * for their key events; the match ends when the scoreboard says so, with no end-of-match event.
 */
import { describe, expect, it } from 'vitest';
import { calendar, ECU, ev, eventAlerts, K, kickOff, last, poll, QAT } from './tracker-fixtures.js';

const espn = (overrides: Parameters<typeof calendar>[0] = {}) =>
  calendar({
    key: { provider: 'espn', competition: 'eng.1', season: '2025', match: '704512' },
    stageId: null,
    groupName: null,
    knockout: false,
    phase: 'first-half',
    extraTime: false,
    score: { home: 0, away: 0 },
    clock: "1'",
    ...overrides,
  });

describe('a scoreboard ahead of its key events', () => {
  it('shows the scoreboard score in the parent before the goal reply, then posts the goal once its key event comes', () => {
    const goal = ev('g1', K.goal, { t: 600, minute: "10'", teamId: QAT.id, player: 'Afif', score: [1, 0] });
    const results = poll(
      [[kickOff()], [kickOff()], [kickOff(), goal]],
      undefined,
      espn({ score: { home: 1, away: 0 }, clock: "11'" }),
    );
    expect(results[1]?.alerts).toEqual([]);
    expect(results[1]?.summary).toMatchObject({ score: { home: 1, away: 0 }, minute: "11'", phase: 'first-half' });
    expect(eventAlerts(last(results).alerts)).toEqual([expect.objectContaining({ kind: 'goal', side: 'home', player: 'Afif' })]);
    expect(last(results).summary.score).toEqual({ home: 1, away: 0 });
  });

  it('names the teams by their team keys, whatever the provider', () => {
    const [result] = poll([[kickOff()]], undefined, espn());
    expect(result?.summary.home.id).toBe(`espn:${QAT.id}`);
    expect(result?.summary.away.id).toBe(`espn:${ECU.id}`);
    expect(result?.summary.key).toBe('espn:eng.1/2025/704512');
  });

  it('ends the match when the scoreboard says it is over, with no end-of-match event', () => {
    const timeline = [kickOff(), ev('ft', K.end('second-half'), { t: 6000, minute: "90'+4'", score: [0, 0] })];
    const live = poll([timeline], undefined, espn({ phase: 'second-half', clock: "90'+4'" }));
    // A league match level at 90': the end of the second half is the final whistle.
    expect(last(live).summary).toMatchObject({ phase: 'finished', winner: null });
    const over = poll([[kickOff()]], undefined, espn({ phase: 'finished', status: 'finished', score: { home: 2, away: 1 }, clock: null }));
    expect(last(over).summary).toMatchObject({ phase: 'finished', score: { home: 2, away: 1 }, winner: 'home', minute: null });
  });

  it('follows the scoreboard into extra time when the stage was unknown, and does not call 90 minutes the end', () => {
    const timeline = [kickOff(), ev('ft', K.end('second-half'), { t: 6000, score: [1, 1] })];
    const match = espn({ knockout: null, phase: 'extra-time-first-half', extraTime: true, score: { home: 1, away: 1 }, clock: "95'" });
    const result = last(poll([[kickOff()], timeline], undefined, match));
    expect(eventAlerts(result.alerts)).toEqual([expect.objectContaining({ kind: 'period-end', finalWhistle: false })]);
    expect(result.summary).toMatchObject({ phase: 'extra-time-first-half', wentToExtraTime: true, minute: "95'" });
  });

  it('corrects a posted goal whose key event vanished after review, and the parent keeps the scoreboard score', () => {
    const goal = ev('g1', K.goal, { t: 600, teamId: ECU.id, score: [0, 1] });
    const results = poll([[kickOff()], [kickOff(), goal], [kickOff()]], undefined, espn({ score: { home: 0, away: 0 } }));
    expect(last(results).alerts).toEqual([expect.objectContaining({ kind: 'correction', original: expect.objectContaining({ eventId: 'g1' }) })]);
    expect(last(results).summary.score).toEqual({ home: 0, away: 0 });
  });
});
