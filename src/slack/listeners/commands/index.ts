/** Binds the slash command to its handler (one handler per file, as in Slack's template). */
import type { App } from '@slack/bolt';
import type { MemberDeps } from '../../members.js';
import { fanfareCommand } from './fanfare.js';

export function register(app: App, deps: MemberDeps): void {
  app.command('/fanfare', fanfareCommand(deps));
}
