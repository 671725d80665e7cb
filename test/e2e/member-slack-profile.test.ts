/**
 * Members' Slack locale and time zone without their interacting (SPEC P3, O6), through the real app and
 * the fake Slack: after an upgrade the leader fills them in from users.list for the members Fanfare knows,
 * `user_change` keeps them fresh, a deactivated member's queued DMs are never posted, and a users.list
 * that fails stops nothing.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { beforeEach, describe, expect, it } from 'vitest';
import { FollowRepo } from '../../src/store/follows.js';
import { MemberPrefsRepo } from '../../src/store/member-prefs.js';
import { openStore } from '../../src/store/store.js';
import { EventType, MatchStatusCode, Period, rawCalendarMatch, rawEvent, rawGoal, rawTeam, TEAMS } from '../fixtures/fifa-builders.js';
import { useStage } from './fixtures.js';
import { slashCommand, type RunningApp } from './harness.js';

const ARG = TEAMS.ARG?.id as string;
const MESSI = '229397';

const stage = useStage({ channel: 'C0MATCHES' });

beforeEach(() => {
  stage.fifa.setPlayer(MESSI, 'Lionel MESSI');
  stage.slack.users.set('U0BIA', { id: 'U0BIA', name: 'bia', tz: 'America/Sao_Paulo', locale: 'pt-BR' });
  stage.slack.users.set('U0JONAS', { id: 'U0JONAS', name: 'jonas', tz: 'Europe/Berlin', locale: 'de-DE' });
  // In the workspace, but Fanfare never heard of her: nothing is written for her.
  stage.slack.users.set('U0HANA', { id: 'U0HANA', name: 'hana', tz: 'Asia/Tokyo', locale: 'ja-JP' });
});

/** Follows as an earlier version left them: no Slack locale nor time zone stored. */
async function follow(userIds: string[]): Promise<void> {
  const store = await openStore(stage.storeUrl);
  const follows = new FollowRepo(store);
  for (const userId of userIds) await follows.followTeam(userId, ARG);
  await store.close();
}

async function storedPrefs(userId: string) {
  const store = await openStore(stage.storeUrl);
  try {
    return (await new MemberPrefsRepo(store).getStoredMany([userId]))[0];
  } finally {
    await store.close();
  }
}

function launch(): RunningApp {
  return stage.launch({ MATCH_POLL_SECONDS: '0.2', CALENDAR_POLL_SECONDS: '0.5', LOCALE: 'en-GB' });
}

const KICKOFF = Date.now() - 60_000;
const at = (seconds: number) => new Date(KICKOFF + seconds * 1000).toISOString();
const EVENTS = [
  rawEvent({ EventId: 'e1', Type: EventType.PeriodStart, Period: Period.FirstHalf, Timestamp: at(0), MatchMinute: "1'" }),
  rawGoal(ARG, MESSI, 1, 0, { EventId: 'e2', Period: Period.FirstHalf, Timestamp: at(1380), MatchMinute: "23'" }),
];

function showEvents(count: number): void {
  stage.fifa.setCalendar([
    rawCalendarMatch({ IdMatch: '400000001', Date: new Date(KICKOFF).toISOString().replace(/\.\d+Z$/, 'Z'), MatchStatus: MatchStatusCode.Live, Home: rawTeam('ARG'), Away: rawTeam('FRA') }),
  ]);
  stage.fifa.setTimeline('400000001', EVENTS.slice(0, count));
}

/** The match thread first, so the goal is news (not a catch-up). */
async function startTheMatch(): Promise<void> {
  showEvents(1);
  await stage.slack.waitFor(() => stage.slack.channelMessages('C0MATCHES').length >= 1, 20_000);
}

const backfilled = (app: RunningApp) => app.waitForLog((line) => /Slack locale and time zone brought up to date/.test(line.msg), 20_000);

