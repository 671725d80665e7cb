import { describe, expect, it } from 'vitest';
import type { CompetitionStatus, DirectoryMatch } from '../../src/football/directory.js';
import type { NeutralMatch } from '../../src/football/model.js';
import type { Team } from '../../src/football/types.js';
import { ACTIONS, COMPETITION_BLOCK_PREFIX, OPTION_VALUES } from '../../src/slack/ids.js';
import { withDefaults } from '../../src/store/competitions.js';
import { buildHome, type HomeInput } from '../../src/slack/views/home.js';
import type { Streamer } from '../../src/store/streamers.js';
import type { SmsAlertLevel, Subscription } from '../../src/store/subscribers.js';
import { blockKitProblems, elementsWithAction, shownText, valuesOf } from '../fixtures/block-kit.js';

const CODES = ['BRA', 'FRA', 'ARG', 'GER', 'ESP', 'ENG', 'JPN', 'MAR', 'USA', 'MEX'];

function team(i: number, name = `Team number ${i}`): Team {
  const code = CODES[i % CODES.length]!;
  return { id: `t${i}`, name, abbreviation: code, countryCode: code };
}

function streamer(i: number, displayName = `Streamer${i}`): Streamer {
  return { id: `s${i}`, login: `streamer${i}`, displayName, profileImageUrl: null };
}

const brazil: Team = { id: '43924', name: 'Brazil', abbreviation: 'BRA', countryCode: 'BRA' };
const france: Team = { id: '43946', name: 'France', abbreviation: 'FRA', countryCode: 'FRA' };
const japan: Team = { id: '43819', name: 'Japan', abbreviation: 'JPN', countryCode: 'JPN' };
const competition = [brazil, france, japan, ...Array.from({ length: 45 }, (_, i) => team(100 + i))];

function subscription(status: Subscription['status'], alerts: SmsAlertLevel = 'goals', failure?: string): Subscription {
  return { userId: 'U1', phone: '+447400123456', status, alerts, since: '2026-06-01T10:00:00Z', ...(failure ? { failure } : {}) };
}

function input(over: Partial<HomeInput> = {}): HomeInput {
  return {
    locale: 'en-GB',
    teams: [brazil],
    allTeams: competition,
    nextMatches: [],
    competitions: [],
    streamers: [streamer(1)],
    twitchEnabled: true,
    sms: { enabled: true, subscription: null },
    admin: null,
    ...over,
  };
}

function match(over: Partial<NeutralMatch> = {}): DirectoryMatch {
  const neutral: NeutralMatch = {
    key: { provider: 'fifa', competition: '17', season: '285023', match: '400021472' },
    stageId: '289273',
    kickoff: '2026-06-13T19:00:00Z',
    status: 'scheduled',
    home: { ...brazil, logo: null },
    away: { ...france, logo: null },
    placeholderHome: null,
    placeholderAway: null,
    competitionName: 'FIFA World Cup 26',
    stageName: 'First Stage',
    groupName: 'Group C',
    score: null,
    penalties: null,
    clock: null,
    phase: null,
    extraTime: null,
    knockout: false,
    winnerTeamId: null,
    ...over,
  };
  return { match: neutral, competition: 'FIFA World Cup' };
}

const premierLeague = withDefaults({ provider: 'espn', id: 'eng.1', season: null }, 'Premier League');
const worldCup = withDefaults({ provider: 'fifa', id: '17', season: null }, 'FIFA World Cup');

function status(over: Partial<CompetitionStatus> = {}): CompetitionStatus {
  return { competition: premierLeague, name: 'Premier League', checked: true, live: [], next: null, failingSince: null, teamCount: 20, ...over };
}

function home(over: Partial<HomeInput> = {}) {
  const view = buildHome(input(over));
  expect(view.type).toBe('home');
  expect(blockKitProblems(view)).toEqual([]);
  return view;
}

const blockIds = (view: { blocks: unknown[] }): string[] => (view.blocks as { block_id?: string }[]).map((b) => b.block_id ?? '');

