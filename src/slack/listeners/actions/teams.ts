import type { App, BlockAction } from '@slack/bolt';
import { teamWithCompetition } from '../../../football/directory.js';
import { ACTIONS } from '../../ids.js';
import { guarded, publishHome, type MemberDeps } from '../../members.js';
import { forMember } from '../../member-context.js';
import { actionValue } from './values.js';

/** Slack's limit on an option's text. */
const OPTION_TEXT_MAX = 75;

/** Follow and unfollow teams from the App Home. Acts only for the member who clicked. */
export function registerTeamActions(app: App, shared: MemberDeps): void {
  const choices = [
    [ACTIONS.followTeamSelect, true],
    [ACTIONS.followTeamSearch, true],
    [ACTIONS.unfollowTeam, false],
  ] as const;
  for (const [actionId, follow] of choices) {
    app.action<BlockAction>(actionId, async ({ ack, body, action, client, context }) => {
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
    });
  }

  // Type-ahead across every followed competition, each club shown with its competition.
  app.options(ACTIONS.followTeamSearch, async ({ ack, payload, context }) => {
    const deps = forMember(shared, context);
    const teams = (await deps.directory.snapshot()).search(payload.value, 100);
    await ack({ options: teams.map((team) => ({ text: { type: 'plain_text' as const, text: teamWithCompetition(team).slice(0, OPTION_TEXT_MAX) }, value: team.id })) });
  });
}
