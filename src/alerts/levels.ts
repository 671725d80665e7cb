/**
 * Which match alerts a member gets on a personal sink (SPEC P1, S1). Per sink (DM, SMS) a member picks
 * "off", "goals and results only", "plus cards and penalties" or "everything"; each alert needs the lowest
 * level that includes it.
 */
import type { MatchAlert, MatchEventAlert } from './types.js';

export type AlertLevel = 'goals' | 'cards' | 'everything';

/** A personal sink's level. SMS off keeps the member's verified number (stopping the subscription deletes it). */
export type SinkLevel = 'off' | AlertLevel;

export const ALERT_LEVELS: readonly AlertLevel[] = ['goals', 'cards', 'everything'];

const RANK: Record<AlertLevel, number> = { goals: 0, cards: 1, everything: 2 };

/** The lowest level whose members get this alert on a personal sink; null: never (a revision). */
export function levelOf(alert: MatchAlert): AlertLevel | null {
  // A revision re-states an alert already sent; a phone or a DM can't usefully repeat the news.
  if (alert.revision > 0) return null;
  switch (alert.kind) {
    case 'catch-up':
      return 'goals';
    case 'correction':
      // Whoever was told about the event is told it was taken back, and nobody else.
      return eventLevel(alert.original);
    default:
      return eventLevel(alert);
  }
}

function eventLevel(event: MatchEventAlert): AlertLevel {
  switch (event.kind) {
    case 'goal':
    case 'match-end':
      return 'goals';
    case 'period-end':
      return event.finalWhistle ? 'goals' : 'everything';
    case 'card':
    case 'penalty-awarded':
    case 'penalty-missed':
    case 'shootout-kick':
      return 'cards';
    case 'period-start':
    case 'substitution':
      return 'everything';
  }
}

/** Whether a member who chose `chosen` gets alerts that need `needed`: goals ⊂ cards ⊂ everything. */
export function levelIncludes(chosen: SinkLevel, needed: AlertLevel): boolean {
  return chosen !== 'off' && RANK[chosen] >= RANK[needed];
}

/** Team keys the alert is about: both teams of the match, without the undecided ones. */
export function teamsOf(alert: MatchAlert): string[] {
  const ids = [alert.match.home.id, alert.match.away.id].filter((id): id is string => !!id);
  return [...new Set(ids)];
}
