/**
 * ESPN answers → the neutral model (model.ts). Pure. ESPN's type slugs and status names end here.
 *
 * The scoreboard gives the matches and their live state (score, clock, period, extra time, shoot-out);
 * a summary's `keyEvents` give the events, each with ESPN's id. Key events lag the score: nothing here
 * invents an event from the score, so a goal the scoreboard already counts waits for its key event. A goal
 * overturned by VAR simply vanishes from `keyEvents` (its id comes back in `commentary` retyped
 * `deleted-after-review`), which the tracker handles as any vanished event: a correction.
 */
import type { MatchPhase, PlayPeriod } from '../../alerts/types.js';
import type {
  NeutralEvent,
  NeutralEventKind,
  NeutralMatch,
  NeutralSnapshot,
  NeutralTeam,
  PlayerRef,
  Score,
} from '../model.js';
import type { MatchStatus } from '../types.js';
import type {
  EspnCompetitor,
  EspnEvent,
  EspnKeyEvent,
  EspnLeague,
  EspnScoreboard,
  EspnStatus,
  EspnSummary,
  EspnTeam,
  EspnTeams,
} from './schemas.js';

// ---------------------------------------------------------------------------------------------------------
// Status → phase

/** Status names (reference §4) and the phase each means; `byPeriod` ones depend on `status.period`. */
const STATUS_PHASES = new Map<string, MatchPhase | 'byPeriod'>([
  ['STATUS_SCHEDULED', 'pre-match'],
  ['STATUS_DELAYED', 'byPeriod'],
  ['STATUS_FIRST_HALF', 'first-half'],
  ['STATUS_HALFTIME', 'half-time'],
  ['STATUS_SECOND_HALF', 'second-half'],
  ['STATUS_END_OF_REGULATION', 'before-extra-time'],
  ['STATUS_OVERTIME', 'byPeriod'],
  ['STATUS_EXTRA_TIME', 'byPeriod'],
  ['STATUS_HALFTIME_ET', 'extra-time-break'],
  ['STATUS_END_OF_EXTRATIME', 'before-shootout'],
  ['STATUS_SHOOTOUT', 'shootout'],
  ['STATUS_IN_PROGRESS', 'byPeriod'],
  ['STATUS_SUSPENDED', 'byPeriod'],
  ['STATUS_FULL_TIME', 'finished'],
  ['STATUS_FINAL', 'finished'],
  ['STATUS_FINAL_AET', 'finished'],
  ['STATUS_FINAL_PEN', 'finished'],
  ['STATUS_ABANDONED', 'finished'],
  ['STATUS_POSTPONED', 'pre-match'],
  ['STATUS_CANCELED', 'pre-match'],
]);

/** Never played (or not to the end): neither scheduled, live nor a result. */
const CALLED_OFF = new Set(['STATUS_POSTPONED', 'STATUS_CANCELED', 'STATUS_ABANDONED']);

const EXTRA_TIME_STATUSES = new Set([
  'STATUS_END_OF_REGULATION',
  'STATUS_OVERTIME',
  'STATUS_EXTRA_TIME',
  'STATUS_HALFTIME_ET',
  'STATUS_END_OF_EXTRATIME',
  'STATUS_SHOOTOUT',
  'STATUS_FINAL_AET',
  'STATUS_FINAL_PEN',
]);

/** ESPN period numbers: 1, 2, 3 (ET1), 4 (ET2), 5 (shoot-out). */
function playPeriodOfNumber(period: number | undefined): PlayPeriod | null {
  switch (period) {
    case 1:
      return 'first-half';
    case 2:
      return 'second-half';
    case 3:
      return 'extra-time-first-half';
    case 4:
      return 'extra-time-second-half';
    case 5:
      return 'shootout';
    default:
      return null;
  }
}

/**
 * The phase a status means, and whether its name is one we know. An unknown name is read from its
 * `state` and `period` (reference §4: "map unknown names by state + period; log them").
 */
