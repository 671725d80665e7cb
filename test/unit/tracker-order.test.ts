/** SPEC M2, M4, M6 (holds): identity by EventId, timeline order, late inserts, 9999 holds, idempotence. */
import { describe, expect, it } from 'vitest';
import { parseTimestamp, trackMatch, type MatchState } from '../../src/football/tracker.js';
import { ECU, QAT, calendar, ev, eventAlerts, ids, kickOff, last, MATCH_KEY, OPTIONS, poll, snapshot, K, retyped } from './tracker-fixtures.js';

const goal = (id: string, t: number, score: [number, number], teamId = QAT.id) => ev(id, K.goal, { t, score, teamId });
const card = (id: string, t: number, teamId = ECU.id) => ev(id, K.yellow, { t, teamId });

describe('identity', () => {
  it('keys alerts on the opaque EventId, negative and alphanumeric ones included', () => {
    const results = poll([[kickOff()], [kickOff(), card('-1011232931', 60), card('a1B2c3D4e5F6g7H8i9J0k1L2m', 120)]]);
    expect(ids(last(results).alerts)).toEqual([`${MATCH_KEY}/-1011232931`, `${MATCH_KEY}/a1B2c3D4e5F6g7H8i9J0k1L2m`]);
  });

  it('posts nothing the second time it sees the same timeline, also after a JSON round trip of the state', () => {
    const timeline = [kickOff(), goal('-5', 300, [1, 0]), card('7', 400), ev('n', K.noise, { t: 450, score: [1, 0] })];
    const first = trackMatch(undefined, snapshot([kickOff()]), OPTIONS);
    const second = trackMatch(first.state, snapshot(timeline), OPTIONS);
    expect(eventAlerts(second.alerts)).toHaveLength(2);
    const again = trackMatch(second.state, snapshot(timeline), OPTIONS);
    expect(again.alerts).toEqual([]);
    const roundTripped = JSON.parse(JSON.stringify(second.state)) as MatchState;
    const afterRestart = trackMatch(roundTripped, snapshot(timeline), OPTIONS);
    expect(afterRestart.alerts).toEqual([]);
    expect(afterRestart.unknownEvents).toEqual([]);
    expect(afterRestart.state).toEqual(roundTripped);
  });

  it('does not mutate the previous state', () => {
    const first = trackMatch(undefined, snapshot([kickOff()]), OPTIONS);
    const frozen = JSON.stringify(first.state);
    trackMatch(first.state, snapshot([kickOff(), goal('g', 300, [1, 0])]), OPTIONS);
    expect(JSON.stringify(first.state)).toBe(frozen);
  });

  it('posts two goals in a row of the same type (no "same as last event" dedupe)', () => {
    const results = poll([[kickOff()], [kickOff(), goal('g1', 300, [1, 0]), goal('g2', 310, [2, 0])]]);
    expect(eventAlerts(last(results).alerts).map((a) => a.kind)).toEqual(['goal', 'goal']);
  });

  it('posts an event repeated within one timeline once', () => {
    const results = poll([[kickOff()], [kickOff(), card('c', 60), card('c', 60)]]);
    expect(ids(last(results).alerts)).toEqual([`${MATCH_KEY}/c`]);
  });

  it('treats a state of another format version as first sight (catch-up, no replay)', () => {
    const stale = { v: 0, summary: {}, events: {} } as unknown as MatchState;
    const result = trackMatch(stale, snapshot([kickOff(), goal('g', 300, [1, 0])]), OPTIONS);
    expect(result.alerts.map((a) => a.kind)).toEqual(['catch-up']);
  });
});

