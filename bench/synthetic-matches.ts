/**
 * Synthetic full matches in FIFA v3 wire shapes, for the benchmarks. Deterministic (seeded), so two runs
 * measure the same work. Most matches are generated with the test builders; some are the bundled 2022
 * final with noise added, so a real-shaped timeline (late cards in the shoot-out, stoppage minutes) is in the mix.
 */
import {
  EventType,
  MatchStatusCode,
  Period,
  localized,
  rawCalendarMatch,
  rawEvent,
  rawTeam,
  WC2026,
  type FifaObject,
} from '../test/fixtures/fifa-builders.js';
import { loadRecording } from '../src/demo/recording-client.js';

export type Rng = () => number;

/** mulberry32: tiny, fast and good enough to vary fixtures. */
export function seededRng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function int(rng: Rng, min: number, max: number): number {
  return min + Math.floor(rng() * (max - min + 1));
}

function pick<T>(rng: Rng, items: readonly T[]): T {
  return items[Math.floor(rng() * items.length)] as T;
}

export type MatchShape = 'regular' | 'extra-time' | 'shootout' | 'recording';

export interface RawMatch {
  shape: MatchShape;
  /** Calendar `Results[]` item while live (score/clock as at kick-off). */
  calendarLive: FifaObject;
  /** The same item once finished (final score, penalties, winner). */
  calendarFinished: FifaObject;
  /** Complete timeline `Event[]`, in feed (timestamp) order. */
  events: FifaObject[];
  /** IdPlayer → name, for the `/players/{id}` lookups. */
  players: Map<string, string>;
}

const COUNTRIES = [
  'ARG', 'FRA', 'BRA', 'ENG', 'GER', 'ESP', 'MEX', 'USA', 'QAT', 'ECU', 'NED', 'POR', 'BEL', 'CRO', 'MAR', 'JPN',
  'KOR', 'SEN', 'URU', 'SUI', 'DEN', 'POL', 'AUS', 'CAN', 'GHA', 'CMR', 'SRB', 'TUN', 'KSA', 'IRN', 'CRC', 'WAL',
];
const FIRST = ['Lionel', 'Kylian', 'João', 'Luka', 'Achraf', 'Heung-min', 'Virgil', 'Kevin', 'Sadio', 'Federico', 'Jürgen', 'Ángel'];
const LAST = ['Martínez', 'Müller', 'Silva', 'Dubois', 'García', 'Nakamura', 'De Jong', 'Kovačić', 'O’Neil', 'Mensah', 'Hakimi', 'Son'];

/** Noise types FIFA sends in bulk (attempts, corners, fouls, offsides, assists…), weighted by frequency. */
const NOISE_TYPES = [12, 12, 12, 15, 15, 16, 16, 16, 18, 18, 17, 14, 1, 1, 71];

interface Segment {
  period: number;
  /** Wall-clock offset from kick-off, seconds. */
  start: number;
  /** Played length, seconds (regulation + stoppage). */
  length: number;
  /** Minute the period starts at (0, 45, 90, 105) and its regulation length in minutes. */
  baseMinute: number;
  regulation: number;
}

interface Draft {
  t: number;
  period: number;
  fields: FifaObject;
  /** Applied to the running score when the event is reached. */
  goal?: 'home' | 'away';
  kick?: { side: 'home' | 'away'; scored: boolean };
}

function minuteText(segment: Segment, t: number): string {
  const elapsed = Math.max(0, t - segment.start);
  const minute = segment.baseMinute + Math.floor(elapsed / 60) + 1;
  const end = segment.baseMinute + segment.regulation;
  return minute <= end ? `${minute}'` : `${end}'+${minute - end}'`;
}

function iso(kickoffMs: number, t: number): string {
  return new Date(kickoffMs + t * 1000).toISOString();
}