export function espnPhase(status: EspnStatus | undefined): { phase: MatchPhase | null; known: boolean } {
  const name = status?.type?.name;
  const mapped = name === undefined ? undefined : STATUS_PHASES.get(name);
  if (mapped !== undefined && mapped !== 'byPeriod') return { phase: mapped, known: true };
  const byPeriod = playPeriodOfNumber(status?.period);
  if (mapped === 'byPeriod') return { phase: byPeriod ?? (status?.type?.state === 'pre' ? 'pre-match' : null), known: true };
  switch (status?.type?.state) {
    case 'pre':
      return { phase: 'pre-match', known: false };
    case 'post':
      return { phase: 'finished', known: false };
    case 'in':
      return { phase: byPeriod, known: false };
    default:
      return { phase: null, known: false };
  }
}

function matchStatus(status: EspnStatus | undefined): MatchStatus {
  const name = status?.type?.name;
  if (name !== undefined && CALLED_OFF.has(name)) return 'other';
  switch (status?.type?.state) {
    case 'pre':
      return 'scheduled';
    case 'in':
      return 'live';
    case 'post':
      return 'finished';
    default:
      return 'other';
  }
}

// ---------------------------------------------------------------------------------------------------------
// Teams and matches

const COUNTRY_LOGO = /\/teamlogos\/countries\/[^/]+\/([a-z]{3})\.png/i;

/** A club or national team; null without an id (an undecided slot). */
export function espnTeam(raw: EspnTeam | undefined): NeutralTeam | null {
  if (raw?.id === undefined) return null;
  const name = raw.displayName ?? raw.name ?? raw.shortDisplayName ?? raw.location ?? raw.abbreviation ?? raw.id;
  const logo = raw.logo ?? raw.logos.find((entry) => entry.href !== undefined)?.href ?? null;
  // National teams' logos are their flags, filed under their (FIFA-style) three-letter code.
  const country = logo === null ? undefined : COUNTRY_LOGO.exec(logo)?.[1];
  return {
    id: raw.id,
    name,
    abbreviation: raw.abbreviation ?? name,
    countryCode: country === undefined ? null : country.toUpperCase(),
    logo,
  };
}

/** A league's clubs from `/{league}/teams`, in ESPN's order, each once. */
export function espnTeamsToNeutral(body: EspnTeams): NeutralTeam[] {
  const byId = new Map<string, NeutralTeam>();
  for (const raw of body.teams) {
    const team = espnTeam(raw);
    if (team !== null && !byId.has(team.id)) byId.set(team.id, team);
  }
  return [...byId.values()];
}

/** `2022-09-17T23:30Z` (ESPN, to the minute) → `2022-09-17T23:30:00Z`; unreadable text is kept as it is. */
export function espnInstant(date: string | undefined): string {
  if (date === undefined) return '';
  const ms = Date.parse(date);
  return Number.isNaN(ms) ? date : new Date(ms).toISOString().replace('.000Z', 'Z');
}

interface Sides {
  home: EspnCompetitor | undefined;
  away: EspnCompetitor | undefined;
}

function sides(competitors: readonly EspnCompetitor[]): Sides {
  return {
    home: competitors.find((c) => c.homeAway === 'home') ?? competitors[0],
    away: competitors.find((c) => c.homeAway === 'away') ?? competitors[1],
  };
}

function teamIdOf(competitor: EspnCompetitor | undefined): string | undefined {
  return competitor?.team?.id ?? competitor?.id;
}

/** An undecided slot ("Winner QF1") has a name but no team id. */
function placeholderOf(competitor: EspnCompetitor | undefined): string | null {
  const team = competitor?.team;
  return team === undefined || team.id !== undefined ? null : (team.displayName ?? team.name ?? null);
}

function scoreOf({ home, away }: Sides, state: string | undefined): Score | null {
  if (state === 'pre' || (home?.score === undefined && away?.score === undefined)) return null;
  return { home: home?.score ?? 0, away: away?.score ?? 0 };
}

