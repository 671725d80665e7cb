/**
 * SMS alerts end to end: the real app (a child process) follows a match from the fake FIFA feed and
 * texts followers through the fake Twilio. Members and their subscriptions are seeded in the store
 * the app opens, as if they had subscribed in the App Home.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { FollowRepo } from '../../src/store/follows.js';
import { SettingsRepo } from '../../src/store/settings.js';
import { openStore } from '../../src/store/store.js';
import { SubscriberRepo, type SmsAlertLevel } from '../../src/store/subscribers.js';
import type { FakeFifa } from '../fakes/fifa.js';
import type { FakeSlack } from '../fakes/slack.js';
import type { FakeTwilio } from '../fakes/twilio.js';
import { TEAMS } from '../fixtures/fifa-builders.js';
import { EVENTS, MBAPPE, MESSI, showShortMatch, useStage } from './fixtures.js';
import type { RunningApp } from './harness.js';

const ARG = TEAMS.ARG?.id as string;
const FRA = TEAMS.FRA?.id as string;
const BRA = TEAMS.BRA?.id as string;

const stage = useStage({ channel: 'C0MATCHES', twilio: true });
let slack: FakeSlack;
let twilio: FakeTwilio;
let fifa: FakeFifa;

beforeEach(() => {
  ({ slack, twilio, fifa } = stage);
  fifa.setPlayer(MESSI, 'Lionel MESSI');
  fifa.setPlayer(MBAPPE, 'Kylian MBAPPE');
});

interface Member {
  id: string;
  phone: string;
  teams: string[];
  alerts?: SmsAlertLevel;
  status?: 'active' | 'opted-out';
}

/** Members as if they had followed teams and confirmed their number in the App Home. */
async function seed(members: Member[]): Promise<void> {
  const store = await openStore(stage.storeUrl);
  const follows = new FollowRepo(store);
  const subscribers = new SubscriberRepo(store);
  for (const member of members) {
    // Members follow teams by team key (provider:id); the feed names them by FIFA's id.
    for (const team of member.teams) await follows.followTeam(member.id, `fifa:${team}`);
    await subscribers.activate(member.id, member.phone, member.alerts ?? 'goals');
    if (member.status === 'opted-out') await subscribers.update(member.id, { status: 'opted-out' });
  }
  await store.close();
}

function launch(env: Record<string, string> = {}): RunningApp {
  return stage.launch({ MATCH_POLL_SECONDS: '0.2', CALENDAR_POLL_SECONDS: '0.5', SMS_RATE_PER_SECOND: '50', SLACK_POST_INTERVAL_MS: '100', ...env });
}

const showEvents = (count: number) => showShortMatch(fifa, count);

function textsTo(phone: string): string[] {
  return twilio.messages.filter((m) => m.to === phone && m.direction === 'outbound-api').map((m) => m.body);
}

async function waitFor(predicate: () => boolean, timeoutMs = 20_000): Promise<void> {
  await slack.waitFor(predicate, timeoutMs);
}

