/**
 * An in-process stand-in for the FIFA HTTP client that serves a bundled match recording "as of" a
 * simulated clock, in FIFA's own wire shapes, validated by the production schemas. The demo hands it to
 * the real FootballFeed, so raw → typed normalisation is exercised exactly as in production.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { FifaSource } from '../football/fifa-client.js';
import {
  describeZodError,
  RawCalendarMatchSchema,
  RawPlayerSchema,
  RawTimelineSchema,
  type RawCalendarMatch,
  type RawPlayer,
  type RawTimeline,
} from '../football/fifa-schemas.js';
import type { MatchKey } from '../football/types.js';

export const DEFAULT_RECORDING_URL = new URL('./recordings/wc2022-final.json', import.meta.url);

type Json = Record<string, unknown>;

/** How an event looked before `until`: the fields in `as` are served over the final ones. */
export interface Revision {
  EventId: string;
  until: string;
  as: Json;
}

export interface Recording {
  about: string;
  /** The calendar `Results[]` item as it stood once the match was over. */
  calendar: Json;
  /** The complete `/timelines/…` body. */
  timeline: Json & { Event: Json[] };
  revisions: Revision[];
  /** IdPlayer → `/players/{id}` body. */
  players: Record<string, Json>;
}

const JsonObject = z.record(z.string(), z.unknown());

/** Only the envelope is checked here; the FIFA shapes themselves go through the production schemas when served. */
const RecordingSchema = z.object({
  about: z.string(),
  calendar: JsonObject,
  timeline: JsonObject.and(z.object({ Event: z.array(JsonObject) })),
  revisions: z.array(z.object({ EventId: z.string(), until: z.string(), as: JsonObject })).default([]),
  players: z.record(z.string(), JsonObject),
});

export function parseRecording(json: unknown): Recording {
  const recording = RecordingSchema.parse(json) as Recording;
  for (const event of recording.timeline.Event) {
    if (Number.isNaN(instant(event.Timestamp))) throw new Error(`recording: event ${String(event.EventId)} has no readable Timestamp`);
  }
  for (const revision of recording.revisions) {
    if (Number.isNaN(instant(revision.until))) throw new Error(`recording: revision of ${revision.EventId} has no readable "until"`);
  }
  return recording;
}

export function loadRecording(url: URL = DEFAULT_RECORDING_URL): Recording {
  return parseRecording(JSON.parse(readFileSync(url, 'utf8')));
}

/** Milliseconds since the epoch of an ISO timestamp with any number of fraction digits (`.0Z`, `.871Z`). */
export function instant(value: unknown): number {
  if (typeof value !== 'string') return Number.NaN;
  const m = /^(.*T\d{2}:\d{2}:\d{2})(?:\.(\d+))?(Z|[+-]\d{2}:\d{2})$/.exec(value);
  if (!m) return Date.parse(value);
  const [, head, fraction, zone] = m;
  const ms = Date.parse(`${head}${zone}`);
  return fraction === undefined ? ms : ms + Number(`0.${fraction}`) * 1000;
}

/** The timeline events as they stood at `at`: only those already stamped, pending revisions applied. */
export function eventsAsOf(recording: Recording, at: number): Json[] {
  const pending = new Map<string, Json>();
  for (const revision of recording.revisions) {
    if (at < instant(revision.until)) pending.set(revision.EventId, revision.as);
  }
  return recording.timeline.Event.filter((event) => instant(event.Timestamp) <= at).map((event) => {
    const before = pending.get(String(event.EventId));
    return before === undefined ? { ...event } : { ...event, ...before };
  });
}

/** The `/timelines/…` body at `at`, raw. */
export function timelineAsOf(recording: Recording, at: number): Json {
  return { ...recording.timeline, Event: eventsAsOf(recording, at) };
}

/**
 * The calendar item at `at`, raw. FIFA's calendar has no period; its live fields follow the timeline:
 * not started until the kick-off event, live until the match-end event, the score and clock of the
 * latest event, and the result fields (winner, result type, final scores) only once it is over.
 */
export function calendarAsOf(recording: Recording, at: number): Json {
  const final = recording.calendar;
  const events = eventsAsOf(recording, at);
  const kickedOff = events.some((event) => event.Type === 7 && event.Period === 3);
  const over = events.some((event) => event.Type === 26);
  if (over) return { ...final };
  const last = events.at(-1);
  const team = (side: unknown, score: unknown): unknown =>
    typeof side === 'object' && side !== null ? { ...(side as Json), Score: score } : side;
  const homeScore = kickedOff ? (last?.HomeGoals ?? 0) : null;
  const awayScore = kickedOff ? (last?.AwayGoals ?? 0) : null;
  return {
    ...final,
    Home: team(final.Home, homeScore),
    Away: team(final.Away, awayScore),
    HomeTeamScore: homeScore,
    AwayTeamScore: awayScore,
    HomeTeamPenaltyScore: kickedOff ? (last?.HomePenaltyGoals ?? 0) : 0,
    AwayTeamPenaltyScore: kickedOff ? (last?.AwayPenaltyGoals ?? 0) : 0,
    MatchTime: kickedOff ? (last?.MatchMinute ?? null) : null,
    MatchStatus: kickedOff ? 3 : 1,
    ResultType: 0,
    Winner: null,
    Attendance: kickedOff ? final.Attendance : null,
  };
}

/** Identity of the recorded match, as strings. */
export function recordedMatch(recording: Recording): { competitionId: string; seasonId: string; stageId: string; matchId: string } {
  const c = recording.calendar;
  return {
    competitionId: String(c.IdCompetition),
    seasonId: String(c.IdSeason),
    stageId: String(c.IdStage),
    matchId: String(c.IdMatch),
  };
}

export interface RecordingClientStats {
  calendar: number;
  timeline: number;
  player: number;
}

/**
 * Same contract as FifaClient: resolves to the parsed shape, or null for an unknown match or player.
 * A recording the schemas reject is a bug in the bundle, not a flaky source, so it throws instead.
 */
export class RecordingClient implements FifaSource {
  readonly stats: RecordingClientStats = { calendar: 0, timeline: 0, player: 0 };

  constructor(
    private readonly recording: Recording,
    /** The simulated clock, in epoch milliseconds. */
    private readonly clock: () => number,
  ) {}

  async calendar(competitionId: string, seasonId: string): Promise<RawCalendarMatch[] | null> {
    this.stats.calendar += 1;
    const id = recordedMatch(this.recording);
    if (competitionId !== id.competitionId || seasonId !== id.seasonId) return [];
    return [validated(RawCalendarMatchSchema, calendarAsOf(this.recording, this.clock()), 'calendar')];
  }

  async timeline(key: MatchKey): Promise<RawTimeline | null> {
    this.stats.timeline += 1;
    const id = recordedMatch(this.recording);
    if (key.competitionId !== id.competitionId || key.seasonId !== id.seasonId || key.matchId !== id.matchId) return null;
    return validated(RawTimelineSchema, timelineAsOf(this.recording, this.clock()), 'timeline');
  }

  async player(playerId: string): Promise<RawPlayer | null> {
    this.stats.player += 1;
    const raw = this.recording.players[playerId];
    if (raw === undefined) return null;
    return validated(RawPlayerSchema, raw, `player ${playerId}`);
  }
}

function validated<S extends z.ZodType>(schema: S, raw: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new Error(`demo recording: ${what} does not match the FIFA schema (${describeZodError(parsed.error)})`);
  return parsed.data;
}
