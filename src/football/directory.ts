/**
 * What Fanfare knows of each followed competition, for the App Home and `/fanfare`: its matches as the loop
 * last reported them (`report`, the loop's `onMatches`), its teams from the provider (asked at start, when a
 * competition is added, and again daily), and whether its provider is failing and since when. Team search
 * spans every followed competition; a club is shown with its competition ("Arsenal · Premier League").
 *
 * Only the leader runs the loop (SPEC O3), yet a member's Slack event may land on any replica. On a shared
 * store the leader writes each competition's last report there (when it changed, so at most once per
 * calendar round) and every replica's snapshot reads them: no replica asks the providers for matches
 * besides the leader, which polling from each follower would (one request per league per round each).
 */
import type { Logger } from '../log.js';
import { knownName } from './catalog.js';
import type { CompetitionRepo, FollowedCompetition } from '../store/competitions.js';
import type { Store, StoreArea } from '../store/store.js';
import { neutralKeyString, type NeutralMatch, type NeutralTeam, type Provider } from './model.js';
import { competitionRefString, teamKey, type CompetitionRef, type FootballProvider } from './provider.js';
import { TeamDirectory } from './teams.js';
import type { Team } from './types.js';

/** A league's clubs change between seasons, not between polls. */
export const TEAMS_REFRESH_MS = 24 * 3600_000;
/** After a team list that failed, a later report asks again once this has passed. */
export const TEAMS_RETRY_MS = 10 * 60_000;
const NEXT_MATCHES_LIMIT = 5;
/** An unchanged report is written again after this long, so its TTL never runs out while it is polled. */
const SHARE_REFRESH_MS = 24 * 3600_000;
/** A competition no longer polled (removed) leaves its shared report behind this long at most. */
const SHARE_TTL_MS = 7 * 24 * 3600_000;

/** A competition's last report as the leader shares it with the other replicas. */
interface SharedReport {
  matches: NeutralMatch[] | null;
  failingSince: number | null;
  /** When the leader got it (epoch ms). */
  at: number;
}

/** A club members can follow: `id` is its team key (`espn:359`), `competitions` the names it is shown with. */
export interface FollowableTeam extends Team {
  competitions: string[];
}

/** One match with the display name of the competition it belongs to. */
export interface DirectoryMatch {
  match: NeutralMatch;
  competition: string;
}

export interface CompetitionStatus {
  competition: FollowedCompetition;
  /** Display name: the admin's pick, else the provider's, else `provider:id`. External text. */
  name: string;
  /** false until the loop reported it or its team list came back. */
  checked: boolean;
  live: NeutralMatch[];
  /** The soonest match not started yet, among those the provider reported. */
  next: NeutralMatch | null;
  /** When its provider started failing (epoch ms), null while it answers. */
  failingSince: number | null;
  teamCount: number;
}

interface Known {
  /** Last good report. */
  matches: NeutralMatch[] | null;
  matchesFailingSince: number | null;
  teams: NeutralTeam[] | null;
  teamsAt: number | null;
  teamsTriedAt: number | null;
  teamsFailingSince: number | null;
  fetching: boolean;
  /** When this replica's loop last reported the competition (null: never, it does not lead). */
  reportedAt: number | null;
  /** What it last shared, and when. */
  shared: { text: string; at: number } | null;
}

export interface FootballDirectoryOptions {
  providers: readonly FootballProvider[];
  competitions: CompetitionRepo;
  logger: Logger;
  /** Orders team lists. */
  locale?: string;
  now?: () => number;
  /** The status is logged once every competition was polled, or after this long at the latest. */
  statusLogDelayMs?: number;
  /**
   * Where the leader's reports are shared with the other replicas (only when the store is shared). Writes
   * may be fenced by the leader lease; reads are not.
   */
  store?: Store;
}

const STATUS_LOG_DELAY_MS = 120_000;

export class FootballDirectory {
  private readonly known = new Map<string, Known>();
  private readonly providers: Map<Provider, FootballProvider>;
  private readonly now: () => number;
  private statusLogged = false;
  private readonly reports: StoreArea<SharedReport> | null;

  constructor(private readonly options: FootballDirectoryOptions) {
    this.providers = new Map(options.providers.map((p) => [p.provider, p]));
    this.now = options.now ?? Date.now;
    this.reports = options.store?.shared ? options.store.area('directory') : null;
  }

