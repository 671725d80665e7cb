import type { App } from '@slack/bolt';
import { forgetAllNumbers } from '../../forget.js';
import type { MemberDeps } from '../../members.js';

/**
 * Uninstalled or tokens revoked: nothing Fanfare does can work any more. Every member's number and every
 * code waiting to be typed is deleted first (SPEC O6), then Fanfare stops cleanly.
 */
export function registerUninstall(app: App, deps: MemberDeps, stop: (reason: string) => void): void {
  const uninstalled = (reason: string, message: string) => async () => {
    deps.logger.warn(message);
    try {
      await forgetAllNumbers(deps);
      deps.logger.info('every SMS number and pending code deleted');
    } catch (error) {
      deps.logger.error({ err: error }, 'could not delete every SMS number; members can still stop their own');
    }
    stop(reason);
  };
  app.event('app_uninstalled', uninstalled('app_uninstalled', 'Fanfare was uninstalled from the workspace; deleting members\' numbers and stopping'));
  app.event('tokens_revoked', uninstalled('tokens_revoked', 'Fanfare\'s tokens were revoked; deleting members\' numbers and stopping'));
}