function penaltiesOf({ home, away }: Sides): Score | null {
  if (home?.shootoutScore === undefined || away?.shootoutScore === undefined) return null;
  return { home: home.shootoutScore, away: away.shootoutScore };
}

/** Season slugs of stages where a level score stands (no extra time). */
const NO_EXTRA_TIME_STAGES = new Set(['regular-season', 'group-stage', 'league-phase', 'league-stage', 'group']);

function groupOf(texts: readonly (string | undefined)[]): string | null {
  for (const text of texts) {
    // "FIFA World Cup, Group B", "Group 2"; never "Group Stage".
    const group = text === undefined ? undefined : /\bGroup\s+(?!stage\b)[A-Z0-9]{1,2}\b/i.exec(text)?.[0];
    if (group !== undefined) return group;
  }
  return null;
}

/** A summary's season name says the stage after a comma: "2026 FIFA World Cup, Group Stage". */
function stageOfSeasonName(name: string | undefined): string | undefined {
  const comma = name?.lastIndexOf(', ') ?? -1;
  return name === undefined || comma === -1 ? name : name.slice(comma + 2);
}

function humanise(slug: string): string {
  return slug
    .split('-')
    .filter((word) => word !== '')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join(' ');
}

interface MatchParts {
  league: string;
  leagueInfo: EspnLeague | undefined;
  id: string;
  date: string | undefined;
  season: EspnEvent['season'];
  status: EspnStatus | undefined;
  competitors: readonly EspnCompetitor[];
  notes: readonly (string | undefined)[];
}

function toMatch(parts: MatchParts): NeutralMatch {
  const { status, leagueInfo } = parts;
  const two = sides(parts.competitors);
  const name = status?.type?.name;
  const state = status?.type?.state;
  const { phase } = espnPhase(status);
  const extraTime = (status?.period ?? 0) >= 3 || (name !== undefined && EXTRA_TIME_STATUSES.has(name));
  const slug = parts.season?.slug;
  const leagueSeason = leagueInfo?.season;
  const stageName =
    leagueSeason?.type?.name !== undefined && leagueSeason.type.type === parts.season?.type
      ? leagueSeason.type.name
      : stageOfSeasonName(parts.season?.name) ?? (slug === undefined ? '' : humanise(slug));
  const stageSlug = slug ?? stageName.toLowerCase().replace(/\s+/g, '-');
  const knockout = extraTime ? true : NO_EXTRA_TIME_STAGES.has(stageSlug) ? false : null;
  const winner = [two.home, two.away].find((c) => c?.winner === true);
  const kickoff = espnInstant(parts.date);
  const season = parts.season?.year ?? leagueSeason?.year ?? (/^\d{4}/.test(kickoff) ? Number(kickoff.slice(0, 4)) : undefined);
  return {
    key: { provider: 'espn', competition: parts.league, season: season === undefined ? '' : String(season), match: parts.id },
    stageId: null,
    kickoff,
    status: matchStatus(status),
    home: espnTeam(two.home?.team),
    away: espnTeam(two.away?.team),
    placeholderHome: placeholderOf(two.home),
    placeholderAway: placeholderOf(two.away),
    competitionName: leagueInfo?.name ?? parts.league,
    stageName,
    groupName: groupOf(parts.notes),
    score: scoreOf(two, state),
    penalties: penaltiesOf(two),
    clock: state === 'in' && phase !== 'half-time' ? (status?.displayClock ?? null) : null,
    phase,
    extraTime: state === 'pre' ? false : extraTime,
    knockout,
    winnerTeamId: winner === undefined ? null : (teamIdOf(winner) ?? null),
  };
}

export interface ScoreboardResult {
  matches: NeutralMatch[];
  /** Status names not in the reference, once each (the caller logs them). */
  unknownStatuses: string[];
}

