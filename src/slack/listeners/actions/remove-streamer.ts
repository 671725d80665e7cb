/** A member stops following a streamer from their App Home. */
import { forMember } from '../../member-context.js';
import { guarded, publishHome, type MemberDeps } from '../../members.js';
import type { ActionArgs } from '../args.js';
import { actionValue } from './values.js';

export function removeStreamer(shared: MemberDeps) {
  return async ({ ack, body, action, client, context }: ActionArgs): Promise<void> => {
    const deps = forMember(shared, context);
    await ack();
    const userId = body.user.id;
    const streamerId = actionValue(action);
    await guarded(deps, client, 'remove streamer', userId, async () => {
      if (streamerId) await deps.follows.unfollowStreamer(userId, streamerId);
      await publishHome(deps, client, userId);
    });
  };
}
