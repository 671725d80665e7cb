/** An admin's channel pick in the App Home: Fanfare joins it first (or says to invite it to a private one), then it is kept. */
import { adminOnly, joinChannel } from '../../admin-rights.js';
import { forMember } from '../../member-context.js';
import { guarded, publishHome, tellMember, type MemberDeps } from '../../members.js';
import { channelJoinProblem } from '../../views/messages.js';
import type { Settings } from '../../../store/settings.js';
import type { ActionArgs } from '../args.js';
import { actionValue } from './values.js';

/** `what` names the setting in logs; `save` turns the channel into the settings it changes. */
export function pickChannel(shared: MemberDeps, what: string, save: (channel: string, userId: string) => Partial<Settings>) {
  return async ({ ack, body, action, client, context }: ActionArgs): Promise<void> => {
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
  };
}
