/** The App Home's SMS level, kept on the member's subscription (its one source of truth); off keeps the number. */
import type { SmsAlertLevel } from '../../../store/subscribers.js';
import { forMember } from '../../member-context.js';
import { guarded, publishHome, type MemberDeps } from '../../members.js';
import type { ActionArgs } from '../args.js';
import { actionValue } from './values.js';

const LEVELS: readonly SmsAlertLevel[] = ['off', 'goals', 'cards', 'everything'];

export function chooseSmsLevel(shared: MemberDeps) {
  return async ({ ack, body, action, client, context }: ActionArgs): Promise<void> => {
    const deps = forMember(shared, context);
    await ack();
    const userId = body.user.id;
    const level = actionValue(action) as SmsAlertLevel | undefined;
    await guarded(deps, client, 'choose SMS alerts', userId, async () => {
      if (level && LEVELS.includes(level)) await deps.subscribers.update(userId, { alerts: level });
      await publishHome(deps, client, userId);
    });
  };
}
