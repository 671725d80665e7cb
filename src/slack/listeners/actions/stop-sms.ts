/** "Stop SMS" in the App Home: the member's number is deleted, with every copy of it in the outbox. */
import { maskPhone } from '../../../sms/phone.js';
import { forgetNumber } from '../../forget.js';
import { forMember } from '../../member-context.js';
import { guarded, publishHome, type MemberDeps } from '../../members.js';
import type { ActionArgs } from '../args.js';

export function stopSms(shared: MemberDeps) {
  return async ({ ack, body, client, context }: ActionArgs): Promise<void> => {
    const deps = forMember(shared, context);
    await ack();
    const userId = body.user.id;
    await guarded(deps, client, 'stop SMS', userId, async () => {
      const subscription = await deps.subscribers.get(userId);
      await forgetNumber(deps, userId);
      if (subscription) deps.logger.info({ user: userId, phone: maskPhone(subscription.phone) }, 'SMS stopped; number deleted');
      await publishHome(deps, client, userId);
    });
  };
}