describe('Teams', () => {
  it('shows each followed team with its flag and an Unfollow button carrying its id', () => {
    const view = home({ teams: [brazil, france] });
    expect(shownText(view.blocks)).toContain('🇧🇷 Brazil');
    expect(shownText(view.blocks)).toContain('🇫🇷 France');
    const unfollow = elementsWithAction(view.blocks, ACTIONS.unfollowTeam);
    expect(unfollow.map((e) => e.type)).toEqual(['button', 'button']);
    expect(unfollow.flatMap(valuesOf)).toEqual([brazil.id, france.id]);
  });

  it('offers only the teams not yet followed, in a static_select', () => {
    const view = home({ teams: [brazil] });
    const [select] = elementsWithAction(view.blocks, ACTIONS.followTeamSelect);
    expect(select?.type).toBe('static_select');
    const values = valuesOf(select!);
    expect(values).toContain(france.id);
    expect(values).not.toContain(brazil.id);
    expect(values).toHaveLength(competition.length - 1);
    expect(elementsWithAction(view.blocks, ACTIONS.followTeamSearch)).toHaveLength(0);
  });

  it('switches to a type-ahead external_select when more than 100 teams could be followed', () => {
    const many = Array.from({ length: 211 }, (_, i) => team(i));
    const view = home({ teams: [many[0]!], allTeams: many });
    const [search] = elementsWithAction(view.blocks, ACTIONS.followTeamSearch);
    expect(search?.type).toBe('external_select');
    expect(search?.min_query_length).toBe(1);
    expect(elementsWithAction(view.blocks, ACTIONS.followTeamSelect)).toHaveLength(0);
  });

  it('draws the line at 100 choices: 100 still a static_select, 101 a search', () => {
    const many = Array.from({ length: 102 }, (_, i) => team(i));
    const hundred = home({ teams: [many[0]!, many[1]!], allTeams: many });
    expect(valuesOf(elementsWithAction(hundred.blocks, ACTIONS.followTeamSelect)[0]!)).toHaveLength(100);
    const hundredAndOne = home({ teams: [many[0]!], allTeams: many });
    expect(elementsWithAction(hundredAndOne.blocks, ACTIONS.followTeamSelect)).toHaveLength(0);
    expect(elementsWithAction(hundredAndOne.blocks, ACTIONS.followTeamSearch)).toHaveLength(1);
  });

  it('says so when nothing is followed yet, and when every team is', () => {
    expect(shownText(home({ teams: [] }).blocks)).toContain('You don’t follow any team yet.');
    const all = home({ teams: competition });
    expect(shownText(all.blocks)).toContain('You follow every team in the competition.');
    expect(elementsWithAction(all.blocks, ACTIONS.followTeamSelect)).toHaveLength(0);
  });
});

describe('Next matches', () => {
  it('shows a coming match with flags, names and a per-reader kick-off token', () => {
    const text = shownText(home({ nextMatches: [match()] }).blocks);
    expect(text).toContain('🇧🇷 *Brazil v France* 🇫🇷');
    const kickoff = Date.parse('2026-06-13T19:00:00Z') / 1000;
    expect(text).toContain(`<!date^${kickoff}^{date_short_pretty} {time}|Sat 13 Jun 2026 19:00 UTC>`);
    expect(text).toContain('Group C');
  });

  it('shows a live match with its score and minute', () => {
    const text = shownText(home({ nextMatches: [match({ status: 'live', score: { home: 2, away: 1 }, clock: "67'" })] }).blocks);
    expect(text).toContain('*Brazil 2–1 France*');
    expect(text).toContain("LIVE 67'");
  });

  it('shows the placeholder of an undecided slot', () => {
    const text = shownText(home({ nextMatches: [match({ home: null, placeholderHome: 'A1', groupName: null, stageName: 'Round of 32' })] }).blocks);
    expect(text).toContain('*A1 v France*');
  });

  it('says when there is nothing coming up', () => {
    expect(shownText(home().blocks)).toContain('No matches coming up for your teams.');
    expect(shownText(home({ teams: [] }).blocks)).toContain('Follow a team to see its next matches here.');
  });
});

describe('Streamers', () => {
  it('links each streamer to their channel, with a Remove button carrying their id, and an Add button', () => {
    const view = home({ streamers: [streamer(1, 'Gaules')] });
    expect(shownText(view.blocks)).toContain('<https://www.twitch.tv/streamer1|Gaules>');
    expect(elementsWithAction(view.blocks, ACTIONS.removeStreamer).flatMap(valuesOf)).toEqual(['s1']);
    expect(elementsWithAction(view.blocks, ACTIONS.addStreamer)).toHaveLength(1);
  });

  it('says Twitch is not configured instead of offering to add streamers', () => {
    const view = home({ twitchEnabled: false });
    expect(shownText(view.blocks)).toContain('Twitch is not configured');
    expect(elementsWithAction(view.blocks, ACTIONS.addStreamer)).toHaveLength(0);
  });
});

