/**
 * After texting START to the service, the member resumes here; Twilio refuses again (21610) if they did not.
 * Only an opted-out number resumes: a failed one (Twilio refused the number) needs a new number.
 */
import { forMember } from '../../member-context.js';
import { guarded, publishHome, type MemberDeps } from '../../members.js';
import type { ActionArgs } from '../args.js';

export function resumeSms(shared: MemberDeps) {
  return async ({ ack, body, client, context }: ActionArgs): Promise<void> => {
    const deps = forMember(shared, context);
    await ack();
    const userId = body.user.id;
    await guarded(deps, client, 'resume SMS', userId, async () => {
      await deps.subscribers.update(userId, { status: 'active', failure: undefined }, { status: 'opted-out' });
      await publishHome(deps, client, userId);
    });
  };
}
