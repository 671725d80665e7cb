import type { FollowedCompetition } from '../store/competitions.js';
import type { NeutralMatch, NeutralTeam } from './model.js';
import { competitionRefString, teamKey } from './provider.js';
import { TeamDirectory } from './teams.js';
import type { CalendarMatch, Team } from './types.js';

/** The followed competitions as of their last poll: their matches and their teams, teams named by team key. */
export class Competition {
  private readonly byCompetition = new Map<string, CalendarMatch[]>();
  private matches: CalendarMatch[] = [];
  private teams = TeamDirectory.fromCalendar([]);

  /** What the loop saw of one competition (null: its provider failed; the last good answer stays). */
  report(competition: FollowedCompetition, matches: NeutralMatch[] | null): void {
    if (matches === null) return;
    this.byCompetition.set(competitionRefString(competition), matches.map(toCalendarMatch));
    this.update([...this.byCompetition.values()].flat());
  }

  update(calendar: CalendarMatch[]): void {
    this.matches = calendar;
    this.teams = TeamDirectory.fromCalendar(calendar);
  }

  calendar(): CalendarMatch[] {
    return this.matches;
  }

  directory(): TeamDirectory {
    return this.teams;
  }
}

function toCalendarMatch(match: NeutralMatch): CalendarMatch {
  const team = (t: NeutralTeam | null): Team | null =>
    t === null ? null : { id: teamKey(match.key.provider, t.id), name: t.name, abbreviation: t.abbreviation, countryCode: t.countryCode };
  return {
    key: { competitionId: `${match.key.provider}:${match.key.competition}`, seasonId: match.key.season, stageId: match.stageId ?? '', matchId: match.key.match },
    kickoff: match.kickoff,
    status: match.status,
    home: team(match.home),
    away: team(match.away),
    placeholderHome: match.placeholderHome,
    placeholderAway: match.placeholderAway,
    competitionName: match.competitionName,
    stageName: match.stageName,
    groupName: match.groupName,
    score: match.score,
    penalties: match.penalties,
    matchTime: match.clock,
    winnerTeamId: match.winnerTeamId === null ? null : teamKey(match.key.provider, match.winnerTeamId),
  };
}
