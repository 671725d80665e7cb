/**
 * Everything a member touches in Slack, through the real app (a child process) against fake Slack
 * (Socket Mode + Web API), fake Twilio (Lookup, Messages), fake Twitch and fake FIFA: the App Home,
 * following by clicking, adding streamers, subscribing a number with a code, stopping SMS, admin-only
 * settings, the slash command and the mention.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeFifa, type FakeFifa } from '../fakes/fifa.js';
import { startFakeSlack, type FakeSlack } from '../fakes/slack.js';
import { startFakeTwilio, type FakeTwilio } from '../fakes/twilio.js';
import { startFakeTwitch, type FakeTwitch } from '../fakes/twitch.js';
import { rawCalendarMatch, rawTeam } from '../fixtures/fifa-builders.js';
import { slashCommand, startApp, tempDir, type RunningApp } from './harness.js';

const MEMBER = 'U0MEMBER';
const ADMIN = 'U0ADMIN';
const ARG = 'fifa:43922';
const CIV = 'fifa:9CIV';
const MOBILE = '+447400123456';

let slack: FakeSlack;
let twilio: FakeTwilio;
let twitch: FakeTwitch;
let fifa: FakeFifa;
let app: RunningApp;
let workdir: { dir: string; remove: () => Promise<void> };

beforeAll(async () => {
  [slack, twilio, twitch, fifa, workdir] = await Promise.all([startFakeSlack(), startFakeTwilio(), startFakeTwitch(), startFakeFifa(), tempDir()]);
  slack.users.set(MEMBER, { id: MEMBER, name: 'ana', tz: 'Europe/London', locale: 'en-GB' });
  slack.users.set(ADMIN, { id: ADMIN, name: 'boss', tz: 'Europe/London', locale: 'en-GB', is_admin: true });
  twitch.addUser({ id: '37402112', login: 'shroud', display_name: 'shroud', profile_image_url: 'https://example.test/shroud.png' });
  const future = new Date(Date.now() + 7 * 24 * 3600_000).toISOString().replace(/\.\d+Z$/, 'Z');
  fifa.setCalendar([
    rawCalendarMatch({ IdMatch: '1', Date: future, Home: rawTeam('ARG'), Away: rawTeam('FRA') }),
    rawCalendarMatch({ IdMatch: '2', Date: future, Home: rawTeam('CIV', { TeamName: [{ Locale: 'en-GB', Description: "Côte d'Ivoire" }] }), Away: rawTeam('ENG') }),
  ]);
  app = startApp(
    {
      SLACK_BOT_TOKEN: slack.botToken,
      SLACK_APP_TOKEN: slack.appToken,
      SLACK_API_URL: slack.apiUrl,
      SLACK_CHANNEL: 'C0MATCHES',
      FIFA_API_URL: fifa.url,
      CALENDAR_POLL_SECONDS: '1',
      TWILIO_ACCOUNT_SID: twilio.accountSid,
      TWILIO_AUTH_TOKEN: twilio.authToken,
      TWILIO_MESSAGING_SERVICE_SID: twilio.messagingServiceSid,
      TWILIO_API_URL: twilio.url,
      SMS_COUNTRIES: 'GB,IE',
      TWITCH_CLIENT_ID: twitch.clientId,
      TWITCH_CLIENT_SECRET: twitch.clientSecret,
      TWITCH_API_URL: twitch.apiUrl,
      TWITCH_AUTH_URL: twitch.authUrl,
      STORE_URL: `sqlite://${workdir.dir}/store.sqlite`,
    },
    workdir.dir,
  );
  await slack.waitForConnection(20_000);
  await app.waitForLog((line) => line.msg === 'following match' || line.msg === 'connected to Slack (Socket Mode)');
});

afterAll(async () => {
  await app?.kill('SIGKILL');
  await Promise.all([slack?.close(), twilio?.close(), twitch?.close(), fifa?.close()]);
  await workdir?.remove();
});

// ---- what a member does -------------------------------------------------------------------------------

function user(id: string) {
  return { id, username: id.toLowerCase(), name: id.toLowerCase(), team_id: slack.teamId };
}

async function openHome(userId: string): Promise<void> {
  const before = publishes(userId);
  await slack.sendEvent({ type: 'app_home_opened', user: userId, channel: `D${userId.slice(1)}`, tab: 'home', event_ts: '1.1' });
  await slack.waitFor(() => publishes(userId) > before, 10_000);
}

function publishes(userId: string): number {
  return slack.calls.filter((c) => c.method === 'views.publish' && c.args.user_id === userId).length;
}

function home(userId: string): string {
  return JSON.stringify(slack.views.get(userId) ?? {});
}

/** Every interactive element of a view or message, wherever it sits (accessory, actions, input). */
function elements(view: unknown): Array<{ action_id?: string; value?: string; type?: string }> {
  const found: Array<{ action_id?: string; value?: string; type?: string }> = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node && typeof node === 'object') {
      const record = node as Record<string, unknown>;
      if (typeof record.action_id === 'string') found.push(record as { action_id: string });
      Object.values(record).forEach(visit);
    }
  };
  visit(view);
  return found;
}

