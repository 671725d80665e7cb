/**
 * Each member's language (SPEC P3) end to end, through the real app (a child process) and the fake
 * Slack, whose users carry a Slack locale and time zone: the App Home, ephemeral answers and match DMs
 * come in the member's choice, else their Slack locale when Fanfare speaks it, else LOCALE; threads stay
 * in LOCALE. Nothing here depends on the machine's time zone: the members' zones come from Slack.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FollowRepo } from '../../src/store/follows.js';
import { MemberPrefsRepo } from '../../src/store/member-prefs.js';
import { openStore } from '../../src/store/store.js';
import { startFakeFifa, type FakeFifa } from '../fakes/fifa.js';
import { startFakeSlack, type FakeSlack } from '../fakes/slack.js';
import { EventType, MatchStatusCode, Period, rawCalendarMatch, rawEvent, rawGoal, rawTeam, TEAMS } from '../fixtures/fifa-builders.js';
import { slashCommand, startApp, tempDir, type RunningApp } from './harness.js';

const ARG = TEAMS.ARG?.id as string;
const MESSI = '229397';

let slack: FakeSlack;
let fifa: FakeFifa;
let workdir: { dir: string; remove: () => Promise<void> };
const apps: RunningApp[] = [];

beforeEach(async () => {
  [slack, fifa, workdir] = await Promise.all([startFakeSlack(), startFakeFifa(), tempDir()]);
  fifa.setPlayer(MESSI, 'Lionel MESSI');
  // Two members in different languages and zones, one whose language Fanfare does not speak.
  slack.users.set('U0BIA', { id: 'U0BIA', name: 'bia', tz: 'America/Sao_Paulo', locale: 'pt-BR' });
  slack.users.set('U0JONAS', { id: 'U0JONAS', name: 'jonas', tz: 'Europe/Berlin', locale: 'de-DE' });
  slack.users.set('U0HANA', { id: 'U0HANA', name: 'hana', tz: 'Asia/Tokyo', locale: 'ja-JP' });
});

afterEach(async () => {
  await Promise.all(apps.splice(0).map((app) => app.kill('SIGKILL')));
  await Promise.all([slack.close(), fifa.close()]);
  await workdir.remove();
});

const storeUrl = () => `sqlite://${workdir.dir}/store.sqlite`;

async function follow(userIds: string[]): Promise<void> {
  const store = await openStore(storeUrl());
  const follows = new FollowRepo(store);
  for (const userId of userIds) await follows.followTeam(userId, ARG);
  await store.close();
}

async function storedPrefs(userId: string) {
  const store = await openStore(storeUrl());
  try {
    return await new MemberPrefsRepo(store).get(userId);
  } finally {
    await store.close();
  }
}

function launch(): RunningApp {
  const app = startApp(
    {
      SLACK_BOT_TOKEN: slack.botToken,
      SLACK_APP_TOKEN: slack.appToken,
      SLACK_API_URL: slack.apiUrl,
      SLACK_CHANNEL: 'C0MATCHES',
      FIFA_API_URL: fifa.url,
      MATCH_POLL_SECONDS: '0.2',
      CALENDAR_POLL_SECONDS: '0.5',
      STORE_URL: storeUrl(),
      LOCALE: 'en-GB',
    },
    workdir.dir,
  );
  apps.push(app);
  return app;
}

const KICKOFF = Date.now() - 60_000;
const at = (seconds: number) => new Date(KICKOFF + seconds * 1000).toISOString();
const EVENTS = [
  rawEvent({ EventId: 'e1', Type: EventType.PeriodStart, Period: Period.FirstHalf, Timestamp: at(0), MatchMinute: "1'" }),
  rawGoal(ARG, MESSI, 1, 0, { EventId: 'e2', Period: Period.FirstHalf, Timestamp: at(1380), MatchMinute: "23'" }),
];

function showEvents(count: number): void {
  fifa.setCalendar([
    rawCalendarMatch({ IdMatch: '400000001', Date: new Date(KICKOFF).toISOString().replace(/\.\d+Z$/, 'Z'), MatchStatus: MatchStatusCode.Live, Home: rawTeam('ARG'), Away: rawTeam('FRA') }),
  ]);
  fifa.setTimeline('400000001', EVENTS.slice(0, count));
}

/** The match goes on to Messi's goal, once the thread exists (so the goal is news, not a catch-up). */
async function playToTheGoal(): Promise<void> {
  showEvents(1);
  await slack.waitFor(() => slack.channelMessages('C0MATCHES').length >= 1, 20_000);
  showEvents(2);
}

const publishes = (userId: string) => slack.calls.filter((c) => c.method === 'views.publish' && c.args.user_id === userId).length;
const home = (userId: string) => JSON.stringify(slack.views.get(userId) ?? {});

async function openHome(userId: string): Promise<void> {
  const before = publishes(userId);
  await slack.sendEvent({ type: 'app_home_opened', user: userId, channel: `D${userId.slice(1)}`, tab: 'home', event_ts: '1.1' });
  await slack.waitFor(() => publishes(userId) > before, 10_000);
}

/** The member picks in the App Home's language picker (a block_actions envelope, as Slack sends it). */
async function pickLanguage(userId: string, value: string): Promise<void> {
  const before = publishes(userId);
  await slack.sendEnvelope('interactive', {
    type: 'block_actions',
    user: { id: userId, username: userId.toLowerCase(), name: userId.toLowerCase(), team_id: slack.teamId },
    api_app_id: slack.appId,
    team: { id: slack.teamId, domain: 'fanfare' },
    trigger_id: `${Date.now()}.1`,
    container: { type: 'view', view_id: 'VHOME' },
    view: { id: 'VHOME', type: 'home', hash: 'x', private_metadata: '', callback_id: '', state: { values: {} } },
    actions: [{ block_id: 'language', action_id: 'member_language', action_ts: '1.2', type: 'static_select', selected_option: { text: { type: 'plain_text', text: value }, value } }],
  });
  await slack.waitFor(() => publishes(userId) > before, 10_000);
}

