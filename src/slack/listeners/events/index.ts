/** Binds each Slack event to its handler (one handler per file, as in Slack's template). */
import type { App } from '@slack/bolt';
import type { MemberDeps } from '../../members.js';
import { appHomeOpened } from './app-home-opened.js';
import { appMention } from './app-mention.js';
import { uninstalled } from './app-uninstalled.js';
import { userChange } from './user-change.js';

export function register(app: App, deps: MemberDeps, stop: (reason: string) => void): void {
  app.event('app_home_opened', appHomeOpened(deps));
  app.event('app_mention', appMention(deps));
  app.event('app_uninstalled', uninstalled(deps, stop, 'app_uninstalled', 'Fanfare was uninstalled from the workspace; deleting members\' numbers and stopping'));
  app.event('tokens_revoked', uninstalled(deps, stop, 'tokens_revoked', 'Fanfare\'s tokens were revoked; deleting members\' numbers and stopping'));
  app.event('user_change', userChange(deps));
}
