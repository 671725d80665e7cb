/**
 * A whole season's calendar (the 2026 World Cup has 104 matches), so calendar responses are as large
 * as the real ones: every poll of `/calendar/matches` returns the full season.
 */
import { localized, MatchStatusCode, rawCalendarMatch, rawTeam, WC2026, type FifaObject } from '../test/fixtures/fifa-builders.js';

const CODES = ['MEX', 'RSA', 'KOR', 'CAN', 'USA', 'PAR', 'QAT', 'SUI', 'BRA', 'MAR', 'HAI', 'SCO', 'GER', 'CUW', 'NED', 'JPN'];

/** Scheduled matches, one every six hours from `firstKickoffMs`; none is live. */
export function seasonCalendar(count: number, firstKickoffMs: number): FifaObject[] {
  return Array.from({ length: count }, (_, i) => {
    const group = i < 72;
    return rawCalendarMatch({
      IdMatch: String(400_021_500 + i),
      IdStage: group ? WC2026.groupStageId : WC2026.round32StageId,
      IdGroup: group ? String(289_275 + Math.floor(i / 6)) : null,
      StageName: localized(group ? 'First Stage' : 'Round of 32'),
      GroupName: group ? localized(`Group ${String.fromCharCode(65 + Math.floor(i / 6))}`) : [],
      Date: new Date(firstKickoffMs + i * 6 * 3600_000).toISOString().replace('.000Z', 'Z'),
      Home: rawTeam(CODES[(i * 2) % CODES.length]),
      Away: rawTeam(CODES[(i * 2 + 1) % CODES.length]),
      MatchNumber: i + 1,
      MatchStatus: MatchStatusCode.Scheduled,
    });
  });
}
