import type { App } from '@slack/bolt';
import type { MemberDeps } from '../members.js';
import * as actions from './actions/index.js';
import * as commands from './commands/index.js';
import * as events from './events/index.js';
import * as views from './views/index.js';

export interface ListenerDeps extends MemberDeps {
  /** Called when the app is uninstalled or its tokens are revoked. */
  stop: (reason: string) => void;
}

/** Every listener, grouped as in Slack's starter template: each folder's index binds ids to handlers. */
export function registerListeners(app: App, deps: ListenerDeps): void {
  events.register(app, deps, deps.stop);
  actions.register(app, deps);
  views.register(app, deps);
  commands.register(app, deps);
}
