import type { App } from '@slack/bolt';
import type { Locale } from '../../alerts/i18n/locales.js';
import type { Logger } from '../../log.js';

export interface ListenerDeps {
  logger: Logger;
  locale: Locale;
}

/** One line per listener, as in Slack's starter template. Members' listeners arrive with the App Home. */
export function registerListeners(_app: App, _deps: ListenerDeps): void {}