  /**
   * What the loop saw of a competition this poll; null: its provider failed. An arrow so it can be handed
   * over as the loop's `onMatches`. The first report of a competition without teams asks for them.
   */
  readonly report = (competition: CompetitionRef, matches: NeutralMatch[] | null): void => {
    const known = this.entry(competition);
    if (matches === null) {
      known.matchesFailingSince ??= this.now();
    } else {
      known.matches = matches;
      known.matchesFailingSince = null;
    }
    known.reportedAt = this.now();
    if (this.reports) void this.share(this.reports, competition, known);
    if (this.teamsDue(known)) void this.refreshTeams(competition);
    if (!this.statusLogged) void this.logAfterFirstRound();
  };

  /** Asks the provider for the competition's teams now (at start, when an admin adds it). Never throws. */
  async refreshTeams(competition: CompetitionRef): Promise<void> {
    const provider = this.providers.get(competition.provider);
    const known = this.entry(competition);
    if (!provider || known.fetching) return;
    known.fetching = true;
    known.teamsTriedAt = this.now();
    try {
      const teams = await provider.teams(competition);
      if (teams === null) {
        known.teamsFailingSince ??= this.now();
      } else {
        known.teams = teams;
        known.teamsAt = this.now();
        known.teamsFailingSince = null;
      }
    } catch (error) {
      known.teamsFailingSince ??= this.now();
      this.options.logger.warn({ err: error, competition: competitionRefString(competition) }, 'team list failed');
    } finally {
      known.fetching = false;
    }
  }

  /**
   * Team lists of every followed competition, asked for at once. The status line goes to the log after the
   * loop's first round, or after `statusLogDelayMs` if a competition is never polled (a provider hanging).
   */
  async start(): Promise<void> {
    setTimeout(() => void this.logStatusOnce(), this.options.statusLogDelayMs ?? STATUS_LOG_DELAY_MS).unref();
    const list = await this.options.competitions.list();
    await Promise.all(list.map((competition) => this.refreshTeams(competition)));
  }

  /**
   * Everything known, for the followed competitions as they are now (removed ones are left out). On a
   * shared store, what the leader reported stands wherever it is newer than this replica's own reports.
   */
  async snapshot(): Promise<DirectorySnapshot> {
    const list = await this.options.competitions.list();
    const shared = this.reports && list.length > 0 ? await this.reports.getMany(list.map(key)) : [];
    return new DirectorySnapshot(
      list.map((competition, i) => ({ competition, known: this.latest(competition, shared[i]) })),
      this.now(),
      this.options.locale ?? 'en',
    );
  }

  /** This replica's own report, or the leader's shared one when that is newer. */
  private latest(competition: FollowedCompetition, shared: SharedReport | undefined): Known | null {
    const own = this.known.get(key(competition)) ?? null;
    if (shared === undefined || (own?.reportedAt ?? -Infinity) >= shared.at) return own;
    const known = this.entry(competition);
    known.matches = shared.matches;
    known.matchesFailingSince = shared.failingSince;
    // The loop's reports ask for team lists on the leader; here, the leader's reports read do.
    if (this.teamsDue(known)) void this.refreshTeams(competition);
    return known;
  }

  /** Writes the competition's report for the other replicas, unless it is what was last written. Never throws. */
  private async share(reports: StoreArea<SharedReport>, competition: CompetitionRef, known: Known): Promise<void> {
    const now = this.now();
    const text = JSON.stringify([known.matches, known.matchesFailingSince]);
    if (known.shared?.text === text && now - known.shared.at < SHARE_REFRESH_MS) return;
    known.shared = { text, at: now };
    try {
      await reports.set(key(competition), { matches: known.matches, failingSince: known.matchesFailingSince, at: now }, SHARE_TTL_MS);
    } catch (error) {
      // Tried again at the next report.
      known.shared = null;
      this.options.logger.warn({ err: error, competition: competitionRefString(competition) }, 'matches not shared with the other replicas');
    }
  }

