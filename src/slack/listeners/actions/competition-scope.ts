/** A thread for every match of a competition, or only for matches of teams members follow. */
import type { MemberDeps } from '../../members.js';
import { changeCompetition, patchCompetition } from './change-competition.js';
import { actionValue } from './values.js';

export function chooseCompetitionScope(shared: MemberDeps) {
  return changeCompetition(shared, 'competition scope', async (ref, action, _client, userId, deps) => {
    const scope = actionValue(action);
    if (scope === 'every-match' || scope === 'followed-teams') await patchCompetition(deps, ref, userId, { scope });
  });
}
