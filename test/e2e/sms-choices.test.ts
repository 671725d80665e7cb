/**
 * A member's SMS choices end to end (SPEC P1): the real app (a child process) with the fake Slack, Twilio,
 * FIFA feed and Twitch. SMS off keeps the verified number and texts nothing until a level is picked again
 * (by `/fanfare sms …` or the App Home), while DMs still come; streamers by SMS off stops stream texts only.
 * Each test has a member at the default choices whose texts show the alert was sent, so an absent text
 * means "not for them", not "not yet".
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { FollowRepo } from '../../src/store/follows.js';
import { openStore } from '../../src/store/store.js';
import { StreamerRepo } from '../../src/store/streamers.js';
import { SubscriberRepo } from '../../src/store/subscribers.js';
import { EventType, MatchStatusCode, Period, rawCalendarMatch, rawEvent, rawGoal, rawTeam, TEAMS } from '../fixtures/fifa-builders.js';
import { useStage } from './fixtures.js';
import { homeAction, slashCommand, type RunningApp } from './harness.js';

const ARG = TEAMS.ARG?.id as string;
const MESSI = '229397';
const STREAMER = '41245072';

const stage = useStage({ channel: 'C0MATCHES', twilio: true, twitch: true });

beforeEach(() => {
  stage.fifa.setPlayer(MESSI, 'Lionel MESSI');
  stage.twitch.addUser({ id: STREAMER, login: 'prizes', display_name: 'Prizes', profile_image_url: 'https://static-cdn.jtvnw.net/prizes.png' });
});

/** Members who follow Argentina and the streamer, each with a confirmed number at "goals and results". */
async function seed(members: { id: string; phone: string }[]): Promise<void> {
  const store = await openStore(stage.storeUrl);
  const follows = new FollowRepo(store);
  const subscribers = new SubscriberRepo(store);
  await new StreamerRepo(store).save({ id: STREAMER, login: 'prizes', displayName: 'Prizes', profileImageUrl: 'https://static-cdn.jtvnw.net/prizes.png' });
  for (const member of members) {
    await follows.followTeam(member.id, `fifa:${ARG}`);
    await follows.followStreamer(member.id, STREAMER);
    await subscribers.activate(member.id, member.phone, 'goals');
    stage.slack.users.set(member.id, { id: member.id, name: member.id.toLowerCase(), tz: 'Europe/London', locale: 'en-GB' });
  }
  await store.close();
}

async function launch(): Promise<RunningApp> {
  const app = stage.launch({ MATCH_POLL_SECONDS: '0.2', CALENDAR_POLL_SECONDS: '0.5', TWITCH_POLL_SECONDS: '0.3', SMS_RATE_PER_SECOND: '50' });
  await app.waitForLog((line) => line.msg === 'connected to Slack (Socket Mode)');
  return app;
}

const KICKOFF = Date.now() - 60_000;
const at = (seconds: number) => new Date(KICKOFF + seconds * 1000).toISOString();

const EVENTS = [
  rawEvent({ EventId: 'e1', Type: EventType.PeriodStart, Period: Period.FirstHalf, Timestamp: at(0), MatchMinute: "1'" }),
  rawGoal(ARG, MESSI, 1, 0, { EventId: 'e2', Period: Period.FirstHalf, Timestamp: at(1380), MatchMinute: "23'" }),
  rawGoal(ARG, MESSI, 2, 0, { EventId: 'e3', Period: Period.FirstHalf, Timestamp: at(2160), MatchMinute: "36'" }),
];

/** The feed up to `count` events; the first alone, so the match is seen from its kick-off. */
function showEvents(count: number): void {
  const calendar = rawCalendarMatch({ IdMatch: '400000001', Date: new Date(KICKOFF).toISOString().replace(/\.\d+Z$/, 'Z'), MatchStatus: MatchStatusCode.Live, Home: rawTeam('ARG'), Away: rawTeam('FRA') });
  stage.fifa.setCalendar([calendar]);
  stage.fifa.setTimeline('400000001', EVENTS.slice(0, count));
}

function textsTo(phone: string): string[] {
  return stage.twilio.messages.filter((m) => m.to === phone && m.direction === 'outbound-api').map((m) => m.body);
}

const dmText = (userId: string) => stage.slack.dmsTo(userId).map((dm) => `${dm.text} ${JSON.stringify(dm.blocks ?? [])}`).join('\n');
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const matchThreadStarted = () => stage.slack.waitFor(() => stage.slack.channelMessages('C0MATCHES').some((m) => m.metadata?.event_type !== 'fanfare_stream'), 20_000);

