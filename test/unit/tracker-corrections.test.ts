/** SPEC M6: corrections for vanished posts, and edits (revision + 1) when a posted event's content changes. */
import { describe, expect, it } from 'vitest';
import type { CorrectionAlert } from '../../src/alerts/types.js';
import { trackMatch } from '../../src/football/tracker.js';
import { ECU, QAT, ev, eventAlerts, ids, kickOff, last, MATCH_KEY, OPTIONS, poll, snapshot, K, retyped } from './tracker-fixtures.js';

describe('corrections', () => {
  // Brazil–Costa Rica 2018: a penalty for Brazil was removed after VAR (j0k3r#9).
  const penalty = ev('-77', K.penaltyAwarded, { t: 4800, period: 'second-half', minute: "79'", teamId: QAT.id });
  const review = ev('var', K.review, { t: 4900, period: 'second-half', minute: "81'" });

  it('posts one correction carrying the original when a posted event vanishes, then nothing more', () => {
    const results = poll([
      [kickOff()],
      [kickOff(), penalty],
      [kickOff(), review],
      [kickOff(), review],
    ]);
    const posted = results[1]?.alerts[0];
    expect(posted).toMatchObject({ kind: 'penalty-awarded', side: 'home' });
    const [correction, ...rest] = results[2]?.alerts ?? [];
    expect(rest).toEqual([]);
    expect(correction).toMatchObject({
      kind: 'correction',
      id: `${MATCH_KEY}/-77/correction`,
      revision: 0,
      minute: "79'",
      at: penalty.at,
    });
    // What was posted, as the reader saw it; its `match` is the match as it stands now.
    expect((correction as CorrectionAlert).original).toEqual({ ...posted, match: correction?.match });
    expect(results[2]?.unknownEvents).toEqual([]);
    expect(results[3]?.alerts).toEqual([]);
  });

  it('states the corrected score in the correction when a goal is ruled out', () => {
    const goal = ev('g', K.goal, { t: 600, teamId: QAT.id, score: [1, 0] });
    const results = poll([[kickOff()], [kickOff(), goal], [kickOff(), ev('var', K.review, { t: 700, score: [0, 0] })]]);
    const correction = last(results).alerts[0];
    expect(correction?.kind).toBe('correction');
    expect(correction?.match.score).toEqual({ home: 0, away: 0 });
    expect(last(results).summary.score).toEqual({ home: 0, away: 0 });
  });

  describe('a goal disallowed after review, whichever way the feed says it', () => {
    const goal = ev('g1', K.goal, { t: 600, minute: "10'", teamId: QAT.id, score: [1, 0] });
    const disallowed = ev('var', K.review, { t: 700, minute: "12'", score: [0, 0] });
    const later = ev('g2', K.goal, { t: 1500, minute: "25'", teamId: ECU.id, score: [0, 1] });

    it('2026 style: the goal is deleted and a review added; one correction, then the score follows the feed', () => {
      const results = poll([[kickOff()], [kickOff(), goal], [kickOff(), disallowed], [kickOff(), disallowed], [kickOff(), disallowed, later]]);
      expect(results[2]?.alerts).toEqual([expect.objectContaining({ kind: 'correction', id: `${MATCH_KEY}/g1/correction` })]);
      expect(results[2]?.summary.score).toEqual({ home: 0, away: 0 });
      expect(results[3]?.alerts).toEqual([]);
      expect(results[4]?.alerts).toEqual([expect.objectContaining({ kind: 'goal', score: { home: 0, away: 1 } })]);
    });

    it('the goal stays and a review with the lower score follows: the same single correction', () => {
      const results = poll([
        [kickOff()],
        [kickOff(), goal],
        [kickOff(), goal, disallowed],
        [kickOff(), goal, disallowed],
        // FIFA tidies up later and deletes the goal too: nothing more to say.
        [kickOff(), disallowed],
        [kickOff(), disallowed, later],
      ]);
      const [correction, ...rest] = results[2]?.alerts ?? [];
      expect(rest).toEqual([]);
      expect(correction).toMatchObject({ kind: 'correction', id: `${MATCH_KEY}/g1/correction`, minute: "10'" });
      expect((correction as CorrectionAlert).original).toMatchObject({ kind: 'goal', side: 'home', score: { home: 1, away: 0 } });
      expect(correction?.match.score).toEqual({ home: 0, away: 0 });
      expect(results[2]?.unknownEvents).toEqual([]);
      expect(results[3]?.alerts).toEqual([]);
      expect(results[4]?.alerts).toEqual([]);
      expect(results[5]?.alerts).toEqual([expect.objectContaining({ kind: 'goal', side: 'away', score: { home: 0, away: 1 } })]);
      expect(last(results).summary.score).toEqual({ home: 0, away: 1 });
    });

    it('withdraws only the goal the review cancelled: the latest of the side whose count fell', () => {
      const first = ev('h1', K.goal, { t: 300, minute: "5'", teamId: QAT.id, score: [1, 0] });
      const away = ev('a1', K.goal, { t: 400, minute: "7'", teamId: ECU.id, score: [1, 1] });
      const second = ev('h2', K.goal, { t: 500, minute: "9'", teamId: QAT.id, score: [2, 1] });
      const review = ev('var2', K.review, { t: 560, minute: "10'", score: [1, 1] });
      const results = poll([[kickOff()], [kickOff(), first, away, second], [kickOff(), first, away, second, review]]);
      expect(ids(last(results).alerts)).toEqual([`${MATCH_KEY}/h2/correction`]);
      expect(last(results).summary.score).toEqual({ home: 1, away: 1 });
    });

    it('withdraws nothing when the review lets the goal stand, and posts nothing for a goal already cancelled when first seen', () => {
      const confirmed = ev('ok', K.review, { t: 700, minute: "12'", score: [1, 0] });
      const stands = poll([[kickOff()], [kickOff(), goal], [kickOff(), goal, confirmed]]);
      expect(last(stands).alerts).toEqual([]);
      expect(last(stands).summary.score).toEqual({ home: 1, away: 0 });

      const both = poll([[kickOff()], [kickOff(), goal, disallowed]]);
      expect(last(both).alerts).toEqual([]);
      expect(last(both).summary.score).toEqual({ home: 0, away: 0 });
    });
  });

  it('posts a vanished event that comes back again under the same id, as a new revision', () => {
    const results = poll([[kickOff()], [kickOff(), penalty], [kickOff()], [kickOff(), penalty], [kickOff(), penalty]]);
    expect(results[2]?.alerts.map((a) => a.kind)).toEqual(['correction']);
    expect(results[3]?.alerts).toEqual([expect.objectContaining({ id: `${MATCH_KEY}/-77`, kind: 'penalty-awarded', revision: 1 })]);
    expect(results[4]?.alerts).toEqual([]);
  });

  it('corrects a second disappearance with a higher revision of the correction', () => {
    const results = poll([[kickOff()], [kickOff(), penalty], [kickOff()], [kickOff(), penalty], [kickOff()]]);
    expect(results[4]?.alerts).toEqual([
      expect.objectContaining({ kind: 'correction', id: `${MATCH_KEY}/-77/correction`, revision: 1 }),
    ]);
  });

  it('says nothing when noise vanishes', () => {
    const results = poll([[kickOff()], [kickOff(), ev('corner', K.noise, { t: 100 })], [kickOff()]]);
    expect(last(results).alerts).toEqual([]);
    expect(last(results).state.events['corner']).toBeUndefined();
  });

  it('posts a goal re-created by FIFA under a new id and corrects the old one (Spain–Japan 2022)', () => {
    const at51 = ev('g51', K.goal, { t: 3060, period: 'second-half', minute: "51'", teamId: ECU.id, score: [1, 1] });
    const at53 = ev('g53', K.goal, { t: 3180, period: 'second-half', minute: "53'", teamId: ECU.id, score: [1, 1] });
    const results = poll([[kickOff()], [kickOff(), at51], [kickOff(), at53]]);
    expect(last(results).alerts.map((a) => `${a.kind} ${a.id}`)).toEqual([
      `correction ${MATCH_KEY}/g51/correction`,
      `goal ${MATCH_KEY}/g53`,
    ]);
  });

  it('corrects a posted goal whose type turns into something not posted', () => {
    const results = poll([
      [kickOff()],
      [kickOff(), ev('g', K.goal, { t: 600, teamId: QAT.id, score: [1, 0] })],
      [kickOff(), ev('g', K.noise, { t: 600, teamId: QAT.id })],
      [kickOff(), ev('g', K.noise, { t: 600, teamId: QAT.id })],
    ]);
    expect(results[2]?.alerts.map((a) => a.kind)).toEqual(['correction']);
    expect(results[3]?.alerts).toEqual([]);
  });

  it('ignores a timeline that comes back empty (feed hiccup) instead of correcting everything', () => {
    const goal = ev('g', K.goal, { t: 600, teamId: QAT.id, score: [1, 0] });
    const results = poll([[kickOff()], [kickOff(), goal], [], [kickOff(), goal]]);
    expect(results[2]?.alerts).toEqual([]);
    expect(results[2]?.summary).toEqual(results[1]?.summary);
    expect(results[3]?.alerts).toEqual([]);
  });
});

