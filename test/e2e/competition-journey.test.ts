/**
 * The installer's and the member's journeys with competitions (SPEC journeys 1–2, C3–C5), end to end through
 * the real app against fake Slack, fake FIFA and fake ESPN, driven only as people drive Slack: an admin adds
 * the Premier League from the App Home's search menu, gives it a channel and "every match", its live match
 * gets a thread, and removing it stops new threads; the admin adds it again by `/fanfare competition add`, a
 * member follows clubs whose next match is weeks away (known only from ESPN's team list) from the App Home
 * and by `/fanfare follow`, and "followed teams only" posts only their matches; with FIFA failing from the
 * start, the App Home still offers the ESPN clubs and says FIFA is failing.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { espnDay } from '../../src/football/espn/dates.js';
import { startFakeEspn, type FakeEspn } from '../fakes/espn.js';
import { startFakeFifa, type FakeFifa } from '../fakes/fifa.js';
import { startFakeSlack, type FakeSlack } from '../fakes/slack.js';
import {
  ESPN_TEAMS,
  espnKeyEvent,
  espnScoreboard,
  espnScoreboardEvent,
  espnStatus,
  espnSummary,
  espnTeamsBody,
  type EspnTeamPreset,
  type Json,
  type LeagueOptions,
} from '../fixtures/espn-builders.js';
import { slashCommand, startApp, tempDir, type RunningApp } from './harness.js';

const ADMIN = 'U0BOSS';
const MEMBER = 'U0FAN';
const WORKSPACE_CHANNEL = 'C0DEFAULT';
const EPL_CHANNEL = 'C0PREMIER';

const EPL: LeagueOptions = { slug: 'eng.1', name: 'English Premier League' };
const { ARS, CHE, LIV, MCI } = ESPN_TEAMS;
const club = (id: string, abbreviation: string, displayName: string): EspnTeamPreset => ({
  id, abbreviation, displayName, logo: `https://a.espncdn.com/i/teamlogos/soccer/500/${id}.png`,
});
const BRE = club('337', 'BRE', 'Brentford');
const FUL = club('370', 'FUL', 'Fulham');
const EVE = club('368', 'EVE', 'Everton');
const WOL = club('380', 'WOL', 'Wolverhampton Wanderers');

const KICKOFF = Date.now() - 20 * 60_000;
const iso = (ms: number): string => new Date(ms).toISOString();
const espnDate = iso(KICKOFF).slice(0, 16) + 'Z';

interface Game {
  id: string;
  home: EspnTeamPreset;
  away: EspnTeamPreset;
  status: Json;
  score: [number, number];
  keyEvents: Json[];
}

const live = (minute: string) => espnStatus('STATUS_FIRST_HALF', { period: 1, displayClock: minute });
const kickOff = (id: string) => espnKeyEvent({ id, slug: 'kickoff', period: 1, minute: '', wallclock: iso(KICKOFF).replace(/\.\d+Z$/, 'Z') });
const game = (id: string, home: EspnTeamPreset, away: EspnTeamPreset): Game => ({ id, home, away, status: live("1'"), score: [0, 0], keyEvents: [kickOff(`${id}-ko`)] });

let fifa: FakeFifa;
let espn: FakeEspn;
let slack: FakeSlack;
let workdir: { dir: string; remove: () => Promise<void> };
let app: RunningApp | undefined;

/** The Premier League's scoreboard (ESPN files matches under US-Eastern days; the app asks for several) and each match's summary. */
function publish(espnServer: FakeEspn, games: Game[]): void {
  const events = games.map((g) => espnScoreboardEvent({ id: g.id, date: espnDate, home: g.home, away: g.away, status: g.status, homeScore: g.score[0], awayScore: g.score[1] }));
  for (const offset of [-1, 0, 1]) {
    const day = espnDay(Date.now(), offset);
    espnServer.setScoreboard(EPL.slug, day, espnScoreboard(EPL, offset === 0 || day === espnDay(KICKOFF) ? events : [], day));
  }
  for (const g of games) {
    espnServer.setSummary(
      g.id,
      espnSummary({ id: g.id, league: EPL, date: espnDate, home: g.home, away: g.away, status: g.status, homeScore: g.score[0], awayScore: g.score[1], keyEvents: g.keyEvents }),
    );
  }
}

// ---- driving Slack as people do ----------------------------------------------------------------------

const user = (id: string) => ({ id, username: id.toLowerCase(), name: id.toLowerCase(), team_id: slack.teamId });
const publishes = (userId: string) => slack.calls.filter((c) => c.method === 'views.publish' && c.args.user_id === userId).length;
const home = (userId: string) => JSON.stringify(slack.views.get(userId) ?? {});

