/**
 * The ESPN provider as the loop will use it: a league's matches for the days ESPN files them under, a live
 * match's snapshot, a league's clubs, all in the neutral model. Fetching and validation are the client's,
 * translation the normaliser's; this only picks the days and logs what the normaliser could not place.
 */
import type { Logger } from '../../log.js';
import type { NeutralMatch, NeutralSnapshot, NeutralTeam } from '../model.js';
import type { EspnSource } from './client.js';
import { scoreboardDays } from './dates.js';
import { espnScoreboardToMatches, espnSummaryToSnapshot, espnTeamsToNeutral } from './normalise.js';

export interface EspnProviderOptions {
  source: EspnSource;
  logger: Logger;
  /** Injectable clock: which ESPN days are "today" and "tomorrow". */
  now?: () => number;
}

export class EspnProvider {
  private readonly source: EspnSource;
  private readonly logger: Logger;
  private readonly now: () => number;
  /** Status names already reported, so each is logged once per process. */
  private readonly reported = new Set<string>();

  constructor(options: EspnProviderOptions) {
    this.source = options.source;
    this.logger = options.logger;
    this.now = options.now ?? Date.now;
  }

  /**
   * A league's matches on the polled days (one request per day), each once. A day that fails or is empty
   * adds nothing; null when no day answered, which the caller takes as "skip this poll" for this league.
   */
  async matches(league: string): Promise<NeutralMatch[] | null> {
    const boards = await Promise.all(scoreboardDays(this.now()).map((day) => this.source.scoreboard(league, day)));
    if (boards.every((board) => board === null)) return null;
    const byId = new Map<string, NeutralMatch>();
    for (const board of boards) {
      if (board === null) continue;
      const { matches, unknownStatuses } = espnScoreboardToMatches(board, league);
      for (const name of unknownStatuses) this.reportStatus(league, name);
      for (const match of matches) byId.set(match.key.match, match);
    }
    return [...byId.values()];
  }

  /** One poll of a live match: the scoreboard's match with its summary's events; null when the summary failed. */
  async snapshot(match: NeutralMatch): Promise<NeutralSnapshot | null> {
    const summary = await this.source.summary(match.key.competition, match.key.match);
    return summary === null ? null : espnSummaryToSnapshot(summary, match);
  }

  /** Every club of a league, for following a team whose next match is weeks away. */
  async teams(league: string): Promise<NeutralTeam[] | null> {
    const body = await this.source.teams(league);
    return body === null ? null : espnTeamsToNeutral(body);
  }

  private reportStatus(league: string, name: string): void {
    if (this.reported.has(name)) return;
    this.reported.add(name);
    this.logger.warn({ league, status: name }, 'espn: unknown match status, read from its state and period');
  }
}