/** Two squads of 18 with ids unique to the match, so player lookups and names vary across matches. */
function squads(rng: Rng, index: number): {
  home: string[];
  away: string[];
  names: Map<string, string>;
} {
  const names = new Map<string, string>();
  const squad = (side: number): string[] =>
    Array.from({ length: 18 }, (_, n) => {
      const id = String(300_000 + index * 100 + side * 50 + n);
      names.set(id, `${pick(rng, FIRST)} ${pick(rng, LAST)}`);
      return id;
    });
  return { home: squad(0), away: squad(1), names };
}

/**
 * One full match: coin toss, kick-off, halves with stoppage time, goals (some from penalties, an
 * occasional own goal), cards, substitutions, and noise up to about `targetEvents` events; then extra
 * time and a shoot-out when the shape asks for them.
 */
export function generateMatch(index: number, shape: Exclude<MatchShape, 'recording'>, targetEvents = 150): RawMatch {
  const rng = seededRng(0x5eed + index * 7919);
  const homeCode = COUNTRIES[(index * 2) % COUNTRIES.length] as string;
  const awayCode = COUNTRIES[(index * 2 + 1) % COUNTRIES.length] as string;
  const home = rawTeam(homeCode);
  const away = rawTeam(awayCode);
  const homeId = String(home.IdTeam);
  const awayId = String(away.IdTeam);
  const { home: homeSquad, away: awaySquad, names } = squads(rng, index);
  const teamOf = (side: 'home' | 'away'): string => (side === 'home' ? homeId : awayId);
  const squadOf = (side: 'home' | 'away'): string[] => (side === 'home' ? homeSquad : awaySquad);
  const starter = (side: 'home' | 'away'): string => pick(rng, squadOf(side).slice(0, 11));
  const knockout = shape !== 'regular';
  const kickoffMs = Date.UTC(2026, 5, 11 + (index % 30), 16 + (index % 3) * 3, 0, 0);

  const segments: Segment[] = [];
  const addSegment = (period: number, gap: number, baseMinute: number, regulation: number, stoppageMax: number): void => {
    const previous = segments.at(-1);
    const start = previous === undefined ? 0 : previous.start + previous.length + gap;
    segments.push({ period, start, length: regulation * 60 + int(rng, 60, stoppageMax * 60), baseMinute, regulation });
  };
  addSegment(Period.FirstHalf, 0, 0, 45, 4);
  addSegment(Period.SecondHalf, 15 * 60, 45, 45, 7);
  if (shape !== 'regular') {
    addSegment(Period.ExtraFirst, 5 * 60, 90, 15, 2);
    addSegment(Period.ExtraSecond, 60, 105, 15, 3);
  }
  const regulation = segments.slice(0, 2);
  const extra = segments.slice(2);
  const at = (pool: readonly Segment[]): { segment: Segment; t: number } => {
    const total = pool.reduce((sum, s) => sum + s.length, 0);
    let offset = rng() * total;
    for (const segment of pool) {
      if (offset < segment.length) return { segment, t: segment.start + Math.max(5, offset) };
      offset -= segment.length;
    }
    const last = pool.at(-1) as Segment;
    return { segment: last, t: last.start + last.length / 2 };
  };

  const drafts: Draft[] = [];
  const push = (segment: Segment, t: number, fields: FifaObject, extraFields: Partial<Draft> = {}): void => {
    drafts.push({ t, period: segment.period, fields: { MatchMinute: minuteText(segment, t), Period: segment.period, ...fields }, ...extraFields });
  };
  const playerEvent = (type: number, side: 'home' | 'away', player: string, extraFields: FifaObject = {}): FifaObject => ({
    Type: type,
    IdTeam: teamOf(side),
    IdPlayer: player,
    IdSubPlayer: null,
    ...extraFields,
  });

  // Goals: level after 90' when extra time follows, level after 120' when a shoot-out follows.
  const goals: ('home' | 'away')[] = [];
  if (shape === 'regular') {
    for (let g = int(rng, 0, 3); g > 0; g -= 1) goals.push('home');
    for (let g = int(rng, 0, 3); g > 0; g -= 1) goals.push('away');
  } else {
    for (let g = int(rng, 0, 2); g > 0; g -= 1) goals.push('home', 'away');
  }
  for (const side of goals) {
    const { segment, t } = at(regulation);
    scheduleGoal(segment, t, side);
  }
  if (shape === 'extra-time') {
    const { segment, t } = at(extra);
    scheduleGoal(segment, t, rng() < 0.5 ? 'home' : 'away');
  } else if (shape === 'shootout' && rng() < 0.5) {
    const first = at(extra);
    scheduleGoal(first.segment, first.t, 'home');
    const second = at(extra);
    scheduleGoal(second.segment, second.t, 'away');
  }

  function scheduleGoal(segment: Segment, t: number, side: 'home' | 'away'): void {
    const other = side === 'home' ? 'away' : 'home';
    const roll = rng();
    if (roll < 0.2) {
      // A penalty: awarded (6), then scored (41) a minute later.
      push(segment, Math.max(segment.start + 1, t - 60), playerEvent(EventType.PenaltyAwarded, side, starter(side)));
      push(segment, t, playerEvent(EventType.PenaltyGoal, side, starter(side)), { goal: side });
    } else if (roll < 0.27) {
      // Own goal: the conceding team's player, credited to `side` by the score.
      push(segment, t, playerEvent(EventType.OwnGoal, other, starter(other)), { goal: side });
    } else {
      const type = roll < 0.35 ? EventType.FreeKickGoal : EventType.Goal;
      push(segment, t, playerEvent(type, side, starter(side)), { goal: side });
      push(segment, Math.min(t + 2, segment.start + segment.length - 0.5), playerEvent(EventType.Assist, side, starter(side)));
    }
  }

  // Cards: a handful of yellows, sometimes a red or a second yellow.
  for (let c = int(rng, 2, 6); c > 0; c -= 1) {
    const { segment, t } = at(segments);
    const side = rng() < 0.5 ? 'home' : 'away';
    const roll = rng();
    const type = roll < 0.06 ? EventType.Red : roll < 0.12 ? EventType.SecondYellow : EventType.Yellow;
    push(segment, t, playerEvent(type, side, starter(side)));
  }
  // Substitutions: five a side after half-time, one more each in extra time.
  for (const side of ['home', 'away'] as const) {
    const bench = squadOf(side).slice(11);
    const subs = shape === 'regular' ? 5 : 6;
    for (let s = 0; s < subs; s += 1) {
      const pool = s === 5 ? extra : [regulation[1] as Segment];
      const { segment, t } = at(pool);
      push(segment, t, playerEvent(EventType.Substitution, side, bench[s] as string, { IdSubPlayer: squadOf(side)[s + 3] }));
    }
  }

  // Period markers.
  const periodEvents = segments.length * 2 + 2;
  // The shoot-out: five kicks each, alternating, then sudden death until someone is ahead.
  const kicks: { side: 'home' | 'away'; scored: boolean }[] = [];
  if (shape === 'shootout') {
    const tally = { home: 0, away: 0 };
    for (let round = 0; round < 5 || tally.home === tally.away; round += 1) {
      for (const side of ['home', 'away'] as const) {
        const scored = rng() < 0.75;
        if (scored) tally[side] += 1;
        kicks.push({ side, scored });
      }
    }
  }

  // Noise fills the match up to the target size.
  const fixed = drafts.length + periodEvents + (kicks.length > 0 ? kicks.length + 2 : 0) + 1;
  for (let n = Math.max(0, targetEvents - fixed + int(rng, -5, 5)); n > 0; n -= 1) {
    const { segment, t } = at(segments);
    const side = rng() < 0.5 ? 'home' : 'away';
    push(segment, t, playerEvent(pick(rng, NOISE_TYPES), side, starter(side)));
  }

  const kickoffT = 0;
  const events: FifaObject[] = [];
  let nextId = 18_185_300_000_000n + BigInt(index) * 1_000_000n;
  const score = { home: 0, away: 0 };
  const pens = { home: 0, away: 0 };
  const emit = (t: number, fields: FifaObject): void => {
    nextId += 137n;
    events.push(
      rawEvent({
        EventId: String(nextId),
        Timestamp: iso(kickoffMs, t),
        HomeGoals: score.home,
        AwayGoals: score.away,
        HomePenaltyGoals: pens.home,
        AwayPenaltyGoals: pens.away,
        ...fields,
      }),
    );
  };

  emit(kickoffT - 150, { Type: EventType.CoinToss, Period: Period.NotStarted, MatchMinute: "1'", IdTeam: homeId });
  drafts.sort((a, b) => a.t - b.t);
  let cursor = 0;
  for (const segment of segments) {
    emit(segment.start, { Type: EventType.PeriodStart, Period: segment.period, MatchMinute: `${segment.baseMinute + 1}'` });
    const end = segment.start + segment.length;
    for (; cursor < drafts.length && (drafts[cursor] as Draft).t < end; cursor += 1) {
      const draft = drafts[cursor] as Draft;
      if (draft.goal !== undefined) score[draft.goal] += 1;
      emit(draft.t, draft.fields);
    }
    emit(end, { Type: EventType.PeriodEnd, Period: segment.period, MatchMinute: minuteText(segment, end - 1) });
  }
  let t = (segments.at(-1) as Segment).start + (segments.at(-1) as Segment).length;
  if (kicks.length > 0) {
    t += 180;
    emit(t, { Type: EventType.PeriodStart, Period: Period.Shootout, MatchMinute: "121'" });
    for (const kick of kicks) {
      t += 55;
      if (kick.scored) pens[kick.side] += 1;
      emit(t, {
        ...playerEvent(kick.scored ? EventType.PenaltyGoal : pick(rng, [EventType.PenaltySaved, EventType.PenaltyMissed]), kick.side, starter(kick.side)),
        Period: Period.Shootout,
        MatchMinute: "121'",
      });
    }
    t += 30;
    emit(t, { Type: EventType.PeriodEnd, Period: Period.Shootout, MatchMinute: "121'" });
  }
  emit(t + 6, { Type: EventType.MatchEnd, Period: Period.Over, MatchMinute: '' });

  const stage = knockout
    ? { IdStage: WC2026.round32StageId, IdGroup: null, StageName: localized('Round of 32'), GroupName: [] }
    : { IdStage: WC2026.groupStageId, StageName: localized('First Stage'), GroupName: localized(`Group ${String.fromCharCode(65 + (index % 12))}`) };
  const base = rawCalendarMatch({
    ...stage,
    IdMatch: String(400_021_000 + index),
    Date: new Date(kickoffMs).toISOString().replace('.000Z', 'Z'),
    Home: home,
    Away: away,
    MatchNumber: index + 1,
  });
  return { shape, events, players: names, ...calendars(base, score, kicks.length > 0 ? pens : null, homeId, awayId) };
}

