/**
 * Plain-data factories for the tracker tests: a match, neutral events (kinds from model.ts, never a
 * provider's codes), and a poll helper.
 */
import type { MatchAlert, MatchEventAlert, MatchPhase, PenaltyMissOutcome, PlayPeriod } from '../../src/alerts/types.js';
import type { NeutralEvent, NeutralEventKind, NeutralMatch, NeutralSnapshot, NeutralTeam } from '../../src/football/model.js';
import { trackMatch, type MatchState, type TrackerOptions, type TrackResult } from '../../src/football/tracker.js';

export const QAT: NeutralTeam = { id: '43834', name: 'Qatar', abbreviation: 'QAT', countryCode: 'QAT', logo: null };
export const ECU: NeutralTeam = { id: '43927', name: 'Ecuador', abbreviation: 'ECU', countryCode: 'ECU', logo: null };
export const MATCH_KEY = 'fifa:17/255711/400128082';

export function calendar(overrides: Partial<NeutralMatch> = {}): NeutralMatch {
  return {
    key: { provider: 'fifa', competition: '17', season: '255711', match: '400128082' },
    stageId: '285063',
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
    clock: null,
    phase: null,
    extraTime: null,
    knockout: false,
    winnerTeamId: null,
    ...overrides,
  };
}

export const knockout = (overrides: Partial<NeutralMatch> = {}): NeutralMatch =>
  calendar({ groupName: null, stageName: 'Round of 16', knockout: true, ...overrides });

const KICKOFF_MS = Date.UTC(2022, 10, 20, 16, 0, 0);

/** Timestamp `seconds` after the 16:00 kick-off, in the feed's style (`…:30.0Z`). */
export function at(seconds: number): string {
  return new Date(KICKOFF_MS + seconds * 1000).toISOString().replace(/\.(\d)00Z$/, '.$1Z');
}

/** The neutral kinds, by name. */
export const K = {
  goal: { kind: 'goal', method: 'open-play' },
  freeKickGoal: { kind: 'goal', method: 'free-kick' },
  penaltyGoal: { kind: 'goal', method: 'penalty' },
  ownGoal: { kind: 'goal', method: 'own-goal' },
  penaltyAwarded: { kind: 'penalty-awarded' },
  penaltyMissed: (outcome: PenaltyMissOutcome = 'missed') => ({ kind: 'penalty-missed', outcome }) as const,
  yellow: { kind: 'card', card: 'yellow' },
  red: { kind: 'card', card: 'red' },
  secondYellow: { kind: 'card', card: 'second-yellow' },
  substitution: { kind: 'substitution' },
  start: (period: PlayPeriod) => ({ kind: 'period-start', period }) as const,
  end: (period: PlayPeriod) => ({ kind: 'period-end', period }) as const,
  matchEnd: { kind: 'match-end' },
  kick: (scored: boolean, outcome: PenaltyMissOutcome | null = null) => ({ kind: 'shootout-kick', scored, outcome }) as const,
  review: { kind: 'review' },
  pending: { kind: 'pending' },
  noise: { kind: 'noise' },
  unknown: { kind: 'unknown' },
} as const satisfies Record<string, NeutralEventKind | ((...args: never[]) => NeutralEventKind)>;

export interface EventInit extends Partial<Omit<NeutralEventBase, 'player' | 'otherPlayer' | 'score' | 'penalties'>> {
  /** Seconds after kick-off; ignored when `at` is given. */
  t?: number;
  /** [home, away] score after the event. */
  score?: [number, number];
  /** [home, away] shoot-out tally after the event. */
  pens?: [number, number];
  /** Name of the scorer, carded player, kicker, player coming on. */
  player?: string | null;
  /** Name of the player going off. */
  playerOff?: string | null;
}

type NeutralEventBase = Omit<NeutralEvent, keyof NeutralEventKind>;

/** A code standing for the kind, as a provider's would: re-typing an event changes it. */
function codeOf(kind: NeutralEventKind): string {
  return Object.values(kind).map(String).join(':');
}

export function ev(id: string, kind: NeutralEventKind, init: EventInit = {}): NeutralEvent {
  const { t = 0, score = [0, 0], pens = [0, 0], player = null, playerOff = null, ...rest } = init;
  const defaultPeriod: MatchPhase =
    kind.kind === 'period-start' || kind.kind === 'period-end' ? kind.period : kind.kind === 'shootout-kick' ? 'shootout' : 'first-half';
  return {
    id,
    code: codeOf(kind),
    period: defaultPeriod,
    minute: "1'",
    at: at(t),
    teamId: null,
    player: player === null ? null : { id: null, name: player },
    otherPlayer: playerOff === null ? null : { id: null, name: playerOff },
    score: { home: score[0], away: score[1] },
    penalties: { home: pens[0], away: pens[1] },
    text: null,
    ...rest,
    ...kind,
  } as NeutralEvent;
}

/** The same event re-typed by the provider: a new kind, and a new code with it. */
export function retyped(event: NeutralEvent, kind: NeutralEventKind): NeutralEvent {
  const { method: _m, outcome: _o, card: _c, scored: _s, ...base } = event as NeutralEvent & Record<string, unknown>;
  return { ...base, code: codeOf(kind), ...kind } as NeutralEvent;
}

export const kickOff = (id = 'ko', init: EventInit = {}): NeutralEvent => ev(id, K.start('first-half'), { t: 0, ...init });

export const OPTIONS: TrackerOptions = { includeSubstitutions: false };

export function snapshot(events: NeutralEvent[], match: NeutralMatch = calendar()): NeutralSnapshot {
  return { match, events };
}

/**
 * Feeds successive timelines to the tracker like the poll loop does, persisting the state as JSON in between
 * (the store does exactly that), and returns every result.
 */
export function poll(
  timelines: NeutralEvent[][],
  options: TrackerOptions = OPTIONS,
  match: NeutralMatch = calendar(),
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