describe('SMS', () => {
  const buttons = (view: { blocks: unknown[] }): string[] =>
    [ACTIONS.subscribe, ACTIONS.changeNumber, ACTIONS.stopSms, ACTIONS.resumeSms].filter(
      (id) => elementsWithAction(view.blocks, id).length > 0,
    );

  it('says SMS is not set up when Twilio is not configured, with no SMS controls', () => {
    const view = home({ sms: { enabled: false, subscription: null } });
    expect(shownText(view.blocks)).toContain('SMS alerts are not set up in this workspace.');
    expect(buttons(view)).toEqual([]);
    expect(elementsWithAction(view.blocks, ACTIONS.smsAlertLevel)).toHaveLength(0);
  });

  it('offers Subscribe to a member without a number', () => {
    expect(buttons(home())).toEqual([ACTIONS.subscribe]);
  });

  it('says it waits for the code texted to a masked number, with Enter code, before anything is stored', () => {
    const view = home({ sms: { enabled: true, subscription: null, pendingPhone: '+447400123456' } });
    expect(shownText(view.blocks)).toContain('Waiting for the code we texted to +44 ••••••• 456.');
    expect(JSON.stringify(view)).not.toContain('7400123456');
    expect(elementsWithAction(view.blocks, ACTIONS.enterCode)).toHaveLength(1);
    expect(buttons(view)).toEqual([ACTIONS.subscribe]);
  });

  it('shows a pending change of number beside the active subscription', () => {
    const view = home({ sms: { enabled: true, subscription: subscription('active'), pendingPhone: '+33612345678' } });
    const text = shownText(view.blocks);
    expect(text).toContain('Alerts are texted to +44 ••••••• 456.');
    expect(text).toContain('Waiting for the code we texted to +33');
    expect(elementsWithAction(view.blocks, ACTIONS.enterCode)).toHaveLength(1);
  });

  it('shows an active subscription with the masked number only, Change number and a confirmed Stop', () => {
    const view = home({ sms: { enabled: true, subscription: subscription('active') } });
    expect(shownText(view.blocks)).toContain('Alerts are texted to +44 ••••••• 456.');
    expect(JSON.stringify(view)).not.toContain('7400123456');
    expect(buttons(view)).toEqual([ACTIONS.changeNumber, ACTIONS.stopSms]);
    const [stop] = elementsWithAction(view.blocks, ACTIONS.stopSms);
    expect(stop?.confirm).toMatchObject({ title: { text: 'Stop SMS alerts?' }, style: 'danger' });
  });

  it('explains how to come back after STOP, with Resume and Stop', () => {
    const view = home({ sms: { enabled: true, subscription: subscription('opted-out') } });
    const text = shownText(view.blocks);
    expect(text).toContain('text START');
    expect(text).toContain('press Resume');
    expect(buttons(view)).toEqual([ACTIONS.stopSms, ACTIONS.resumeSms]);
  });

  it('shows why sending failed (escaped) and offers Change number', () => {
    const view = home({ sms: { enabled: true, subscription: subscription('failed', 'goals', '21614 <not a mobile>') } });
    const text = shownText(view.blocks);
    expect(text).toContain('(21614 &lt;not a mobile&gt;)');
    expect(buttons(view)).toContain(ACTIONS.changeNumber);
    expect(buttons(view)).not.toContain(ACTIONS.subscribe);
  });

  it.each(['off', 'goals', 'cards', 'everything'] as const)('preselects the member’s choice of alerts (%s)', (level) => {
    const view = home({ sms: { enabled: true, subscription: subscription('active', level) } });
    const [select] = elementsWithAction(view.blocks, ACTIONS.smsAlertLevel);
    expect(valuesOf(select!)).toEqual(['off', 'goals', 'cards', 'everything']);
    expect((select!.initial_option as { value: string }).value).toBe(level);
  });

  it('at Off says the number is kept and that /fanfare stop deletes it, in the member’s language', () => {
    const off = shownText(home({ sms: { enabled: true, subscription: subscription('active', 'off') } }).blocks);
    expect(off).toContain('Text alerts are off: nothing is sent to +44 ••••••• 456, and the number stays saved.');
    expect(off).toContain('`/fanfare stop` deletes the number.');
    expect(off).not.toContain('Alerts are texted to');
    const german = shownText(home({ locale: 'de-DE', sms: { enabled: true, subscription: subscription('active', 'off') } }).blocks);
    expect(german).toContain('die Nummer bleibt gespeichert');
    expect(german).toContain('`/fanfare stop` löscht die Nummer.');
    expect(shownText(home({ sms: { enabled: true, subscription: subscription('active', 'goals') } }).blocks)).not.toContain('stays saved');
  });

  it('offers streamers by SMS on or off to an active subscriber, as for DMs', () => {
    const on = home({ sms: { enabled: true, subscription: subscription('active'), streamsOnSms: true } });
    const [button] = elementsWithAction(on.blocks, ACTIONS.smsStreams);
    expect(valuesOf(button!)).toEqual(['off']);
    expect(shownText(on.blocks)).toContain('Streamers by SMS: on');
    const off = home({ locale: 'fr-FR', sms: { enabled: true, subscription: subscription('active'), streamsOnSms: false } });
    expect(valuesOf(elementsWithAction(off.blocks, ACTIONS.smsStreams)[0]!)).toEqual(['on']);
    expect(shownText(off.blocks)).toContain('Streamers par SMS : non');
    // No number, a paused or failed one, or no Twitch: nothing to switch.
    for (const sms of [
      { enabled: true, subscription: null, streamsOnSms: true },
      { enabled: true, subscription: subscription('opted-out'), streamsOnSms: true },
      { enabled: true, subscription: subscription('failed'), streamsOnSms: true },
    ]) {
      expect(elementsWithAction(home({ sms }).blocks, ACTIONS.smsStreams)).toEqual([]);
    }
    expect(elementsWithAction(home({ twitchEnabled: false, sms: { enabled: true, subscription: subscription('active'), streamsOnSms: true } }).blocks, ACTIONS.smsStreams)).toEqual([]);
  });
});