/** Whether the member's Home has this button (an Unfollow for that team, say). */
function homeHasButton(userId: string, actionId: string, value: string): boolean {
  return elements(slack.views.get(userId)).some((e) => e.action_id === actionId && e.value === value);
}

/** Clicks an element in the member's App Home and waits until the Home is published again. */
async function clickInHome(userId: string, action: Record<string, unknown>, waitForHome = true): Promise<void> {
  const before = publishes(userId);
  await slack.sendEnvelope('interactive', {
    type: 'block_actions',
    user: user(userId),
    api_app_id: slack.appId,
    team: { id: slack.teamId, domain: 'fanfare' },
    trigger_id: `${Date.now()}.${randomUUID()}`,
    container: { type: 'view', view_id: 'VHOME' },
    view: { id: 'VHOME', type: 'home', hash: 'x', private_metadata: '', callback_id: '', state: { values: {} } },
    actions: [{ block_id: 'b', action_ts: '1.2', ...action }],
  });
  if (waitForHome) await slack.waitFor(() => publishes(userId) > before, 10_000);
}

function button(actionId: string, value?: string) {
  return { type: 'button', action_id: actionId, ...(value ? { value } : {}) };
}

/** The modal the app opened most recently. */
function lastModal(callbackId: string) {
  const modal = [...slack.modals.values()].reverse().find((m) => m.view.callback_id === callbackId);
  if (!modal) throw new Error(`no ${callbackId} modal was opened`);
  return modal;
}

type AckBody = { response_action?: string; errors?: Record<string, string>; view?: Record<string, unknown> } | undefined;

/**
 * Submits a modal with values typed into its inputs; returns Slack's ack body (the app's answer).
 * `shown` is the view on screen when it was replaced by an ack (`response_action: update`).
 */
async function submit(userId: string, modalId: string, values: Record<string, Record<string, string>>, shown?: Record<string, unknown>): Promise<AckBody> {
  const opened = slack.modals.get(modalId);
  if (!opened) throw new Error(`no modal ${modalId}`);
  const modal = { ...opened, view: shown ?? opened.view };
  const state: Record<string, Record<string, { type: string; value: string }>> = {};
  for (const [block, inputs] of Object.entries(values)) {
    state[block] = Object.fromEntries(Object.entries(inputs).map(([action, value]) => [action, { type: 'plain_text_input', value }]));
  }
  return (await slack.sendEnvelope('interactive', {
    type: 'view_submission',
    user: user(userId),
    api_app_id: slack.appId,
    team: { id: slack.teamId, domain: 'fanfare' },
    trigger_id: `${Date.now()}.${randomUUID()}`,
    view: { ...modal.view, id: modal.id, hash: modal.hash, state: { values: state }, private_metadata: modal.view.private_metadata ?? '' },
    response_urls: [],
  })) as AckBody;
}

