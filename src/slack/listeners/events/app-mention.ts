/**
 * `@Fanfare subscribe +44 7400 123456` (the original bot's command) answers with a button that opens the
 * subscribe modal with the number filled in; any other mention gets a short help. Both are seen only by
 * who asked, once per event: Slack redelivers an event it thinks was missed (SPEC X4).
 */
import { catalogue } from '../../../alerts/i18n/index.js';
import { parseMention } from '../../command-parser.js';
import { forMember } from '../../member-context.js';
import { matchChannel, type MemberDeps } from '../../members.js';
import { RecentIds } from '../../recent-ids.js';
import { subscribePrompt } from '../../views/messages.js';
import type { EventArgs } from '../args.js';

export function appMention(shared: MemberDeps) {
  const answered = new RecentIds();
  return async ({ event, body, client, context }: EventArgs<'app_mention'>): Promise<void> => {
    const deps = forMember(shared, context);
    const user = event.user;
    if (!user || !answered.firstSeen(body.event_id)) return;
    const request = parseMention(event.text);
    const thread = event.thread_ts ? { thread_ts: event.thread_ts } : {};
    if (request.kind === 'subscribe') {
      const prompt = subscribePrompt(deps.locale, request.number);
      await client.chat.postEphemeral({
        channel: event.channel,
        user,
        text: prompt.text,
        ...(prompt.blocks ? { blocks: prompt.blocks as never } : {}),
        ...thread,
      });
      return;
    }
    const channel = await matchChannel(deps);
    await client.chat.postEphemeral({
      channel: event.channel,
      user,
      text: catalogue(deps.locale).slack.mentionHelp(channel ? `<#${channel}>` : null),
      ...thread,
    });
  };
}