describe('Admin', () => {
  it('shows no admin controls at all to a member who is not an admin', () => {
    const view = home({ admin: null });
    expect(elementsWithAction(view.blocks, ACTIONS.adminChannel)).toHaveLength(0);
    expect(elementsWithAction(view.blocks, ACTIONS.competitionAdd)).toHaveLength(0);
    expect(elementsWithAction(view.blocks, ACTIONS.competitionRemove)).toHaveLength(0);
    expect(shownText(view.blocks)).not.toContain('Workspace settings');
  });

  it('lets an admin pick the channel (current one preselected)', () => {
    const view = home({ admin: { channel: 'C0MATCHES', streamsChannel: null } });
    const [channel] = elementsWithAction(view.blocks, ACTIONS.adminChannel);
    expect(channel).toMatchObject({
      type: 'conversations_select',
      initial_conversation: 'C0MATCHES',
      filter: { include: ['public', 'private'], exclude_bot_users: true, exclude_external_shared_channels: true },
    });
  });

  it('says no channel is set yet', () => {
    const view = home({ admin: { channel: null, streamsChannel: null } });
    const [channel] = elementsWithAction(view.blocks, ACTIONS.adminChannel);
    expect(channel).not.toHaveProperty('initial_conversation');
    expect(shownText(view.blocks)).toContain('No channel yet');
  });
});

describe('the stream cards channel (SPEC T8)', () => {
  it('offers admins a channel for stream cards, the match channel until they pick one', () => {
    const unset = home({ admin: { channel: 'C0MATCHES', streamsChannel: null } });
    expect(elementsWithAction(unset.blocks, ACTIONS.adminStreamsChannel)[0]).not.toHaveProperty('initial_conversation');
    expect(shownText(unset.blocks)).toContain('Stream cards go to the match channel until you choose one.');
    const picked = home({ admin: { channel: 'C0MATCHES', streamsChannel: 'C0STREAMS' } });
    expect(elementsWithAction(picked.blocks, ACTIONS.adminStreamsChannel)[0]).toMatchObject({ type: 'conversations_select', initial_conversation: 'C0STREAMS' });
    expect(shownText(picked.blocks)).not.toContain('until you choose one');
  });

  it('is never shown to a member who is not an admin', () => {
    expect(elementsWithAction(home({ admin: null }).blocks, ACTIONS.adminStreamsChannel)).toHaveLength(0);
  });
});

