/**
 * FIFA's snapshot (types.ts) → the neutral model. Pure. FIFA type and period numbers end here; the raw
 * type survives as the event's `code`, so nothing FIFA said is lost.
 */
import type { MatchPhase } from '../alerts/types.js';
import { categorize, playPeriodOf, SHOOTOUT_PERIOD } from './fifa/event-kinds.js';
import type { NeutralEvent, NeutralEventKind, NeutralMatch, NeutralSnapshot, NeutralTeam, PlayerRef } from './model.js';
import type { CalendarMatch, MatchSnapshot, Team, TimelineEvent } from './types.js';

/** FIFA `Period` → where the match is (reference fifa-v3 §6 and §8: 2, 16 and 17 are coin tosses). */
export function fifaPeriodPhase(period: number): MatchPhase | null {
  switch (period) {
    case 0:
    case 2:
      return 'pre-match';
    case 4:
      return 'half-time';
    case 17:
      return 'before-extra-time';
    case 8:
      return 'extra-time-break';
    case 16:
      return 'before-shootout';
    case 10:
      return 'finished';
    default:
      return playPeriodOf(period);
  }
}

type Teams = { home: Team | null; away: Team | null };

export function fifaMatchToNeutral(match: CalendarMatch): NeutralMatch {
  return {
    key: { provider: 'fifa', competition: match.key.competitionId, season: match.key.seasonId, match: match.key.matchId },
    stageId: match.key.stageId,
    kickoff: match.kickoff,
    status: match.status,
    home: neutralTeam(match.home),
    away: neutralTeam(match.away),
    placeholderHome: match.placeholderHome,
    placeholderAway: match.placeholderAway,
    competitionName: match.competitionName,
    stageName: match.stageName,
    groupName: match.groupName,
    score: match.score === null ? null : { ...match.score },
    penalties: match.penalties === null ? null : { ...match.penalties },
    clock: match.matchTime,
    // The calendar has no period (reference §4): the timeline says where the match is.
    phase: null,
    extraTime: null,
    // What the tracker has always assumed: FIFA knockout rounds are the stages without groups.
    knockout: match.groupName === null,
    winnerTeamId: match.winnerTeamId,
  };
}

export function fifaToNeutral(snapshot: MatchSnapshot): NeutralSnapshot {
  const match = snapshot.match;
  return { match: fifaMatchToNeutral(match), events: snapshot.events.map((event) => fifaEventToNeutral(event, match)) };
}

/** `match` gives the teams: a Type 72 names the fouling side, the neutral event the side that takes the kick. */
export function fifaEventToNeutral(event: TimelineEvent, match: Teams): NeutralEvent {
  const kind = fifaKind(event);
  // Type 72 names the fouling side; the neutral event names the side that takes the kick.
  const teamId = event.type === 72 && kind.kind === 'penalty-awarded' ? otherTeamId(match, event.teamId) : event.teamId;
  return {
    id: event.id,
    code: String(event.type),
    period: fifaPeriodPhase(event.period),
    minute: event.minute,
    at: event.timestamp,
    teamId,
    player: playerRef(event.playerId, event.playerName),
    otherPlayer: playerRef(event.subPlayerId, event.subPlayerName),
    score: { home: event.homeGoals, away: event.awayGoals },
    penalties: { home: event.homePenaltyGoals, away: event.awayPenaltyGoals },
    text: event.description,
    ...kind,
  };
}

function fifaKind(event: TimelineEvent): NeutralEventKind {
  const inShootout = event.period === SHOOTOUT_PERIOD;
  const category = categorize(event.type);
  switch (category.category) {
    case 'goal':
      if (!inShootout) return { kind: 'goal', method: category.method };
      // An own goal "in" the shoot-out is no kick.
      return category.method === 'own-goal' ? { kind: 'noise' } : { kind: 'shootout-kick', scored: true, outcome: null };
    case 'penalty-missed':
      return inShootout
        ? { kind: 'shootout-kick', scored: false, outcome: category.outcome }
        : { kind: 'penalty-missed', outcome: category.outcome };
    case 'penalty-awarded':
      // During the shoot-out every kick is "awarded".
      return inShootout ? { kind: 'noise' } : { kind: 'penalty-awarded' };
    case 'card':
      return { kind: 'card', card: category.card };
    case 'substitution':
      return { kind: 'substitution' };
    case 'period-start':
    case 'period-end': {
      const period = playPeriodOf(event.period);
      return period === null ? { kind: 'noise' } : { kind: category.category, period };
    }
    case 'match-end':
      return { kind: 'match-end' };
    case 'noise':
    case 'review':
    case 'pending':
    case 'unknown':
      return { kind: category.category };
  }
}

function neutralTeam(team: Team | null): NeutralTeam | null {
  return team === null ? null : { ...team, logo: null };
}

function playerRef(id: string | null, name: string | null): PlayerRef | null {
  return id === null && name === null ? null : { id, name };
}

function otherTeamId(match: Teams, teamId: string | null): string | null {
  if (teamId === null || match.home === null || match.away === null) return null;
  if (teamId === match.home.id) return match.away.id;
  if (teamId === match.away.id) return match.home.id;
  return null;
}
