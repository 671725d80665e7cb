/**
 * FIFA timeline `Type` and `Period` codes (reference sheet §5, §6) and what Fanfare makes of them.
 * Context-free: whether a code is posted can still depend on the period (shoot-out) and the options.
 */
import type { CardKind, GoalMethod, PenaltyMissOutcome, PlayPeriod } from '../../alerts/types.js';


/** The type is not final yet: hold the event (and every later one) until it is. */
export const PENDING_TYPE = 9999;
export const SUBSTITUTION_TYPE = 5;
export const SHOOTOUT_PERIOD = 11;

export type EventCategory =
  | { category: 'goal'; method: GoalMethod }
  /** `toOpponent`: the event's team committed the foul, so the kick goes to the other side (Type 72). */
  | { category: 'penalty-awarded'; toOpponent: boolean }
  | { category: 'penalty-missed'; outcome: PenaltyMissOutcome }
  | { category: 'card'; card: CardKind }
  | { category: 'substitution' }
  | { category: 'period-start' }
  | { category: 'period-end' }
  | { category: 'match-end' }
  /** Known and deliberately not posted. */
  | { category: 'noise' }
  /**
   * A VAR review (Type 71). Not posted (SPEC M7), but its outcome can be: a goal disallowed after review
   * shows as the review's score falling below the goal's, and the tracker withdraws that goal.
   */
  | { category: 'review' }
  | { category: 'pending' }
  /** Not in any list: logged by the caller, never posted. */
  | { category: 'unknown' };

const GOALS = new Map<number, GoalMethod>([
  [0, 'open-play'],
  [39, 'free-kick'],
  // Seen in the 2019 Women's World Cup with no further meaning given.
  [40, 'open-play'],
  [41, 'penalty'],
  [34, 'own-goal'],
]);

const PENALTY_MISSES = new Map<number, PenaltyMissOutcome>([
  [65, 'missed'],
  [60, 'saved'],
  [46, 'woodwork'],
  [51, 'woodwork'],
]);

const CARDS = new Map<number, CardKind>([
  [2, 'yellow'],
  [3, 'red'],
  [4, 'second-yellow'],
]);

export const REVIEW_TYPE = 71;

// Since 2026 (reference §10): 83 a drinks (hydration) break, 78 play resumed after it, 79/80/81 the coin
// tosses (kick-off, side, shoot-out). Known, so logged as nothing; a drinks break is not news.
const NOISE = new Set([1, 9, 10, 12, 14, 15, 16, 17, 18, 19, 23, 24, 25, 27, 32, 33, 37, 44, 49, 57, 78, 79, 80, 81, 83]);

export function categorize(type: number): EventCategory {
  const method = GOALS.get(type);
  if (method !== undefined) return { category: 'goal', method };
  const outcome = PENALTY_MISSES.get(type);
  if (outcome !== undefined) return { category: 'penalty-missed', outcome };
  const card = CARDS.get(type);
  if (card !== undefined) return { category: 'card', card };
  switch (type) {
    case 6:
      return { category: 'penalty-awarded', toOpponent: false };
    case 72:
      return { category: 'penalty-awarded', toOpponent: true };
    case SUBSTITUTION_TYPE:
      return { category: 'substitution' };
    case 7:
      return { category: 'period-start' };
    case 8:
      return { category: 'period-end' };
    case 26:
      return { category: 'match-end' };
    case PENDING_TYPE:
      return { category: 'pending' };
    case REVIEW_TYPE:
      return { category: 'review' };
    default:
      return NOISE.has(type) ? { category: 'noise' } : { category: 'unknown' };
  }
}

/** The period of play a `Period` code names, or null for the breaks, 0 (not started) and 10 (over). */
export function playPeriodOf(period: number): PlayPeriod | null {
  switch (period) {
    case 3:
      return 'first-half';
    case 5:
      return 'second-half';
    case 7:
      return 'extra-time-first-half';
    case 9:
      return 'extra-time-second-half';
    case SHOOTOUT_PERIOD:
      return 'shootout';
    default:
      return null;
  }
}
