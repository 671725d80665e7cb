/**
 * The one alert shape every source produces and every sink consumes. Sinks (Slack poster, SMS outbox,
 * DM outbox, terminal demo) never look at FIFA, ESPN or Twitch types: everything a renderer needs is
 * here, names resolved. This module imports nothing: providers, sinks and the store import it.
 */

export type Side = 'home' | 'away';

export interface Score {
  home: number;
  away: number;
}

export interface TeamRef {
  /** The team key members follow (`fifa:43922`, `espn:359`); null for an undecided slot. */
  id: string | null;
  /** Display name, e.g. "Argentina"; for an undecided slot the placeholder, e.g. "A1". External text: escape before Slack. */
  name: string;
  /** e.g. "ARG". */
  abbreviation: string;
  /** FIFA three-letter country code for a national team's flag; null for a club or an undecided slot. */
  countryCode: string | null;
}

export type MatchPhase =
  | 'pre-match'
  | 'first-half'
  | 'half-time'
  | 'second-half'
  | 'before-extra-time'
  | 'extra-time-first-half'
  | 'extra-time-break'
  | 'extra-time-second-half'
  | 'before-shootout'
  | 'shootout'
  | 'finished';

/** What the thread's parent message shows: the live state of one match. */
export interface MatchSummary {
  /** The match key, `provider:competition/season/match` (neutralKeyString), e.g. `fifa:17/285023/400021476`. */
  key: string;
  competitionName: string;
  stageName: string;
  groupName: string | null;
  /** Kick-off, ISO-8601 UTC. */
  kickoff: string;
  home: TeamRef;
  away: TeamRef;
  score: Score;
  /** Shoot-out tally, once a shoot-out has started. */
  penalties: Score | null;
  phase: MatchPhase;
  /** Display minute of the latest event (`90'+6'`), null before kick-off and once finished. */
  minute: string | null;
  wentToExtraTime: boolean;
  /** Set once finished: the side that won (after a shoot-out too), null for a draw. */
  winner: Side | null;
}

export type PlayPeriod = 'first-half' | 'second-half' | 'extra-time-first-half' | 'extra-time-second-half' | 'shootout';

export type GoalMethod = 'open-play' | 'penalty' | 'free-kick' | 'own-goal';
export type CardKind = 'yellow' | 'red' | 'second-yellow';
export type PenaltyMissOutcome = 'missed' | 'saved' | 'woodwork';

export interface GoalLine {
  side: Side | null;
  player: string | null;
  minute: string;
  method: GoalMethod;
}

export interface CardLine {
  side: Side | null;
  player: string | null;
  minute: string;
  card: CardKind;
}

/** What happened. `side` is the team the alert is about (for own goals: the team credited with the goal). */
export type MatchEventDetail =
  | { kind: 'goal'; side: Side | null; player: string | null; method: GoalMethod; score: Score }
  /** `side` is the team that will take the kick. */
  | { kind: 'penalty-awarded'; side: Side | null }
  | { kind: 'penalty-missed'; side: Side | null; player: string | null; outcome: PenaltyMissOutcome }
  | { kind: 'card'; side: Side | null; player: string | null; card: CardKind }
  | { kind: 'substitution'; side: Side | null; playerOn: string | null; playerOff: string | null }
  /** `first-half` is the kick-off. */
  | { kind: 'period-start'; period: PlayPeriod }
  /**
   * `finalWhistle`: this end of play is the end of the match's play (full-time when no extra time follows,
   * the end of extra time when no shoot-out follows, the end of the shoot-out).
   */
  | { kind: 'period-end'; period: PlayPeriod; score: Score; penalties: Score | null; finalWhistle: boolean }
  /** One shoot-out kick; `kicks` are every kick so far per team, in order (true = scored). */
  | {
      kind: 'shootout-kick';
      side: Side | null;
      player: string | null;
      scored: boolean;
      outcome: PenaltyMissOutcome | null;
      kicks: { home: boolean[]; away: boolean[] };
      penalties: Score;
    }
  | { kind: 'match-end'; score: Score; penalties: Score | null; winner: Side | null; extraTime: boolean };

export type MatchEventKind = MatchEventDetail['kind'];

/** A match alert born from one timeline event. */
export type MatchEventAlert = MatchAlertBase & MatchEventDetail & { eventId: string };

/** First sight of a match already under way: one summary instead of a replay (SPEC M5). */
export type CatchUpAlert = MatchAlertBase & {
  kind: 'catch-up';
  score: Score;
  penalties: Score | null;
  goals: GoalLine[];
  cards: CardLine[];
};

/** A posted event vanished from the timeline (VAR reversal, or FIFA re-created it): SPEC M6. */
export type CorrectionAlert = MatchAlertBase & {
  kind: 'correction';
  /** The alert that was posted for the vanished event; its `match` is the match as it stands now. */
  original: MatchEventAlert;
};

export interface MatchAlertBase {
  source: 'match';
  /**
   * Stable identity: `${matchKey}/${eventId}` for events, `${matchKey}/catch-up`, `${matchKey}/${eventId}/correction`.
   * Sinks dedupe on it (Slack metadata, SMS outbox).
   */
  id: string;
  matchKey: string;
  /** 0 when first announced; a higher revision re-states a posted alert whose content changed (edit, never re-notify). */
  revision: number;
  /** Display minute (`45'+2'`), or null. */
  minute: string | null;
  /** ISO time the event happened (the feed's timestamp), used for ordering and SMS validity. */
  at: string;
  /** The match as it stood right after this alert. */
  match: MatchSummary;
}

export type MatchAlert = MatchEventAlert | CatchUpAlert | CorrectionAlert;

export interface StreamerRef {
  /** Stable Twitch user id (SPEC T5). */
  id: string;
  login: string;
  displayName: string;
  profileImageUrl: string | null;
}

/** One live stream as observed. External text (title, game) is escaped by renderers. */
export interface ObservedStream {
  /** Twitch stream id: a new one means the broadcaster (re)started. */
  id: string;
  userId: string;
  title: string;
  gameName: string;
  viewerCount: number;
  /** RFC 3339 UTC. */
  startedAt: string;
  /** Template with {width} and {height}. */
  thumbnailUrl: string;
}

/** A streamer went live (T1) or a session ended (T3). Identity: one of each per session. */
export interface StreamAlert {
  source: 'stream';
  /** `stream/${streamerId}/${sessionId}/live` or `…/offline`; sinks dedupe on it. */
  id: string;
  kind: 'stream-live' | 'stream-offline';
  revision: 0;
  streamer: StreamerRef;
  /** The stream as last seen (for an offline alert: just before it ended). */
  stream: ObservedStream;
  /** The session's id: the first stream id of the session. */
  sessionId: string;
  /** ISO time it happened (went live: the stream's start; offline: when the grace ran out). */
  at: string;
  /** Offline only: how long the session lasted. */
  durationSeconds?: number;
}

/** Every alert Fanfare knows. */
export type Alert = MatchAlert | StreamAlert;

/**
 * What a loop hands its alerts to (the thread, card, DM and SMS sinks). `deliver` is a durable enqueue:
 * once it resolves the sink owns the alerts and delivers them with its own worker. The same alert handed
 * over twice (a retry after a crash) is delivered once.
 */
export interface AlertSink {
  deliver(alerts: readonly Alert[]): Promise<void>;
}

/** One sink that hands the same alerts to several (the DM and SMS sinks behind one loop option). */
export function allSinks(sinks: readonly AlertSink[]): AlertSink {
  return { deliver: async (alerts) => void (await Promise.all(sinks.map((sink) => sink.deliver(alerts)))) };
}
