/**
 * What the football loop, the App Home and the admin's competition picker ask of a provider (FIFA, ESPN).
 * Everything here speaks the neutral model: provider codes stay in the provider's folder (SPEC C1).
 * A method answering null means "the provider did not answer usefully: skip this poll" (SPEC C5); it
 * never means "nothing there".
 */
import { PROVIDERS, type NeutralMatch, type NeutralSnapshot, type NeutralTeam, type Provider } from './model.js';

/** One followed competition as configured: `fifa:17`, `fifa:17/285023`, `espn:eng.1` (SPEC `COMPETITIONS`). */
export interface CompetitionRef {
  provider: Provider;
  /** FIFA's competition id or ESPN's league slug. */
  id: string;
  /** A pinned season; null: FIFA's current or next season (C2), ESPN's current one. */
  season: string | null;
}

/** `provider:id` or `provider:id/season`, the form `COMPETITIONS` uses. */
export function competitionRefString(ref: CompetitionRef): string {
  return `${ref.provider}:${ref.id}${ref.season === null ? '' : `/${ref.season}`}`;
}

const COMPETITION_PART = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** Reads `provider:id` or `provider:id/season`; a sentence saying what is wrong otherwise. */
export function readCompetitionRef(entry: string): CompetitionRef | string {
  const colon = entry.indexOf(':');
  if (colon === -1) return `"${entry}" has no provider`;
  const provider = PROVIDERS.find((p) => p === entry.slice(0, colon).trim().toLowerCase());
  if (provider === undefined) return `unknown provider "${entry.slice(0, colon)}" in "${entry}" (known: ${PROVIDERS.join(', ')})`;
  const parts = entry.slice(colon + 1).split('/');
  if (parts.length > 2 || !parts.every((part) => COMPETITION_PART.test(part))) return `"${entry}" is not a competition`;
  return { provider, id: parts[0] as string, season: parts[1] ?? null };
}

/** Reads what a member typed (`espn:eng.1`, `FIFA:17/285023`); null when it is not a competition. */
export function parseCompetitionRef(text: string): CompetitionRef | null {
  const ref = readCompetitionRef(text.trim());
  return typeof ref === 'string' ? null : ref;
}

/**
 * A team as members follow it: `provider:teamId` (`fifa:43922`, `espn:359`). A club keeps one key in every
 * competition of its provider, so following Arsenal follows its league and cup matches alike. Follows
 * written before providers existed hold bare FIFA team ids: read them as `fifa:` keys.
 */
export function teamKey(provider: Provider, teamId: string): string {
  return `${provider}:${teamId}`;
}

export interface FootballProvider {
  readonly provider: Provider;
  /**
   * The competition's matches worth knowing about now: FIFA's season calendar, ESPN's scoreboards of today
   * and tomorrow (US Eastern). Null: skip this poll for this competition only.
   */
  matches(competition: CompetitionRef): Promise<NeutralMatch[] | null>;
  /** A live match as it stands, with its events in the provider's order. Null: skip this poll for this match. */
  snapshot(match: NeutralMatch): Promise<NeutralSnapshot | null>;
  /**
   * Every team of the competition, so a member can follow a club whose next match is weeks away
   * (ESPN's `/{league}/teams`, FIFA's season calendar). Null when the provider did not answer.
   */
  teams(competition: CompetitionRef): Promise<NeutralTeam[] | null>;
}