describe('SMS alerts', () => {
  it('go only to followers with an active subscription, as each chose', async () => {
    await seed([
      { id: 'U0GOALS', phone: '+447400100001', teams: [ARG], alerts: 'goals' },
      { id: 'U0CARDS', phone: '+447400100002', teams: [FRA], alerts: 'cards' },
      { id: 'U0ALL', phone: '+447400100003', teams: [ARG, FRA], alerts: 'everything' },
      { id: 'U0OTHER', phone: '+447400100004', teams: [BRA], alerts: 'everything' },
      { id: 'U0STOPPED', phone: '+447400100005', teams: [ARG], alerts: 'everything', status: 'opted-out' },
    ]);
    showEvents(1);
    const app = launch();
    await waitFor(() => textsTo('+447400100003').length >= 1);
    showEvents(EVENTS.length);
    await waitFor(() => textsTo('+447400100003').join('\n').includes('Half-time'));
    // Both goals come in the same poll round: one SMS or two, as the burst fell.
    await waitFor(() => textsTo('+447400100001').join('\n').includes("36'"));
    await new Promise((resolve) => setTimeout(resolve, 1500));

    const goals = textsTo('+447400100001').join('\n');
    expect(goals).toContain("GOAL Argentina! Messi 23' (pen) ARG 1-0 FRA");
    expect(goals).toContain("GOAL Argentina! Messi 36' ARG 2-0 FRA");
    expect(goals).not.toMatch(/Yellow|Half-time|Kick-off|Penalty/);
    const cards = textsTo('+447400100002').join('\n');
    expect(cards).toMatch(/Yellow/);
    expect(cards).toMatch(/GOAL/);
    expect(cards).not.toMatch(/Half-time|Kick-off/);
    const all = textsTo('+447400100003').join('\n');
    expect(all).toMatch(/Kick-off/);
    expect(all).toMatch(/Half-time/);
    expect(textsTo('+447400100004')).toEqual([]);
    expect(textsTo('+447400100005')).toEqual([]);
    // One SMS per member per alert: no text twice.
    for (const phone of ['+447400100001', '+447400100002', '+447400100003']) {
      const lines = textsTo(phone).flatMap((text) => text.split('\n'));
      expect(new Set(lines).size).toBe(lines.length);
    }
    expect(app.stdout()).not.toContain('7400100001');
  }, 60_000);

  it('after SIGKILL during a fan-out to 500 members, each member still gets exactly one SMS', async () => {
    const members = Array.from({ length: 500 }, (_, i) => ({ id: `U0M${String(i).padStart(4, '0')}`, phone: `+4474005${String(i).padStart(5, '0')}`, teams: [ARG] }));
    await seed(members);
    showEvents(1);
    let app = launch({ SMS_RATE_PER_SECOND: '40' });
    await app.waitForLog((line) => line.msg === 'connected to Slack (Socket Mode)');
    showEvents(3); // the first goal: 500 texts at 40 a second
    await waitFor(() => twilio.messages.length >= 120);
    await app.kill('SIGKILL');
    const beforeRestart = twilio.messages.length;
    expect(beforeRestart).toBeLessThan(500);

    app = launch({ SMS_RATE_PER_SECOND: '40' });
    await waitFor(() => new Set(twilio.messages.map((m) => m.to)).size === 500, 40_000);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const perNumber = new Map<string, number>();
    for (const message of twilio.messages) perNumber.set(message.to, (perNumber.get(message.to) ?? 0) + 1);
    expect([...perNumber.values()].every((count) => count === 1)).toBe(true);
    expect(perNumber.size).toBe(500);
  }, 90_000);

  it('does not resend a text whose request timed out after Twilio took it', async () => {
    await seed([{ id: 'U0ONE', phone: '+447400100011', teams: [ARG] }]);
    showEvents(1);
    launch();
    twilio.hang('/2010-04-01/Accounts', 1, { thenRecord: true });
    showEvents(3);
    await waitFor(() => textsTo('+447400100011').length >= 1);
    // The client gives up after its timeout (5 s); the outbox then asks Twilio (a list of its messages)
    // before sending again, finds the text there and sends nothing more.
    await waitFor(() => twilio.requests.some((r) => r.method === 'GET' && r.pathname.endsWith('/Messages.json')));
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(textsTo('+447400100011')).toHaveLength(1);
  }, 60_000);

  it('marks a member who texted STOP as opted out and sends them nothing more', async () => {
    await seed([
      { id: 'U0QUIT', phone: '+447400100021', teams: [ARG] },
      { id: 'U0STAY', phone: '+447400100022', teams: [ARG] },
    ]);
    twilio.optOut('+447400100021');
    showEvents(1);
    const app = launch();
    showEvents(3);
    await waitFor(() => textsTo('+447400100022').length === 1);
    await app.waitForLog((line) => /opted out/i.test(line.msg));
    showEvents(5);
    await waitFor(() => textsTo('+447400100022').length === 2);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(textsTo('+447400100021')).toEqual([]);
    const attemptsToQuitter = twilio.requests.filter((r) => r.method === 'POST' && String(r.form.To) === '+447400100021').length;
    expect(attemptsToQuitter).toBe(1);
  }, 60_000);

  it('marks a number Twilio rejects as failed and tells its owner by DM', async () => {
    await seed([{ id: 'U0LAND', phone: '+447400100051', teams: [ARG] }]);
    twilio.fail('/2010-04-01/Accounts', { status: 400, code: 21614, message: "To number: +447400100051, is not a mobile number" }, 1);
    showEvents(1);
    const app = launch();
    showEvents(3);
    // The member's DMs also carry their alerts (SPEC P1): the notice is the DM without alert metadata.
    const notice = () => slack.messages.find((m) => m.channel === 'D0LAND' && m.metadata?.event_type !== 'fanfare_dm');
    await waitFor(() => notice() !== undefined, 20_000);
    expect(notice()?.text).toContain('+44 ••••••• 051');
    showEvents(5);
    await new Promise((resolve) => setTimeout(resolve, 2000));
    expect(textsTo('+447400100051')).toEqual([]);
    expect(app.stdout()).not.toContain('7400100051');
  }, 60_000);

  it('delivers everything exactly once through a storm of 429s', async () => {
    const members = Array.from({ length: 20 }, (_, i) => ({ id: `U0S${i}`, phone: `+4474006${String(i).padStart(5, '0')}`, teams: [ARG] }));
    await seed(members);
    showEvents(1);
    launch();
    twilio.rateLimit('/2010-04-01/Accounts', 30);
    showEvents(3);
    await waitFor(() => new Set(twilio.messages.map((m) => m.to)).size === 20, 40_000);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(twilio.messages).toHaveLength(20);
  }, 60_000);

  it('pauses on bad credentials without losing anything, tells the admin once, and delivers once after a restart with the right ones', async () => {
    await seed([{ id: 'U0P', phone: '+447400100031', teams: [ARG] }]);
    const store = await openStore(stage.storeUrl);
    await new SettingsRepo(store).change({ channel: 'C0MATCHES', channelPickedBy: 'U0ADMIN' });
    await store.close();
    showEvents(1);
    let app = launch({ TWILIO_AUTH_TOKEN: 'wrong-token' });
    showEvents(3);
    await app.waitForLog((line) => line.level >= 50 && /paus/i.test(line.msg), 20_000);
    await waitFor(() => slack.messages.some((m) => m.channel === 'D0ADMIN'), 10_000);
    expect(slack.messages.filter((m) => m.channel === 'D0ADMIN')).toHaveLength(1);
    expect(slack.messages.find((m) => m.channel === 'D0ADMIN')?.text).toMatch(/paused/i);
    expect(textsTo('+447400100031')).toEqual([]);
    await app.kill('SIGTERM');
    app = launch();
    await waitFor(() => textsTo('+447400100031').length === 1);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(textsTo('+447400100031')).toHaveLength(1);
    expect(app.stdout()).not.toContain('wrong-token');
  }, 60_000);

  it('sends a burst for one member as one combined SMS', async () => {
    await seed([{ id: 'U0BURST', phone: '+447400100041', teams: [ARG], alerts: 'cards' }]);
    showEvents(1);
    launch({ SMS_RATE_PER_SECOND: '0.5' });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    showEvents(EVENTS.length);
    await waitFor(() => textsTo('+447400100041').join('\n').includes("36'"), 30_000);
    const texts = textsTo('+447400100041');
    // Penalty, goal, card and goal: four alerts, fewer texts, none lost.
    expect(texts.length).toBeLessThan(4);
    expect(texts.join('\n')).toContain("23'");
    expect(texts.join('\n')).toMatch(/Yellow/);
  }, 60_000);

  it('drops an alert it could not hand to Twilio in time, never sending it late', async () => {
    const members = Array.from({ length: 6 }, (_, i) => ({ id: `U0V${i}`, phone: `+4474007${String(i).padStart(5, '0')}`, teams: [ARG] }));
    await seed(members);
    showEvents(1);
    const app = launch({ SMS_RATE_PER_SECOND: '1', SMS_VALIDITY_SECONDS: '2' });
    showEvents(3);
    await app.waitForLog((line) => /drop/i.test(line.msg) && /valid|late|expired/i.test(JSON.stringify(line)), 20_000);
    await new Promise((resolve) => setTimeout(resolve, 3000));
    expect(twilio.messages.length).toBeLessThan(6);
    expect(twilio.messages.length).toBeGreaterThan(0);
    for (const message of twilio.messages) expect(Number(message.validityPeriod ?? 0)).toBeLessThanOrEqual(2);
  }, 60_000);
});
