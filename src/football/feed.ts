/**
 * The football feed: raw FIFA answers → the typed domain of types.ts. It fetches and normalises;
 * it knows nothing of Slack or of which events get posted.
 */
import PQueue from 'p-queue';
import type { Locale } from '../alerts/i18n/locales.js';
import type { Logger } from '../log.js';
import type { FifaSource } from './fifa-client.js';
import type { LocalizedEntry, RawCalendarMatch, RawEvent, RawSeason, RawTeam } from './fifa-schemas.js';
import { chooseSeason, parseUtc } from './season.js';
import type { CalendarMatch, MatchSnapshot, MatchStatus, Score, Team, TimelineEvent } from './types.js';

export interface FootballFeedOptions {
  client: FifaSource;
  competitionId: string;
  /** null: follow the current season, else the next to start, as FIFA's `/seasons` dates say (SPEC C2). */
  seasonId: string | null;
  locale: Locale;
  logger: Logger;
  /** How many resolved player names stay in memory. */
  playerCacheSize?: number;
  /** How long a failed player lookup is remembered before it is tried again. */
  playerRetryMs?: number;
  /** At most this many player lookups in flight at once (first sight of a live match). */
  playerConcurrency?: number;
  /** How often the season is looked up again when it is not pinned (default daily). */
  seasonCheckMs?: number;
  /** Injectable clock for the failure memory and the season choice. */
  now?: () => number;
}

/** What the season lookup decided: a season to read, none at all, or no answer yet. */
type SeasonLookup = { found: true; seasonId: string | null } | { found: false };

export class FootballFeed {
  private readonly client: FifaSource;
  private readonly competitionId: string;
  private readonly pinnedSeasonId: string | null;
  private readonly seasonCheckMs: number;
  /** The discovered season (null: none current or coming) and when FIFA last said so; unset until it first answers. */
  private discovered: { season: RawSeason | null; at: number } | undefined;
  private seasonLookup: Promise<SeasonLookup> | undefined;
  private readonly locale: Locale;
  private readonly logger: Logger;
  private readonly playerCacheSize: number;
  private readonly playerRetryMs: number;
  private readonly now: () => number;
  private readonly queue: PQueue;
  /** id → name, in recency order (LRU). */
  private readonly names = new Map<string, string>();
  /** id → time of the last failed lookup. */
  private readonly failures = new Map<string, number>();
  /** id → the lookup in flight, so concurrent polls share one request. */
  private readonly inflight = new Map<string, Promise<string | null>>();
  /**
   * Events already made of a timeline body. The client hands back the very same body on a 304, so an
   * unchanged timeline yields the very same events array, and the loop can skip it at no cost.
   */
  private readonly normalised = new WeakMap<object, TimelineEvent[]>();

  constructor(options: FootballFeedOptions) {
    this.client = options.client;
    this.competitionId = options.competitionId;
    this.pinnedSeasonId = options.seasonId;
    this.seasonCheckMs = options.seasonCheckMs ?? 24 * 3600_000;
    if (options.seasonId === null && options.client.seasons === undefined) {
      throw new Error('FootballFeed: no season pinned and the source cannot list seasons');
    }
    this.locale = options.locale;
    this.logger = options.logger;
    this.playerCacheSize = Math.max(1, options.playerCacheSize ?? 5000);
    this.playerRetryMs = options.playerRetryMs ?? 60_000;
    this.now = options.now ?? Date.now;
    this.queue = new PQueue({ concurrency: Math.max(1, options.playerConcurrency ?? 4) });
  }

  /**
   * The season's matches, or null when this poll failed (already logged by the client). No season at all
   * (every one over, none announced) is an empty calendar: nothing to follow.
   */
  async calendar(): Promise<CalendarMatch[] | null> {
    const lookup: SeasonLookup = this.pinnedSeasonId !== null ? { found: true, seasonId: this.pinnedSeasonId } : await this.discoverSeason();
    if (!lookup.found) return null;
    if (lookup.seasonId === null) return [];
    const raw = await this.client.calendar(this.competitionId, lookup.seasonId);
    if (raw === null) return null;
    return raw.map((match) => toCalendarMatch(match, this.locale));
  }

  /**
   * The season to follow, looked up at the first calendar and then once a day. A failed lookup keeps the
   * season found before (and is tried again next round); the choice is logged whenever it changes.
   */
  private discoverSeason(): Promise<SeasonLookup> {
    // The loop's calendar and the App Home's team list ask at the same moment at start: one lookup serves both.
    this.seasonLookup ??= this.lookUpSeason().finally(() => (this.seasonLookup = undefined));
    return this.seasonLookup;
  }