function calendars(
  base: FifaObject,
  score: { home: number; away: number },
  pens: { home: number; away: number } | null,
  homeId: string,
  awayId: string,
): { calendarLive: FifaObject; calendarFinished: FifaObject } {
  const withScore = (team: unknown, value: number | null): unknown => ({ ...(team as FifaObject), Score: value });
  const calendarLive = {
    ...base,
    MatchStatus: MatchStatusCode.Live,
    Home: withScore(base.Home, 0),
    Away: withScore(base.Away, 0),
    HomeTeamScore: 0,
    AwayTeamScore: 0,
    HomeTeamPenaltyScore: 0,
    AwayTeamPenaltyScore: 0,
    MatchTime: "1'",
  };
  const homeWins = score.home > score.away || (score.home === score.away && pens !== null && pens.home > pens.away);
  const draw = score.home === score.away && pens === null;
  const calendarFinished = {
    ...base,
    MatchStatus: MatchStatusCode.Finished,
    Home: withScore(base.Home, score.home),
    Away: withScore(base.Away, score.away),
    HomeTeamScore: score.home,
    AwayTeamScore: score.away,
    HomeTeamPenaltyScore: pens?.home ?? 0,
    AwayTeamPenaltyScore: pens?.away ?? 0,
    ResultType: pens === null ? 1 : 2,
    Winner: draw ? null : homeWins ? homeId : awayId,
    MatchTime: "90'",
  };
  return { calendarLive, calendarFinished };
}

