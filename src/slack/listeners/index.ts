import type { App } from '@slack/bolt';
import type { Locale } from '../../alerts/i18n/locales.js';
import type { Logger } from '../../log.js';
import { appMention } from './events/app-mention.js';

export interface ListenerDeps {
  logger: Logger;
  locale: Locale;
  /** The channel that gets match threads: the admin's pick, else SLACK_CHANNEL. */
  matchChannel: () => Promise<string | null>;
}

/** One line per listener, as in Slack's starter template. */
export function registerListeners(app: App, deps: ListenerDeps): void {
  app.event('app_mention', appMention(deps));
}
