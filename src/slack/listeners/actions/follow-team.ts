/** Follow (from the select or the type-ahead) and unfollow a team in the App Home. Acts only for the member who clicked. */
import { forMember } from '../../member-context.js';
import { guarded, publishHome, type MemberDeps } from '../../members.js';
import type { ActionArgs } from '../args.js';
import { actionValue } from './values.js';

export function chooseTeam(shared: MemberDeps, follow: boolean) {
  return async ({ ack, body, action, client, context }: ActionArgs): Promise<void> => {
    const deps = forMember(shared, context);
    await ack();
    const userId = body.user.id;
    const teamKey = actionValue(action);
    await guarded(deps, client, follow ? 'follow team' : 'unfollow team', userId, async () => {
      if (!teamKey) return;
      if (follow) {
        // Only clubs of a followed competition, under their team key (`espn:359`).
        const team = (await deps.directory.snapshot()).team(teamKey);
        if (!team) return;
        await deps.follows.followTeam(userId, team.id);
      } else {
        await deps.follows.unfollowTeam(userId, teamKey);
      }
      await publishHome(deps, client, userId);
    });
  };
}