/**
 * The bundled 2022 final (extra time and a shoot-out) under a new match id and event ids, with noise
 * inserted between its events (same period, same score) up to about `targetEvents`.
 */
export function recordingMatch(index: number, targetEvents = 150): RawMatch {
  const recording = loadRecording();
  const rng = seededRng(0xf1a1 + index);
  const source = recording.timeline.Event;
  const matchId = String(400_128_000 + index);
  const prefix = BigInt(index + 1) * 100_000_000_000_000n;
  const extra = Math.max(0, targetEvents - source.length);
  const events: FifaObject[] = [];
  const playable = new Set<number>([Period.FirstHalf, Period.SecondHalf, Period.ExtraFirst, Period.ExtraSecond]);
  const gaps = source.filter((e, i) => playable.has(Number(e.Period)) && i + 1 < source.length).length;
  const teams = [String((recording.calendar.Home as FifaObject).IdTeam), String((recording.calendar.Away as FifaObject).IdTeam)];
  const playerIds = Object.keys(recording.players);
  let added = 0;
  source.forEach((event, i) => {
    events.push({ ...event, EventId: String(prefix + BigInt(String(event.EventId))) });
    const next = source[i + 1];
    if (next === undefined || !playable.has(Number(event.Period)) || Number(event.Type) === EventType.PeriodEnd) return;
    const quota = Math.round(((i + 1) * extra) / gaps) - added;
    const from = Date.parse(String(event.Timestamp));
    const to = Date.parse(String(next.Timestamp));
    for (let n = 0; n < quota; n += 1) {
      added += 1;
      events.push({
        ...event,
        EventId: String(prefix + BigInt(String(event.EventId)) + BigInt(n + 1)),
        Timestamp: new Date(from + ((to - from) * (n + 1)) / (quota + 1)).toISOString(),
        Type: pick(rng, NOISE_TYPES),
        IdTeam: pick(rng, teams),
        IdPlayer: pick(rng, playerIds),
        IdSubPlayer: null,
        TypeLocalized: [],
        EventDescription: [],
      });
    }
  });
  const players = new Map<string, string>();
  for (const [id, body] of Object.entries(recording.players)) {
    const name = (body.Name as { Description: string }[] | undefined)?.[0]?.Description ?? id;
    players.set(id, name);
  }
  const finished = { ...recording.calendar, IdMatch: matchId };
  const live = {
    ...finished,
    MatchStatus: MatchStatusCode.Live,
    HomeTeamScore: 0,
    AwayTeamScore: 0,
    HomeTeamPenaltyScore: 0,
    AwayTeamPenaltyScore: 0,
    Winner: null,
    ResultType: 0,
    MatchTime: "1'",
  };
  return { shape: 'recording', calendarLive: live, calendarFinished: finished, events, players };
}

/** The shape of match `index` in a set: mostly regular, a quarter with a shoot-out, some decided in extra time. */
export function shapeOf(index: number): MatchShape {
  if (index % 16 === 0) return 'recording';
  if (index % 4 === 1) return 'shootout';
  if (index % 8 === 2) return 'extra-time';
  return 'regular';
}

export function buildMatch(index: number, targetEvents = 150): RawMatch {
  const shape = shapeOf(index);
  return shape === 'recording' ? recordingMatch(index, targetEvents) : generateMatch(index, shape, targetEvents);
}