async function openHome(userId: string): Promise<void> {
  const before = publishes(userId);
  await slack.sendEvent({ type: 'app_home_opened', user: userId, channel: `D${userId.slice(1)}`, tab: 'home', event_ts: '1.1' });
  await slack.waitFor(() => publishes(userId) > before, 10_000);
}

/** Opens the Home until it says what is expected (the first polls may still be on their way). */
async function openHomeUntil(userId: string, check: (view: string) => boolean, timeoutMs = 30_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  await openHome(userId);
  while (!check(home(userId)) && Date.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, 300));
    await openHome(userId);
  }
}

/** An interaction in the Home; waits for the Home to be published again. */
async function act(userId: string, action: Record<string, unknown>): Promise<void> {
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
  await slack.waitFor(() => publishes(userId) > before, 10_000);
}

/** What the admin's competition menu offers for what they typed (Slack's block_suggestion, answered in the ack). */
async function suggest(userId: string, value: string): Promise<{ text: { type: string; text: string }; value: string }[]> {
  const answer = (await slack.sendEnvelope('interactive', {
    type: 'block_suggestion',
    user: user(userId),
    api_app_id: slack.appId,
    team: { id: slack.teamId, domain: 'fanfare' },
    container: { type: 'view', view_id: 'VHOME' },
    view: { id: 'VHOME', type: 'home' },
    action_id: 'competition_add',
    block_id: 'competition-add',
    value,
  })) as { options?: { text: { type: string; text: string }; value: string }[] };
  return answer.options ?? [];
}

/** The options of the member's "follow a team" menu. */
function teamOptions(userId: string): { text: string; value: string }[] {
  const found: { text: string; value: string }[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node && typeof node === 'object') {
      const record = node as Record<string, unknown>;
      if (record.action_id === 'team_follow_select') {
        for (const o of record.options as { text: { text: string }; value: string }[]) found.push({ text: o.text.text, value: o.value });
      }
      Object.values(record).forEach(visit);
    }
  };
  visit(slack.views.get(userId));
  return found;
}

const parents = (channel: string) => slack.channelMessages(channel);
const replies = (channel: string): string[] => parents(channel).flatMap((p) => slack.thread(channel, p.ts).map((m) => m.text));

/** Waits until the loop has run `rounds` more calendar rounds (each asks FIFA's calendar of the World Cup). */
async function calendarRounds(rounds: number): Promise<void> {
  const calendarAsks = () => fifa.requests.filter((r) => r.path.includes('/calendar/')).length;
  const target = calendarAsks() + rounds;
  await slack.waitFor(() => calendarAsks() >= target, 20_000);
}

function launch(env: Record<string, string>): RunningApp {
  app = startApp(
    {
      SLACK_BOT_TOKEN: slack.botToken,
      SLACK_APP_TOKEN: slack.appToken,
      SLACK_API_URL: slack.apiUrl,
      SLACK_CHANNEL: WORKSPACE_CHANNEL,
      FIFA_API_URL: fifa.url,
      ESPN_API_URL: espn.url,
      MATCH_POLL_SECONDS: '0.3',
      CALENDAR_POLL_SECONDS: '0.5',
      MATCH_LINGER_SECONDS: '1',
      STORE_URL: `sqlite://${workdir.dir}/store.sqlite`,
      ...env,
    },
    workdir.dir,
  );
  return app;
}

async function startFakes(): Promise<void> {
  [fifa, espn, slack, workdir] = await Promise.all([startFakeFifa(), startFakeEspn(), startFakeSlack(), tempDir()]);
  slack.users.set(MEMBER, { id: MEMBER, name: 'fan', tz: 'Europe/London', locale: 'en-GB' });
  slack.users.set(ADMIN, { id: ADMIN, name: 'boss', tz: 'Europe/London', locale: 'en-GB', is_admin: true });
  // Every club of the league, from ESPN's team list: most have no match on the scoreboard for weeks.
  espn.setTeams(EPL.slug, espnTeamsBody(EPL, [ARS, BRE, CHE, EVE, FUL, LIV, MCI, WOL]));
}

async function stopAll(): Promise<void> {
  await app?.kill('SIGKILL');
  app = undefined;
  await Promise.all([slack?.close(), fifa?.close(), espn?.close()]);
  await workdir?.remove();
}

