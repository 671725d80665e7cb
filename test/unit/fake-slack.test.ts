/**
 * Tests of the fake Slack. They drive the REAL Bolt App (Socket Mode) and a REAL WebClient against it, so they
 * double as proof that the fake speaks Slack's wire formats faithfully enough for the app's own tests.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { App, LogLevel, webApi, type Logger } from '@slack/bolt';
import { startFakeSlack, type FakeSlack } from '../fakes/slack.js';

const silent: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  setLevel: () => undefined,
  getLevel: () => LogLevel.ERROR,
  setName: () => undefined,
};

const CHANNEL = 'C0MATCHES';
const MEMBER = 'U0MEMBER';

function buildApp(fake: FakeSlack, appToken = fake.appToken): App {
  return new App({
    token: fake.botToken,
    appToken,
    socketMode: true,
    logger: silent,
    // retryConfig must be explicit: SocketModeClient writes 100 retries into this very object otherwise.
    clientOptions: { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 }, timeout: 2000 },
  });
}

function buildClient(fake: FakeSlack, opts: { token?: string; timeout?: number } = {}): webApi.WebClient {
  return new webApi.WebClient(opts.token ?? fake.botToken, {
    slackApiUrl: fake.apiUrl,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: opts.timeout ?? 2000,
    logger: silent,
  });
}

async function rejection(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error('expected the call to fail');
}

let fake: FakeSlack;
let app: App | undefined;

beforeEach(async () => {
  fake = await startFakeSlack();
  app = undefined;
});

afterEach(async () => {
  await app?.stop();
  await fake.close();
});

describe('fake Slack driven by the real Bolt app in Socket Mode', () => {
  it('lets app.start() finish the handshake with the bot and app tokens', async () => {
    app = buildApp(fake);
    await app.start();

    expect(fake.connections).toBe(1);
    const auth = fake.calls.find((c) => c.method === 'auth.test');
    const open = fake.calls.find((c) => c.method === 'apps.connections.open');
    expect(auth?.token).toBe(fake.botToken);
    expect(open?.token).toBe(fake.appToken);
  });

  it('makes app.start() reject, not hang, when the app token is wrong', async () => {
    app = buildApp(fake, 'xapp-wrong');
    const error = await rejection(app.start());
    app = undefined; // never connected, nothing to stop

    expect(error).toMatchObject({ data: { error: 'invalid_auth' } });
    expect(fake.connections).toBe(0);
  });

  it('delivers a slash command and returns the ack body and respond() post', async () => {
    app = buildApp(fake);
    const seen: string[] = [];
    app.command('/fanfare', async ({ command, ack, respond }) => {
      seen.push(command.text);
      await ack({ text: 'Following Brazil' });
      await respond({ text: 'Done', response_type: 'ephemeral' });
    });
    await app.start();

    const responseUrl = fake.responseUrl('cmd-1');
    const ackBody = await fake.sendEnvelope('slash_commands', {
      command: '/fanfare', text: 'follow Brazil', user_id: MEMBER, channel_id: CHANNEL, team_id: fake.teamId,
      api_app_id: fake.appId, trigger_id: '111.222.abc', response_url: responseUrl, token: 'x',
    });

    expect(seen).toEqual(['follow Brazil']);
    expect(ackBody).toEqual({ text: 'Following Brazil' });
    await fake.waitFor(() => fake.responses.length === 1);
    expect(fake.responses[0]).toMatchObject({ id: 'cmd-1', body: { text: 'Done', response_type: 'ephemeral' } });
  });

  it('delivers an app_mention event whose listener can post back through the fake', async () => {
    app = buildApp(fake);
    app.event('app_mention', async ({ event, say }) => {
      await say({ text: `Hi <@${event.user}>`, thread_ts: event.ts });
    });
    await app.start();

    const eventId = await fake.sendEvent({
      type: 'app_mention', user: MEMBER, text: `<@${fake.botUserId}> status`, ts: '1700000500.000100', channel: CHANNEL,
    });
    await fake.waitFor(() => fake.messages.length === 1);

    expect(eventId).toMatch(/^Ev/);
    expect(fake.messages[0]).toMatchObject({ channel: CHANNEL, text: `Hi <@${MEMBER}>`, thread_ts: '1700000500.000100' });
  });

  it('delivers a block_actions payload to app.action, and its trigger opens a modal once', async () => {
    app = buildApp(fake);
    const results: unknown[] = [];
    app.action('subscribe_sms', async ({ ack, body, client }) => {
      await ack();
      const trigger = (body as { trigger_id: string }).trigger_id;
      const view = { type: 'modal' as const, title: { type: 'plain_text' as const, text: 'SMS alerts' }, blocks: [] };
      results.push(await client.views.open({ trigger_id: trigger, view }));
      results.push(await client.views.open({ trigger_id: trigger, view }).catch((e: { data: unknown }) => e.data));
    });
    await app.start();

    const ackBody = await fake.sendEnvelope('interactive', {
      type: 'block_actions', user: { id: MEMBER }, team: { id: fake.teamId }, api_app_id: fake.appId, token: 'x',
      trigger_id: '123.456.def', container: { type: 'view', view_id: 'VHOME' },
      actions: [{ type: 'button', action_id: 'subscribe_sms', block_id: 'sms', value: 'open', action_ts: '1.2' }],
    });
    await fake.waitFor(() => results.length === 2);

    expect(ackBody).toEqual({});
    expect(results[0]).toMatchObject({ ok: true, view: { id: expect.stringMatching(/^V/) } });
    expect(results[1]).toMatchObject({ ok: false, error: 'exchanged_trigger_id' });
    expect(fake.modals.size).toBe(1);
  });

  it('returns a view_submission ack carrying inline errors', async () => {
    app = buildApp(fake);
    app.view('sms_subscribe', async ({ ack }) => {
      await ack({ response_action: 'errors', errors: { phone_block: 'Not a phone number' } });
    });
    await app.start();

    const ackBody = await fake.sendEnvelope('interactive', {
      type: 'view_submission', user: { id: MEMBER }, team: { id: fake.teamId }, api_app_id: fake.appId, token: 'x',
      trigger_id: '789.012.ghi',
      view: { id: 'V0MODAL', type: 'modal', callback_id: 'sms_subscribe', state: { values: {} }, private_metadata: '', hash: 'h' },
    });

    expect(ackBody).toEqual({ response_action: 'errors', errors: { phone_block: 'Not a phone number' } });
  });

  it('makes Bolt reconnect after a disconnect frame, and deliveries resume', async () => {
    app = buildApp(fake);
    const commands: string[] = [];
    app.command('/fanfare', async ({ command, ack }) => {
      commands.push(command.text);
      await ack();
    });
    await app.start();
    expect(fake.connectionsOpened).toBe(1);

    fake.disconnect();
    // The client waits clientPingTimeout (5 s by default) before reconnecting.
    await fake.waitFor(() => fake.connectionsOpened === 2 && fake.connections === 1, 10_000);
    await fake.sendEnvelope('slash_commands', { command: '/fanfare', text: 'status', user_id: MEMBER, channel_id: CHANNEL });

    expect(commands).toEqual(['status']);
    expect(fake.calls.filter((c) => c.method === 'apps.connections.open')).toHaveLength(2);
  }, 15_000);
});

describe('fake Slack driven by a real WebClient', () => {
  const blocks = [{ type: 'section', text: { type: 'mrkdwn', text: '*Brazil 1–0 Serbia*', verbatim: true } }];
  const metadata = { event_type: 'fanfare_match', event_payload: { match_id: '400021472', event_id: 'goal-1' } };

  it('stores a threaded post with blocks and metadata, and replies shows metadata only when asked', async () => {
    const client = buildClient(fake);
    const parent = await client.chat.postMessage({ channel: CHANNEL, text: 'Brazil v Serbia', blocks, metadata });
    const reply = await client.chat.postMessage({
      channel: CHANNEL, thread_ts: parent.ts!, text: 'GOAL', reply_broadcast: true, unfurl_links: false, metadata,
    });

    expect(parent.ts).toMatch(/^\d{10}\.\d{6}$/);
    expect(reply.ts! > parent.ts!).toBe(true);
    expect(fake.thread(CHANNEL, parent.ts!)).toMatchObject([{ text: 'GOAL', reply_broadcast: true, unfurl_links: false }]);
    expect(fake.calls.find((c) => c.method === 'chat.postMessage')?.args).toMatchObject({ blocks, metadata });

    const withMeta = await client.conversations.replies({ channel: CHANNEL, ts: parent.ts!, include_all_metadata: true });
    const without = await client.conversations.replies({ channel: CHANNEL, ts: parent.ts! });
    expect(withMeta.messages?.map((m) => m.ts)).toEqual([parent.ts, reply.ts]);
    expect(withMeta.messages?.[1]?.metadata).toEqual(metadata);
    expect(withMeta.messages?.[0]).toMatchObject({ reply_count: 1, blocks });
    expect(without.messages?.some((m) => 'metadata' in m)).toBe(false);
  });

  it('pages replies and history with cursors, history newest first', async () => {
    const client = buildClient(fake);
    const posted: string[] = [];
    for (let i = 0; i < 5; i += 1) posted.push((await client.chat.postMessage({ channel: CHANNEL, text: `m${i}` })).ts!);
    for (let i = 0; i < 4; i += 1) await client.chat.postMessage({ channel: CHANNEL, thread_ts: posted[0]!, text: `r${i}` });

    const pages: string[][] = [];
    for await (const page of client.paginate('conversations.history', { channel: CHANNEL, limit: 2 })) {
      pages.push(((page as { messages?: Array<{ text: string }> }).messages ?? []).map((m) => m.text));
    }
    expect(pages).toEqual([['m4', 'm3'], ['m2', 'm1'], ['m0']]);

    const first = await client.conversations.replies({ channel: CHANNEL, ts: posted[0]!, limit: 3 });
    const second = await client.conversations.replies({
      channel: CHANNEL, ts: posted[0]!, limit: 3, cursor: first.response_metadata?.next_cursor,
    });
    expect(first.has_more).toBe(true);
    expect([...first.messages!, ...second.messages!].map((m) => m.text)).toEqual(['m0', 'r0', 'r1', 'r2', 'r3']);
    expect(second.has_more).toBe(false);

    const newer = await client.conversations.history({ channel: CHANNEL, oldest: posted[2]! });
    expect(newer.messages?.map((m) => m.text)).toEqual(['m4', 'm3']);
  });

  it('rate limits with HTTP 429 and Retry-After, then answers again', async () => {
    const client = buildClient(fake);
    fake.rateLimit('chat.postMessage', 7);

    const error = await rejection(client.chat.postMessage({ channel: CHANNEL, text: 'x' }));
    expect(error).toBeInstanceOf(webApi.WebAPIRateLimitedError);
    expect((error as webApi.WebAPIRateLimitedError).retryAfter).toBe(7);
    expect(fake.messages).toHaveLength(0);

    await client.chat.postMessage({ channel: CHANNEL, text: 'x' });
    expect(fake.messages).toHaveLength(1);
    expect(fake.calls.filter((c) => c.method === 'chat.postMessage')).toHaveLength(2);
  });

  it('throttles a method to N calls a second with 429 and Retry-After: 1', async () => {
    const client = buildClient(fake);
    fake.throttle('chat.postMessage', 3);
    const answers = await Promise.allSettled(Array.from({ length: 5 }, () => client.chat.postMessage({ channel: CHANNEL, text: 'x' })));
    expect(answers.filter((a) => a.status === 'fulfilled')).toHaveLength(3);
    const refused = answers.find((a) => a.status === 'rejected') as PromiseRejectedResult;
    expect((refused.reason as webApi.WebAPIRateLimitedError).retryAfter).toBe(1);
    expect(fake.throttled.get('chat.postMessage')).toBe(2);
    fake.throttle('chat.postMessage', null);
    await client.chat.postMessage({ channel: CHANNEL, text: 'x' });
    expect(fake.messages).toHaveLength(4);
  });

  it('fails the next calls with a platform error, in queue order', async () => {
    const client = buildClient(fake);
    fake.fail('chat.update', 'edit_window_closed', 2);

    for (let i = 0; i < 2; i += 1) {
      const error = await rejection(client.chat.update({ channel: CHANNEL, ts: '1.1', text: 'x' }));
      expect(error).toBeInstanceOf(webApi.WebAPIPlatformError);
      expect((error as webApi.WebAPIPlatformError).data.error).toBe('edit_window_closed');
    }
    const third = await rejection(client.chat.update({ channel: CHANNEL, ts: '1.1', text: 'x' }));
    expect((third as webApi.WebAPIPlatformError).data.error).toBe('message_not_found');
  });

  it('hangs a call until the client times out, recording the message only with thenRecord', async () => {
    const client = buildClient(fake, { timeout: 200 });
    fake.hang('chat.postMessage', 1, { thenRecord: true });
    fake.hang('chat.postMessage', 1);

    const ambiguous = await rejection(client.chat.postMessage({ channel: CHANNEL, text: 'goal', metadata }));
    const lost = await rejection(client.chat.postMessage({ channel: CHANNEL, text: 'lost' }));

    expect(ambiguous).toBeInstanceOf(webApi.WebAPIRequestError);
    expect(lost).toBeInstanceOf(webApi.WebAPIRequestError);
    expect(fake.messages.map((m) => m.text)).toEqual(['goal']);
  });

  it('edits messages: counts edits, keeps resent blocks and drops blocks on a text-only update', async () => {
    const client = buildClient(fake);
    const { ts } = await client.chat.postMessage({ channel: CHANNEL, text: 'card', blocks, metadata });
    await client.chat.update({ channel: CHANNEL, ts: ts!, text: 'card 2', blocks });
    await client.chat.update({ channel: CHANNEL, ts: ts!, text: 'card 3' });

    expect(fake.messages[0]).toMatchObject({ text: 'card 3', edits: 2, metadata });
    expect(fake.messages[0]?.blocks).toBeUndefined();
    const tooLong = await rejection(client.chat.update({ channel: CHANNEL, ts: ts!, text: 'x'.repeat(4001) }));
    expect((tooLong as webApi.WebAPIPlatformError).data.error).toBe('msg_too_long');
  });

  it('rejects more than 50 blocks the way Slack does', async () => {
    const client = buildClient(fake);
    const many = Array.from({ length: 51 }, () => ({ type: 'divider' }));

    const error = await rejection(client.chat.postMessage({ channel: CHANNEL, text: 'x', blocks: many }));

    expect((error as webApi.WebAPIPlatformError).data).toMatchObject({ error: 'invalid_blocks' });
    expect(fake.messages).toHaveLength(0);
  });

  it('checks the bot token and knows only the methods it implements', async () => {
    const wrong = await rejection(buildClient(fake, { token: 'xoxb-wrong' }).auth.test());
    const appToken = await rejection(buildClient(fake, { token: fake.appToken }).chat.postMessage({ channel: CHANNEL, text: 'x' }));
    const unknown = await rejection(buildClient(fake).apiCall('reactions.add', { channel: CHANNEL }));

    expect((wrong as webApi.WebAPIPlatformError).data.error).toBe('invalid_auth');
    expect((appToken as webApi.WebAPIPlatformError).data.error).toBe('not_allowed_token_type');
    expect((unknown as webApi.WebAPIPlatformError).data.error).toBe('unknown_method');
  });

  it('serves users.info, with the locale only when include_locale is set', async () => {
    const client = buildClient(fake);
    fake.users.set(MEMBER, { id: MEMBER, name: 'ana', tz: 'America/Sao_Paulo', locale: 'pt-BR', is_admin: true });

    const plain = await client.users.info({ user: MEMBER });
    const withLocale = await client.users.info({ user: MEMBER, include_locale: true });
    const missing = await rejection(client.users.info({ user: 'U0NOBODY' }));

    expect(plain.user).toMatchObject({ id: MEMBER, tz: 'America/Sao_Paulo', tz_offset: -10800, is_admin: true });
    expect(plain.user?.locale).toBeUndefined();
    expect(withLocale.user?.locale).toBe('pt-BR');
    expect((missing as webApi.WebAPIPlatformError).data.error).toBe('user_not_found');
  });

  it('pages users.list with a cursor, with the locale only when include_locale is set', async () => {
    const client = buildClient(fake);
    for (const n of [1, 2, 3]) fake.users.set(`U0P${n}`, { id: `U0P${n}`, name: `p${n}`, tz: 'Europe/Paris', locale: 'fr-FR' });

    const first = await client.users.list({ limit: 2, include_locale: true });
    const rest = await client.users.list({ limit: 2, include_locale: true, cursor: first.response_metadata?.next_cursor });
    const plain = await client.users.list({ limit: 200 });

    // The bot user comes first, then the members.
    expect(first.members?.map((u) => u.id)).toEqual([fake.botUserId, 'U0P1']);
    expect(rest.members?.map((u) => [u.id, u.locale, u.tz])).toEqual([['U0P2', 'fr-FR', 'Europe/Paris'], ['U0P3', 'fr-FR', 'Europe/Paris']]);
    expect(rest.response_metadata?.next_cursor).toBe('');
    expect(plain.members?.some((u) => u.locale !== undefined)).toBe(false);
  });

  it('opens a DM and files posts addressed to a user id under that DM', async () => {
    const client = buildClient(fake);
    const opened = await client.conversations.open({ users: MEMBER });
    const posted = await client.chat.postMessage({ channel: MEMBER, text: 'Your number was rejected' });

    expect(opened.channel?.id).toMatch(/^D/);
    expect(posted.channel).toBe(opened.channel?.id);
    expect(fake.channelMessages(opened.channel!.id!)).toHaveLength(1);
  });

  it('needs membership to read history, which conversations.join grants', async () => {
    const client = buildClient(fake);
    fake.channels.set('C0PUBLIC', { id: 'C0PUBLIC', name: 'football', is_member: false });
    fake.channels.set('G0SECRET', { id: 'G0SECRET', name: 'secret', is_private: true, is_member: false });
    await client.chat.postMessage({ channel: 'C0PUBLIC', text: 'posted via chat:write.public' });

    const notIn = await rejection(client.conversations.history({ channel: 'C0PUBLIC' }));
    await client.conversations.join({ channel: 'C0PUBLIC' });
    const history = await client.conversations.history({ channel: 'C0PUBLIC' });
    const hidden = await rejection(client.chat.postMessage({ channel: 'G0SECRET', text: 'x' }));

    expect((notIn as webApi.WebAPIPlatformError).data.error).toBe('not_in_channel');
    expect(history.messages).toHaveLength(1);
    expect((hidden as webApi.WebAPIPlatformError).data.error).toBe('channel_not_found');
  });

  it('publishes home views per user and refuses a stale hash', async () => {
    const client = buildClient(fake);
    const view = { type: 'home' as const, blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'Following: Brazil' } }] };
    const first = await client.views.publish({ user_id: MEMBER, view });
    const second = await client.views.publish({ user_id: MEMBER, view, hash: first.view!.hash! });
    const stale = await rejection(client.views.publish({ user_id: MEMBER, view, hash: first.view!.hash! }));

    expect(fake.views.get(MEMBER)).toEqual(view);
    expect(second.view?.id).toBe(first.view?.id);
    expect((stale as webApi.WebAPIPlatformError).data.error).toBe('hash_conflict');
  });

  it('rejects a modal title longer than 24 characters', async () => {
    const client = buildClient(fake);
    const view = { type: 'modal' as const, title: { type: 'plain_text' as const, text: 'x'.repeat(25) }, blocks: [] };

    const error = await rejection(client.views.open({ trigger_id: '1.2.3', view }));

    expect((error as webApi.WebAPIPlatformError).data.error).toBe('invalid_arguments');
  });

  it('accepts JSON bodies with the token in the Authorization header', async () => {
    const res = await fetch(`${fake.apiUrl}chat.postMessage`, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8', authorization: `Bearer ${fake.botToken}` },
      body: JSON.stringify({ channel: CHANNEL, text: 'json', metadata }),
    });

    expect(await res.json()).toMatchObject({ ok: true, channel: CHANNEL });
    expect(fake.messages[0]).toMatchObject({ text: 'json', metadata });
  });
});
