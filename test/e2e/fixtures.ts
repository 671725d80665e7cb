/**
 * The set-up most end-to-end files share: fresh fakes (Slack and FIFA, and Twilio or Twitch when a file
 * needs them) and a fresh working directory for every test, the app launched against them, and every app
 * killed afterwards.
 */
import { afterEach, beforeEach } from 'vitest';
import { FollowRepo } from '../../src/store/follows.js';
import { openStore } from '../../src/store/store.js';
import { StreamerRepo } from '../../src/store/streamers.js';
import { SubscriberRepo } from '../../src/store/subscribers.js';
import { startFakeFifa, type FakeFifa } from '../fakes/fifa.js';
import { startFakeSlack, type FakeSlack } from '../fakes/slack.js';
import { startFakeTwilio, type FakeTwilio } from '../fakes/twilio.js';
import { startFakeTwitch, type FakeTwitch } from '../fakes/twitch.js';
import { EventType, MatchStatusCode, Period, rawCalendarMatch, rawEvent, rawGoal, rawPlayerEvent, rawTeam, TEAMS } from '../fixtures/fifa-builders.js';
import { startApp, tempDir, type RunningApp } from './harness.js';

export interface StageOptions {
  /** The channel for match threads and stream cards (SLACK_CHANNEL). */
  channel: string;
  twilio?: boolean;
  twitch?: boolean;
}

/** This test's fakes, working directory and apps; filled in before each test. */
export interface Stage {
  slack: FakeSlack;
  fifa: FakeFifa;
  /** Only when asked for in the options. */
  twilio: FakeTwilio;
  /** Only when asked for in the options. */
  twitch: FakeTwitch;
  dir: string;
  /** The app's SQLite store in the working directory. */
  storeUrl: string;
  /** Starts the app on the fakes (Twilio and Twitch too, when started) with `env` on top; killed after the test. */
  launch(env?: Record<string, string>): RunningApp;
}

/** Call at the top of a test file. */
export function useStage(options: StageOptions): Stage {
  const apps: RunningApp[] = [];
  let remove: () => Promise<void> = async () => undefined;
  const stage = {
    launch(env: Record<string, string> = {}): RunningApp {
      const app = startApp({ ...baseEnv(stage, options), ...env }, stage.dir);
      apps.push(app);
      return app;
    },
  } as Stage;

  beforeEach(async () => {
    const [slack, fifa, workdir, twilio, twitch] = await Promise.all([
      startFakeSlack(),
      startFakeFifa(),
      tempDir(),
      options.twilio ? startFakeTwilio() : undefined,
      options.twitch ? startFakeTwitch() : undefined,
    ]);
    Object.assign(stage, { slack, fifa, twilio, twitch, dir: workdir.dir, storeUrl: `sqlite://${workdir.dir}/store.sqlite` });
    remove = workdir.remove;
  });

  afterEach(async () => {
    await Promise.all(apps.splice(0).map((app) => app.kill('SIGKILL')));
    await Promise.all([stage.slack.close(), stage.fifa.close(), options.twilio && stage.twilio.close(), options.twitch && stage.twitch.close()]);
    await remove();
  });

  return stage;
}

function baseEnv(stage: Stage, options: StageOptions): Record<string, string> {
  const { slack, fifa, twilio, twitch } = stage;
  return {
    SLACK_BOT_TOKEN: slack.botToken,
    SLACK_APP_TOKEN: slack.appToken,
    SLACK_API_URL: slack.apiUrl,
    SLACK_CHANNEL: options.channel,
    FIFA_API_URL: fifa.url,
    STORE_URL: stage.storeUrl,
    ...(options.twilio
      ? { TWILIO_ACCOUNT_SID: twilio.accountSid, TWILIO_AUTH_TOKEN: twilio.authToken, TWILIO_MESSAGING_SERVICE_SID: twilio.messagingServiceSid, TWILIO_API_URL: twilio.url }
      : {}),
    ...(options.twitch
      ? { TWITCH_CLIENT_ID: twitch.clientId, TWITCH_CLIENT_SECRET: twitch.clientSecret, TWITCH_API_URL: twitch.apiUrl, TWITCH_AUTH_URL: twitch.authUrl }
      : {}),
  };
}

/**
 * A Twitch streamer `fan` follows, known to Fanfare and to the fake Twitch alike; with `phone`, the fan
 * has an SMS subscription (goals level) too.
 */
export async function seedFollowedStreamer(
  stage: Stage,
  streamer: { id: string; login: string; displayName: string },
  fan: { id: string; phone?: string },
): Promise<void> {
  const profileImageUrl = `https://static-cdn.jtvnw.net/${streamer.login}.png`;
  stage.twitch.addUser({ id: streamer.id, login: streamer.login, display_name: streamer.displayName, profile_image_url: profileImageUrl });
  const store = await openStore(stage.storeUrl);
  await new StreamerRepo(store).save({ ...streamer, profileImageUrl });
  await new FollowRepo(store).followStreamer(fan.id, streamer.id);
  if (fan.phone) await new SubscriberRepo(store).activate(fan.id, fan.phone, 'goals');
  await store.close();
}

// ---- a short live match, Argentina v France: kick-off, a penalty, two goals, a card, half-time ----------

const ARG = TEAMS.ARG?.id as string;
const FRA = TEAMS.FRA?.id as string;
export const MESSI = '229397';
export const MBAPPE = '389867';
const KICKOFF = Date.now() - 60_000;
const at = (seconds: number) => new Date(KICKOFF + seconds * 1000).toISOString();

const calendar = (status: number) =>
  rawCalendarMatch({ IdMatch: '400000001', Date: new Date(KICKOFF).toISOString().replace(/\.\d+Z$/, 'Z'), MatchStatus: status, Home: rawTeam('ARG'), Away: rawTeam('FRA') });

export const EVENTS = [
  rawEvent({ EventId: 'e1', Type: EventType.PeriodStart, Period: Period.FirstHalf, Timestamp: at(0), MatchMinute: "1'" }),
  rawPlayerEvent(EventType.PenaltyAfterFoul, FRA, MBAPPE, { EventId: 'e2', Period: Period.FirstHalf, Timestamp: at(1260), MatchMinute: "21'" }),
  rawGoal(ARG, MESSI, 1, 0, { EventId: 'e3', Type: EventType.PenaltyGoal, Period: Period.FirstHalf, Timestamp: at(1380), MatchMinute: "23'" }),
  rawPlayerEvent(EventType.Yellow, FRA, MBAPPE, { EventId: 'e4', Period: Period.FirstHalf, Timestamp: at(1500), MatchMinute: "25'", HomeGoals: 1 }),
  rawGoal(ARG, MESSI, 2, 0, { EventId: 'e5', Period: Period.FirstHalf, Timestamp: at(2160), MatchMinute: "36'" }),
  rawEvent({ EventId: 'e6', Type: EventType.PeriodEnd, Period: Period.FirstHalf, Timestamp: at(2900), MatchMinute: "45'+2'", HomeGoals: 2 }),
];

/** Shows the match live with its first `count` events (the first one alone: the match seen from its kick-off). */
export function showShortMatch(fifa: FakeFifa, count: number): void {
  fifa.setCalendar([calendar(MatchStatusCode.Live)]);
  fifa.setTimeline('400000001', EVENTS.slice(0, count));
}
