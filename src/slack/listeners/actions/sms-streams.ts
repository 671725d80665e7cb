/** The App Home's streamers-by-SMS switch (SPEC P1); the button's value is the new state. */
import { forMember } from '../../member-context.js';
import { guarded, publishHome, type MemberDeps } from '../../members.js';
import type { ActionArgs } from '../args.js';
import { actionValue } from './values.js';

export function switchStreamSms(shared: MemberDeps) {
  return async ({ ack, body, action, client, context }: ActionArgs): Promise<void> => {
    const deps = forMember(shared, context);
    await ack();
    const userId = body.user.id;
    const value = actionValue(action);
    await guarded(deps, client, 'switch streamer SMS', userId, async () => {
      if (value === 'on' || value === 'off') await deps.prefs.patch(userId, { streamsOnSms: value === 'on' });
      await publishHome(deps, client, userId);
    });
  };
}
