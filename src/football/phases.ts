/** Where a match stands, in the neutral model: the order of its phases and when its play is over. */
import type { MatchPhase, PlayPeriod } from '../alerts/types.js';

/** Phases in the order a match goes through them: the phase only ever moves forward. */
const PHASE_ORDER: readonly MatchPhase[] = [
  'pre-match',
  'first-half',
  'half-time',
  'second-half',
  'before-extra-time',
  'extra-time-first-half',
  'extra-time-break',
  'extra-time-second-half',
  'before-shootout',
  'shootout',
  'finished',
];

export function phaseRank(phase: MatchPhase): number {
  return PHASE_ORDER.indexOf(phase);
}

/**
 * Whether the end of `period` ends the match's play: full time unless a level knockout goes to extra time,
 * the end of extra time unless a shoot-out follows, and the shoot-out's end always.
 */
export function isFinalWhistle(period: PlayPeriod, level: boolean, knockout: boolean): boolean {
  switch (period) {
    case 'second-half':
      return !(level && knockout);
    case 'extra-time-second-half':
      return !level;
    case 'shootout':
      return true;
    default:
      return false;
  }
}