describe('competitions chosen in the App Home, end to end', () => {
  beforeAll(async () => {
    await startFakes();
    // The installer starts with the World Cup only; nothing of ESPN is followed.
    launch({ COMPETITIONS: 'fifa:17' });
    await slack.waitForConnection(20_000);
    await app?.waitForLog((line) => line.msg === 'connected to Slack (Socket Mode)', 20_000);
  });

  afterAll(stopAll);

  const arsenalChelsea = game('704512', ARS, CHE);
  const liverpoolCity = game('704513', LIV, MCI);

  it('a competition added by an admin in the App Home starts getting threads, and removing it stops new ones', async () => {
    await openHome(ADMIN);
    expect(home(ADMIN)).not.toContain('competition:espn:eng.1');

    // The admin types "premier" in the competition menu and picks ESPN's Premier League.
    const options = await suggest(ADMIN, 'premier');
    const premier = options.find((o) => o.value.startsWith('espn:eng.1 '));
    expect(premier?.text.text).toBe('Premier League · ESPN');
    await act(ADMIN, { type: 'external_select', action_id: 'competition_add', block_id: 'competition-add', selected_option: premier });
    await slack.waitFor(() => home(ADMIN).includes('"block_id":"competition:espn:eng.1"'), 10_000);

    // Its own channel (Fanfare joins it), and every match rather than the league default of followed teams only.
    const block = 'competition:espn:eng.1';
    await act(ADMIN, { type: 'conversations_select', action_id: 'competition_channel', block_id: block, selected_conversation: EPL_CHANNEL });
    expect(slack.calls.some((c) => c.method === 'conversations.join' && c.args.channel === EPL_CHANNEL)).toBe(true);
    await act(ADMIN, { type: 'static_select', action_id: 'competition_scope', block_id: block, selected_option: { value: 'every-match', text: { type: 'plain_text', text: 'Every match' } } });
    expect(home(ADMIN)).toContain(`"initial_conversation":"${EPL_CHANNEL}"`);

    // A Premier League match goes live on ESPN: its thread opens in the league's channel.
    publish(espn, [arsenalChelsea]);
    await slack.waitFor(() => replies(EPL_CHANNEL).length >= 1, 30_000);
    expect(replies(EPL_CHANNEL)).toEqual(['Kick-off! Arsenal v Chelsea']);
    // Members see the league among the followed competitions, live now.
    await openHomeUntil(MEMBER, (view) => view.includes('*Premier League* · 🟢 1 live now'));
    expect(home(MEMBER)).toContain('*Premier League* · 🟢 1 live now');

    // The score moves before the key event; the goal reply follows once the key event is there.
    arsenalChelsea.status = live("12'");
    arsenalChelsea.score = [1, 0];
    publish(espn, [arsenalChelsea]);
    await slack.waitFor(() => (parents(EPL_CHANNEL)[0]?.text ?? '').includes('1–0'), 30_000);
    arsenalChelsea.keyEvents.push(espnKeyEvent({ id: 'g1', slug: 'goal', period: 1, minute: "11'", team: ARS, players: ['Bukayo Saka'], wallclock: iso(KICKOFF + 11 * 60_000).replace(/\.\d+Z$/, 'Z') }));
    publish(espn, [arsenalChelsea]);
    await slack.waitFor(() => replies(EPL_CHANNEL).length >= 2, 30_000);
    expect(replies(EPL_CHANNEL)).toEqual(['Kick-off! Arsenal v Chelsea', "GOAL! Arsenal 1–0 Chelsea — Bukayo Saka 11'"]);

    // The match ends; the admin removes the league.
    arsenalChelsea.status = espnStatus('STATUS_FULL_TIME', { period: 2 });
    publish(espn, [arsenalChelsea]);
    await slack.waitFor(() => app?.logs.some((l) => l.msg === 'match finished; no longer following it') === true, 30_000);
    await act(ADMIN, { type: 'button', action_id: 'competition_remove', value: 'espn:eng.1' });
    expect(home(ADMIN)).not.toContain('"block_id":"competition:espn:eng.1"');
    // A round that read the list before the removal may still be under way: let it end.
    await calendarRounds(2);

    // A Premier League match that goes live after the removal gets no thread, anywhere.
    publish(espn, [{ ...arsenalChelsea }, liverpoolCity]);
    await calendarRounds(4);
    expect(parents(EPL_CHANNEL)).toHaveLength(1);
    expect(parents(WORKSPACE_CHANNEL)).toEqual([]);
    expect(JSON.stringify(slack.messages)).not.toContain('Liverpool');
    expect(app?.logs.some((l) => l.msg === 'following match' && String(l.match).includes('704513'))).toBe(false);
  }, 120_000);

  it('a member follows clubs whose next match is weeks away; "followed teams only" posts only their matches', async () => {
    // The admin adds the league again by name from the slash command: a league is "followed teams only" by default.
    expect(await slashCommand(slack, ADMIN, 'competition add premier league')).toContain('Now following *Premier League*');
    expect(await slashCommand(slack, ADMIN, 'competitions')).toContain('Followed teams only');

    // Brentford and Fulham are on no scoreboard: only ESPN's team list knows them.
    await openHomeUntil(MEMBER, () => teamOptions(MEMBER).some((o) => o.value === `espn:${BRE.id}`));
    const brentford = teamOptions(MEMBER).find((o) => o.value === `espn:${BRE.id}`);
    // A club is shown with its competition, and without the neutral flag a national team without one gets.
    expect(brentford?.text).toBe('Brentford · Premier League');
    await act(MEMBER, { type: 'static_select', action_id: 'team_follow_select', block_id: 'teams-follow', selected_option: { value: brentford?.value, text: { type: 'plain_text', text: 'Brentford' } } });
    expect(home(MEMBER)).toContain(`"value":"espn:${BRE.id}"`);
    const followed = await slashCommand(slack, MEMBER, 'follow fulham');
    expect(followed).toContain('*Fulham* (Premier League)');
    expect(followed).not.toContain('🏳️');

    // Weeks later both play, while two clubs nobody follows (Liverpool v City) are still live.
    const brentfordWolves = game('705001', BRE, WOL);
    const evertonFulham = game('705002', EVE, FUL);
    publish(espn, [liverpoolCity, brentfordWolves, evertonFulham]);
    await slack.waitFor(() => replies(WORKSPACE_CHANNEL).length >= 2, 30_000);
    await calendarRounds(3);

    // The league has no channel of its own: its threads go to the workspace channel, one per followed match.
    expect(parents(WORKSPACE_CHANNEL)).toHaveLength(2);
    expect(replies(WORKSPACE_CHANNEL).sort()).toEqual(['Kick-off! Brentford v Wolverhampton Wanderers', 'Kick-off! Everton v Fulham']);
    expect(JSON.stringify(slack.messages)).not.toContain('Liverpool');
    expect(parents(EPL_CHANNEL)).toHaveLength(1);

    // A member who follows Liverpool mid-match gets its thread from then on.
    expect(await slashCommand(slack, MEMBER, 'follow liverpool')).toContain('*Liverpool* (Premier League)');
    await slack.waitFor(() => replies(WORKSPACE_CHANNEL).length >= 3, 30_000);
    expect(replies(WORKSPACE_CHANNEL)).toContain('Kick-off! Liverpool v Manchester City');
    expect(parents(WORKSPACE_CHANNEL)).toHaveLength(3);
  }, 120_000);
});