  private async lookUpSeason(): Promise<SeasonLookup> {
    const now = this.now();
    const known = this.discovered;
    const idOf = (season: RawSeason | null): string | null => season?.IdSeason ?? null;
    if (known !== undefined && now - known.at < this.seasonCheckMs) return { found: true, seasonId: idOf(known.season) };
    const seasons = await this.client.seasons?.(this.competitionId);
    if (seasons === null || seasons === undefined) {
      return known === undefined ? { found: false } : { found: true, seasonId: idOf(known.season) };
    }
    const season = chooseSeason(seasons, now);
    this.discovered = { season, at: now };
    if (known === undefined || idOf(known.season) !== idOf(season)) this.logSeason(season, now);
    return { found: true, seasonId: idOf(season) };
  }

  private logSeason(season: RawSeason | null, now: number): void {
    const competitionId = this.competitionId;
    if (season === null) {
      this.logger.warn({ competitionId }, `fifa: no current or coming season for competition ${competitionId}; following no matches until one is announced`);
      return;
    }
    const name = pickLocalized(season.Name, this.locale) ?? season.IdSeason;
    const started = parseUtc(season.StartDate) <= now;
    this.logger.info(
      { competitionId, seasonId: season.IdSeason, season: name, startDate: season.StartDate, endDate: season.EndDate },
      `fifa: following ${started ? 'the current' : 'the next'} season of competition ${competitionId}: ${name}`,
    );
  }

  /** One poll of a match: its timeline in feed order with player names resolved where possible. */
  async snapshot(match: CalendarMatch): Promise<MatchSnapshot | null> {
    const raw = await this.client.timeline(match.key);
    if (raw === null) return null;
    const known = this.normalised.get(raw);
    if (known) return { match, events: known };
    const events = toTimelineEvents(raw.Event, this.locale);

    const ids = new Set<string>();
    for (const event of events) {
      if (event.playerId !== null) ids.add(event.playerId);
      if (event.subPlayerId !== null) ids.add(event.subPlayerId);
    }
    const resolved = new Map<string, string | null>();
    await Promise.all([...ids].map(async (id) => resolved.set(id, await this.playerName(id))));

    for (const event of events) {
      if (event.playerId !== null) event.playerName = resolved.get(event.playerId) ?? null;
      if (event.subPlayerId !== null) event.subPlayerName = resolved.get(event.subPlayerId) ?? null;
    }
    // A name still missing is looked up again on a later poll, so only complete results are reused.
    if ([...resolved.values()].every((name) => name !== null)) this.normalised.set(raw, events);
    return { match, events };
  }

  private playerName(id: string): Promise<string | null> {
    const known = this.names.get(id);
    if (known !== undefined) {
      this.names.delete(id);
      this.names.set(id, known);
      return Promise.resolve(known);
    }
    const pending = this.inflight.get(id);
    if (pending !== undefined) return pending;
    const failedAt = this.failures.get(id);
    if (failedAt !== undefined && this.now() - failedAt < this.playerRetryMs) return Promise.resolve(null);

    const lookup = this.queue.add(() => this.fetchPlayerName(id)).finally(() => this.inflight.delete(id));
    this.inflight.set(id, lookup);
    return lookup;
  }

  private async fetchPlayerName(id: string): Promise<string | null> {
    let name: string | null = null;
    try {
      const raw = await this.client.player(id);
      if (raw !== null) name = pickLocalized(raw.Name, this.locale) ?? pickLocalized(raw.Alias, this.locale);
    } catch (error) {
      // The real client never throws; a substitute might, and a name is never worth a failed poll.
      this.logger.warn({ playerId: id, problem: String(error) }, 'fifa: player lookup threw');
    }
    if (name === null) {
      this.failures.delete(id);
      this.failures.set(id, this.now());
      trim(this.failures, this.playerCacheSize);
      return null;
    }
    this.failures.delete(id);
    this.names.set(id, name);
    trim(this.names, this.playerCacheSize);
    return name;
  }
}

/** Drop the oldest entries of an insertion-ordered map down to `max`. */
function trim<K, V>(map: Map<K, V>, max: number): void {
  while (map.size > max) {
    const oldest = map.keys().next().value;
    if (oldest === undefined) return;
    map.delete(oldest);
  }
}

/**
 * Pick a description from FIFA's `[{Locale, Description}]`: the exact locale (any case), else the same
 * language (`en` or `en-US` for `en-GB`), else the first usable entry; null when there is none.
 */