  /**
   * One line per followed competition in the log, once: what a newcomer sees in the App Home. Called by
   * itself after the first round of reports; calling it again does nothing.
   */
  async logStatusOnce(): Promise<void> {
    if (this.statusLogged) return;
    this.statusLogged = true;
    const { logger } = this.options;
    const snapshot = await this.snapshot().catch((error: unknown) => {
      logger.error({ err: error }, 'followed competitions could not be read');
      return null;
    });
    if (snapshot === null) return;
    if (snapshot.competitions.length === 0) {
      logger.warn('no competition is followed: an admin adds one in the App Home (or set COMPETITIONS)');
      return;
    }
    for (const status of snapshot.statuses()) {
      const line = describeStatus(status);
      if (status.failingSince === null) logger.info({ competition: competitionRefString(status.competition) }, line);
      else logger.warn({ competition: competitionRefString(status.competition) }, line);
    }
  }

  /** Logs the status once, when every followed competition has been polled once. */
  private async logAfterFirstRound(): Promise<void> {
    const list = await this.options.competitions.list().catch(() => null);
    if (this.statusLogged || list === null) return;
    const reported = (c: FollowedCompetition) => {
      const known = this.known.get(key(c));
      return known !== undefined && (known.matches !== null || known.matchesFailingSince !== null);
    };
    if (list.every(reported)) await this.logStatusOnce();
  }

  private teamsDue(known: Known): boolean {
    if (known.fetching) return false;
    const now = this.now();
    if (known.teamsAt !== null && now - known.teamsAt < TEAMS_REFRESH_MS) return false;
    return known.teamsTriedAt === null || now - known.teamsTriedAt >= TEAMS_RETRY_MS;
  }

  private entry(competition: CompetitionRef): Known {
    const id = key(competition);
    let known = this.known.get(id);
    if (!known) {
      known = {
        matches: null,
        matchesFailingSince: null,
        teams: null,
        teamsAt: null,
        teamsTriedAt: null,
        teamsFailingSince: null,
        fetching: false,
        reportedAt: null,
        shared: null,
      };
      this.known.set(id, known);
    }
    return known;
  }
}

/** What the App Home and `/fanfare` read, built per request from the followed list and what is known. */
export class DirectorySnapshot {
  readonly competitions: FollowedCompetition[];
  private teamIndex: { directory: TeamDirectory; byKey: Map<string, FollowableTeam> } | null = null;

  constructor(
    private readonly entries: { competition: FollowedCompetition; known: Known | null }[],
    readonly now: number,
    private readonly locale: string,
  ) {
    this.competitions = entries.map((e) => e.competition);
  }

  statuses(): CompetitionStatus[] {
    return this.entries.map(({ competition, known }) => {
      const matches = known?.matches ?? [];
      const upcoming = matches.filter((m) => isUpcoming(m, this.now)).sort(bySoonest);
      // A team list that failed says the provider fails only until the loop has polled the competition.
      const polled = known !== null && (known.matches !== null || known.matchesFailingSince !== null);
      return {
        competition,
        name: competitionName(competition, known),
        checked: known !== null && (known.matches !== null || known.matchesFailingSince !== null || known.teams !== null || known.teamsFailingSince !== null),
        live: matches.filter((m) => m.status === 'live').sort(bySoonest),
        next: upcoming[0] ?? null,
        failingSince: polled ? known.matchesFailingSince : (known?.teamsFailingSince ?? null),
        teamCount: this.teamsOf(competition, known).length,
      };
    });
  }

  /** Every followable club of every followed competition, sorted by name. */
  teams(): FollowableTeam[] {
    return this.index().directory.all().map((team) => this.index().byKey.get(team.id)!);
  }

  /** A followed club by its team key; a bare id (a follow from before providers) is a FIFA one. */
  team(id: string): FollowableTeam | undefined {
    return this.index().byKey.get(normaliseTeamKey(id));
  }

  find(query: string): { team: FollowableTeam } | { team: null; suggestions: FollowableTeam[] } {
    const found = this.index().directory.find(query);
    if (found.team) return { team: this.team(found.team.id)! };
    return { team: null, suggestions: found.suggestions.map((t) => this.team(t.id)!) };
  }

  search(query: string, limit?: number): FollowableTeam[] {
    return this.index().directory.search(query, limit).map((t) => this.team(t.id)!);
  }

