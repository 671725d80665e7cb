import type { App } from '@slack/bolt';
import type { Logger } from '../../../log.js';

/** Uninstalled or tokens revoked: nothing Fanfare does can work any more, so it stops cleanly. */
export function registerUninstall(app: App, logger: Logger, stop: (reason: string) => void): void {
  app.event('app_uninstalled', async () => {
    logger.warn('Fanfare was uninstalled from the workspace; stopping');
    stop('app_uninstalled');
  });
  app.event('tokens_revoked', async () => {
    logger.warn('Fanfare\'s tokens were revoked; stopping');
    stop('tokens_revoked');
  });
}
