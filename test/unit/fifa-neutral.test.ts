import { beforeEach, describe, expect, it } from 'vitest';
import { toCalendarMatch, toTimelineEvents } from '../../src/football/feed.js';
import { fifaToNeutral } from '../../src/football/fifa-neutral.js';
import { RawCalendarMatchSchema, RawEventSchema } from '../../src/football/fifa-schemas.js';
import { neutralKeyString, parseNeutralKey, type NeutralEvent } from '../../src/football/model.js';
import type { MatchSnapshot } from '../../src/football/types.js';
import {
  EventType,
  Period,
  rawCalendarMatch,
  rawEvent,
  rawGoal,
  rawMatchEnd,
  rawPeriodEnd,
  rawPeriodStart,
  rawPlayerEvent,
  resetEventIds,
  TEAMS,
  WC2026,
  type FifaObject,
} from '../fixtures/fifa-builders.js';

const ARG = TEAMS.ARG!.id;
const FRA = TEAMS.FRA!.id;

function snapshot(events: FifaObject[], match: FifaObject = {}): MatchSnapshot {
  return {
    match: toCalendarMatch(RawCalendarMatchSchema.parse(rawCalendarMatch(match)), 'en-GB'),
    events: toTimelineEvents(events.map((e) => RawEventSchema.parse(e)), 'en-GB'),
  };
}

function only(events: FifaObject[], match: FifaObject = {}): NeutralEvent {
  const neutral = fifaToNeutral(snapshot(events, match)).events;
  const last = neutral.at(-1);
  if (last === undefined) throw new Error('no event');
  return last;
}