describe('SMS choices (SPEC P1)', () => {
  it('/fanfare sms off keeps the number and texts nothing while DMs still come; /fanfare sms goals texts the next goal', async () => {
    await seed([
      { id: 'U0PAUSE', phone: '+447400100071' },
      { id: 'U0CTRL', phone: '+447400100072' },
    ]);
    showEvents(1);
    await launch();

    const answer = await slashCommand(stage.slack, 'U0PAUSE', 'sms off');
    expect(answer).toContain('Text messages: off. Your number stays saved, so picking a level again needs no new code; `/fanfare stop` deletes it.');
    const status = await slashCommand(stage.slack, 'U0PAUSE', 'status');
    expect(status).toContain('SMS: off, your number');
    expect(status).toContain('Streamers by DM: on');
    expect(status).toContain('Streamers by SMS: on');

    await matchThreadStarted();
    showEvents(2);
    await stage.slack.waitFor(() => textsTo('+447400100072').join('\n').includes("23'") && dmText('U0PAUSE').includes("23'"), 20_000);
    await pause(1500);
    expect(textsTo('+447400100071')).toEqual([]);

    // A level again: no new code, the next goal is texted to the kept number.
    expect(await slashCommand(stage.slack, 'U0PAUSE', 'sms goals')).toContain('Text messages: Goals and results.');
    showEvents(3);
    await stage.slack.waitFor(() => textsTo('+447400100071').join('\n').includes("36'"), 20_000);
    expect(textsTo('+447400100071').join('\n')).not.toContain("23'");
    expect(stage.twilio.messages.filter((m) => m.to === '+447400100071' && /code/i.test(m.body))).toEqual([]);
  }, 60_000);

  it('the App Home Off select stops texts; streamers by SMS off (command or App Home) stops stream texts only', async () => {
    await seed([
      { id: 'U0HOMEOFF', phone: '+447400100081' },
      { id: 'U0CMD', phone: '+447400100082' },
      { id: 'U0BTN', phone: '+447400100083' },
      { id: 'U0CTRL', phone: '+447400100084' },
    ]);
    showEvents(1);
    await launch();

    await homeAction(stage.slack, 'U0HOMEOFF', 'sms-level', {
      type: 'static_select',
      action_id: 'sms_alert_level',
      selected_option: { text: { type: 'plain_text', text: 'Off (your number is kept)' }, value: 'off' },
    });
    const offHome = JSON.stringify(stage.slack.views.get('U0HOMEOFF'));
    expect(offHome).toMatch(/"action_id":"sms_alert_level".*"initial_option":\{"text":\{"type":"plain_text","text":"Off \(your number is kept\)"/);
    expect(offHome).toContain('Text alerts are off: nothing is sent to +44 ••••••• 081, and the number stays saved.');
    expect(offHome).toContain('`/fanfare stop` deletes the number.');

    expect(await slashCommand(stage.slack, 'U0CMD', 'sms streamers off')).toContain('Streamers by SMS: off');
    expect(await slashCommand(stage.slack, 'U0CMD', 'status')).toContain('Streamers by SMS: off');
    // The App Home's switch says what is on now; its value is the state it turns to.
    const smsStreamsSwitch = /"action_id":"sms_streams","text":\{[^}]*"text":"Streamers by SMS: off"[^}]*\},"value":"on"/;
    await stage.slack.waitFor(() => smsStreamsSwitch.test(JSON.stringify(stage.slack.views.get('U0CMD') ?? null)), 10_000);
    await homeAction(stage.slack, 'U0BTN', 'sms-streams', { type: 'button', action_id: 'sms_streams', value: 'off', text: { type: 'plain_text', text: 'Streamers by SMS: on' } });
    expect(JSON.stringify(stage.slack.views.get('U0BTN'))).toMatch(smsStreamsSwitch);

    await matchThreadStarted();
    showEvents(2);
    stage.twitch.goLive(STREAMER, { id: '40261983101', title: 'Chess', game_name: 'Chess', viewer_count: 5 });
    const ctrl = () => textsTo('+447400100084').join('\n');
    await stage.slack.waitFor(() => ctrl().includes("23'") && ctrl().includes('Prizes is live'), 20_000);
    // Streamers off by SMS only: the goal is still texted, and the stream still comes by DM.
    await stage.slack.waitFor(() => ['+447400100082', '+447400100083'].every((phone) => textsTo(phone).join('\n').includes("23'")), 20_000);
    await stage.slack.waitFor(() => ['U0CMD', 'U0BTN'].every((id) => dmText(id).includes('Prizes')), 20_000);
    await pause(1500);
    expect(textsTo('+447400100081')).toEqual([]);
    for (const phone of ['+447400100082', '+447400100083']) expect(textsTo(phone).join('\n'), phone).not.toContain('Prizes');
  }, 60_000);
});
