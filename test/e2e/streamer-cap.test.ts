/**
 * SPEC T8 / audit finding 5: a member follows at most 25 streamers. The 26th is refused with a clear
 * sentence, from the App Home modal and from `/fanfare streamer add`; after removing one, adding works.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FollowRepo } from '../../src/store/follows.js';
import { openStore } from '../../src/store/store.js';
import { StreamerRepo } from '../../src/store/streamers.js';
import { startFakeSlack, type FakeSlack } from '../fakes/slack.js';
import { startFakeTwitch, type FakeTwitch } from '../fakes/twitch.js';
import { slashCommand, startApp, tempDir, type RunningApp } from './harness.js';

const MEMBER = 'U0COLLECTOR';
const SHROUD = '37402112';

let slack: FakeSlack;
let twitch: FakeTwitch;
let app: RunningApp;
let workdir: { dir: string; remove: () => Promise<void> };

beforeAll(async () => {
  [slack, twitch, workdir] = await Promise.all([startFakeSlack(), startFakeTwitch(), tempDir()]);
  slack.users.set(MEMBER, { id: MEMBER, name: 'collector', tz: 'Europe/London', locale: 'en-GB' });
  twitch.addUser({ id: SHROUD, login: 'shroud', display_name: 'shroud', profile_image_url: 'https://example.test/shroud.png' });
  twitch.addUser({ id: '1001', login: 'streamer1001', display_name: 'Streamer1001', profile_image_url: 'https://example.test/1001.png' });
  const store = await openStore(`sqlite://${workdir.dir}/store.sqlite`);
  const streamers = new StreamerRepo(store);
  const follows = new FollowRepo(store);
  for (let i = 1; i <= 25; i += 1) {
    const id = String(1000 + i);
    await streamers.save({ id, login: `streamer${id}`, displayName: `Streamer${id}`, profileImageUrl: '' });
    await follows.followStreamer(MEMBER, id);
  }
  await store.close();
  app = startApp(
    {
      SLACK_BOT_TOKEN: slack.botToken,
      SLACK_APP_TOKEN: slack.appToken,
      SLACK_API_URL: slack.apiUrl,
      SLACK_CHANNEL: 'C0MATCHES',
      FIFA_API_URL: 'http://127.0.0.1:9/api/v3',
      TWITCH_CLIENT_ID: twitch.clientId,
      TWITCH_CLIENT_SECRET: twitch.clientSecret,
      TWITCH_API_URL: twitch.apiUrl,
      TWITCH_AUTH_URL: twitch.authUrl,
      STORE_URL: `sqlite://${workdir.dir}/store.sqlite`,
    },
    workdir.dir,
  );
  await slack.waitForConnection(20_000);
});

afterAll(async () => {
  await app?.kill('SIGKILL');
  await Promise.all([slack?.close(), twitch?.close()]);
  await workdir?.remove();
});

const member = () => ({ id: MEMBER, username: 'collector', name: 'collector', team_id: slack.teamId });

function command(text: string): Promise<string> {
  return slashCommand(slack, MEMBER, text);
}

/** Opens "Add streamer" from the App Home, types `login` and submits; returns the app's ack body. */
async function addFromHome(login: string): Promise<{ errors?: Record<string, string> } | undefined> {
  const opened = slack.modals.size;
  await slack.sendEnvelope('interactive', {
    type: 'block_actions', user: member(), api_app_id: slack.appId, team: { id: slack.teamId, domain: 'fanfare' },
    trigger_id: `${Date.now()}.${randomUUID()}`, container: { type: 'view', view_id: 'VHOME' },
    view: { id: 'VHOME', type: 'home', hash: 'x', private_metadata: '', callback_id: '', state: { values: {} } },
    actions: [{ block_id: 'b', action_ts: '1.2', type: 'button', action_id: 'streamer_add' }],
  });
  await slack.waitFor(() => slack.modals.size > opened, 10_000);
  const modal = [...slack.modals.values()].reverse().find((m) => m.view.callback_id === 'streamer_add_modal');
  if (!modal) throw new Error('no streamer modal');
  return (await slack.sendEnvelope('interactive', {
    type: 'view_submission', user: member(), api_app_id: slack.appId, team: { id: slack.teamId, domain: 'fanfare' },
    trigger_id: `${Date.now()}.${randomUUID()}`, response_urls: [],
    view: {
      ...modal.view, id: modal.id, hash: modal.hash, private_metadata: modal.view.private_metadata ?? '',
      state: { values: { streamer_block: { streamer_input: { type: 'plain_text_input', value: login } } } },
    },
  })) as { errors?: Record<string, string> } | undefined;
}

describe('a member who follows 25 streamers', () => {
  it('is refused a 26th by the slash command, with the reason', async () => {
    const answer = await command('streamer add shroud');
    expect(answer).toContain('You already follow 25 streamers');
    expect(await command('status')).not.toContain('shroud');
  });

  it('is refused a 26th in the App Home modal, under the field', async () => {
    const ack = await addFromHome('shroud');
    expect(ack?.errors?.streamer_block).toContain('You already follow 25 streamers');
  });

  it('can add one again after removing one', async () => {
    expect(await command('streamer remove streamer1001')).toContain('Streamer1001');
    expect(await command('streamer add shroud')).toContain('You now follow');
    expect(await command('streamer add streamer1001')).toContain('You already follow 25 streamers');
  });
});
