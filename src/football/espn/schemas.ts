/**
 * zod schemas for ESPN's soccer site API (reference: shared/reference/espn.md). ESPN is unofficial and
 * changes without notice, so every field is optional and tolerant: ids may come as numbers (kept as
 * strings, never compared numerically), a score may be a string, a number or `{value, displayValue}`.
 * Only the envelopes are strict (an `events` or `keyEvents` that is not an array is garbage). Unknown keys
 * are stripped. A single malformed scoreboard event or team is dropped by the client, not the whole answer.
 */
import { z } from 'zod';

export { describeZodError } from '../../zod-errors.js';

/** Present, non-empty ids as strings; anything else absent. */
const id = z
  .union([z.string(), z.number()])
  .nullish()
  .transform((v) => (v === null || v === undefined || v === '' ? undefined : String(v)));

const str = z
  .string()
  .nullish()
  .transform((v) => v ?? undefined);

const num = z
  .number()
  .nullish()
  .transform((v) => v ?? undefined);

const bool = z
  .boolean()
  .nullish()
  .transform((v) => v ?? undefined);

/** `"2"` on the scoreboard, `2.0` in places, `{value, displayValue}` in team schedules. */
const score = z
  .union([z.string(), z.number(), z.object({ value: num, displayValue: str })])
  .nullish()
  .transform((v): number | undefined => {
    if (v === null || v === undefined) return undefined;
    const raw = typeof v === 'object' ? (v.value ?? v.displayValue) : v;
    const n = typeof raw === 'number' ? raw : raw === undefined || raw.trim() === '' ? Number.NaN : Number(raw);
    return Number.isFinite(n) ? n : undefined;
  });

/** An array whose malformed or missing form reads as empty (optional lists inside an item). */
function list<S extends z.ZodType>(item: S) {
  return z
    .array(item)
    .nullish()
    .catch(undefined)
    .transform((v) => v ?? []);
}

/** An object whose malformed form reads as absent. */
function opt<S extends z.ZodType>(schema: S) {
  return schema
    .nullish()
    .catch(undefined)
    .transform((v) => v ?? undefined);
}

export const EspnTeamSchema = z.object({
  id,
  abbreviation: str,
  displayName: str,
  shortDisplayName: str,
  name: str,
  location: str,
  logo: str,
  logos: list(z.object({ href: str })),
});
export type EspnTeam = z.output<typeof EspnTeamSchema>;

export const EspnStatusSchema = z.object({
  /** Seconds; stops at the period's end during stoppage time. */
  clock: num,
  displayClock: str,
  period: num,
  type: opt(
    z.object({
      id,
      name: str,
      state: str,
      completed: bool,
      detail: str,
      shortDetail: str,
    }),
  ),
});
export type EspnStatus = z.output<typeof EspnStatusSchema>;

export const EspnCompetitorSchema = z.object({
  id,
  homeAway: str,
  winner: bool,
  score,
  /** Only after a shoot-out. */
  shootoutScore: score,
  team: opt(EspnTeamSchema),
});
export type EspnCompetitor = z.output<typeof EspnCompetitorSchema>;

const EspnSeasonRefSchema = z.object({ year: num, type: num, slug: str, name: str, displayName: str });

export const EspnEventSchema = z.object({
  id,
  date: str,
  name: str,
  season: opt(EspnSeasonRefSchema),
  status: opt(EspnStatusSchema),
  competitions: list(
    z.object({
      id,
      date: str,
      status: opt(EspnStatusSchema),
      competitors: list(EspnCompetitorSchema),
      altGameNote: str,
      notes: list(z.object({ headline: str, text: str })),
    }),
  ),
});
export type EspnEvent = z.output<typeof EspnEventSchema>;

export const EspnLeagueSchema = z.object({
  id,
  slug: str,
  name: str,
  abbreviation: str,
  season: opt(
    z.object({
      year: num,
      displayName: str,
      type: opt(z.object({ type: num, name: str })),
    }),
  ),
});
export type EspnLeague = z.output<typeof EspnLeagueSchema>;

/** The envelope; `events` items are validated one by one by the client. */
export const EspnScoreboardEnvelopeSchema = z.object({
  events: z.array(z.unknown()),
  leagues: list(EspnLeagueSchema),
  day: opt(z.object({ date: str })),
});

export interface EspnScoreboard {
  events: EspnEvent[];
  leagues: EspnLeague[];
  day: string | undefined;
}

const AthleteSchema = z.object({ id, displayName: str });

export const EspnKeyEventSchema = z.object({
  id,
  type: opt(z.object({ id, text: str, type: str })),
  text: str,
  shortText: str,
  period: opt(z.object({ number: num })),
  clock: opt(z.object({ value: num, displayValue: str })),
  scoringPlay: bool,
  shootout: bool,
  team: opt(z.object({ id, displayName: str })),
  participants: list(z.object({ athlete: opt(AthleteSchema) })),
  wallclock: str,
});
export type EspnKeyEvent = z.output<typeof EspnKeyEventSchema>;

export const EspnShootoutTeamSchema = z.object({
  /** The team's id. */
  id,
  team: str,
  shots: list(z.object({ id, playerId: id, player: str, shotNumber: num, didScore: bool })),
});
export type EspnShootoutTeam = z.output<typeof EspnShootoutTeamSchema>;

/**
 * A match summary. `keyEvents` is all or nothing: dropping one bad event would look like a VAR deletion
 * downstream. Only commentary plays' ids and types are read (the shoot-out's kick order).
 */
export const EspnSummarySchema = z.object({
  header: z.object({
    id,
    league: opt(z.object({ id, slug: str, name: str })),
    season: opt(EspnSeasonRefSchema),
    competitions: list(
      z.object({
        id,
        date: str,
        status: opt(EspnStatusSchema),
        competitors: list(EspnCompetitorSchema),
        altGameNote: str,
      }),
    ),
  }),
  keyEvents: z
    .array(EspnKeyEventSchema)
    .nullish()
    .transform((v) => v ?? []),
  shootout: list(EspnShootoutTeamSchema),
  commentary: list(z.object({ sequence: num, play: opt(z.object({ id, type: opt(z.object({ type: str })) })) })),
  meta: opt(z.object({ gameState: str, lastUpdatedAt: str })),
});
export type EspnSummary = z.output<typeof EspnSummarySchema>;

/** `/{league}/teams`: `sports[0].leagues[0].teams[].team`; teams are validated one by one by the client. */
export const EspnTeamsEnvelopeSchema = z.object({
  sports: z.array(
    z.object({
      leagues: z.array(
        z.object({
          id,
          slug: str,
          name: str,
          abbreviation: str,
          season: opt(z.object({ year: num, displayName: str })),
          teams: z.array(z.object({ team: z.unknown() })),
        }),
      ),
    }),
  ),
});

export interface EspnTeams {
  league: { id: string | undefined; slug: string | undefined; name: string | undefined; season: number | undefined };
  teams: EspnTeam[];
}
