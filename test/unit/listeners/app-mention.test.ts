/**
 * A listener called directly, as Slack's template tests its handlers: no App, a fake client, and the
 * member context the middleware would have set. The answer is in the member's language (SPEC P3).
 */
import type { webApi } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { catalogue } from '../../../src/alerts/i18n/index.js';
import { appMention } from '../../../src/slack/listeners/events/app-mention.js';
import type { EventArgs } from '../../../src/slack/listeners/args.js';
import type { MemberContext } from '../../../src/slack/member-context.js';
import type { MemberDeps } from '../../../src/slack/members.js';

const deps = {
  locale: 'en-GB',
  defaultChannel: 'C0MATCHES',
  settings: { get: async () => ({}) },
} as unknown as MemberDeps;

function mention(eventId: string, member: MemberContext | undefined) {
  const posted: { text: string; user: string }[] = [];
  const client = { chat: { postEphemeral: async (args: { text: string; user: string }) => void posted.push(args) } } as unknown as webApi.WebClient;
  const args = {
    event: { type: 'app_mention', user: 'U1', text: '<@UFANFARE> hello', channel: 'C0CHAT', ts: '1.1', event_ts: '1.1' },
    body: { event_id: eventId },
    client,
    context: member ? { member } : {},
  } as unknown as EventArgs<'app_mention'>;
  return { args, posted };
}

const member = (locale: MemberContext['locale']): MemberContext => ({ userId: 'U1', locale, slackLocale: locale, timeZone: 'UTC', isAdmin: false });

describe('appMention', () => {
  it('answers the member who asked, in their language, once per event', async () => {
    const handler = appMention(deps);
    const first = mention('Ev1', member('pt-BR'));
    await handler(first.args);
    expect(first.posted).toEqual([{ channel: 'C0CHAT', user: 'U1', text: catalogue('pt-BR').slack.mentionHelp('<#C0MATCHES>') }]);
    const again = mention('Ev1', member('pt-BR'));
    await handler(again.args);
    expect(again.posted).toEqual([]);
  });

  it('answers in LOCALE without a member context', async () => {
    const { args, posted } = mention('Ev2', undefined);
    await appMention(deps)(args);
    expect(posted[0]?.text).toBe(catalogue('en-GB').slack.mentionHelp('<#C0MATCHES>'));
  });
});