describe('with FIFA failing from the start', () => {
  afterAll(stopAll);

  it('the App Home still offers the ESPN clubs and says FIFA is failing', async () => {
    await startFakes();
    fifa.fault('/', 'status500', Infinity);
    launch({ COMPETITIONS: 'fifa:17,espn:eng.1' });
    await slack.waitForConnection(20_000);

    await openHomeUntil(MEMBER, (view) => view.includes('FIFA is not answering') && view.includes(`"value":"espn:${ARS.id}"`));
    expect(home(MEMBER)).toContain('*FIFA World Cup* · ⚠️ FIFA is not answering (since <!date^');
    expect(teamOptions(MEMBER)).toContainEqual({ text: 'Arsenal · Premier League', value: `espn:${ARS.id}` });
    expect(teamOptions(MEMBER)).toHaveLength(8);
    expect(await slashCommand(slack, MEMBER, 'follow arsenal')).toContain('*Arsenal* (Premier League)');
    // An admin can still find and add ESPN's leagues.
    expect((await suggest(ADMIN, 'la liga')).map((o) => o.value)).toContainEqual(expect.stringMatching(/^espn:esp\.1 /));
    // The log says the same, once.
    await app?.waitForLog((l) => l.msg.startsWith('following FIFA World Cup (fifa:17): its provider (fifa) is not answering'), 20_000);
    expect(app?.logs.filter((l) => l.msg.startsWith('following FIFA World Cup (fifa:17)'))).toHaveLength(1);
    expect(app?.logs.filter((l) => l.msg.startsWith('following Premier League (espn:eng.1)'))).toHaveLength(1);
  }, 60_000);
});
