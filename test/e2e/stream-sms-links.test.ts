/**
 * SPEC T8 end to end: a followed streamer whose title carries a link goes live; the card in Slack shows the
 * title (escaped), but the SMS Twilio receives carries only Fanfare's own twitch.tv link.
 */
import { beforeEach, expect, it } from 'vitest';
import { seedFollowedStreamer, useStage } from './fixtures.js';

const CHANNEL = 'C0STREAMS';
const STREAMER = '41245072';
const PHONE = '+447400100062';

const stage = useStage({ channel: CHANNEL, twilio: true, twitch: true });

beforeEach(() => seedFollowedStreamer(stage, { id: STREAMER, login: 'prizes', displayName: 'Prizes' }, { id: 'U0FAN', phone: PHONE }));

it('a stream title with links reaches the SMS without them', async () => {
  const title = 'FREE SKINS claim at evil.example or https://bit.ly/x (ｗｗｗ．ｅｖｉｌ．ｅｘａｍｐｌｅ) today';
  const { slack, twilio, twitch } = stage;
  twitch.goLive(STREAMER, { id: '40261983001', title, game_name: 'VALORANT', viewer_count: 50 });
  stage.launch({ TWITCH_POLL_SECONDS: '0.3', SMS_RATE_PER_SECOND: '10' });
  const texts = () => twilio.messages.filter((m) => m.to === PHONE).map((m) => m.body);
  await slack.waitFor(() => texts().length === 1, 20_000);
  expect(texts()[0]).toBe('Prizes is live: FREE SKINS claim at or today twitch.tv/prizes');
  // The card in the channel still shows the whole title: Slack readers see it escaped, as any feed text.
  const card = () => slack.channelMessages(CHANNEL).find((m) => m.metadata?.event_type === 'fanfare_stream');
  await slack.waitFor(() => card() !== undefined, 20_000);
  expect(JSON.stringify(card()?.blocks)).toContain('evil.example');
}, 60_000);
