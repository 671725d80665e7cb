/**
 * SPEC T8 end to end: a followed streamer whose title carries a link goes live; the card in Slack shows the
 * title (escaped), but the SMS Twilio receives carries only Fanfare's own twitch.tv link.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { FollowRepo } from '../../src/store/follows.js';
import { openStore } from '../../src/store/store.js';
import { StreamerRepo } from '../../src/store/streamers.js';
import { SubscriberRepo } from '../../src/store/subscribers.js';
import { startFakeFifa, type FakeFifa } from '../fakes/fifa.js';
import { startFakeSlack, type FakeSlack } from '../fakes/slack.js';
import { startFakeTwilio, type FakeTwilio } from '../fakes/twilio.js';
import { startFakeTwitch, type FakeTwitch } from '../fakes/twitch.js';
import { startApp, tempDir, type RunningApp } from './harness.js';

const CHANNEL = 'C0STREAMS';
const STREAMER = '41245072';
const PHONE = '+447400100062';

let slack: FakeSlack;
let twilio: FakeTwilio;
let twitch: FakeTwitch;
let fifa: FakeFifa;
let workdir: { dir: string; remove: () => Promise<void> };
let app: RunningApp | undefined;

beforeEach(async () => {
  [slack, twilio, twitch, fifa, workdir] = await Promise.all([startFakeSlack(), startFakeTwilio(), startFakeTwitch(), startFakeFifa(), tempDir()]);
  twitch.addUser({ id: STREAMER, login: 'prizes', display_name: 'Prizes', profile_image_url: 'https://static-cdn.jtvnw.net/prizes.png' });
  const store = await openStore(`sqlite://${workdir.dir}/store.sqlite`);
  await new StreamerRepo(store).save({ id: STREAMER, login: 'prizes', displayName: 'Prizes', profileImageUrl: 'https://static-cdn.jtvnw.net/prizes.png' });
  await new FollowRepo(store).followStreamer('U0FAN', STREAMER);
  await new SubscriberRepo(store).activate('U0FAN', PHONE, 'goals');
  await store.close();
});

afterEach(async () => {
  await app?.kill('SIGKILL');
  await Promise.all([slack.close(), twilio.close(), twitch.close(), fifa.close()]);
  await workdir.remove();
});

it('a stream title with links reaches the SMS without them', async () => {
  const title = 'FREE SKINS claim at evil.example or https://bit.ly/x (ｗｗｗ．ｅｖｉｌ．ｅｘａｍｐｌｅ) today';
  twitch.goLive(STREAMER, { id: '40261983001', title, game_name: 'VALORANT', viewer_count: 50 });
  app = startApp(
    {
      SLACK_BOT_TOKEN: slack.botToken,
      SLACK_APP_TOKEN: slack.appToken,
      SLACK_API_URL: slack.apiUrl,
      SLACK_CHANNEL: CHANNEL,
      FIFA_API_URL: fifa.url,
      TWITCH_CLIENT_ID: twitch.clientId,
      TWITCH_CLIENT_SECRET: twitch.clientSecret,
      TWITCH_API_URL: twitch.apiUrl,
      TWITCH_AUTH_URL: twitch.authUrl,
      TWITCH_POLL_SECONDS: '0.3',
      TWILIO_ACCOUNT_SID: twilio.accountSid,
      TWILIO_AUTH_TOKEN: twilio.authToken,
      TWILIO_MESSAGING_SERVICE_SID: twilio.messagingServiceSid,
      TWILIO_API_URL: twilio.url,
      SMS_RATE_PER_SECOND: '10',
      STORE_URL: `sqlite://${workdir.dir}/store.sqlite`,
    },
    workdir.dir,
  );
  const texts = () => twilio.messages.filter((m) => m.to === PHONE).map((m) => m.body);
  await slack.waitFor(() => texts().length === 1, 20_000);
  expect(texts()[0]).toBe('Prizes is live: FREE SKINS claim at or today twitch.tv/prizes');
  // The card in the channel still shows the whole title: Slack readers see it escaped, as any feed text.
  const card = () => slack.channelMessages(CHANNEL).find((m) => m.metadata?.event_type === 'fanfare_stream');
  await slack.waitFor(() => card() !== undefined, 20_000);
  expect(JSON.stringify(card()?.blocks)).toContain('evil.example');
}, 60_000);