describe('fifaToNeutral', () => {
  beforeEach(() => resetEventIds());

  it('keeps everything FIFA said about an event: id, raw type as code, minute, time, team, players, scores, text', () => {
    const goal = rawGoal(ARG, '229397', 1, 0, {
      EventId: '18185300000777',
      Type: EventType.FreeKickGoal,
      MatchMinute: "23'",
      Timestamp: '2026-06-11T19:23:10.123Z',
      IdSubPlayer: '358110',
      EventDescription: [{ Locale: 'en-GB', Description: 'Messi scores a free kick' }],
    });
    const events = toTimelineEvents([RawEventSchema.parse(goal)], 'en-GB');
    events[0]!.playerName = 'Lionel Messi';
    events[0]!.subPlayerName = 'Rodrigo De Paul';
    const match = toCalendarMatch(RawCalendarMatchSchema.parse(rawCalendarMatch()), 'en-GB');

    expect(fifaToNeutral({ match, events }).events).toEqual([
      {
        id: '18185300000777',
        code: '39',
        kind: 'goal',
        method: 'free-kick',
        period: 'first-half',
        minute: "23'",
        at: '2026-06-11T19:23:10.123Z',
        teamId: ARG,
        player: { id: '229397', name: 'Lionel Messi' },
        otherPlayer: { id: '358110', name: 'Rodrigo De Paul' },
        score: { home: 1, away: 0 },
        penalties: { home: 0, away: 0 },
        text: 'Messi scores a free kick',
      },
    ]);
  });

  it('maps the match: key with provider, stage kept for the timeline URL, teams, names, score, clock', () => {
    const { match } = fifaToNeutral(
      snapshot([], { MatchStatus: 3, HomeTeamScore: 2, AwayTeamScore: 1, MatchTime: "67'", Winner: null }),
    );
    expect(match).toMatchObject({
      key: { provider: 'fifa', competition: WC2026.competitionId, season: WC2026.seasonId, match: '400021476' },
      stageId: WC2026.groupStageId,
      kickoff: '2026-06-11T19:00:00Z',
      status: 'live',
      home: { id: ARG, name: 'Argentina', abbreviation: 'ARG', countryCode: 'ARG', logo: null },
      away: { id: FRA, countryCode: 'FRA' },
      competitionName: 'FIFA World Cup™',
      stageName: 'First Stage',
      groupName: 'Group A',
      score: { home: 2, away: 1 },
      clock: "67'",
      phase: null,
      knockout: false,
    });
    expect(neutralKeyString(match.key)).toBe('fifa:17/285023/400021476');
    // A stage without groups is a knockout round, as the tracker has always read it.
    expect(fifaToNeutral(snapshot([], { GroupName: [] })).match.knockout).toBe(true);
  });

  it.each([
    [EventType.Goal, { kind: 'goal', method: 'open-play' }],
    [40, { kind: 'goal', method: 'open-play' }],
    [EventType.PenaltyGoal, { kind: 'goal', method: 'penalty' }],
    [EventType.OwnGoal, { kind: 'goal', method: 'own-goal' }],
    [EventType.Yellow, { kind: 'card', card: 'yellow' }],
    [EventType.Red, { kind: 'card', card: 'red' }],
    [EventType.SecondYellow, { kind: 'card', card: 'second-yellow' }],
    [EventType.PenaltyMissed, { kind: 'penalty-missed', outcome: 'missed' }],
    [EventType.PenaltySaved, { kind: 'penalty-missed', outcome: 'saved' }],
    [46, { kind: 'penalty-missed', outcome: 'woodwork' }],
    [51, { kind: 'penalty-missed', outcome: 'woodwork' }],
    [EventType.Substitution, { kind: 'substitution' }],
    [EventType.VarReview, { kind: 'review' }],
    [EventType.Pending, { kind: 'pending' }],
    [12345, { kind: 'unknown' }],
  ])('type %i in play is %o', (type, kind) => {
    expect(only([rawPlayerEvent(type, ARG, '1', { Period: Period.SecondHalf })])).toMatchObject({ ...kind, code: String(type) });
  });

  it('a penalty awarded names the side that takes the kick, also when FIFA names the fouling side (72)', () => {
    expect(only([rawPlayerEvent(EventType.PenaltyAwarded, ARG, '1')])).toMatchObject({ kind: 'penalty-awarded', teamId: ARG });
    expect(only([rawPlayerEvent(EventType.PenaltyAfterFoul, ARG, '1')])).toMatchObject({ kind: 'penalty-awarded', teamId: FRA, code: '72' });
  });

  it('in the shoot-out, goals and misses are kicks with the running tally; awards and own goals are noise', () => {
    // FIFA repeats the score and the running tally on every event.
    const before = { Period: Period.Shootout, MatchMinute: '', HomeGoals: 3, AwayGoals: 3 };
    const after = { ...before, AwayPenaltyGoals: 1 };
    const events = fifaToNeutral(
      snapshot([
        rawPeriodStart(Period.Shootout, before),
        rawPlayerEvent(EventType.PenaltyAwarded, FRA, '1', before),
        rawPlayerEvent(EventType.PenaltyGoal, FRA, '1', after),
        rawPlayerEvent(EventType.PenaltySaved, ARG, '2', after),
        rawPlayerEvent(46, ARG, '3', after),
        rawPlayerEvent(EventType.OwnGoal, ARG, '4', after),
        rawPeriodEnd(Period.Shootout, after),
      ]),
    ).events;

    expect(events.map((e) => [e.kind, e.kind === 'shootout-kick' ? [e.scored, e.outcome] : null, e.penalties, e.score])).toEqual([
      ['period-start', null, { home: 0, away: 0 }, { home: 3, away: 3 }],
      ['noise', null, { home: 0, away: 0 }, { home: 3, away: 3 }],
      ['shootout-kick', [true, null], { home: 0, away: 1 }, { home: 3, away: 3 }],
      ['shootout-kick', [false, 'saved'], { home: 0, away: 1 }, { home: 3, away: 3 }],
      ['shootout-kick', [false, 'woodwork'], { home: 0, away: 1 }, { home: 3, away: 3 }],
      ['noise', null, { home: 0, away: 1 }, { home: 3, away: 3 }],
      ['period-end', null, { home: 0, away: 1 }, { home: 3, away: 3 }],
    ]);
    expect(events.every((e) => e.period === 'shootout')).toBe(true);
  });

  it('period markers carry the period of play; coin tosses and breaks are phases, not play', () => {
    const events = fifaToNeutral(
      snapshot([
        rawEvent({ Type: 19, Period: 2 }),
        rawPeriodStart(Period.FirstHalf),
        rawPeriodEnd(Period.FirstHalf),
        rawPlayerEvent(EventType.Substitution, ARG, '1', { Period: Period.HalfTime, IdSubPlayer: '2' }),
        rawPeriodStart(Period.SecondHalf),
        rawPeriodEnd(Period.SecondHalf),
        rawEvent({ Type: 19, Period: 17 }),
        rawPeriodStart(Period.ExtraFirst),
        rawPeriodEnd(Period.ExtraFirst),
        rawPeriodStart(Period.ExtraSecond),
        rawPeriodEnd(Period.ExtraSecond),
        rawEvent({ Type: 19, Period: 16 }),
        rawMatchEnd(),
      ]),
    ).events;

    expect(events.map((e) => [e.kind, e.kind === 'period-start' || e.kind === 'period-end' ? e.period : null, e.period])).toEqual([
      ['noise', null, 'pre-match'],
      ['period-start', 'first-half', 'first-half'],
      ['period-end', 'first-half', 'first-half'],
      ['substitution', null, 'half-time'],
      ['period-start', 'second-half', 'second-half'],
      ['period-end', 'second-half', 'second-half'],
      ['noise', null, 'before-extra-time'],
      ['period-start', 'extra-time-first-half', 'extra-time-first-half'],
      ['period-end', 'extra-time-first-half', 'extra-time-first-half'],
      ['period-start', 'extra-time-second-half', 'extra-time-second-half'],
      ['period-end', 'extra-time-second-half', 'extra-time-second-half'],
      ['noise', null, 'before-shootout'],
      ['match-end', null, 'finished'],
    ]);
    expect(events[3]).toMatchObject({ player: { id: '1' }, otherPlayer: { id: '2' } });
  });

  it('a period event outside a period of play (FIFA sends 7/8 with period 4 too) is noise, not a period', () => {
    expect(only([rawPeriodEnd(Period.HalfTime)])).toMatchObject({ kind: 'noise', code: '8', period: 'half-time' });
  });
});

describe('neutral match keys', () => {
  it('round-trips both providers, and reads the older FIFA keys as fifa matches', () => {
    const espn = { provider: 'espn', competition: 'uefa.champions', season: '2025', match: '401862301' } as const;
    expect(parseNeutralKey(neutralKeyString(espn))).toEqual(espn);
    expect(parseNeutralKey('17/285023/400021476')).toEqual({ provider: 'fifa', competition: '17', season: '285023', match: '400021476' });
    expect(parseNeutralKey('fifa:17/285023/400021476')).toEqual(parseNeutralKey('17/285023/400021476'));
  });

  it('rejects an unknown provider or a malformed key', () => {
    expect(parseNeutralKey('opta:1/2/3')).toBeNull();
    expect(parseNeutralKey('espn:eng.1/2025')).toBeNull();
    expect(parseNeutralKey('espn:eng.1//3')).toBeNull();
  });
});
