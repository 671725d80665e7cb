/**
 * The FIFA provider: FIFA's calendar and timelines in the neutral model, one feed per followed FIFA
 * competition (each with its own season discovery, SPEC C2). Player names are resolved by the feed.
 */
import type { Locale } from '../../alerts/i18n/locales.js';
import type { Logger } from '../../log.js';
import type { FifaSource } from '../fifa-client.js';
import { FootballFeed } from '../feed.js';
import { fifaEventToNeutral, fifaMatchToNeutral } from '../fifa-neutral.js';
import type { NeutralEvent, NeutralMatch, NeutralSnapshot, NeutralTeam } from '../model.js';
import { competitionRefString, type CompetitionRef, type FootballProvider } from '../provider.js';
import type { CalendarMatch, TimelineEvent } from '../types.js';

export interface FifaProviderOptions {
  client: FifaSource;
  locale: Locale;
  logger: Logger;
  now?: () => number;
}

export class FifaProvider implements FootballProvider {
  readonly provider = 'fifa';
  private readonly feeds = new Map<string, FootballFeed>();
  /**
   * Events already made neutral, per FIFA events array: the feed hands back the very same array for an
   * unchanged timeline (a 304), so an unchanged match yields the very same events and the loop skips it.
   */
  private readonly neutral = new WeakMap<TimelineEvent[], NeutralEvent[]>();

  constructor(private readonly options: FifaProviderOptions) {}

  async matches(competition: CompetitionRef): Promise<NeutralMatch[] | null> {
    const calendar = await this.feed(competition).calendar();
    return calendar === null ? null : calendar.map(fifaMatchToNeutral);
  }

  async snapshot(match: NeutralMatch): Promise<NeutralSnapshot | null> {
    const feed = this.feed({ provider: 'fifa', id: match.key.competition, season: match.key.season });
    const snapshot = await feed.snapshot(toCalendarMatch(match));
    if (snapshot === null) return null;
    let events = this.neutral.get(snapshot.events);
    if (events === undefined) {
      events = snapshot.events.map((event) => fifaEventToNeutral(event, match));
      this.neutral.set(snapshot.events, events);
    }
    return { match, events };
  }

  /** The teams of the season's calendar (FIFA has no team list per competition), each once. */
  async teams(competition: CompetitionRef): Promise<NeutralTeam[] | null> {
    const matches = await this.matches(competition);
    if (matches === null) return null;
    const byId = new Map<string, NeutralTeam>();
    for (const match of matches) {
      for (const team of [match.home, match.away]) if (team !== null && !byId.has(team.id)) byId.set(team.id, team);
    }
    return [...byId.values()];
  }

  /** One feed per competition and pinned season; a match's own season is pinned by its key. */
  private feed(competition: CompetitionRef): FootballFeed {
    const name = competitionRefString(competition);
    let feed = this.feeds.get(name);
    if (feed === undefined) {
      const { client, locale, logger, now } = this.options;
      feed = new FootballFeed({ client, competitionId: competition.id, seasonId: competition.season, locale, logger, now });
      this.feeds.set(name, feed);
    }
    return feed;
  }
}

/** What the feed needs of a match to read its timeline: its ids. */
function toCalendarMatch(match: NeutralMatch): CalendarMatch {
  return {
    key: { competitionId: match.key.competition, seasonId: match.key.season, stageId: match.stageId ?? '', matchId: match.key.match },
    kickoff: match.kickoff,
    status: match.status,
    home: match.home,
    away: match.away,
    placeholderHome: match.placeholderHome,
    placeholderAway: match.placeholderAway,
    competitionName: match.competitionName,
    stageName: match.stageName,
    groupName: match.groupName,
    score: match.score,
    penalties: match.penalties,
    matchTime: match.clock,
    winnerTeamId: match.winnerTeamId,
  };
}
