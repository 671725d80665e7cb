import type { App, BlockAction } from '@slack/bolt';
import type { webApi } from '@slack/bolt';
import { ACTIONS } from '../../ids.js';
import { guarded, publishHome, tellMember, type MemberDeps } from '../../members.js';
import { forMember } from '../../member-context.js';
import { memberProfile } from '../../member-profile.js';
import { channelJoinProblem, notAllowedMessage } from '../../views/messages.js';
import type { Settings } from '../../../store/settings.js';
import { actionValue } from './values.js';

/** Runs an admin's action; anyone else's click changes nothing and is told why. */
export async function adminOnly(deps: MemberDeps, client: webApi.WebClient, userId: string, work: () => Promise<void>): Promise<void> {
  if (!(await memberProfile(client, userId)).isAdmin) {
    deps.logger.warn({ user: userId }, 'admin action refused: not a workspace admin');
    await tellMember(client, userId, notAllowedMessage(deps.locale));
    return;
  }
  await work();
}

/** Workspace settings, for admins and owners only. */
export function registerAdminActions(app: App, shared: MemberDeps): void {
  /** A channel pick: Fanfare joins it first (or says to invite it to a private one), then it is kept. */
  const pickChannel = (actionId: string, what: string, save: (channel: string, userId: string) => Partial<Settings>) =>
    app.action<BlockAction>(actionId, async ({ ack, body, action, client, context }) => {
      const deps = forMember(shared, context);
      await ack();
      const userId = body.user.id;
      const channel = actionValue(action);
      await guarded(deps, client, `pick ${what}`, userId, () =>
        adminOnly(deps, client, userId, async () => {
          if (!channel) return;
          if (!(await joinChannel(client, channel))) {
            await tellMember(client, userId, channelJoinProblem(deps.locale, channel));
            await publishHome(deps, client, userId);
            return;
          }
          await deps.settings.change(save(channel, userId));
          deps.logger.info({ user: userId, channel }, `${what} changed`);
          await publishHome(deps, client, userId);
        }),
      );
    });
  pickChannel(ACTIONS.adminChannel, 'match channel', (channel, userId) => ({ channel, channelPickedBy: userId }));
  pickChannel(ACTIONS.adminStreamsChannel, 'stream cards channel', (streamsChannel) => ({ streamsChannel }));
}

/** Fanfare joins a public channel itself; a private one needs an invitation, which only a member can give. */
export async function joinChannel(client: webApi.WebClient, channel: string): Promise<boolean> {
  try {
    await client.conversations.join({ channel });
    return true;
  } catch (error) {
    const code = (error as { data?: { error?: string } }).data?.error;
    if (code === 'method_not_supported_for_channel_type') {
      // Private: fine if Fanfare is already in it.
      const info = await client.conversations.info({ channel }).catch(() => undefined);
      return Boolean(info?.channel?.is_member);
    }
    return false;
  }
}
