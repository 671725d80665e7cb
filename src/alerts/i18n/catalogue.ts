/**
 * The words Fanfare says, per language. Every language file implements this whole interface, so a phrase
 * missing from one of them is a compile error. Sections (`common`, `match`) leave room for SMS and App Home.
 *
 * Parameters arrive display-ready: the renderer has already escaped external text (team and player names)
 * for its medium, so a phrase only arranges them. Phrases themselves must not contain `&`, `<` or `>`,
 * since Slack would read those as markup.
 */
import type { UtcDateParts } from '../mrkdwn.js';
import type { CardKind, GoalMethod, MatchPhase, PenaltyMissOutcome, PlayPeriod } from '../types.js';
import type { Locale } from './locales.js';

export interface Catalogue {
  locale: Locale;
  /** BCP 47 tag handed to `Intl` for month and weekday names. */
  intlLocale: string;
  common: CommonPhrases;
  match: MatchPhrases;
  slack: SlackPhrases;
}

/** What Fanfare says to members in Slack itself. */
export interface SlackPhrases {
  /** The answer to a mention: what Fanfare does, and where (`channel` is a ready `<#C…>` mention, or null). */
  mentionHelp(channel: string | null): string;
}

export interface CommonPhrases {
  /** "Sun 18 Dec 2022 15:00 UTC". Shown when Slack can't localise a date, so it must say UTC. */
  dateTimeUtc(parts: UtcDateParts): string;
  /** Closes a truncated list: "… and 3 more". */
  andMore(count: number): string;
  /** Stands in for a name the feed did not give. */
  unknownPlayer: string;
}

export type ShootoutKickResult = 'scored' | PenaltyMissOutcome;

export interface MatchPhrases {
  /** A match score: "2–1" (de "2:1", pt-BR "2 x 1"). */
  score(home: number, away: number): string;
  /** The shoot-out score after a match score: "(4–2 pens)". */
  penaltiesSuffix(home: number, away: number): string;
  /** Between two team names before kick-off: "Argentina v France". */
  versus: string;
  /** Badge while the ball is in play, before the minute: "LIVE". */
  live: string;
  /** The state of play as the parent message shows it: "Half-time", "Extra time, 1st half". */
  phase: Record<MatchPhase, string>;
  /** Status of a finished match that went to extra time and no further. */
  afterExtraTime: string;
  /** Status of a finished match decided by a shoot-out; `score` is already winner-first. */
  wonOnPenalties(team: string | null, score: string): string;
  /** "Kick-off <date>"; `date` is a ready mrkdwn date token or plain text. */
  kickoff(date: string): string;

  /** The goal shout: "GOAL!". */
  goal: string;
  /** Short tag after the scorer: "(pen.)"; null says nothing (open play). */
  goalMethod: Record<GoalMethod, string | null>;
  /** "Penalty to Argentina"; `team` null: "Penalty awarded". */
  penaltyAwarded(team: string | null): string;
  /** "Penalty saved". */
  penaltyMiss: Record<PenaltyMissOutcome, string>;
  /** "Yellow card". */
  card: Record<CardKind, string>;
  substitution: string;
  /** "On: Paulo DYBALA". */
  playerOn(player: string): string;
  /** "Off: Ángel DI MARÍA". */
  playerOff(player: string): string;

  /** Reply when a period starts; `first-half` is the kick-off. */
  periodStart: Record<PlayPeriod, string>;
  /** Reply when a period ends; `finalWhistle` says no more play follows it. */
  periodEnd(period: PlayPeriod, finalWhistle: boolean): string;
  /** One shoot-out kick: "Lionel MESSI (Argentina) scores". */
  shootoutKick(who: string, result: ShootoutKickResult): string;
  /** The running shoot-out tally; `line` is "ARG 3–2 FRA". */
  shootoutTally(line: string): string;
  /** Heading of the match-end reply. */
  matchOver: string;
  /** The result of a finished match; `penalties` is the winner-first shoot-out score when there was one. */
  result(p: { winner: string | null; extraTime: boolean; penalties: string | null }): string;
  /** Heading of the catch-up reply for a match first seen under way. */
  catchUp: string;

  /** A posted goal vanished: "Correction: the goal by X at 23' was ruled out after review". */
  correctionGoal(who: string, minute: string | null): string;
  correctionPenalty(team: string | null, minute: string | null): string;
  correctionCard(card: CardKind, who: string, minute: string | null): string;
  /** Any other posted event that vanished. */
  correctionOther(minute: string | null): string;
  /** The score after a correction; `line` is "ARG 0–0 FRA". */
  scoreNow(line: string): string;
}

/** Joins the present pieces with single spaces; lets phrases drop a missing team or minute cleanly. */
export function words(...pieces: (string | null | undefined | false)[]): string {
  return pieces.filter((p): p is string => typeof p === 'string' && p.length > 0).join(' ');
}
