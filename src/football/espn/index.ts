/**
 * The ESPN provider: provider (what the loop calls), client (HTTP), schemas (wire format), normalise
 * (→ neutral model), dates (ESPN days).
 */
export { EspnProvider, type EspnProviderOptions } from './provider.js';
export { DEFAULT_ESPN_API_URL, EspnClient, type EspnClientOptions, type EspnClientStats, type EspnSource } from './client.js';
export { ESPN_ZONE, espnDay, scoreboardDays } from './dates.js';
export {
  espnInstant,
  espnKind,
  espnPhase,
  espnScoreboardToMatches,
  espnSummaryMatch,
  espnSummaryToSnapshot,
  espnTeam,
  espnTeamsToNeutral,
  type ScoreboardResult,
} from './normalise.js';
export type { EspnScoreboard, EspnSummary, EspnTeams } from './schemas.js';