describe('a member who follows a lot', () => {
  const teams = Array.from({ length: 60 }, (_, i) => team(i, `Team with a rather long name number ${i} of the tournament`));
  const streamers = Array.from({ length: 40 }, (_, i) => streamer(i, `AVeryLongDisplayNameForStreamer${i}`));
  const everything = {
    teams,
    allTeams: [...teams, ...competition],
    streamers,
    nextMatches: [match({ status: 'live', score: { home: 1, away: 0 }, clock: "12'" }), match(), match(), match(), match()],
    sms: { enabled: true, subscription: subscription('opted-out') },
    admin: { channel: null, streamsChannel: null },
    dm: { level: 'goals' as const, streamsOnDm: true },
  };

  it('fits 60 teams and 40 streamers in one valid Home, each one shown and removable', () => {
    const view = home(everything);
    expect(view.blocks.length).toBeLessThanOrEqual(100);
    const text = shownText(view.blocks);
    for (const t of teams) expect(text).toContain(t.name);
    for (const s of streamers) expect(text).toContain(`|${s.displayName}>`);
    const unfollowable = elementsWithAction(view.blocks, ACTIONS.unfollowTeam).flatMap(valuesOf);
    expect(new Set(unfollowable)).toEqual(new Set(teams.map((t) => t.id)));
    const removable = elementsWithAction(view.blocks, ACTIONS.removeStreamer).flatMap(valuesOf);
    expect(new Set(removable)).toEqual(new Set(streamers.map((s) => s.id)));
    // The rest of the Home is still there.
    expect(elementsWithAction(view.blocks, ACTIONS.resumeSms)).toHaveLength(1);
    expect(elementsWithAction(view.blocks, ACTIONS.adminChannel)).toHaveLength(1);
  });

  it('stays valid far beyond any real member (300 teams, 250 streamers), saying how many are not listed', () => {
    const hugeTeams = Array.from({ length: 300 }, (_, i) => team(i, `A long team name, number ${i}, of a big competition`));
    const hugeStreamers = Array.from({ length: 250 }, (_, i) => streamer(i, `AVeryLongDisplayNameForStreamer${i}`));
    const view = home({ ...everything, teams: hugeTeams, allTeams: hugeTeams, streamers: hugeStreamers });
    expect(shownText(view.blocks)).toMatch(/… and \d+ more/);
    expect(elementsWithAction(view.blocks, ACTIONS.unfollowTeam).flatMap(valuesOf)).toHaveLength(300);
  });

  it('ignores a team listed twice rather than repeating a block id', () => {
    const view = home({ teams: [brazil, brazil] });
    expect(new Set(blockIds(view)).size).toBe(view.blocks.length);
    expect(elementsWithAction(view.blocks, ACTIONS.unfollowTeam)).toHaveLength(1);
  });
});

describe('external text', () => {
  const hostileTeam: Team = { id: 'evil', name: '<!channel> & <https://evil.example|Brazil>', abbreviation: 'EVL', countryCode: null };
  const hostileStreamer: Streamer = { id: 's666', login: 'x|y>z', displayName: '<@U123> <!here>', profileImageUrl: null };

  it('is escaped and verbatim, so no name can ping or link', () => {
    const view = home({
      teams: [hostileTeam],
      streamers: [hostileStreamer],
      nextMatches: [match({ home: { ...hostileTeam, logo: null }, status: 'live', score: { home: 0, away: 0 }, clock: '<!everyone>' })],
    });
    const text = shownText(view.blocks.filter((b) => b.type !== 'actions' && b.type !== 'header'));
    expect(text).not.toMatch(/<!channel>|<!here>|<!everyone>|<@U123>|<https:\/\/evil/);
    expect(text).toContain('&lt;!channel&gt; &amp; &lt;https://evil.example|Brazil&gt;');
    expect(text).toContain('<https://www.twitch.tv/x%7Cy%3Ez|&lt;@U123&gt; &lt;!here&gt;>');
    // blockKitProblems (in home()) has already checked that every mrkdwn object is verbatim.
  });
});

