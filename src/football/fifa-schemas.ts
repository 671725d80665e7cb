/**
 * zod schemas for the FIFA v3 wire format (see /work/shared/reference/fifa-v3.md).
 *
 * Lenient where FIFA is known to be inconsistent (ids as numbers or strings, null or missing names,
 * null teams, absent IdTeam on period events); strict where a wrong guess would mislead the tracker
 * (the Results/Event arrays, EventId, Type and Period numbers). Unknown fields are stripped.
 */
import { z } from 'zod';

/** Ids are opaque strings; FIFA sometimes sends a number, so coerce it without ever doing maths on it. */
export const IdSchema = z.union([z.string(), z.number()]).transform((v) => String(v));

/** An id that may be absent (period events have no IdTeam, undecided slots have no team). */
export const OptionalIdSchema = z
  .union([z.string(), z.number()])
  .nullish()
  .transform((v) => (v === null || v === undefined || v === '' ? null : String(v)));

const optionalString = z
  .string()
  .nullish()
  .transform((v) => v ?? null);

const optionalNumber = z
  .number()
  .nullish()
  .transform((v) => v ?? null);

export const LocalizedEntrySchema = z.object({
  Locale: optionalString,
  Description: optionalString,
});
export type LocalizedEntry = z.output<typeof LocalizedEntrySchema>;

/** `[{Locale, Description}]`; may be empty, null or missing. */
export const LocalizedSchema = z
  .array(LocalizedEntrySchema)
  .nullish()
  .transform((v) => v ?? []);
export type Localized = z.output<typeof LocalizedSchema>;

export const RawTeamSchema = z.object({
  IdTeam: OptionalIdSchema,
  IdCountry: optionalString,
  Abbreviation: optionalString,
  ShortClubName: optionalString,
  TeamName: LocalizedSchema,
  Score: optionalNumber,
});
export type RawTeam = z.output<typeof RawTeamSchema>;

export const RawCalendarMatchSchema = z.object({
  IdCompetition: IdSchema,
  IdSeason: IdSchema,
  IdStage: IdSchema,
  IdMatch: IdSchema,
  IdGroup: OptionalIdSchema,
  CompetitionName: LocalizedSchema,
  SeasonName: LocalizedSchema,
  StageName: LocalizedSchema,
  GroupName: LocalizedSchema,
  /** Kick-off in UTC. `LocalDate` is venue time with a misleading `Z` and is deliberately not read. */
  Date: z.string(),
  Home: RawTeamSchema.nullish().transform((v) => v ?? null),
  Away: RawTeamSchema.nullish().transform((v) => v ?? null),
  HomeTeamScore: optionalNumber,
  AwayTeamScore: optionalNumber,
  HomeTeamPenaltyScore: optionalNumber,
  AwayTeamPenaltyScore: optionalNumber,
  MatchTime: optionalString,
  MatchStatus: z.number().int(),
  ResultType: optionalNumber,
  Winner: OptionalIdSchema,
  PlaceHolderA: optionalString,
  PlaceHolderB: optionalString,
});
export type RawCalendarMatch = z.output<typeof RawCalendarMatchSchema>;

/**
 * One page of a list (calendar, seasons). Items are validated one by one by the client (see fifa-client.ts),
 * so only the envelope is checked here: `Results` must be an array.
 */
export const RawCalendarPageSchema = z.object({
  ContinuationToken: optionalString,
  Results: z.array(z.unknown()),
});
export type RawCalendarPage = z.output<typeof RawCalendarPageSchema>;

export const RawEventSchema = z.object({
  EventId: IdSchema,
  Type: z.number().int(),
  Period: z.number().int(),
  IdTeam: OptionalIdSchema,
  IdPlayer: OptionalIdSchema,
  IdSubPlayer: OptionalIdSchema,
  IdSubTeam: OptionalIdSchema,
  Timestamp: optionalString,
  MatchMinute: optionalString,
  HomeGoals: optionalNumber,
  AwayGoals: optionalNumber,
  HomePenaltyGoals: optionalNumber,
  AwayPenaltyGoals: optionalNumber,
  TypeLocalized: LocalizedSchema,
  EventDescription: LocalizedSchema,
});
export type RawEvent = z.output<typeof RawEventSchema>;

/** A timeline is all or nothing: dropping one bad event would look like a VAR deletion downstream. */
export const RawTimelineSchema = z.object({
  IdCompetition: OptionalIdSchema,
  IdSeason: OptionalIdSchema,
  IdStage: OptionalIdSchema,
  IdMatch: OptionalIdSchema,
  Event: z.array(RawEventSchema),
});
export type RawTimeline = z.output<typeof RawTimelineSchema>;

/**
 * One `/seasons?idCompetition=` item. There is no "current" flag: the dates decide (see season.ts). A
 * season without readable dates is dropped by the client rather than guessed at.
 */
export const RawSeasonSchema = z.object({
  IdSeason: IdSchema,
  IdCompetition: OptionalIdSchema,
  Name: LocalizedSchema,
  StartDate: z.string(),
  EndDate: z.string(),
});
export type RawSeason = z.output<typeof RawSeasonSchema>;

export const RawPlayerSchema = z.object({
  IdPlayer: IdSchema,
  Name: LocalizedSchema,
  Alias: LocalizedSchema,
});
export type RawPlayer = z.output<typeof RawPlayerSchema>;

export { describeZodError } from '../zod-errors.js';
