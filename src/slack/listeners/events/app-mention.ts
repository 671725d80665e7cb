import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { catalogue } from '../../../alerts/i18n/index.js';
import type { ListenerDeps } from '../index.js';

/** `@Fanfare …`: a short answer in the thread saying what Fanfare does and where. */
export function appMention(deps: ListenerDeps) {
  return async ({ event, say }: AllMiddlewareArgs & SlackEventMiddlewareArgs<'app_mention'>): Promise<void> => {
    const channel = await deps.matchChannel();
    await say({
      text: catalogue(deps.locale).slack.mentionHelp(channel ? `<#${channel}>` : null),
      thread_ts: event.thread_ts ?? event.ts,
    });
  };
}
