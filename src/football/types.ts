/**
 * Football domain as the rest of Fanfare sees it: what the FIFA feed turns its HTTP answers into.
 * Ids are opaque strings (FIFA has negative and alphanumeric ids): never compare them numerically.
 */

export interface MatchKey {
  competitionId: string;
  seasonId: string;
  stageId: string;
  matchId: string;
}

export interface Team {
  id: string;
  /** Localised name, e.g. "Argentina". */
  name: string;
  /** e.g. "ARG"; falls back to the country code or the name. */
  abbreviation: string;
  /** FIFA country code (three letters, e.g. "ARG", "ENG"), used for the flag; null when unknown. */
  countryCode: string | null;
}

export type Side = 'home' | 'away';

export interface Score {
  home: number;
  away: number;
}

/** FIFA `MatchStatus`: 0 finished, 1 not started, 3 live, 12 pre-match; anything else is "not finished". */
export type MatchStatus = 'finished' | 'scheduled' | 'live' | 'other';

/** One match as the calendar describes it. */
export interface CalendarMatch {
  key: MatchKey;
  /** Kick-off, ISO-8601 UTC (FIFA `Date`; never `LocalDate`). */
  kickoff: string;
  status: MatchStatus;
  /** null for an undecided knockout slot; then `placeholderHome`/`placeholderAway` say who will fill it. */
  home: Team | null;
  away: Team | null;
  placeholderHome: string | null;
  placeholderAway: string | null;
  competitionName: string;
  stageName: string;
  /** e.g. "Group A"; null in knockout rounds. */
  groupName: string | null;
  score: Score | null;
  /** Shoot-out tally when there was one. */
  penalties: Score | null;
  /** FIFA `MatchTime` display text, e.g. "67'". */
  matchTime: string | null;
  winnerTeamId: string | null;
}

/** One timeline event, normalised. `minute` is FIFA's display text (`90'+6'`), never parsed. */
export interface TimelineEvent {
  id: string;
  /** FIFA event `Type` (0 goal, 2 yellow, … 9999 pending). */
  type: number;
  /** FIFA `Period` (3 first half, 4 half-time, 5 second half, 7/9 extra time, 10 over, 11 shoot-out). */
  period: number;
  minute: string;
  /** ISO-8601; may have fractional seconds; late inserts can carry an earlier timestamp. */
  timestamp: string;
  /** Absent on period and match events. */
  teamId: string | null;
  playerId: string | null;
  /** Substitution: the player going off; penalty saved: the goalkeeper. */
  subPlayerId: string | null;
  /** Resolved by the feed from `players/{id}` when known. */
  playerName: string | null;
  subPlayerName: string | null;
  /** Score after the event. */
  homeGoals: number;
  awayGoals: number;
  /** Running shoot-out tally after the event. */
  homePenaltyGoals: number;
  awayPenaltyGoals: number;
  /** FIFA's own localised sentence, when given. */
  description: string | null;
}

/** What one poll of a live match yields: the calendar entry plus its timeline in feed order. */
export interface MatchSnapshot {
  match: CalendarMatch;
  events: TimelineEvent[];
}