describe('order', () => {
  it('posts new events by timestamp, not feed order, ties kept in feed order', () => {
    const events = [
      card('late', 900),
      kickOff('ko', { t: 0 }),
      card('tieA', 600),
      card('tieB', 600),
      ev('early', K.red, { t: 300, teamId: QAT.id }),
    ];
    const result = trackMatch(undefined, snapshot([kickOff('ko')]), OPTIONS);
    const next = trackMatch(result.state, snapshot(events), OPTIONS);
    expect(eventAlerts(next.alerts).map((a) => a.eventId)).toEqual(['early', 'tieA', 'tieB', 'late']);
  });

  it('orders by fractional seconds', () => {
    const events = [
      kickOff(),
      ev('b', K.yellow, { at: '2022-11-20T16:10:00.9Z', teamId: QAT.id }),
      ev('a', K.yellow, { at: '2022-11-20T16:10:00.871Z', teamId: QAT.id }),
    ];
    const results = poll([[kickOff()], events]);
    expect(eventAlerts(last(results).alerts).map((a) => a.eventId)).toEqual(['a', 'b']);
  });

  it('reads timestamps with sub-millisecond digits and offsets, and without a zone as UTC', () => {
    expect(parseTimestamp('2018-06-19T12:03:58.871Z')).toBe(Date.UTC(2018, 5, 19, 12, 3, 58, 871));
    expect(parseTimestamp('2022-11-20T16:01:30.0Z')).toBe(Date.UTC(2022, 10, 20, 16, 1, 30));
    expect(parseTimestamp('2022-11-20T16:01:30.12345Z')).toBeCloseTo(Date.UTC(2022, 10, 20, 16, 1, 30) + 123.45, 6);
    expect(parseTimestamp('2022-11-20T19:01:30+03:00')).toBe(Date.UTC(2022, 10, 20, 16, 1, 30));
    expect(parseTimestamp('2022-11-20T16:01:30')).toBe(Date.UTC(2022, 10, 20, 16, 1, 30));
    expect(parseTimestamp('yesterday')).toBeNaN();
  });

  it('keeps an event with an unreadable timestamp where the feed put it', () => {
    const events = [kickOff(), card('a', 60), ev('bad', K.yellow, { at: 'garbage', teamId: QAT.id }), card('b', 120)];
    const results = poll([[kickOff()], events]);
    expect(eventAlerts(last(results).alerts).map((a) => a.eventId)).toEqual(['a', 'bad', 'b']);
  });

  it('posts a late-inserted event (earlier timestamp than posted ones) once, after them', () => {
    const a = card('A', 100);
    const c = card('C', 300);
    const b = ev('B', K.red, { t: 200, teamId: QAT.id, minute: "3'" });
    const results = poll([[kickOff(), a, c], [kickOff(), a, b, c], [kickOff(), a, b, c]], OPTIONS, calendar(), {
      ...trackMatch(undefined, snapshot([kickOff()]), OPTIONS).state,
    });
    expect(eventAlerts(results[0]?.alerts ?? []).map((x) => x.eventId)).toEqual(['A', 'C']);
    expect(eventAlerts(results[1]?.alerts ?? []).map((x) => x.eventId)).toEqual(['B']);
    expect(results[1]?.alerts[0]).toMatchObject({ kind: 'card', card: 'red', minute: "3'", revision: 0 });
    expect(results[2]?.alerts).toEqual([]);
  });

  it('stamps a late-inserted event with the match as it stands now, not as it stood then', () => {
    const now = [kickOff(), ev('g', K.goal, { t: 3600, period: 'second-half', minute: "55'", teamId: QAT.id, score: [1, 0] })];
    const lateCard = ev('late', K.yellow, { t: 600, period: 'first-half', minute: "10'", teamId: ECU.id });
    const results = poll([[kickOff()], now, [...now, lateCard]]);
    expect(last(results).alerts[0]).toMatchObject({ eventId: 'late', minute: "10'" });
    expect(last(results).alerts[0]?.match).toMatchObject({ phase: 'second-half', minute: "55'", score: { home: 1, away: 0 } });
  });

  it('carries display minutes such as 90\'+6\' verbatim', () => {
    const results = poll([[kickOff()], [kickOff(), ev('c', K.yellow, { t: 5800, period: 'second-half', minute: "90'+6'", teamId: QAT.id })]]);
    expect(last(results).alerts[0]?.minute).toBe("90'+6'");
    expect(last(results).summary.minute).toBe("90'+6'");
  });
});

describe('pending events', () => {
  it('holds a pending event and everything after it, posts what came before, and releases them in order', () => {
    const before = card('before', 100);
    const pending = ev('x', K.pending, { t: 200, teamId: QAT.id, score: [1, 0] });
    const after = ev('after', K.yellow, { t: 300, teamId: ECU.id, score: [1, 0] });
    const results = poll([
      [kickOff()],
      [kickOff(), before, pending, after],
      [kickOff(), before, pending, after],
      [kickOff(), before, { ...retyped(pending, K.goal), player: { id: null, name: 'Akram Afif' } }, after],
    ]);
    expect(eventAlerts(results[1]?.alerts ?? []).map((a) => a.eventId)).toEqual(['before']);
    // The held goal does not leak into the parent either.
    expect(results[1]?.summary.score).toEqual({ home: 0, away: 0 });
    expect(results[2]?.alerts).toEqual([]);
    const released = eventAlerts(results[3]?.alerts ?? []);
    expect(released.map((a) => a.eventId)).toEqual(['x', 'after']);
    expect(released[0]).toMatchObject({ kind: 'goal', side: 'home', player: 'Akram Afif', revision: 0 });
    expect(results[3]?.summary.score).toEqual({ home: 1, away: 0 });
  });

  it('defers an edit of a posted event behind a pending one, then posts it after the released event', () => {
    const c1 = card('c1', 300);
    const named = { ...c1, player: { id: null, name: 'Named Later' } };
    const results = poll([
      [kickOff()],
      [kickOff(), c1],
      [kickOff(), ev('x', K.pending, { t: 200 }), named],
      [kickOff(), ev('x', K.red, { t: 200, teamId: QAT.id }), named],
    ]);
    expect(results[2]?.alerts).toEqual([]);
    expect(eventAlerts(results[3]?.alerts ?? []).map((a) => `${a.eventId}@${a.revision}`)).toEqual(['x@0', 'c1@1']);
  });

  it('never reports a pending type as unknown', () => {
    const results = poll([[kickOff()], [kickOff(), ev('x', K.pending, { t: 100 })]]);
    expect(last(results).unknownEvents).toEqual([]);
    expect(last(results).state.events['x']).toBeUndefined();
  });

  it('drops a pending event that vanishes, and releases the events it held', () => {
    const after = card('after', 300);
    const results = poll([
      [kickOff()],
      [kickOff(), ev('x', K.pending, { t: 200 }), after],
      [kickOff(), after],
    ]);
    expect(results[1]?.alerts).toEqual([]);
    expect(ids(results[2]?.alerts ?? [])).toEqual([`${MATCH_KEY}/after`]);
  });

  it('holds new events behind a late-inserted pending event but leaves already-posted ones alone', () => {
    const c1 = card('c1', 300);
    const results = poll([
      [kickOff()],
      [kickOff(), c1],
      [kickOff(), ev('x', K.pending, { t: 200 }), c1, card('c2', 400)],
      [kickOff(), ev('x', K.red, { t: 200, teamId: QAT.id }), c1, card('c2', 400)],
    ]);
    expect(results[2]?.alerts).toEqual([]);
    expect(results[2]?.summary.minute).toBe("1'");
    expect(eventAlerts(results[3]?.alerts ?? []).map((a) => a.eventId)).toEqual(['x', 'c2']);
  });
});