/** Every match of one league's scoreboard day. Events without an id are skipped. */
export function espnScoreboardToMatches(board: EspnScoreboard, league: string): ScoreboardResult {
  const leagueInfo = board.leagues.find((l) => l.slug === league) ?? board.leagues[0];
  const unknown = new Set<string>();
  const matches: NeutralMatch[] = [];
  for (const event of board.events) {
    const competition = event.competitions[0];
    const id = event.id ?? competition?.id;
    if (id === undefined) continue;
    const status = competition?.status ?? event.status;
    const name = status?.type?.name;
    if (!espnPhase(status).known && name !== undefined) unknown.add(name);
    matches.push(
      toMatch({
        league,
        leagueInfo,
        id,
        date: event.date ?? competition?.date,
        season: event.season,
        status,
        competitors: competition?.competitors ?? [],
        notes: [competition?.altGameNote, ...(competition?.notes ?? []).map((n) => n.headline ?? n.text)],
      }),
    );
  }
  return { matches, unknownStatuses: [...unknown] };
}

/** The match as a summary's header tells it; null without an id. */
export function espnSummaryMatch(summary: EspnSummary, league: string): NeutralMatch | null {
  const header = summary.header;
  const competition = header.competitions[0];
  const id = header.id ?? competition?.id;
  if (id === undefined) return null;
  return toMatch({
    league,
    leagueInfo: header.league === undefined ? undefined : { ...header.league, abbreviation: undefined, season: undefined },
    id,
    date: competition?.date,
    season: header.season,
    status: competition?.status,
    competitors: competition?.competitors ?? [],
    notes: [competition?.altGameNote, header.season?.name],
  });
}

// ---------------------------------------------------------------------------------------------------------
// Key events

/** `keyEvents[].type.type` slugs (reference §5) and what they are. Keyed on the slug, never on `text`. */
const GOALS = new Map<string, NeutralEventKind & { kind: 'goal' }>([
  ['goal', { kind: 'goal', method: 'open-play' }],
  ['goal---header', { kind: 'goal', method: 'open-play' }],
  ['goal---volley', { kind: 'goal', method: 'open-play' }],
  ['goal---free-kick', { kind: 'goal', method: 'free-kick' }],
  ['penalty---scored', { kind: 'goal', method: 'penalty' }],
  ['own-goal', { kind: 'goal', method: 'own-goal' }],
]);

const PENALTY_MISSES = new Map<string, NeutralEventKind & { kind: 'penalty-missed' }>([
  ['penalty---missed', { kind: 'penalty-missed', outcome: 'missed' }],
  ['penalty---saved', { kind: 'penalty-missed', outcome: 'saved' }],
  ['penalty---hit-woodwork', { kind: 'penalty-missed', outcome: 'woodwork' }],
]);

const OTHER_KINDS = new Map<string, NeutralEventKind>([
  ['yellow-card', { kind: 'card', card: 'yellow' }],
  ['red-card', { kind: 'card', card: 'red' }],
  // Named by third-party code, never seen recorded (reference §5).
  ['yellow-red-card', { kind: 'card', card: 'second-yellow' }],
  ['var---red-card-upgrade', { kind: 'card', card: 'red' }],
  ['substitution', { kind: 'substitution' }],
  ['kickoff', { kind: 'period-start', period: 'first-half' }],
  ['halftime', { kind: 'period-end', period: 'first-half' }],
  ['start-2nd-half', { kind: 'period-start', period: 'second-half' }],
  ['end-regular-time', { kind: 'period-end', period: 'second-half' }],
  ['start-extra-time', { kind: 'period-start', period: 'extra-time-first-half' }],
  ['halftime-extra-time', { kind: 'period-end', period: 'extra-time-first-half' }],
  ['start-2nd-half-extra-time', { kind: 'period-start', period: 'extra-time-second-half' }],
  ['end-extra-time', { kind: 'period-end', period: 'extra-time-second-half' }],
  ['start-shootout', { kind: 'period-start', period: 'shootout' }],
  ['end-shootout', { kind: 'period-end', period: 'shootout' }],
  ['end-match', { kind: 'match-end' }],
]);

