import type { App } from '@slack/bolt';
import type { MemberDeps } from '../members.js';
import { registerAdminActions } from './actions/admin.js';
import { registerCompetitionActions } from './actions/competitions.js';
import { registerDmActions } from './actions/dm.js';
import { registerQuietHoursActions } from './actions/quiet-hours.js';
import { registerReminderAction } from './actions/reminder.js';
import { registerSmsActions } from './actions/sms.js';
import { registerStreamerActions } from './actions/streamers.js';
import { registerTeamActions } from './actions/teams.js';
import { registerFanfareCommand } from './commands/fanfare.js';
import { registerAppHomeOpened } from './events/app-home-opened.js';
import { registerAppMention } from './events/app-mention.js';
import { registerUninstall } from './events/app-uninstalled.js';
import { registerUserChange } from './events/user-change.js';
import { registerStreamerView } from './views/streamer.js';
import { registerSubscribeViews } from './views/subscribe.js';

export interface ListenerDeps extends MemberDeps {
  /** Called when the app is uninstalled or its tokens are revoked. */
  stop: (reason: string) => void;
}

/** Every listener, grouped as in Slack's starter template. */
export function registerListeners(app: App, deps: ListenerDeps): void {
  registerAppHomeOpened(app, deps);
  registerAppMention(app, deps);
  registerUninstall(app, deps, deps.stop);
  registerUserChange(app, deps);
  registerTeamActions(app, deps);
  registerStreamerActions(app, deps);
  registerSmsActions(app, deps);
  registerDmActions(app, deps);
  registerQuietHoursActions(app, deps);
  registerReminderAction(app, deps);
  registerAdminActions(app, deps);
  registerCompetitionActions(app, deps);
  registerSubscribeViews(app, deps);
  registerStreamerView(app, deps);
  registerFanfareCommand(app, deps);
}
