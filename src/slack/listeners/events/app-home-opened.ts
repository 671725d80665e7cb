/** The App Home tab (not the Messages tab) is built afresh each time a member opens it. */
import { forMember } from '../../member-context.js';
import { publishHome, type MemberDeps } from '../../members.js';
import type { EventArgs } from '../args.js';

export function appHomeOpened(shared: MemberDeps) {
  return async ({ event, client, context }: EventArgs<'app_home_opened'>): Promise<void> => {
    const deps = forMember(shared, context);
    if (event.tab !== 'home') return;
    try {
      await publishHome(deps, client, event.user);
    } catch (error) {
      deps.logger.error({ err: error, user: event.user }, 'App Home not published');
    }
  };
}
