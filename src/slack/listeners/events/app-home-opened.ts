import type { App } from '@slack/bolt';
import { publishHome, type MemberDeps } from '../../members.js';
import { forMember } from '../../member-context.js';

/** The App Home tab (not the Messages tab) is built afresh each time a member opens it. */
export function registerAppHomeOpened(app: App, shared: MemberDeps): void {
  app.event('app_home_opened', async ({ event, client, context }) => {
    const deps = forMember(shared, context);
    if (event.tab !== 'home') return;
    try {
      await publishHome(deps, client, event.user);
    } catch (error) {
      deps.logger.error({ err: error, user: event.user }, 'App Home not published');
    }
  });
}