describe('Competitions (issue 9: what a newcomer sees)', () => {
  const kickoff = '2026-12-06T15:00:00Z';
  const nextMatch = match({ kickoff, competitionName: 'Premier League' }).match;

  it('names every followed competition with its next match in the reader’s own time zone', () => {
    const text = shownText(home({ competitions: [status({ next: nextMatch }), status({ competition: worldCup, name: 'FIFA World Cup', checked: true })] }).blocks);
    expect(text).toContain('*Premier League* · next match');
    expect(text).toContain(`<!date^${Date.parse(kickoff) / 1000}^{date_short_pretty} {time}|`);
    expect(text).toContain('*FIFA World Cup* · no match in the coming days');
  });

  it('says when a provider is failing and since when, and how many matches are live', () => {
    const since = Date.parse('2026-12-04T09:30:00Z');
    const text = shownText(home({ competitions: [status({ failingSince: since }), status({ competition: worldCup, name: 'FIFA World Cup', live: [nextMatch] })] }).blocks);
    expect(text).toContain('ESPN is not answering (since <!date^' + since / 1000);
    expect(text).toContain('*FIFA World Cup* · 🟢 1 live now');
  });

  it('says why there is no team to follow instead of hiding the menu', () => {
    const failing = home({ teams: [], allTeams: [], competitions: [status({ failingSince: Date.parse('2026-12-04T09:30:00Z'), teamCount: 0 })] });
    expect(shownText(failing.blocks)).toContain('Teams cannot be listed right now: ESPN is not answering.');
    const loading = home({ teams: [], allTeams: [], competitions: [status({ checked: false, teamCount: 0 })] });
    expect(shownText(loading.blocks)).toContain('Team lists are on their way');
    const none = home({ teams: [], allTeams: [], competitions: [] });
    expect(shownText(none.blocks)).toContain('No competition is followed yet');
    expect(shownText(none.blocks)).toContain('once an admin adds a competition');
  });

  it('shows a club with its competition in the menu and in the list', () => {
    const arsenal = { id: 'espn:359', name: 'Arsenal', abbreviation: 'ARS', countryCode: null, competitions: ['Premier League'] };
    const chelsea = { id: 'espn:363', name: 'Chelsea', abbreviation: 'CHE', countryCode: null, competitions: ['Premier League', 'UEFA Champions League'] };
    const view = home({ teams: [arsenal], allTeams: [arsenal, chelsea] });
    expect(shownText(view.blocks)).toContain('Arsenal · _Premier League_');
    const [menu] = elementsWithAction(view.blocks, ACTIONS.followTeamSelect);
    expect(JSON.stringify(menu)).toContain('Chelsea · Premier League · UEFA Champions League');
    expect(valuesOf(menu!)).toEqual(['espn:363']);
    // A club has no flag: the neutral one would read as a white flag by every club.
    expect(shownText(view.blocks) + JSON.stringify(menu)).not.toContain('🏳️');
  });

  it('labels each next match with its competition', () => {
    expect(shownText(home({ nextMatches: [match()] }).blocks)).toContain('_FIFA World Cup · Group C_');
  });
});

describe('Admin: competitions', () => {
  const admin = { channel: 'C0MATCHES', streamsChannel: null };

  it('lists each competition with Remove, its channel, scope and switches, keyed by its block', () => {
    const custom = { ...premierLeague, channel: 'C0PL', substitutions: true, goalsInChannel: false };
    const view = home({ admin, competitions: [status({ competition: custom }), status({ competition: worldCup, name: 'FIFA World Cup' })] });
    expect(elementsWithAction(view.blocks, ACTIONS.competitionRemove).flatMap(valuesOf)).toEqual(['espn:eng.1', 'fifa:17']);
    const block = (view.blocks as { block_id?: string; elements?: Record<string, unknown>[] }[]).find((b) => b.block_id === `${COMPETITION_BLOCK_PREFIX}espn:eng.1`);
    const [channel, scope, switches] = block!.elements!;
    expect(channel).toMatchObject({ action_id: ACTIONS.competitionChannel, initial_conversation: 'C0PL' });
    expect(scope).toMatchObject({ action_id: ACTIONS.competitionScope, initial_option: { value: 'followed-teams' } });
    expect(switches).toMatchObject({ action_id: ACTIONS.competitionSwitches, initial_options: [{ value: OPTION_VALUES.substitutions }] });
    const cup = (view.blocks as { block_id?: string; elements?: Record<string, unknown>[] }[]).find((b) => b.block_id === `${COMPETITION_BLOCK_PREFIX}fifa:17`);
    expect(cup!.elements![0]).not.toHaveProperty('initial_conversation');
    expect(cup!.elements![1]).toMatchObject({ initial_option: { value: 'every-match' } });
    expect(cup!.elements![2]).toMatchObject({ initial_options: [{ value: OPTION_VALUES.goalsInChannel }] });
  });

  it('offers a search to add a competition, and no longer a global goal broadcast box', () => {
    const view = home({ admin, competitions: [] });
    expect(elementsWithAction(view.blocks, ACTIONS.competitionAdd)).toEqual([expect.objectContaining({ type: 'external_select', min_query_length: 2 })]);
    expect(JSON.stringify(view)).not.toContain('admin_broadcast');
  });

  it('stays within 100 blocks with many competitions and a member who follows a lot', () => {
    const many = Array.from({ length: 12 }, (_, i) => status({ competition: withDefaults({ provider: 'espn', id: `l.${i}`, season: null }, `League ${i}`), name: `League ${i}` }));
    const teams = Array.from({ length: 60 }, (_, i) => team(i));
    const view = home({ admin, competitions: many, teams, allTeams: teams, streamers: Array.from({ length: 40 }, (_, i) => streamer(i)) });
    expect(view.blocks.length).toBeLessThanOrEqual(100);
    expect(elementsWithAction(view.blocks, ACTIONS.competitionRemove)).toHaveLength(12);
  });
});

