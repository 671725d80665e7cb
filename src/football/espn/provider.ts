/**
 * The ESPN provider (SPEC C3): a league's matches for the days ESPN files them under, a live match's
 * snapshot, a league's clubs, all in the neutral model. Fetching and validation are the client's,
 * translation the normaliser's; this picks the days, keeps a live match's summary polite, and logs what
 * the normaliser could not place.
 *
 * A live match's state comes from its scoreboard (one request per league and day, shared by the league's
 * live matches in a poll round); its summary (~330 kB) is read again only when the scoreboard entry moved
 * (score, status, period), while the key events still lag the score, or every `summaryEvery` polls for
 * cards and substitutions that move nothing on the scoreboard.
 */
import type { Logger } from '../../log.js';
import type { NeutralEvent, NeutralMatch, NeutralSnapshot, NeutralTeam } from '../model.js';
import type { CompetitionRef, FootballProvider } from '../provider.js';
import type { EspnScoreboard } from './schemas.js';
import type { EspnSource } from './client.js';
import { espnDay, scoreboardDays } from './dates.js';
import { espnScoreboardToMatches, espnSummaryToSnapshot, espnTeamsToNeutral } from './normalise.js';

export interface EspnProviderOptions {
  source: EspnSource;
  logger: Logger;
  /** Injectable clock: which ESPN days are "today" and "tomorrow". */
  now?: () => number;
  /** A scoreboard fetched this recently is shared by the league's matches (one poll round). Default 2 s. */
  scoreboardShareMs?: number;
  /** The summary of a live match whose scoreboard entry did not move is read every this many polls. Default 4. */
  summaryEvery?: number;
}

interface LiveMemory {
  /** What the scoreboard entry looked like when the summary was last read. */
  moved: string;
  events: NeutralEvent[];
  /** Polls since the summary was last read. */
  polls: number;
  /** When the match was last polled: a match no longer polled is forgotten. */
  at: number;
}

/** A match not polled for this long is no longer followed (the loop retired it). */
const FORGET_AFTER_MS = 3600_000;

export class EspnProvider implements FootballProvider {
  readonly provider = 'espn';
  private readonly source: EspnSource;
  private readonly logger: Logger;
  private readonly now: () => number;
  private readonly shareMs: number;
  private readonly summaryEvery: number;
  /** Status names already reported, so each is logged once per process. */
  private readonly reported = new Set<string>();
  private readonly boards = new Map<string, { at: number; board: Promise<EspnScoreboard | null> }>();
  private readonly live = new Map<string, LiveMemory>();

  constructor(options: EspnProviderOptions) {
    this.source = options.source;
    this.logger = options.logger;
    this.now = options.now ?? Date.now;
    this.shareMs = options.scoreboardShareMs ?? 2000;
    this.summaryEvery = Math.max(1, options.summaryEvery ?? 4);
  }

  /**
   * A league's matches on the polled days (one request per day), each once. A day that fails or is empty
   * adds nothing; null when no day answered, which the caller takes as "skip this poll" for this league.
   */
  async matches(competition: CompetitionRef | string): Promise<NeutralMatch[] | null> {
    const league = typeof competition === 'string' ? competition : competition.id;
    const boards = await Promise.all(scoreboardDays(this.now()).map((day) => this.scoreboard(league, day, true)));
    if (boards.every((board) => board === null)) return null;
    const byId = new Map<string, NeutralMatch>();
    for (const board of boards) {
      if (board === null) continue;
      for (const match of this.readBoard(board, league)) byId.set(match.key.match, match);
    }
    return [...byId.values()];
  }

  /**
   * One poll of a live match: its scoreboard entry as it stands now, with its summary's events. Null when
   * neither answered usefully (skip this poll).
   */
  async snapshot(match: NeutralMatch): Promise<NeutralSnapshot | null> {
    const league = match.key.competition;
    const board = await this.scoreboard(league, espnDay(Date.parse(match.kickoff)), false);
    const fresh = (board === null ? [] : this.readBoard(board, league)).find((m) => m.key.match === match.key.match) ?? match;
    const id = `${league}/${match.key.match}`;
    const memory = this.live.get(id);
    const moved = movedOf(fresh);
    const now = this.now();
    if (memory !== undefined && memory.moved === moved && memory.polls + 1 < this.summaryEvery && !lagging(fresh, memory.events)) {
      memory.polls += 1;
      memory.at = now;
      return { match: fresh, events: memory.events };
    }
    const summary = await this.source.summary(league, match.key.match);
    if (summary === null) return null;
    const snapshot = espnSummaryToSnapshot(summary, fresh);
    this.live.set(id, { moved, events: snapshot.events, polls: 0, at: now });
    for (const [key, entry] of this.live) if (now - entry.at > FORGET_AFTER_MS) this.live.delete(key);
    return snapshot;
  }

  /** Every club of a league, for following a team whose next match is weeks away. */
  async teams(competition: CompetitionRef | string): Promise<NeutralTeam[] | null> {
    const body = await this.source.teams(typeof competition === 'string' ? competition : competition.id);
    return body === null ? null : espnTeamsToNeutral(body);
  }

  /** A league's day; `fresh` always asks (the calendar round), else one answer is shared for `scoreboardShareMs`. */
  private scoreboard(league: string, day: string, fresh: boolean): Promise<EspnScoreboard | null> {
    const key = `${league}/${day}`;
    const known = this.boards.get(key);
    const now = this.now();
    if (!fresh && known !== undefined && now - known.at < this.shareMs) return known.board;
    const board = this.source.scoreboard(league, day);
    this.boards.set(key, { at: now, board });
    return board;
  }

  private readBoard(board: EspnScoreboard, league: string): NeutralMatch[] {
    const { matches, unknownStatuses } = espnScoreboardToMatches(board, league);
    for (const name of unknownStatuses) this.reportStatus(league, name);
    return matches;
  }

  private reportStatus(league: string, name: string): void {
    if (this.reported.has(name)) return;
    this.reported.add(name);
    this.logger.warn({ league, status: name }, 'espn: unknown match status, read from its state and period');
  }
}

/** What, on the scoreboard, says the summary has news: score, phase, shoot-out. Not the clock. */
function movedOf(match: NeutralMatch): string {
  return JSON.stringify([match.score, match.penalties, match.phase, match.status]);
}

/** The key events count fewer goals than the scoreboard: ESPN's events lag its score, so read again. */
function lagging(match: NeutralMatch, events: readonly NeutralEvent[]): boolean {
  if (match.score === null) return false;
  const counted = events.reduce((last, event) => (event.kind === 'goal' ? event.score : last), { home: 0, away: 0 });
  return counted.home + counted.away !== match.score.home + match.score.away;
}
