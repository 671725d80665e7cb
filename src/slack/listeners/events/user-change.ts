/** A member deactivated in Slack can no longer stop their own SMS: their number and follows go (SPEC O6). */
import { forgetMember } from '../../forget.js';
import type { MemberDeps } from '../../members.js';
import type { EventArgs } from '../args.js';

export function userChange(deps: MemberDeps) {
  return async ({ event }: EventArgs<'user_change'>): Promise<void> => {
    if (!event.user.deleted) return;
    try {
      await forgetMember(deps, event.user.id);
      deps.logger.info({ user: event.user.id }, 'member deactivated in Slack: number and follows deleted');
    } catch (error) {
      deps.logger.error({ err: error, user: event.user.id }, 'could not delete a deactivated member\'s data');
    }
  };
}