describe('the DM section (SPEC P1)', () => {
  it('shows the member’s DM level among the four, and the streamers switch when Twitch is on', () => {
    const view = home({ dm: { level: 'cards', streamsOnDm: true } });
    const [select] = elementsWithAction(view.blocks, ACTIONS.dmLevel);
    expect(valuesOf(select!)).toEqual(['off', 'goals', 'cards', 'everything']);
    expect(JSON.stringify(select)).toContain('"initial_option":{"text":{"type":"plain_text","text":"Plus cards and penalties"');
    const [streams] = elementsWithAction(view.blocks, ACTIONS.dmStreams);
    expect(valuesOf(streams!)).toEqual(['off']);
    expect(shownText(view.blocks)).toContain('Streamers by DM: on');
    expect(elementsWithAction(home({ dm: { level: 'off', streamsOnDm: false }, twitchEnabled: false }).blocks, ACTIONS.dmStreams)).toEqual([]);
  });

  it('is in the member’s catalogue language', () => {
    const view = home({ locale: 'de-DE', dm: { level: 'goals', streamsOnDm: false } });
    expect(shownText(view.blocks)).toContain('Direktnachrichten');
    expect(shownText(view.blocks)).toContain('Streamer per DM: aus');
  });
});

describe('App Home: the language picker (SPEC P3)', () => {
  const labels: Record<string, { label: string; slack: string }> = {
    'en-GB': { label: 'Language', slack: 'Slack’s language' },
    'pt-BR': { label: 'Idioma', slack: 'Idioma do Slack' },
    'fr-FR': { label: 'Langue', slack: 'Langue de Slack' },
    'es-ES': { label: 'Idioma', slack: 'Idioma de Slack' },
    'de-DE': { label: 'Sprache', slack: 'Sprache von Slack' },
  };

  for (const [locale, words] of Object.entries(labels)) {
    it(`offers Slack's language and the five, each under its own name, in ${locale}`, () => {
      const view = buildHome(input({ locale: locale as HomeInput['locale'], language: { choice: null } }));
      expect(blockKitProblems(view)).toEqual([]);
      const [picker] = elementsWithAction(view.blocks, ACTIONS.language);
      expect(valuesOf(picker!)).toEqual(['auto', 'en-GB', 'pt-BR', 'fr-FR', 'es-ES', 'de-DE']);
      const shown = JSON.stringify(picker);
      for (const name of [words.slack, 'English', 'Português (Brasil)', 'Français', 'Español', 'Deutsch']) expect(shown).toContain(name);
      expect(picker?.initial_option).toMatchObject({ value: 'auto', text: { text: words.slack } });
      expect(shownText(view.blocks)).toContain(words.label);
    });
  }

  it('shows the member\'s own choice as picked', () => {
    const view = buildHome(input({ locale: 'fr-FR', language: { choice: 'fr-FR' } }));
    const [picker] = elementsWithAction(view.blocks, ACTIONS.language);
    expect(picker?.initial_option).toMatchObject({ value: 'fr-FR', text: { text: 'Français' } });
  });
});
