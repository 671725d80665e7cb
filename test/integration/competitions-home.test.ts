/**
 * The Slack side of issue 9 through the real Bolt app (in process, Socket Mode) against fake Slack, with the
 * football directory fed by fake FootballProviders (the loop is not needed to prove the App Home): the admin's
 * competition picker (search, add, channel, scope, switches, remove), admin-only refusals, the team menu
 * across competitions and what a member sees when a provider fails.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { App } from '@slack/bolt';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CompetitionCatalog } from '../../src/football/catalog.js';
import { FootballDirectory } from '../../src/football/directory.js';
import type { NeutralMatch, NeutralTeam, Provider } from '../../src/football/model.js';
import type { CompetitionRef, FootballProvider } from '../../src/football/provider.js';
import { startSlackApp } from '../../src/slack/app.js';
import { CompetitionRepo } from '../../src/store/competitions.js';
import { FollowRepo } from '../../src/store/follows.js';
import { MemberPrefsRepo } from '../../src/store/member-prefs.js';
import { SettingsRepo } from '../../src/store/settings.js';
import { openStore, type Store } from '../../src/store/store.js';
import { StreamerRepo } from '../../src/store/streamers.js';
import { SubscriberRepo } from '../../src/store/subscribers.js';
import { startFakeFifa, type FakeFifa } from '../fakes/fifa.js';
import { startFakeSlack, type FakeSlack } from '../fakes/slack.js';
import { slashCommand } from '../e2e/harness.js';

const MEMBER = 'U0FAN';
const ADMIN = 'U0BOSS';
const PREMIER_LEAGUE: CompetitionRef = { provider: 'espn', id: 'eng.1', season: null };
const WORLD_CUP: CompetitionRef = { provider: 'fifa', id: '17', season: null };

const club = (id: string, name: string): NeutralTeam => ({ id, name, abbreviation: name.slice(0, 3).toUpperCase(), countryCode: null, logo: null });
const arsenal = club('359', 'Arsenal');
const chelsea = club('363', 'Chelsea');
const bayern = club('132', 'Bayern Munich');

function match(id: string, home: NeutralTeam, away: NeutralTeam, kickoff: string): NeutralMatch {
  return {
    key: { provider: 'espn', competition: 'eng.1', season: '2026', match: id },
    stageId: null, kickoff, status: 'scheduled', home, away, placeholderHome: null, placeholderAway: null,
    competitionName: 'English Premier League', stageName: 'Regular Season', groupName: null, score: null, penalties: null,
    clock: null, phase: null, extraTime: null, knockout: false, winnerTeamId: null,
  };
}

class FakeProvider implements FootballProvider {
  readonly teamLists = new Map<string, NeutralTeam[] | null>();
  constructor(readonly provider: Provider) {}
  async matches(): Promise<NeutralMatch[] | null> {
    return null;
  }
  async snapshot(): Promise<null> {
    return null;
  }
  async teams(ref: CompetitionRef): Promise<NeutralTeam[] | null> {
    return this.teamLists.get(ref.id) ?? null;
  }
}

let slack: FakeSlack;
let fifa: FakeFifa;
let store: Store;
let dir: string;
let app: App;
let competitions: CompetitionRepo;
let directory: FootballDirectory;
let follows: FollowRepo;
const espnProvider = new FakeProvider('espn');
const fifaProvider = new FakeProvider('fifa');

beforeAll(async () => {
  [slack, fifa] = await Promise.all([startFakeSlack(), startFakeFifa()]);
  slack.users.set(MEMBER, { id: MEMBER, name: 'fan', tz: 'Europe/London', locale: 'en-GB' });
  slack.users.set(ADMIN, { id: ADMIN, name: 'boss', tz: 'Europe/London', locale: 'en-GB', is_admin: true });
  fifa.setCompetitions([{ IdCompetition: '2000000000', Name: [{ Locale: 'en-GB', Description: 'Premier League' }] }]);
  dir = await mkdtemp(path.join(os.tmpdir(), 'fanfare-competitions-home-'));
  store = await openStore(`sqlite://${path.join(dir, 'store.sqlite')}`);
  const logger = pino({ level: 'silent' });
  competitions = new CompetitionRepo(store, [PREMIER_LEAGUE, WORLD_CUP]);
  espnProvider.teamLists.set('eng.1', [arsenal, chelsea]);
  espnProvider.teamLists.set('uefa.champions', [arsenal, bayern]);
  fifaProvider.teamLists.set('17', null);
  directory = new FootballDirectory({ providers: [espnProvider, fifaProvider], competitions, logger });
  follows = new FollowRepo(store);
  await directory.start();
  directory.report(PREMIER_LEAGUE, [match('1', arsenal, chelsea, new Date(Date.now() + 2 * 24 * 3600_000).toISOString().replace(/\.\d+Z$/, 'Z'))]);
  directory.report(WORLD_CUP, null);
  app = await startSlackApp({ botToken: slack.botToken, appToken: slack.appToken, apiUrl: slack.apiUrl, channel: 'C0MATCHES' }, logger, {
    locale: 'en-GB',
    follows,
    prefs: new MemberPrefsRepo(store),
    streamers: new StreamerRepo(store),
    subscribers: new SubscriberRepo(store),
    settings: new SettingsRepo(store),
    competitions,
    directory,
    catalog: new CompetitionCatalog({ fifaApiUrl: fifa.url, locale: 'en-GB', logger }),
    twitch: null,
    sms: null,
    defaultChannel: 'C0MATCHES',
    stop: () => undefined,
  });
});

afterAll(async () => {
  await app?.stop().catch(() => undefined);
  await Promise.all([slack?.close(), fifa?.close()]);
  await store?.close();
  await rm(dir, { recursive: true, force: true });
});

// ---- driving Slack ---------------------------------------------------------------------------------

const publishes = (userId: string) => slack.calls.filter((c) => c.method === 'views.publish' && c.args.user_id === userId).length;
const home = (userId: string) => JSON.stringify(slack.views.get(userId) ?? {});

async function openHome(userId: string): Promise<void> {
  const before = publishes(userId);
  await slack.sendEvent({ type: 'app_home_opened', user: userId, channel: `D${userId.slice(1)}`, tab: 'home', event_ts: '1.1' });
  await slack.waitFor(() => publishes(userId) > before, 10_000);
}

const user = (id: string) => ({ id, username: id.toLowerCase(), name: id.toLowerCase(), team_id: slack.teamId });

/** An interaction in the Home; waits for the Home to be published again unless told not to. */
async function act(userId: string, action: Record<string, unknown>, waitForHome = true): Promise<void> {
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
  if (waitForHome) await slack.waitFor(() => publishes(userId) > before, 10_000);
}