  /**
   * Live matches of these teams first, then those to come, soonest first, across every followed competition.
   * With no team, the next matches of every followed competition: what a newcomer can look forward to.
   */
  nextMatches(teamKeys: readonly string[], limit = NEXT_MATCHES_LIMIT): DirectoryMatch[] {
    const wanted = new Set(teamKeys.map(normaliseTeamKey));
    const involves = (m: NeutralMatch): boolean =>
      wanted.size === 0 || [m.home, m.away].some((t) => t !== null && wanted.has(teamKey(m.key.provider, t.id)));
    const seen = new Set<string>();
    const all: DirectoryMatch[] = [];
    for (const { competition, known } of this.entries) {
      for (const match of known?.matches ?? []) {
        const id = neutralKeyString(match.key);
        if (seen.has(id) || !involves(match)) continue;
        seen.add(id);
        all.push({ match, competition: competitionName(competition, known) });
      }
    }
    const live = all.filter((m) => m.match.status === 'live');
    const upcoming = all.filter((m) => isUpcoming(m.match, this.now));
    const order = (a: DirectoryMatch, b: DirectoryMatch) => bySoonest(a.match, b.match);
    return [...live.sort(order), ...upcoming.sort(order)].slice(0, limit);
  }

  private index(): { directory: TeamDirectory; byKey: Map<string, FollowableTeam> } {
    if (this.teamIndex) return this.teamIndex;
    const byKey = new Map<string, FollowableTeam>();
    for (const { competition, known } of this.entries) {
      const name = competitionName(competition, known);
      for (const team of this.teamsOf(competition, known)) {
        const id = teamKey(competition.provider, team.id);
        const existing = byKey.get(id);
        if (existing) {
          if (!existing.competitions.includes(name)) existing.competitions.push(name);
        } else {
          byKey.set(id, { id, name: team.name, abbreviation: team.abbreviation, countryCode: team.countryCode, competitions: [name] });
        }
      }
    }
    this.teamIndex = { directory: TeamDirectory.fromTeams([...byKey.values()], { locale: this.locale }), byKey };
    return this.teamIndex;
  }

  /** The provider's list, plus any team seen in a reported match (a provider's list can lag a promotion). */
  private teamsOf(competition: CompetitionRef, known: Known | null): Team[] {
    const byId = new Map<string, Team>();
    for (const team of known?.teams ?? []) byId.set(team.id, team);
    for (const match of known?.matches ?? []) {
      if (match.key.provider !== competition.provider) continue;
      for (const team of [match.home, match.away]) if (team && !byId.has(team.id)) byId.set(team.id, team);
    }
    return [...byId.values()];
  }
}

/** "Arsenal · Premier League" (plain text, for option labels and logs). */
export function teamWithCompetition(team: FollowableTeam): string {
  return [team.name, ...team.competitions.slice(0, 2)].join(' · ');
}

/** One line of the start log for a competition. */
export function describeStatus(status: CompetitionStatus): string {
  const head = `following ${status.name} (${competitionRefString(status.competition)})`;
  if (status.failingSince !== null) {
    return `${head}: its provider (${status.competition.provider}) is not answering since ${new Date(status.failingSince).toISOString()}; threads start once it does`;
  }
  if (!status.checked) return `${head}: not checked yet`;
  if (status.live.length > 0) return `${head}: ${status.live.length} live now`;
  if (status.next) return `${head}: next match ${status.next.kickoff}`;
  return `${head}: no match in the provider's coming days`;
}

function competitionName(competition: FollowedCompetition, known: Known | null): string {
  const fromProvider = known?.matches?.find((m) => m.competitionName !== '')?.competitionName;
  return competition.name || knownName(competition) || fromProvider || competitionRefString(competition);
}

function key(ref: CompetitionRef): string {
  return competitionRefString(ref);
}

/** Follows written before providers hold bare FIFA ids. */
export function normaliseTeamKey(id: string): string {
  return id.includes(':') ? id : teamKey('fifa', id);
}

function isUpcoming(match: NeutralMatch, now: number): boolean {
  return match.status !== 'live' && match.status !== 'finished' && Date.parse(match.kickoff) > now;
}

function bySoonest(a: NeutralMatch, b: NeutralMatch): number {
  return Date.parse(a.kickoff) - Date.parse(b.kickoff) || neutralKeyString(a.key).localeCompare(neutralKeyString(b.key));
}
