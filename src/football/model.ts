/**
 * The neutral football model: what every provider (FIFA, ESPN) turns its answers into, and all the
 * tracker and everything after it may see. Provider codes (FIFA type numbers, ESPN type slugs) stay in
 * their provider's folder; here they survive only as `code`, for logs and for noticing a re-typed event.
 * Ids are opaque strings: never compare them numerically.
 */
import type { CardKind, GoalMethod, MatchPhase, PenaltyMissOutcome, PlayPeriod } from '../alerts/types.js';
import type { MatchStatus, Score, Team } from './types.js';

export type { CardKind, GoalMethod, MatchPhase, MatchStatus, PenaltyMissOutcome, PlayPeriod, Score };

export type Provider = 'fifa' | 'espn';

export const PROVIDERS: readonly Provider[] = ['fifa', 'espn'];

/**
 * Identity of a match (SPEC C1). `competition` is FIFA's competition id or an ESPN league slug (`eng.1`);
 * `season` is FIFA's season id or ESPN's season year (`2026`).
 */
export interface NeutralMatchKey {
  provider: Provider;
  competition: string;
  season: string;
  match: string;
}

/** `provider:competition/season/match`, e.g. `fifa:17/285023/400021476`, `espn:eng.1/2025/704512`. */
export function neutralKeyString(key: NeutralMatchKey): string {
  return `${key.provider}:${key.competition}/${key.season}/${key.match}`;
}

/**
 * Reads a key written by neutralKeyString, or an older FIFA key (`competition/season/match`, written
 * before providers existed), which is a FIFA match. Null when the text is neither.
 */
export function parseNeutralKey(text: string): NeutralMatchKey | null {
  const colon = text.indexOf(':');
  const prefix = colon === -1 ? 'fifa' : text.slice(0, colon);
  const provider = PROVIDERS.find((p) => p === prefix);
  if (provider === undefined) return null;
  const parts = text.slice(colon + 1).split('/');
  if (parts.length !== 3 || parts.some((part) => part === '')) return null;
  const [competition, season, match] = parts as [string, string, string];
  return { provider, competition, season, match };
}

export interface NeutralTeam extends Team {
  /** Crest or flag image URL when the provider gives one (ESPN), else null. */
  logo: string | null;
}

/** One match as a provider's calendar or scoreboard describes it. */
export interface NeutralMatch {
  key: NeutralMatchKey;
  /** FIFA's stage id, needed to fetch a FIFA timeline; null for ESPN. */
  stageId: string | null;
  /** Kick-off, ISO-8601 UTC with seconds (`2026-06-13T19:00:00Z`). */
  kickoff: string;
  status: MatchStatus;
  /** null for an undecided knockout slot; then the placeholder says who will fill it. */
  home: NeutralTeam | null;
  away: NeutralTeam | null;
  placeholderHome: string | null;
  placeholderAway: string | null;
  competitionName: string;
  /** e.g. "Group Stage", "Regular Season", "Final"; '' when unknown. */
  stageName: string;
  /** e.g. "Group B"; null when there is none or it is unknown. */
  groupName: string | null;
  /** null before kick-off. */
  score: Score | null;
  /** Shoot-out tally, only when there was a shoot-out. */
  penalties: Score | null;
  /** The provider's running clock as displayed (`58'`, `90'+4'`), null when the ball is not in play. */
  clock: string | null;
  /** Where the match stands when the provider says so (ESPN status); null when it does not (FIFA calendar). */
  phase: MatchPhase | null;
  /** true once extra time was played, false when known not to, null when the provider does not say. */
  extraTime: boolean | null;
  /** Whether a level score after 90' goes to extra time; null when unknown. */
  knockout: boolean | null;
  winnerTeamId: string | null;
}

export interface PlayerRef {
  id: string | null;
  name: string | null;
}

/** What an event is. Own goals are `goal` with method `own-goal`. */
export type NeutralEventKind =
  | { kind: 'goal'; method: GoalMethod }
  | { kind: 'penalty-awarded' }
  | { kind: 'penalty-missed'; outcome: PenaltyMissOutcome }
  | { kind: 'card'; card: CardKind }
  | { kind: 'substitution' }
  /** `first-half` is the kick-off. */
  | { kind: 'period-start'; period: PlayPeriod }
  | { kind: 'period-end'; period: PlayPeriod }
  /** `outcome` only for a kick not scored, when the provider says how (saved, woodwork). */
  | { kind: 'shootout-kick'; scored: boolean; outcome: PenaltyMissOutcome | null }
  | { kind: 'match-end' }
  /** A video review's outcome; never posted, but its score can withdraw a goal that was ruled out. */
  | { kind: 'review' }
  /** The provider has not decided what this is yet: hold it (and what follows) until it has. */
  | { kind: 'pending' }
  /** Known and deliberately never posted (drinks breaks, fouls, coin tosses, VAR checks…). */
  | { kind: 'noise' }
  /** In no list: logged once with its `code`, never posted. */
  | { kind: 'unknown' };

export interface NeutralEventBase {
  /** The provider's event id: with the match key, the event's identity (SPEC C1). */
  id: string;
  /** The provider's own type code (`41`, `penalty---scored`): for logs and to notice a re-typed event. */
  code: string;
  /** Where in the match it happened; null when the provider's period is unknown. */
  period: MatchPhase | null;
  /** Display minute (`90'+6'`), never parsed; '' when the provider gives none (shoot-out kicks). */
  minute: string;
  /** ISO-8601 time the provider stamped on it; '' when none. Late inserts can carry an earlier time. */
  at: string;
  /**
   * The team the event belongs to: the scorer's side for a goal, the side that takes the kick for a penalty
   * awarded, the carded player's side. For an own goal providers disagree (FIFA's is ambiguous, ESPN's is the
   * side credited): read the credited side from the change in `score`.
   */
  teamId: string | null;
  /** Scorer, carded player, kicker, player coming on. */
  player: PlayerRef | null;
  /** Player going off (substitution), assister (ESPN goal), goalkeeper (FIFA penalty saved). */
  otherPlayer: PlayerRef | null;
  /** Match score right after the event (shoot-out kicks leave it as it was after extra time). */
  score: Score;
  /** Shoot-out tally right after the event (0–0 outside the shoot-out). */
  penalties: Score;
  /** The provider's own sentence, when it gives one. External text. */
  text: string | null;
}

export type NeutralEvent = NeutralEventBase & NeutralEventKind;

/** One poll of a live match: the match as it stands and its events in the provider's order. */
export interface NeutralSnapshot {
  match: NeutralMatch;
  events: NeutralEvent[];
}