/** What an external_select offers for a query (Slack's block_suggestion, answered in the ack). */
async function suggest(userId: string, actionId: string, value: string): Promise<{ text: { text: string }; value: string }[]> {
  const answer = (await slack.sendEnvelope('interactive', {
    type: 'block_suggestion',
    user: user(userId),
    api_app_id: slack.appId,
    team: { id: slack.teamId, domain: 'fanfare' },
    container: { type: 'view', view_id: 'VHOME' },
    view: { id: 'VHOME', type: 'home' },
    action_id: actionId,
    block_id: 'competition-add',
    value,
  })) as { options?: { text: { text: string }; value: string }[] };
  return answer.options ?? [];
}

const dmsTo = (userId: string) => slack.messages.filter((m) => m.channel === `D${userId.slice(1)}`);

// ---- what members and admins see ---------------------------------------------------------------------

describe('a member', () => {
  it('sees every followed competition, its next match, and which provider is failing since when', async () => {
    await openHome(MEMBER);
    expect(home(MEMBER)).toContain('*Premier League* · next match <!date^');
    expect(home(MEMBER)).toContain('*FIFA World Cup* · ⚠️ FIFA is not answering (since <!date^');
    // No admin controls for a member.
    expect(home(MEMBER)).not.toContain('competition_add');
  });

  it('is offered the clubs of the league that answers, each with its competition, and follows one by its key', async () => {
    const view = home(MEMBER);
    expect(view).toContain('Arsenal · Premier League');
    expect(view).toContain('"value":"espn:359"');
    await act(MEMBER, { type: 'static_select', action_id: 'team_follow_select', selected_option: { value: 'espn:363', text: { type: 'plain_text', text: 'Chelsea' } } });
    expect(await follows.followersOfTeam('espn:363')).toEqual([MEMBER]);
    expect(home(MEMBER)).toContain('Chelsea · _Premier League_');
  });

  it('follows a club by a forgiving name from the slash command, told with its competition', async () => {
    expect(await slashCommand(slack, MEMBER, 'follow arsnal')).toContain('Arsenal');
    expect(await slashCommand(slack, MEMBER, 'follow arsenal')).toContain('*Arsenal* (Premier League)');
    expect(await follows.followersOfTeam('espn:359')).toEqual([MEMBER]);
  });

  it('gets no competition search, even by forging the menu request', async () => {
    const fifaCalls = fifa.requests.length;
    expect(await suggest(MEMBER, 'competition_add', 'premier')).toEqual([]);
    expect(fifa.requests.length).toBe(fifaCalls);
  });

  it('cannot change competitions: the click is refused by DM and nothing changes', async () => {
    const before = dmsTo(MEMBER).length;
    await act(MEMBER, { type: 'button', action_id: 'competition_remove', value: 'espn:eng.1' }, false);
    await slack.waitFor(() => dmsTo(MEMBER).length > before, 10_000);
    expect(dmsTo(MEMBER).at(-1)?.text).toContain('Only workspace admins');
    expect((await competitions.list()).map((c) => c.id)).toEqual(['eng.1', '17']);
  });
});

