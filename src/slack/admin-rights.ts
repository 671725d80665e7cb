/** What only workspace admins and owners may do, and the channel joins their picks need. */
import type { webApi } from '@slack/bolt';
import { memberProfile } from './member-profile.js';
import { tellMember, type MemberDeps } from './members.js';
import { notAllowedMessage } from './views/messages.js';

/** Runs an admin's action; anyone else's click changes nothing and is told why. */
export async function adminOnly(deps: MemberDeps, client: webApi.WebClient, userId: string, work: () => Promise<void>): Promise<void> {
  if (!(await memberProfile(client, userId)).isAdmin) {
    deps.logger.warn({ user: userId }, 'admin action refused: not a workspace admin');
    await tellMember(client, userId, notAllowedMessage(deps.locale));
    return;
  }
  await work();
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
