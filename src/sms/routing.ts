/**
 * Which alerts go by SMS to whom (SPEC S1). A member picks a level in the App Home, "goals and results only",
 * "plus cards and penalties" or "everything"; each alert needs the lowest level that includes it.
 */
import type { Alert, MatchEventAlert } from '../alerts/types.js';
import type { SmsAlertLevel } from '../store/subscribers.js';

const RANK: Record<SmsAlertLevel, number> = { goals: 0, cards: 1, everything: 2 };

/** The lowest level whose members get this alert by SMS; null: never by SMS. */
export function smsLevelOf(alert: Alert): SmsAlertLevel | null {
  // A revision re-states an alert already texted; a phone can't edit a message, so a second SMS would
  // only repeat the news.
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

function eventLevel(event: MatchEventAlert): SmsAlertLevel {
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
export function levelIncludes(chosen: SmsAlertLevel, needed: SmsAlertLevel): boolean {
  return RANK[chosen] >= RANK[needed];
}

/** Team ids the alert is about: both teams of the match, without the undecided ones. */
export function teamsOf(alert: Alert): string[] {
  const ids = [alert.match.home.id, alert.match.away.id].filter((id): id is string => !!id);
  return [...new Set(ids)];
}
