/** A competition's switches: substitutions in its threads, goals broadcast to the channel. */
import { OPTION_VALUES } from '../../ids.js';
import type { MemberDeps } from '../../members.js';
import { changeCompetition, patchCompetition } from './change-competition.js';
import { actionValue } from './values.js';

export function switchCompetitionOptions(shared: MemberDeps) {
  return changeCompetition(shared, 'competition switches', async (ref, action, _client, userId, deps) => {
    const ticked = (actionValue(action) ?? '').split(',');
    await patchCompetition(deps, ref, userId, {
      substitutions: ticked.includes(OPTION_VALUES.substitutions),
      goalsInChannel: ticked.includes(OPTION_VALUES.goalsInChannel),
    });
  });
}
