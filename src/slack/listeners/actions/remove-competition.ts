/** An admin stops following a competition from the App Home. */
import { removeCompetition as remove } from '../../competition-flow.js';
import type { MemberDeps } from '../../members.js';
import { changeCompetition } from './change-competition.js';

export function removeCompetition(shared: MemberDeps) {
  return changeCompetition(shared, 'remove competition', (ref, _action, _client, userId, deps) => remove(deps, ref, userId));
}