describe('an admin', () => {
  it('searches both providers by name, with the provider in each option', async () => {
    const options = await suggest(ADMIN, 'competition_add', 'premier');
    // Names starting with the query first, from either provider; then names with a word starting so.
    expect(options.map((o) => o.text.text)).toEqual(['Premier League · ESPN', 'Premier League · FIFA', 'Scottish Premiership · ESPN']);
    expect(options.map((o) => o.value.split(' ')[0])).toEqual(['espn:eng.1', 'fifa:2000000000', 'espn:sco.1']);
    expect(await suggest(ADMIN, 'competition_add', 'champions')).toContainEqual(expect.objectContaining({ value: 'espn:uefa.champions UEFA Champions League' }));
  });

  it('adds a competition: it shows with its defaults, and its clubs can be followed at once', async () => {
    await openHome(ADMIN);
    await act(ADMIN, { type: 'external_select', action_id: 'competition_add', selected_option: { value: 'espn:uefa.champions UEFA Champions League', text: { type: 'plain_text', text: 'UEFA Champions League · ESPN' } } });
    const added = (await competitions.list()).find((c) => c.id === 'uefa.champions');
    expect(added).toMatchObject({ provider: 'espn', name: 'UEFA Champions League', channel: null, scope: 'followed-teams', substitutions: false, goalsInChannel: true });
    await slack.waitFor(() => home(ADMIN).includes('"block_id":"competition:espn:uefa.champions"'), 10_000);
    await openHome(MEMBER);
    expect(home(MEMBER)).toContain('Bayern Munich · UEFA Champions League');
  });

  it('gives a competition its own channel (Fanfare joins it), every match, and its switches', async () => {
    const block = 'competition:espn:uefa.champions';
    await act(ADMIN, { type: 'conversations_select', action_id: 'competition_channel', block_id: block, selected_conversation: 'C0EUROPE' });
    expect(slack.calls.some((c) => c.method === 'conversations.join' && c.args.channel === 'C0EUROPE')).toBe(true);
    await act(ADMIN, { type: 'static_select', action_id: 'competition_scope', block_id: block, selected_option: { value: 'every-match', text: { type: 'plain_text', text: 'Every match' } } });
    await act(ADMIN, {
      type: 'checkboxes',
      action_id: 'competition_switches',
      block_id: block,
      selected_options: [{ value: 'substitutions', text: { type: 'plain_text', text: 'Substitutions' } }],
    });
    const saved = (await competitions.list()).find((c) => c.id === 'uefa.champions');
    expect(saved).toMatchObject({ channel: 'C0EUROPE', scope: 'every-match', substitutions: true, goalsInChannel: false });
    // The other competitions keep their settings.
    expect((await competitions.list()).find((c) => c.id === 'eng.1')).toMatchObject({ channel: null, scope: 'followed-teams', goalsInChannel: true });
    expect(home(ADMIN)).toContain('"initial_conversation":"C0EUROPE"');
  });

  it('removes a competition; its clubs leave the team menu', async () => {
    await act(ADMIN, { type: 'button', action_id: 'competition_remove', value: 'espn:uefa.champions' });
    expect((await competitions.list()).map((c) => c.id)).toEqual(['eng.1', '17']);
    await openHome(MEMBER);
    expect(home(MEMBER)).not.toContain('Bayern Munich');
  });

  it('lists competitions by slash command with their channel and scope', async () => {
    const answer = await slashCommand(slack, ADMIN, 'competitions');
    expect(answer).toContain('Premier League');
    expect(answer).toContain('<#C0MATCHES>');
    expect(answer).toContain('Followed teams only');
    expect(answer).toContain('FIFA is not answering');
  });
});

describe('with no team known at all', () => {
  it('says why instead of dropping the team menu', async () => {
    await competitions.remove(PREMIER_LEAGUE);
    await openHome(MEMBER);
    expect(home(MEMBER)).toContain('Teams cannot be listed right now: FIFA is not answering.');
    await competitions.save({ ...PREMIER_LEAGUE, name: '', channel: null, scope: 'followed-teams', substitutions: false, goalsInChannel: true });
  });
});