describe("members' Slack locale and time zone", () => {
  it('are filled in at start for members who never interacted, and kept fresh by user_change; the goal DM uses them', async () => {
    await follow(['U0BIA', 'U0JONAS']);
    const app = launch();
    expect((await backfilled(app)).updated).toBe(2);
    expect(await storedPrefs('U0BIA')).toMatchObject({ slackLocale: 'pt-BR', timeZone: 'America/Sao_Paulo' });
    expect(await storedPrefs('U0HANA')).toBeUndefined();
    // Slack was asked for the locale, which it leaves out otherwise.
    expect(stage.slack.calls.filter((c) => c.method === 'users.list').every((c) => c.args.include_locale === true)).toBe(true);

    // Jonas moves to Paris and switches Slack to French.
    expect(await slashCommand(stage.slack, 'U0JONAS', 'help')).toContain('Das kann ich für dich tun');
    const jonas = { id: 'U0JONAS', name: 'jonas', tz: 'Europe/Paris', locale: 'fr-FR' };
    stage.slack.users.set(jonas.id, jonas);
    await stage.slack.sendEvent({ type: 'user_change', user: { ...jonas, team_id: stage.slack.teamId, deleted: false, is_bot: false } });
    await app.waitForLog((line) => /Slack locale or time zone changed/.test(line.msg) && line.user === 'U0JONAS', 10_000);
    expect(await storedPrefs('U0JONAS')).toMatchObject({ slackLocale: 'fr-FR', timeZone: 'Europe/Paris' });
    // What Fanfare remembered of him from a minute ago does not undo it.
    expect(await slashCommand(stage.slack, 'U0JONAS', 'help')).toContain('Voici ce que je sais faire');
    expect(await storedPrefs('U0JONAS')).toMatchObject({ slackLocale: 'fr-FR', timeZone: 'Europe/Paris' });

    await startTheMatch();
    showEvents(2);
    await stage.slack.waitFor(() => stage.slack.dmsTo('U0BIA').length >= 1 && stage.slack.dmsTo('U0JONAS').length >= 1, 20_000);
    expect(stage.slack.dmsTo('U0BIA')[0]?.text).toMatch(/^GOL! .*Lionel MESSI/);
    expect(stage.slack.dmsTo('U0JONAS')[0]?.text).toMatch(/^BUT ! .*Lionel MESSI/);
  }, 60_000);

  it('a member deactivated with a DM still queued never gets it; the others do', async () => {
    await follow(['U0BIA', 'U0JONAS']);
    const app = launch();
    await backfilled(app);
    await startTheMatch();
    // Slack answers every post with 429 for now: the goal DMs wait, queued.
    stage.slack.throttle('chat.postMessage', 0);
    showEvents(2);
    const dmAttempts = (userId: string) => stage.slack.calls.filter((c) => c.method === 'chat.postMessage' && c.args.channel === userId).length;
    const refused = (userId: string) => app.waitForLog((line) => line.msg === 'delivery not sent; trying again later' && line.user === userId, 30_000);
    // Both DMs wait for their next try, due at about the same time.
    await Promise.all([refused('U0BIA'), refused('U0JONAS')]);

    await stage.slack.sendEvent({ type: 'user_change', user: { id: 'U0BIA', name: 'bia', deleted: true, team_id: stage.slack.teamId } });
    await app.waitForLog((line) => /member deactivated in Slack/.test(line.msg), 10_000);
    const attemptsBefore = dmAttempts('U0BIA');
    stage.slack.throttle('chat.postMessage', null);

    // Jonas's DM goes at its next try; Bia's, queued as long, is never posted.
    await stage.slack.waitFor(() => stage.slack.dmsTo('U0JONAS').length >= 1, 60_000);
    // Bia's next try was due with Jonas's: give it time to show.
    await sleep(3000);
    expect(stage.slack.dmsTo('U0BIA')).toEqual([]);
    expect(dmAttempts('U0BIA')).toBe(attemptsBefore);
  }, 90_000);

  it('a users.list that fails stops nothing: Fanfare starts and answers, and says so once', async () => {
    await follow(['U0BIA']);
    stage.slack.fail('users.list', 'internal_error', 1000);
    const app = launch();
    await app.waitForLog((line) => line.msg === 'connected to Slack (Socket Mode)');
    await app.waitForLog((line) => /users\.list failed/.test(line.msg), 20_000);
    // The member context still asks users.info when Bia herself writes.
    expect(await slashCommand(stage.slack, 'U0BIA', 'help')).toContain('Veja o que eu sei fazer');
    expect(app.logs.filter((line) => /users\.list failed/.test(line.msg) && line.level >= 40)).toHaveLength(1);
  }, 60_000);
});