export function pickLocalized(entries: readonly LocalizedEntry[], locale: string): string | null {
  const usable = entries.filter((entry) => typeof entry.Description === 'string' && entry.Description.trim() !== '');
  const wanted = locale.toLowerCase();
  const language = languageOf(wanted);
  const chosen =
    usable.find((entry) => entry.Locale?.toLowerCase() === wanted) ??
    usable.find((entry) => entry.Locale !== null && languageOf(entry.Locale.toLowerCase()) === language) ??
    usable[0];
  return chosen?.Description ?? null;
}

function languageOf(locale: string): string {
  return locale.split(/[-_]/)[0] ?? locale;
}

export function toMatchStatus(code: number): MatchStatus {
  switch (code) {
    case 0:
      return 'finished';
    case 1:
      return 'scheduled';
    case 3:
      return 'live';
    default:
      return 'other';
  }
}

/** null for an undecided slot: no team object, or one without an IdTeam. */
export function toTeam(raw: RawTeam | null, locale: string): Team | null {
  if (raw === null || raw.IdTeam === null) return null;
  const name =
    pickLocalized(raw.TeamName, locale) ?? nonEmpty(raw.ShortClubName) ?? nonEmpty(raw.Abbreviation) ?? nonEmpty(raw.IdCountry) ?? raw.IdTeam;
  return {
    id: raw.IdTeam,
    name,
    abbreviation: nonEmpty(raw.Abbreviation) ?? nonEmpty(raw.IdCountry) ?? name,
    countryCode: nonEmpty(raw.IdCountry),
  };
}

export function toCalendarMatch(raw: RawCalendarMatch, locale: string): CalendarMatch {
  return {
    key: { competitionId: raw.IdCompetition, seasonId: raw.IdSeason, stageId: raw.IdStage, matchId: raw.IdMatch },
    kickoff: raw.Date,
    status: toMatchStatus(raw.MatchStatus),
    home: toTeam(raw.Home, locale),
    away: toTeam(raw.Away, locale),
    placeholderHome: nonEmpty(raw.PlaceHolderA),
    placeholderAway: nonEmpty(raw.PlaceHolderB),
    competitionName: pickLocalized(raw.CompetitionName, locale) ?? pickLocalized(raw.SeasonName, locale) ?? '',
    stageName: pickLocalized(raw.StageName, locale) ?? '',
    groupName: pickLocalized(raw.GroupName, locale),
    score: toScore(raw),
    penalties: toPenalties(raw),
    matchTime: nonEmpty(raw.MatchTime),
    winnerTeamId: raw.Winner,
  };
}

/** null before kick-off (FIFA sends both scores null); a single missing side counts as 0. */
function toScore(raw: RawCalendarMatch): Score | null {
  const home = raw.HomeTeamScore ?? raw.Home?.Score ?? null;
  const away = raw.AwayTeamScore ?? raw.Away?.Score ?? null;
  if (home === null && away === null) return null;
  return { home: home ?? 0, away: away ?? 0 };
}

/**
 * FIFA sends 0–0 penalty scores for every match, shoot-out or not. A shoot-out happened when a kick
 * was scored or the result type says so (2 = decided on penalties); a finished shoot-out can't be 0–0.
 */
function toPenalties(raw: RawCalendarMatch): Score | null {
  const home = raw.HomeTeamPenaltyScore;
  const away = raw.AwayTeamPenaltyScore;
  if (home === null || away === null) return null;
  if (home + away === 0 && raw.ResultType !== 2) return null;
  return { home, away };
}

/**
 * Normalise events in feed order. Score fields hold the score after the event; events that omit them
 * (period markers in some payloads) carry the previous event's score instead of resetting it to 0.
 */
export function toTimelineEvents(raw: readonly RawEvent[], locale: string): TimelineEvent[] {
  let homeGoals = 0;
  let awayGoals = 0;
  let homePenaltyGoals = 0;
  let awayPenaltyGoals = 0;
  return raw.map((event) => {
    homeGoals = event.HomeGoals ?? homeGoals;
    awayGoals = event.AwayGoals ?? awayGoals;
    homePenaltyGoals = event.HomePenaltyGoals ?? homePenaltyGoals;
    awayPenaltyGoals = event.AwayPenaltyGoals ?? awayPenaltyGoals;
    return {
      id: event.EventId,
      type: event.Type,
      period: event.Period,
      minute: event.MatchMinute ?? '',
      timestamp: event.Timestamp ?? '',
      teamId: event.IdTeam,
      playerId: event.IdPlayer,
      subPlayerId: event.IdSubPlayer,
      playerName: null,
      subPlayerName: null,
      homeGoals,
      awayGoals,
      homePenaltyGoals,
      awayPenaltyGoals,
      description: pickLocalized(event.EventDescription, locale),
    };
  });
}

function nonEmpty(value: string | null): string | null {
  return value === null || value.trim() === '' ? null : value;
}
