/**
 * Adding and removing a followed competition, the same from the App Home and from `/fanfare competition`.
 * Callers check that the member is an admin first.
 */
import type { CatalogEntry } from '../football/catalog.js';
import { competitionRefString, type CompetitionRef } from '../football/provider.js';
import { foldTeamName } from '../football/teams.js';
import { sameCompetition, withDefaults, type FollowedCompetition } from '../store/competitions.js';
import type { MemberDeps } from './members.js';

/** Follows the competition with its defaults (SPEC C4) and asks for its teams; null when it was already followed. */
export async function addCompetition(deps: MemberDeps, entry: CatalogEntry, userId: string): Promise<FollowedCompetition | null> {
  const list = await deps.competitions.list();
  if (list.some((c) => sameCompetition(c, entry.ref))) return null;
  const added = withDefaults(entry.ref, entry.name);
  await deps.competitions.save(added);
  deps.logger.info({ user: userId, competition: competitionRefString(entry.ref), scope: added.scope }, 'competition added');
  // Members can follow its clubs before its first match is polled.
  void deps.directory.refreshTeams(entry.ref);
  return added;
}

export async function removeCompetition(deps: MemberDeps, ref: CompetitionRef, userId: string): Promise<void> {
  await deps.competitions.remove(ref);
  deps.logger.info({ user: userId, competition: competitionRefString(ref) }, 'competition removed');
}

/**
 * The followed competition an admin means by `provider:id` or its name (forgiving about case, accents and
 * spaces; a start of the name is enough when only one matches).
 */
export function followedByName<T extends FollowedCompetition>(list: T[], names: Map<T, string>, query: string): T | null {
  const byRef = list.find((c) => competitionRefString(c) === query.trim());
  if (byRef) return byRef;
  const folded = foldTeamName(query);
  if (folded === '') return null;
  const nameOf = (c: T) => foldTeamName(names.get(c) ?? c.name);
  const exact = list.find((c) => nameOf(c) === folded);
  if (exact) return exact;
  const started = list.filter((c) => nameOf(c).startsWith(folded) || nameOf(c).includes(folded));
  return started.length === 1 ? started[0]! : null;
}
