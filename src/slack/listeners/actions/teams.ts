import type { App, BlockAction } from '@slack/bolt';
import { ACTIONS } from '../../ids.js';
import { guarded, publishHome, type MemberDeps } from '../../members.js';
import { actionValue } from './values.js';

/** Follow and unfollow teams from the App Home. Acts only for the member who clicked. */
export function registerTeamActions(app: App, deps: MemberDeps): void {
  const choices = [
    [ACTIONS.followTeamSelect, true],
    [ACTIONS.followTeamSearch, true],
    [ACTIONS.unfollowTeam, false],
  ] as const;
  for (const [actionId, follow] of choices) {
    app.action<BlockAction>(actionId, async ({ ack, body, action, client }) => {
      await ack();
      const userId = body.user.id;
      const teamId = actionValue(action);
      await guarded(deps, client, follow ? 'follow team' : 'unfollow team', userId, async () => {
        if (!teamId || (follow && !deps.competition.directory().byId(teamId))) return;
        if (follow) await deps.follows.followTeam(userId, teamId);
        else await deps.follows.unfollowTeam(userId, teamId);
        await publishHome(deps, client, userId);
      });
    });
  }

  // Type-ahead for competitions with more teams than a static select holds.
  app.options(ACTIONS.followTeamSearch, async ({ ack, payload }) => {
    const teams = deps.competition.directory().search(payload.value, 100);
    await ack({ options: teams.map((team) => ({ text: { type: 'plain_text' as const, text: team.name.slice(0, 75) }, value: team.id })) });
  });
}
