/**
 * A member changed in Slack. Deactivated, they can no longer stop their own SMS: their number, follows
 * and queued messages go (SPEC O6). Otherwise their Slack locale and time zone are kept fresh for the
 * alerts (SPEC P3), if Fanfare knows them.
 */
import { forgetMember } from '../../forget.js';
import { refreshSlackProfiles } from '../../member-backfill.js';
import { forgetProfile } from '../../member-profile.js';
import type { MemberDeps } from '../../members.js';
import type { EventArgs } from '../args.js';

export function userChange(deps: MemberDeps) {
  return async ({ event }: EventArgs<'user_change'>): Promise<void> => {
    forgetProfile(event.user.id);
    if (!event.user.deleted) {
      try {
        if ((await refreshSlackProfiles(deps, [event.user])) > 0) deps.logger.info({ user: event.user.id }, 'member\'s Slack locale or time zone changed');
      } catch (error) {
        deps.logger.error({ err: error, user: event.user.id }, 'could not keep a member\'s Slack locale and time zone');
      }
      return;
    }
    try {
      await forgetMember(deps, event.user.id);
      deps.logger.info({ user: event.user.id }, 'member deactivated in Slack: number and follows deleted');
    } catch (error) {
      deps.logger.error({ err: error, user: event.user.id }, 'could not delete a deactivated member\'s data');
    }
  };
}