describe('edits', () => {
  it('re-states a posted goal with revision + 1 when the scorer name arrives, and only once', () => {
    const anonymous = ev('g', K.goal, { t: 600, minute: "10'", teamId: QAT.id, score: [1, 0] });
    const named = { ...anonymous, player: { id: null, name: 'Akram Afif' } };
    const results = poll([[kickOff()], [kickOff(), anonymous], [kickOff(), named], [kickOff(), named]]);
    expect(results[1]?.alerts[0]).toMatchObject({ player: null, revision: 0 });
    expect(results[2]?.alerts).toEqual([
      expect.objectContaining({ id: `${MATCH_KEY}/g`, kind: 'goal', player: 'Akram Afif', revision: 1 }),
    ]);
    expect(results[3]?.alerts).toEqual([]);
  });

  it('re-states a posted goal when the provider changes the scorer', () => {
    const first = ev('g', K.goal, { t: 600, teamId: QAT.id, player: 'Afif', score: [1, 0] });
    const results = poll([[kickOff()], [kickOff(), first], [kickOff(), { ...first, player: { id: '2', name: 'Ali' } }]]);
    expect(last(results).alerts).toEqual([expect.objectContaining({ player: 'Ali', revision: 1 })]);
  });

  it('re-states a card whose type changes between posted kinds (yellow → red)', () => {
    const yellow = ev('c', K.yellow, { t: 600, teamId: QAT.id });
    const results = poll([[kickOff()], [kickOff(), yellow], [kickOff(), retyped(yellow, K.red)]]);
    expect(last(results).alerts).toEqual([expect.objectContaining({ id: `${MATCH_KEY}/c`, card: 'red', revision: 1 })]);
  });

  it('does not re-state a goal just because the match moved on or the provider re-stamped it', () => {
    const goal = ev('g', K.goal, { t: 600, teamId: QAT.id, score: [1, 0] });
    const results = poll([
      [kickOff()],
      [kickOff(), goal],
      [kickOff(), { ...goal, at: '2022-11-20T16:10:00.5Z' }, ev('g2', K.goal, { t: 900, teamId: ECU.id, score: [1, 1] })],
    ]);
    expect(ids(last(results).alerts)).toEqual([`${MATCH_KEY}/g2`]);
  });

  it('posts an ignored event that turns into a posted kind', () => {
    const results = poll([[kickOff()], [kickOff(), ev('e', K.noise, { t: 600 })], [kickOff(), ev('e', K.goal, { t: 600, teamId: QAT.id, score: [1, 0] })]]);
    expect(eventAlerts(last(results).alerts)).toEqual([expect.objectContaining({ kind: 'goal', revision: 0 })]);
  });

  it('keeps the edit idempotent across a JSON round trip of the state', () => {
    const goal = ev('g', K.goal, { t: 600, teamId: QAT.id, score: [1, 0] });
    const first = trackMatch(undefined, snapshot([kickOff()]), OPTIONS);
    const second = trackMatch(first.state, snapshot([kickOff(), goal]), OPTIONS);
    const named = [kickOff(), { ...goal, player: { id: null, name: 'Afif' } }];
    const third = trackMatch(JSON.parse(JSON.stringify(second.state)), snapshot(named), OPTIONS);
    expect(third.alerts).toHaveLength(1);
    expect(trackMatch(JSON.parse(JSON.stringify(third.state)), snapshot(named), OPTIONS).alerts).toEqual([]);
  });
});