/**
 * Known and never posted: delays (drinks breaks, injuries, VAR checks; usually one per team), and the
 * commentary-only types should ESPN ever promote one. `deleted-after-review` is the type a goal's id takes
 * after VAR: should it stay in `keyEvents`, the goal is re-typed into noise, which is a correction too.
 */
const NOISE = new Set([
  'start-delay',
  'end-delay',
  'foul',
  'offside',
  'corner-awarded',
  'handball',
  'shot-on-target',
  'shot-off-target',
  'shot-blocked',
  'shot-hit-woodwork',
  'var---referee-decision-confirmed',
  'var---referee-decision-cancelled',
  'deleted-after-review',
]);

/** Type ids for the rare key event without a slug (reference §5). */
const SLUG_OF_ID = new Map<string, string>([
  ['80', 'kickoff'], ['81', 'halftime'], ['82', 'start-2nd-half'], ['83', 'end-regular-time'],
  ['84', 'start-extra-time'], ['85', 'halftime-extra-time'], ['86', 'start-2nd-half-extra-time'],
  ['87', 'end-extra-time'], ['88', 'start-shootout'], ['89', 'end-match'], ['70', 'goal'],
  ['137', 'goal---header'], ['173', 'goal---volley'], ['138', 'goal---free-kick'], ['98', 'penalty---scored'],
  ['104', 'penalty---scored'], ['115', 'penalty---missed'], ['97', 'own-goal'], ['94', 'yellow-card'],
  ['93', 'red-card'], ['76', 'substitution'], ['129', 'start-delay'], ['130', 'end-delay'],
  ['175', 'deleted-after-review'],
]);

function slugOf(event: EspnKeyEvent): string {
  return event.type?.type ?? SLUG_OF_ID.get(event.type?.id ?? '') ?? event.type?.id ?? '';
}

/** What a key event is. Goals and misses during the shoot-out are kicks. */
export function espnKind(slug: string, inShootout: boolean): NeutralEventKind {
  const goal = GOALS.get(slug);
  if (goal !== undefined) {
    if (!inShootout) return goal;
    return goal.method === 'own-goal' ? { kind: 'noise' } : { kind: 'shootout-kick', scored: true, outcome: null };
  }
  const miss = PENALTY_MISSES.get(slug);
  if (miss !== undefined) return inShootout ? { kind: 'shootout-kick', scored: false, outcome: miss.outcome } : miss;
  const other = OTHER_KINDS.get(slug);
  if (other !== undefined) return other;
  return NOISE.has(slug) ? { kind: 'noise' } : { kind: 'unknown' };
}

function playerOf(participant: EspnKeyEvent['participants'][number] | undefined): PlayerRef | null {
  const athlete = participant?.athlete;
  if (athlete === undefined || (athlete.id === undefined && athlete.displayName === undefined)) return null;
  return { id: athlete.id ?? null, name: athlete.displayName ?? null };
}

interface Kick {
  id: string;
  teamId: string | undefined;
  player: PlayerRef | null;
  scored: boolean;
  shotNumber: number;
}

