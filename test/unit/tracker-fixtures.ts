/** Plain-data factories for the tracker tests: a calendar entry, timeline events, and a poll helper. */
import type { MatchAlert, MatchEventAlert } from '../../src/alerts/types.js';
import { trackMatch, type MatchState, type TrackerOptions, type TrackResult } from '../../src/football/tracker.js';
import type { CalendarMatch, MatchSnapshot, Team, TimelineEvent } from '../../src/football/types.js';

export const QAT: Team = { id: '43834', name: 'Qatar', abbreviation: 'QAT', countryCode: 'QAT' };
export const ECU: Team = { id: '43927', name: 'Ecuador', abbreviation: 'ECU', countryCode: 'ECU' };
export const MATCH_KEY = '17/255711/400128082';

export function calendar(overrides: Partial<CalendarMatch> = {}): CalendarMatch {
  return {
    key: { competitionId: '17', seasonId: '255711', stageId: '285063', matchId: '400128082' },
    kickoff: '2022-11-20T16:00:00Z',
    status: 'live',
    home: QAT,
    away: ECU,
    placeholderHome: 'A1',
    placeholderAway: 'A2',
    competitionName: 'FIFA World Cup™',
    stageName: 'First stage',
    groupName: 'Group A',
    score: null,
    penalties: null,
    matchTime: null,
    winnerTeamId: null,
    ...overrides,
  };
}

export const knockout = (overrides: Partial<CalendarMatch> = {}): CalendarMatch =>
  calendar({ groupName: null, stageName: 'Round of 16', ...overrides });

const KICKOFF_MS = Date.UTC(2022, 10, 20, 16, 0, 0);

/** Timestamp `seconds` after the 16:00 kick-off, in the feed's style (`…:30.0Z`). */
export function at(seconds: number): string {
  return new Date(KICKOFF_MS + seconds * 1000).toISOString().replace(/\.(\d)00Z$/, '.$1Z');
}

export interface EventInit extends Partial<TimelineEvent> {
  /** Seconds after kick-off; ignored when `timestamp` is given. */
  t?: number;
  /** [home, away] score after the event. */
  score?: [number, number];
  /** [home, away] shoot-out tally after the event. */
  pens?: [number, number];
}

export function ev(id: string, type: number, init: EventInit = {}): TimelineEvent {
  const { t = 0, score = [0, 0], pens = [0, 0], ...rest } = init;
  return {
    id,
    type,
    period: 3,
    minute: "1'",
    timestamp: at(t),
    teamId: null,
    playerId: null,
    subPlayerId: null,
    playerName: null,
    subPlayerName: null,
    homeGoals: score[0],
    awayGoals: score[1],
    homePenaltyGoals: pens[0],
    awayPenaltyGoals: pens[1],
    description: null,
    ...rest,
  };
}

export const kickOff = (id = 'ko', init: EventInit = {}): TimelineEvent => ev(id, 7, { period: 3, t: 0, ...init });

export const OPTIONS: TrackerOptions = { includeSubstitutions: false };

export function snapshot(events: TimelineEvent[], match: CalendarMatch = calendar()): MatchSnapshot {
  return { match, events };
}

/**
 * Feeds successive timelines to the tracker like the poll loop does, persisting the state as JSON in between
 * (the store does exactly that), and returns every result.
 */
export function poll(
  timelines: TimelineEvent[][],
  options: TrackerOptions = OPTIONS,
  match: CalendarMatch = calendar(),
  start?: MatchState,
): TrackResult[] {
  let state: MatchState | undefined = start;
  return timelines.map((events) => {
    const result = trackMatch(state, snapshot(events, match), options);
    state = JSON.parse(JSON.stringify(result.state)) as MatchState;
    return result;
  });
}

/** The last result of a poll sequence. */
export function last(results: TrackResult[]): TrackResult {
  const result = results[results.length - 1];
  if (result === undefined) throw new Error('no results');
  return result;
}

export function eventAlerts(alerts: MatchAlert[]): MatchEventAlert[] {
  return alerts.filter((a): a is MatchEventAlert => a.kind !== 'catch-up' && a.kind !== 'correction');
}

export const ids = (alerts: MatchAlert[]): string[] => alerts.map((a) => a.id);