// ---- the journeys ------------------------------------------------------------------------------------

describe('a member in the App Home', () => {
  it('sees which competition is followed and when its next match is, before following anything', async () => {
    // The first calendar poll may still be on its way: the Home says "checking…" until then.
    const said = () => home(MEMBER).includes('*FIFA World Cup* · next match');
    for (let tries = 0; tries < 20 && !said(); tries += 1) {
      await openHome(MEMBER);
      if (!said()) await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(home(MEMBER)).toContain('*FIFA World Cup* · next match <!date^');
    // The log said the same once, after the first poll.
    const line = await app.waitForLog((l) => l.msg.startsWith('following FIFA World Cup (fifa:17)'));
    expect(line.msg).toContain('next match');
  });

  it('sees the Home, follows a team from the select and unfollows it with its button', async () => {
    await slack.waitFor(() => app.logs.some((l) => l.msg === 'connected to Slack (Socket Mode)'), 10_000);
    // The calendar brings the competition's teams.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await openHome(MEMBER);
    expect(home(MEMBER)).not.toContain('conversations_select');
    expect(home(MEMBER)).toContain('team_follow_select');

    await clickInHome(MEMBER, { type: 'static_select', action_id: 'team_follow_select', selected_option: { value: ARG, text: { type: 'plain_text', text: 'Argentina' } } });
    expect(homeHasButton(MEMBER, 'team_unfollow', ARG)).toBe(true);
    expect(home(MEMBER)).toContain('Argentina');

    await clickInHome(MEMBER, button('team_unfollow', ARG));
    expect(homeHasButton(MEMBER, 'team_unfollow', ARG)).toBe(false);
  });

  it('adds a known streamer, and an unknown login gets an error under the field', async () => {
    await clickInHome(MEMBER, button('streamer_add'), false);
    await slack.waitFor(() => [...slack.modals.values()].some((m) => m.view.callback_id === 'streamer_add_modal'), 10_000);
    const modal = lastModal('streamer_add_modal');

    const unknown = await submit(MEMBER, modal.id, { streamer_block: { streamer_input: 'nobody_here_42' } });
    expect(unknown?.response_action).toBe('errors');
    expect(unknown?.errors?.streamer_block).toContain('nobody_here_42');

    const before = publishes(MEMBER);
    const known = await submit(MEMBER, modal.id, { streamer_block: { streamer_input: 'https://twitch.tv/Shroud' } });
    expect(known?.response_action).toBe('update');
    await slack.waitFor(() => publishes(MEMBER) > before, 10_000);
    expect(home(MEMBER)).toContain('shroud');
    expect(homeHasButton(MEMBER, 'streamer_remove', '37402112')).toBe(true);
  });

  it('subscribes a number: unparsable and landline refused inline, wrong then right code, welcome SMS', async () => {
    await clickInHome(MEMBER, button('sms_subscribe'), false);
    await slack.waitFor(() => [...slack.modals.values()].some((m) => m.view.callback_id === 'subscribe_number'), 10_000);
    const numberModal = lastModal('subscribe_number');

    const junk = await submit(MEMBER, numberModal.id, { phone_block: { phone_input: 'call me maybe' } });
    expect(junk?.response_action).toBe('errors');
    expect(junk?.errors?.phone_block).toBeTruthy();
    expect(twilio.lookups).toHaveLength(0);

    twilio.setLookup('+442071838750', { valid: true, type: 'landline' });
    const landline = await submit(MEMBER, numberModal.id, { phone_block: { phone_input: '020 7183 8750' } });
    expect(landline?.response_action).toBe('errors');
    expect(landline?.errors?.phone_block).toMatch(/landline/i);
    expect(twilio.messages).toHaveLength(0);

    // SMS_COUNTRIES=GB,IE: a French mobile is refused in the modal before any Lookup.
    const lookupsBefore = twilio.lookups.length;
    const french = await submit(MEMBER, numberModal.id, { phone_block: { phone_input: '+33 6 12 34 56 78' } });
    expect(french?.errors?.phone_block).toBe('SMS alerts are only for numbers in: United Kingdom, Ireland.');
    expect(twilio.lookups).toHaveLength(lookupsBefore);

    // A national number is read in the member's country (Slack locale en-GB).
    const mobile = await submit(MEMBER, numberModal.id, { phone_block: { phone_input: '07400 123456' } });
    expect(mobile?.response_action).toBe('update');
    const codeSms = twilio.messages.find((m) => m.to === MOBILE);
    const code = /\b(\d{6})\b/.exec(codeSms?.body ?? '')?.[1];
    expect(code).toBeDefined();
    // The code step replaced the number step in the same modal.
    const codeStep = mobile?.view as Record<string, unknown>;
    expect(codeStep.callback_id).toBe('subscribe_code');
    expect(JSON.stringify(codeStep)).toContain('+44 ••••••• 456');
    // Nothing is stored yet: the Home says it waits for the code, and offers to enter it.
    await openHome(MEMBER);
    expect(elements(slack.views.get(MEMBER)).some((e) => e.action_id === 'sms_enter_code')).toBe(true);
    expect(elements(slack.views.get(MEMBER)).some((e) => e.action_id === 'sms_stop')).toBe(false);

    const wrongCode = code === '000000' ? '111111' : '000000';
    const wrong = await submit(MEMBER, numberModal.id, { code_block: { code_input: wrongCode } }, codeStep);
    expect(wrong?.response_action).toBe('errors');
    expect(wrong?.errors?.code_block).toMatch(/4/);

    const before = publishes(MEMBER);
    const right = await submit(MEMBER, numberModal.id, { code_block: { code_input: code as string } }, codeStep);
    expect(right?.response_action).toBe('update');
    await slack.waitFor(() => twilio.messages.filter((m) => m.to === MOBILE).length === 2, 10_000);
    expect(twilio.messages.at(-1)?.body).toMatch(/STOP/);
    await slack.waitFor(() => publishes(MEMBER) > before, 10_000);
    expect(home(MEMBER)).toContain('+44 ••••••• 456');
    expect(home(MEMBER)).toContain('sms_stop');
  });

  it('stops SMS, which deletes the number', async () => {
    await clickInHome(MEMBER, button('sms_stop'));
    expect(home(MEMBER)).not.toContain('+44 ••••••• 456');
    expect(home(MEMBER)).toContain('sms_subscribe');
    expect(await slashCommand(slack, MEMBER, 'status')).not.toContain('456');
  });

  it('lets an admin pick the match channel, and refuses a member who is not one', async () => {
    await openHome(ADMIN);
    expect(home(ADMIN)).toContain('conversations_select');

    const dmsBefore = slack.messages.filter((m) => m.channel === `D${MEMBER.slice(1)}`).length;
    await clickInHome(MEMBER, { type: 'conversations_select', action_id: 'admin_channel', selected_conversation: 'C0HIJACK' }, false);
    await slack.waitFor(() => slack.messages.filter((m) => m.channel === `D${MEMBER.slice(1)}`).length > dmsBefore, 10_000);
    expect(slack.calls.some((c) => c.method === 'conversations.join' && c.args.channel === 'C0HIJACK')).toBe(false);

    await clickInHome(ADMIN, { type: 'conversations_select', action_id: 'admin_channel', selected_conversation: 'C0NEWMATCHES' });
    expect(slack.calls.some((c) => c.method === 'conversations.join' && c.args.channel === 'C0NEWMATCHES')).toBe(true);
    expect(home(ADMIN)).toContain('C0NEWMATCHES');

    await clickInHome(ADMIN, { type: 'conversations_select', action_id: 'admin_streams_channel', selected_conversation: 'C0CARDS' });
    expect(slack.calls.some((c) => c.method === 'conversations.join' && c.args.channel === 'C0CARDS')).toBe(true);
    expect(elements(slack.views.get(ADMIN))).toContainEqual(expect.objectContaining({ action_id: 'admin_streams_channel', initial_conversation: 'C0CARDS' }));
  });
});

describe('the slash command and the mention', () => {
  it('follows teams by forgiving names and suggests when nothing matches', async () => {
    expect(await slashCommand(slack, MEMBER, 'follow ivory coast')).toContain("Côte d'Ivoire");
    expect(await slashCommand(slack, MEMBER, 'follow argentna')).toContain('Argentina');
    await openHome(MEMBER);
    expect(homeHasButton(MEMBER, 'team_unfollow', CIV)).toBe(true);
    expect(homeHasButton(MEMBER, 'team_unfollow', ARG)).toBe(false);
    expect(await slashCommand(slack, MEMBER, 'help')).toContain('streamer add');
  });

  it('lists the followed competitions for everyone, and lets only admins add or remove one', async () => {
    const list = await slashCommand(slack, MEMBER, 'competitions');
    expect(list).toContain('FIFA World Cup');
    expect(list).toContain('next match');
    expect(list).toContain('fifa:17');

    expect(await slashCommand(slack, MEMBER, 'competition add espn:eng.1')).toContain('Only workspace admins');
    expect(await slashCommand(slack, MEMBER, 'competition remove world cup')).toContain('Only workspace admins');

    expect(await slashCommand(slack, ADMIN, 'competition add espn:eng.1')).toContain('Now following *Premier League*');
    expect(await slashCommand(slack, ADMIN, 'competition add espn:eng.1')).toContain('already followed');
    expect(await slashCommand(slack, ADMIN, 'competition add quidditch')).toContain('No competition found');
    await openHome(MEMBER);
    expect(home(MEMBER)).toContain('Premier League');
    expect(await slashCommand(slack, ADMIN, 'competition remove premier')).toContain('no longer follows *Premier League*');
    expect(await slashCommand(slack, ADMIN, 'competition remove premier')).toContain('No followed competition');
    expect(await slashCommand(slack, MEMBER, 'competitions')).not.toContain('Premier League');
  });

  it('answers `@Fanfare subscribe <number>` with a button that opens the modal with the number filled in', async () => {
    const before = slack.ephemerals.length;
    await slack.sendEvent({ type: 'app_mention', user: MEMBER, text: `<@${slack.botUserId}> subscribe +44 7400 123456`, ts: '1.5', channel: 'C0CHAT', event_ts: '1.5' });
    await slack.waitFor(() => slack.ephemerals.length > before, 10_000);
    const prompt = slack.ephemerals.at(-1);
    expect(prompt?.user).toBe(MEMBER);
    expect(elements(prompt?.blocks)).toContainEqual(expect.objectContaining({ action_id: 'sms_open_subscribe', value: '+44 7400 123456' }));
  });

  it('never logs a full phone number, a code or a token', () => {
    const output = app.stdout() + app.stderr();
    expect(output).not.toContain(MOBILE);
    expect(output).not.toContain('7400123456');
    expect(output).not.toContain(twilio.authToken);
    expect(output).not.toContain(slack.botToken);
    expect(output).not.toContain(twitch.clientSecret);
    for (const message of twilio.messages) {
      const code = /\b(\d{6})\b/.exec(message.body)?.[1];
      if (code) expect(output).not.toContain(code);
    }
  });
});

describe('uninstalling the app', () => {
  it('stops Fanfare cleanly', async () => {
    await slack.sendEvent({ type: 'app_uninstalled' });
    const exit = await app.exited;
    expect(exit.code).toBe(0);
    expect(app.logs.some((line) => /uninstalled/.test(line.msg))).toBe(true);
  });
});