describe('each member\'s language', () => {
  it('App Home, answers and DMs come in each member\'s Slack language, else LOCALE; the thread stays in LOCALE', async () => {
    await follow(['U0BIA', 'U0JONAS', 'U0HANA']);
    const app = launch();
    await app.waitForLog((line) => line.msg === 'connected to Slack (Socket Mode)');

    await openHome('U0BIA');
    await openHome('U0JONAS');
    await openHome('U0HANA');
    expect(home('U0BIA')).toContain('Seus times');
    expect(home('U0JONAS')).toContain('Deine Teams');
    expect(home('U0HANA')).toContain('Your teams');
    expect(await slashCommand(slack, 'U0BIA', 'help')).toContain('Veja o que eu sei fazer');
    expect(await slashCommand(slack, 'U0JONAS', 'help')).toContain('Das kann ich für dich tun');
    expect(await slashCommand(slack, 'U0HANA', 'help')).toContain('Here is what I can do');
    // What Slack said is kept for the alerts, which ask Slack nothing.
    expect(await storedPrefs('U0JONAS')).toMatchObject({ slackLocale: 'de-DE', timeZone: 'Europe/Berlin' });

    await playToTheGoal();
    await slack.waitFor(() => ['U0BIA', 'U0JONAS', 'U0HANA'].every((u) => slack.dmsTo(u).length >= 1), 20_000);
    expect(slack.dmsTo('U0BIA')[0]?.text).toMatch(/^GOL! .*Lionel MESSI/);
    expect(slack.dmsTo('U0JONAS')[0]?.text).toMatch(/^TOR! .*Lionel MESSI/);
    expect(slack.dmsTo('U0HANA')[0]?.text).toMatch(/GOAL! .*Lionel MESSI/);
    const parent = slack.channelMessages('C0MATCHES')[0];
    await slack.waitFor(() => slack.thread('C0MATCHES', parent?.ts ?? '').some((m) => /MESSI/.test(m.text)), 20_000);
    expect(slack.thread('C0MATCHES', parent?.ts ?? '').map((m) => m.text).join('\n')).toMatch(/GOAL! .*Lionel MESSI/);
  }, 60_000);

  it('/fanfare language and the App Home picker switch the language at once; auto returns to Slack\'s', async () => {
    await follow(['U0JONAS', 'U0HANA']);
    const app = launch();
    await app.waitForLog((line) => line.msg === 'connected to Slack (Socket Mode)');

    expect(await slashCommand(slack, 'U0JONAS', 'language fr-FR')).toContain('Fanfare vous écrira désormais en français.');
    await slack.waitFor(() => home('U0JONAS').includes('Vos équipes'), 10_000);
    expect(await slashCommand(slack, 'U0JONAS', 'help')).toContain('Voici ce que je sais faire');
    expect(await slashCommand(slack, 'U0JONAS', 'language klingon')).toContain('/fanfare language en-GB|pt-BR|fr-FR|es-ES|de-DE|auto');
    expect(await slashCommand(slack, 'U0JONAS', 'language auto')).toContain('Fanfare schreibt dir ab jetzt in deiner Slack-Sprache.');
    expect(await slashCommand(slack, 'U0JONAS', 'help')).toContain('Das kann ich für dich tun');

    // The picker: Hana (Slack in Japanese, so LOCALE until now) picks Spanish in her App Home.
    await openHome('U0HANA');
    expect(home('U0HANA')).toMatch(/"action_id":"member_language".*"initial_option":\{"text":\{"type":"plain_text","text":"Slack’s language"/);
    await pickLanguage('U0HANA', 'es-ES');
    expect(home('U0HANA')).toMatch(/"initial_option":\{"text":\{"type":"plain_text","text":"Español"/);
    expect(home('U0HANA')).not.toContain('Your teams');
    expect(await slashCommand(slack, 'U0HANA', 'language de-DE')).toContain('Fanfare schreibt dir ab jetzt auf Deutsch.');

    await playToTheGoal();
    await slack.waitFor(() => slack.dmsTo('U0JONAS').length >= 1 && slack.dmsTo('U0HANA').length >= 1, 20_000);
    expect(slack.dmsTo('U0JONAS')[0]?.text).toMatch(/^TOR! .*Lionel MESSI/);
    expect(slack.dmsTo('U0HANA')[0]?.text).toMatch(/^TOR! .*Lionel MESSI/);
  }, 60_000);

  it('answers from what the store remembers when users.info fails, and says so in the log', async () => {
    const store = await openStore(storeUrl());
    await new MemberPrefsRepo(store).patch('U0BIA', { slackLocale: 'pt-BR', timeZone: 'America/Sao_Paulo' });
    await store.close();
    slack.fail('users.info', 'internal_error', 1000);
    const app = launch();
    await app.waitForLog((line) => line.msg === 'connected to Slack (Socket Mode)');

    expect(await slashCommand(slack, 'U0BIA', 'help')).toContain('Veja o que eu sei fazer');
    // Never seen by Slack nor stored: LOCALE.
    expect(await slashCommand(slack, 'U0JONAS', 'help')).toContain('Here is what I can do');
    expect(app.logs.some((line) => /users\.info failed/.test(String(line.msg)))).toBe(true);
  }, 60_000);
});

