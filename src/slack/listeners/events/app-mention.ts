import type { App } from '@slack/bolt';
import { catalogue } from '../../../alerts/i18n/index.js';
import { parseMention } from '../../command-parser.js';
import { matchChannel, type MemberDeps } from '../../members.js';
import { subscribePrompt } from '../../views/messages.js';

/**
 * `@Fanfare subscribe +44 7400 123456` (the original bot's command) answers with a button that opens the
 * subscribe modal with the number filled in, seen only by who asked; any other mention gets a short help.
 */
export function registerAppMention(app: App, deps: MemberDeps): void {
  app.event('app_mention', async ({ event, client, say }) => {
    const request = parseMention(event.text);
    const user = event.user;
    if (request.kind === 'subscribe' && user) {
      const prompt = subscribePrompt(deps.locale, request.number);
      await client.chat.postEphemeral({
        channel: event.channel,
        user,
        text: prompt.text,
        ...(prompt.blocks ? { blocks: prompt.blocks as never } : {}),
        ...(event.thread_ts ? { thread_ts: event.thread_ts } : {}),
      });
      return;
    }
    const channel = await matchChannel(deps);
    await say({
      text: catalogue(deps.locale).slack.mentionHelp(channel ? `<#${channel}>` : null),
      thread_ts: event.thread_ts ?? event.ts,
    });
  });
}
