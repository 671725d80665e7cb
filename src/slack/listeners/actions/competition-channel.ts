/** The channel of one competition's threads: Fanfare joins it first, or tells the admin why it cannot. */
import { joinChannel } from '../../admin-rights.js';
import { tellMember, type MemberDeps } from '../../members.js';
import { channelJoinProblem } from '../../views/messages.js';
import { changeCompetition, patchCompetition } from './change-competition.js';
import { actionValue } from './values.js';

export function pickCompetitionChannel(shared: MemberDeps) {
  return changeCompetition(shared, 'competition channel', async (ref, action, client, userId, deps) => {
    const channel = actionValue(action);
    if (!channel) return;
    if (!(await joinChannel(client, channel))) {
      await tellMember(client, userId, channelJoinProblem(deps.locale, channel));
      return;
    }
    await patchCompetition(deps, ref, userId, { channel });
  });
}