/** Digit strings of equal length compare as numbers; anything else does not compare (0). */
function idOrder(a: string, b: string): number {
  if (a.length !== b.length || !/^\d+$/.test(a) || !/^\d+$/.test(b)) return 0;
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The shoot-out's kicks in the order they were taken. The `shootout` section lists them per team; the
 * commentary has them in sequence (the same play ids), which is used when it covers every kick. Otherwise
 * round by round (`shotNumber`), and within a round the id order, which followed the kick order in the one
 * recorded shoot-out (reference §6).
 */
function shootoutKicks(summary: EspnSummary): Kick[] {
  const kicks: Kick[] = [];
  for (const team of summary.shootout) {
    team.shots.forEach((shot, index) => {
      if (shot.id === undefined) return;
      kicks.push({
        id: shot.id,
        teamId: team.id,
        player: shot.playerId === undefined && shot.player === undefined ? null : { id: shot.playerId ?? null, name: shot.player ?? null },
        scored: shot.didScore === true,
        shotNumber: shot.shotNumber ?? index + 1,
      });
    });
  }
  const sequence = new Map<string, number>();
  summary.commentary.forEach((entry, index) => {
    if (entry.play?.id !== undefined) sequence.set(entry.play.id, entry.sequence ?? index);
  });
  if (kicks.every((kick) => sequence.has(kick.id))) {
    return kicks.sort((a, b) => (sequence.get(a.id) ?? 0) - (sequence.get(b.id) ?? 0));
  }
  return kicks.sort((a, b) => a.shotNumber - b.shotNumber || idOrder(a.id, b.id));
}

/**
 * A live match's events: its summary's key events in ESPN's order, with the shoot-out's kicks (taken from
 * the `shootout` section, which alone has the misses) placed after the shoot-out's start. `match` is the
 * match as the scoreboard has it: the parent follows the scoreboard; the events only narrate.
 *
 * The score after each event is counted from the goals among the key events (credited to `team`, which
 * ESPN sets to the side that benefits, own goals included), never taken from the scoreboard.
 */
export function espnSummaryToSnapshot(summary: EspnSummary, match: NeutralMatch): NeutralSnapshot {
  const homeId = match.home?.id;
  const awayId = match.away?.id;
  const score = { home: 0, away: 0 };
  const penalties = { home: 0, away: 0 };
  const credit = (tally: Score, teamId: string | undefined): void => {
    if (teamId !== undefined && teamId === homeId) tally.home += 1;
    else if (teamId !== undefined && teamId === awayId) tally.away += 1;
  };

  const kicks = shootoutKicks(summary);
  const kickEvents = (): NeutralEvent[] =>
    kicks.map((kick) => {
      if (kick.scored) credit(penalties, kick.teamId);
      return {
        id: kick.id,
        code: kick.scored ? 'shootout:scored' : 'shootout:missed',
        period: 'shootout',
        minute: '',
        at: '',
        teamId: kick.teamId ?? null,
        player: kick.player,
        otherPlayer: null,
        score: { ...score },
        penalties: { ...penalties },
        text: null,
        kind: 'shootout-kick',
        scored: kick.scored,
        outcome: null,
      };
    });

  const events: NeutralEvent[] = [];
  let kicksPlaced = kicks.length === 0;
  for (const raw of summary.keyEvents) {
    if (raw.id === undefined) continue;
    const slug = slugOf(raw);
    const inShootout = raw.shootout === true || raw.period?.number === 5;
    const kind = espnKind(slug, inShootout);
    // The section is the whole shoot-out (misses too): a kick also listed here would be counted twice.
    if (kind.kind === 'shootout-kick' && kicks.length > 0) continue;
    if (!kicksPlaced && kind.kind === 'match-end') {
      events.push(...kickEvents());
      kicksPlaced = true;
    }
    const teamId = raw.team?.id;
    if (kind.kind === 'goal') credit(score, teamId);
    if (kind.kind === 'shootout-kick' && kind.scored) credit(penalties, teamId);
    events.push({
      id: raw.id,
      code: slug === '' ? 'unknown' : slug,
      period: playPeriodOfNumber(raw.period?.number),
      minute: raw.clock?.displayValue ?? '',
      at: raw.wallclock ?? '',
      teamId: teamId ?? null,
      player: playerOf(raw.participants[0]),
      // An own goal's second participant is a player of the side credited, not an assister.
      otherPlayer: kind.kind === 'goal' && kind.method === 'own-goal' ? null : playerOf(raw.participants[1]),
      score: { ...score },
      penalties: { ...penalties },
      text: raw.text === undefined || raw.text === '' ? null : raw.text,
      ...kind,
    });
    if (!kicksPlaced && kind.kind === 'period-start' && kind.period === 'shootout') {
      events.push(...kickEvents());
      kicksPlaced = true;
    }
  }
  if (!kicksPlaced) events.push(...kickEvents());
  return { match, events };
}
