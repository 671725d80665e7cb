/**
 * SPEC X4 and audit findings 15 and 18: a mention is answered once per event even when Slack redelivers
 * it, only to the member who asked (ephemeral, in their thread), and a member of another workspace (a
 * Slack Connect channel) gets nothing at all, from a mention or a button.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeSlack, type FakeSlack } from '../fakes/slack.js';
import { startApp, tempDir, type RunningApp } from './harness.js';

const MATCHES = 'C0MATCHES';
const CHAT = 'C0CHAT';

let slack: FakeSlack;
let app: RunningApp;
let workdir: { dir: string; remove: () => Promise<void> };

beforeAll(async () => {
  [slack, workdir] = await Promise.all([startFakeSlack(), tempDir()]);
  app = startApp(
    {
      SLACK_BOT_TOKEN: slack.botToken,
      SLACK_APP_TOKEN: slack.appToken,
      SLACK_API_URL: slack.apiUrl,
      SLACK_CHANNEL: MATCHES,
      FIFA_API_URL: 'http://127.0.0.1:9/api/v3',
      STORE_URL: `sqlite://${workdir.dir}/store.sqlite`,
    },
    workdir.dir,
  );
  await slack.waitForConnection(20_000);
});

afterAll(async () => {
  await app?.kill('SIGKILL');
  await slack?.close();
  await workdir?.remove();
});

const settle = () => new Promise((resolve) => setTimeout(resolve, 1000));
const posts = () => slack.calls.filter((c) => c.method === 'chat.postMessage' && c.args.channel === CHAT);

function mention(user: string, ts: string, extra: object = {}) {
  return { type: 'app_mention', user, text: `<@${slack.botUserId}> what is this?`, ts, channel: CHAT, event_ts: ts, ...extra };
}

describe('a mention', () => {
  it('delivered twice is answered once, to the asker only, in their thread', async () => {
    const event = mention('U0ASKER', '1700000100.000200', { thread_ts: '1700000100.000100' });
    const eventId = await slack.sendEvent(event);
    await slack.sendEvent(event, { eventId, retryAttempt: 1, retryReason: 'timeout' });
    await slack.waitFor(() => slack.ephemerals.some((e) => e.user === 'U0ASKER'), 10_000);
    await settle();
    const answers = slack.ephemerals.filter((e) => e.user === 'U0ASKER');
    expect(answers).toHaveLength(1);
    expect(answers[0]).toMatchObject({ channel: CHAT, thread_ts: '1700000100.000100' });
    expect(answers[0]?.text).toContain(`<#${MATCHES}>`);
    expect(posts()).toHaveLength(0);
  });

  it('from a member of another workspace gets no answer', async () => {
    await slack.sendEvent(mention('U0GUEST', '1700000200.000100', { user_team: 'T0OTHERORG' }));
    // A local member's mention right after shows the app has processed both.
    await slack.sendEvent(mention('U0LOCAL', '1700000200.000200', { user_team: slack.teamId }));
    await slack.waitFor(() => slack.ephemerals.some((e) => e.user === 'U0LOCAL'), 10_000);
    await settle();
    expect(slack.ephemerals.filter((e) => e.user === 'U0GUEST')).toHaveLength(0);
    expect(posts()).toHaveLength(0);
  });
});

describe('a button clicked by a member of another workspace', () => {
  function click(userId: string, teamId: string) {
    return slack.sendEnvelope('interactive', {
      type: 'block_actions', user: { id: userId, username: userId.toLowerCase(), team_id: teamId }, api_app_id: slack.appId,
      team: { id: slack.teamId, domain: 'fanfare' }, trigger_id: `${Date.now()}.${randomUUID()}`,
      container: { type: 'message', message_ts: '1.1', channel_id: CHAT }, channel: { id: CHAT, name: 'chat' },
      actions: [{ block_id: 'b', action_ts: '1.2', type: 'button', action_id: 'streamer_add' }],
    });
  }
  const opens = () => slack.calls.filter((c) => c.method === 'views.open').length;

  it('is acknowledged and does nothing, while the same click by a local member opens the modal', async () => {
    await click('U0GUEST', 'T0OTHERORG');
    await click('U0LOCAL', slack.teamId);
    await slack.waitFor(() => opens() === 1, 10_000);
    await settle();
    expect(opens()).toBe(1);
  });
});
