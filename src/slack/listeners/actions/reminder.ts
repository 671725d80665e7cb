/** The App Home's kick-off reminder select (SPEC P5): off, 15 or 60 minutes; a member sets only their own. */
import { forMember } from '../../member-context.js';
import { guarded, publishHome, type MemberDeps } from '../../members.js';
import type { ActionArgs } from '../args.js';
import { actionValue } from './values.js';

export function chooseReminder(shared: MemberDeps) {
  return async ({ ack, body, action, client, context }: ActionArgs): Promise<void> => {
    const deps = forMember(shared, context);
    await ack();
    const userId = body.user.id;
    const value = actionValue(action);
    await guarded(deps, client, 'choose kick-off reminders', userId, async () => {
      if (value === '15' || value === '60') await deps.prefs.patch(userId, { reminderMinutes: value === '15' ? 15 : 60 });
      else if (value === 'off') await deps.prefs.patch(userId, { reminderMinutes: undefined });
      await publishHome(deps, client, userId);
    });
  };
}
