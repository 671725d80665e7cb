/**
 * DM alerts end to end (SPEC P1, P2): the real app (a child process) follows a match from the fake FIFA
 * feed and DMs the followers through the fake Slack, each at the DM level they chose; a SIGKILL in the
 * middle of a burst loses no DM and doubles none. Follows written in the old layout (bare FIFA team ids)
 * are migrated on start, so members seeded with bare ids are followers of `fifa:<id>`.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { SinkLevel } from '../../src/alerts/levels.js';
import { FollowRepo } from '../../src/store/follows.js';
import { MemberPrefsRepo } from '../../src/store/member-prefs.js';
import { openStore } from '../../src/store/store.js';
import type { FakeFifa } from '../fakes/fifa.js';
import type { FakeMessage, FakeSlack } from '../fakes/slack.js';
import { TEAMS } from '../fixtures/fifa-builders.js';
import { EVENTS, MBAPPE, MESSI, showShortMatch, useStage } from './fixtures.js';
import { homeAction, slashCommand, type RunningApp } from './harness.js';

const ARG = TEAMS.ARG?.id as string;
const FRA = TEAMS.FRA?.id as string;
const BRA = TEAMS.BRA?.id as string;

const stage = useStage({ channel: 'C0MATCHES' });
let slack: FakeSlack;
let fifa: FakeFifa;

beforeEach(() => {
  ({ slack, fifa } = stage);
  fifa.setPlayer(MESSI, 'Lionel MESSI');
  fifa.setPlayer(MBAPPE, 'Kylian MBAPPE');
});

interface Member {
  id: string;
  teams: string[];
  dm?: SinkLevel;
  language?: 'pt-BR';
  /** What Slack says of them, as kept in their prefs once they used Fanfare. */
  slack?: { slackLocale: string; timeZone: string };
}

/** Members as if they had followed teams and picked a DM level in the App Home. */
async function seed(members: Member[]): Promise<void> {
  const store = await openStore(stage.storeUrl);
  const follows = new FollowRepo(store);
  const prefs = new MemberPrefsRepo(store);
  for (const member of members) {
    for (const team of member.teams) await follows.followTeam(member.id, team);
    if (member.dm) await prefs.patch(member.id, { dm: member.dm });
    if (member.language) await prefs.patch(member.id, { language: member.language });
    if (member.slack) await prefs.patch(member.id, member.slack);
  }
  await store.close();
}

function launch(): RunningApp {
  return stage.launch({ MATCH_POLL_SECONDS: '0.2', CALENDAR_POLL_SECONDS: '0.5', SLACK_POST_INTERVAL_MS: '100' });
}

const showEvents = (count: number) => showShortMatch(fifa, count);

/** The alert ids a DM says it carries (its metadata). */
function alertsIn(dm: FakeMessage): string[] {
  const payload = dm.metadata?.event_payload as { alerts?: { id: string }[] } | undefined;
  return (payload?.alerts ?? []).map((a) => a.id);
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('DM alerts', () => {
  it('give two followers of the same team one DM per burst each, at their level; DMs off means none', async () => {
    await seed([
      { id: 'U0GOALS', teams: [ARG] },
      { id: 'U0ALL', teams: [ARG], dm: 'everything' },
      { id: 'U0OFF', teams: [ARG, FRA], dm: 'off' },
      { id: 'U0OTHER', teams: [BRA], dm: 'everything' },
    ]);
    showEvents(1);
    const app = launch();
    await app.waitForLog((line) => line.msg === 'connected to Slack (Socket Mode)');
    // The kick-off: a DM for "everything" only.
    await slack.waitFor(() => slack.dmsTo('U0ALL').length === 1, 20_000);
    await slack.waitFor(() => slack.channelMessages('C0MATCHES').length >= 1, 20_000);
    // The rest arrives in one poll: one burst.
    showEvents(EVENTS.length);
    await slack.waitFor(() => slack.dmsTo('U0GOALS').length >= 1 && slack.dmsTo('U0ALL').length >= 2, 20_000);
    await pause(2000);

    const [goals, ...moreGoals] = slack.dmsTo('U0GOALS');
    expect(moreGoals).toEqual([]);
    expect(goals?.text).toContain("Lionel MESSI 23'");
    expect(goals?.text).toContain("Lionel MESSI 36'");
    expect(goals?.text).not.toMatch(/Yellow|Half-time|Penalty to/i);
    // With the link to the match thread.
    const parent = slack.channelMessages('C0MATCHES')[0];
    expect(JSON.stringify(goals?.blocks)).toContain(`archives/C0MATCHES/p${parent?.ts.replace('.', '')}`);

    const all = slack.dmsTo('U0ALL');
    expect(all).toHaveLength(2);
    expect(alertsIn(all[1] as FakeMessage).map((id) => id.split('/').pop())).toEqual(['e2', 'e3', 'e4', 'e5', 'e6']);
    expect(slack.dmsTo('U0OFF')).toEqual([]);
    expect(slack.dmsTo('U0OTHER')).toEqual([]);
  }, 60_000);

  it('after SIGKILL in the middle of a burst, each follower still gets the goal exactly once, in their Slack language', async () => {
    const brazilian = { slackLocale: 'pt-BR', timeZone: 'America/Sao_Paulo' };
    const german = { slackLocale: 'de-DE', timeZone: 'Europe/Berlin' };
    const members = Array.from({ length: 300 }, (_, i) => ({ id: `U0M${String(i).padStart(4, '0')}`, teams: [ARG], slack: i % 2 === 0 ? brazilian : german }));
    await seed(members);
    showEvents(1);
    let app = launch();
    // The match seen from its kick-off, so the goal is news (not a catch-up).
    await slack.waitFor(() => slack.thread('C0MATCHES', slack.channelMessages('C0MATCHES')[0]?.ts ?? '').length >= 1, 20_000);
    showEvents(3); // the first goal: 300 DMs
    const dmCount = () => slack.messages.filter((m) => m.channel.startsWith('D')).length;
    await slack.waitFor(() => dmCount() >= 30, 20_000);
    await app.kill('SIGKILL');
    expect(dmCount()).toBeLessThan(300);

    app = launch();
    await slack.waitFor(() => members.every((m) => slack.dmsTo(m.id).length >= 1), 60_000);
    await pause(2000);
    for (const member of members) {
      const goalDms = slack.dmsTo(member.id).filter((dm) => alertsIn(dm).some((id) => id.endsWith('/e3')));
      expect(goalDms, member.id).toHaveLength(1);
      expect(goalDms[0]?.text, member.id).toContain(member.slack === brazilian ? 'GOL' : 'TOR');
    }
  }, 120_000);

  it('follow the level a member sets with /fanfare dm, answered in their language', async () => {
    await seed([
      { id: 'U0QUIET', teams: [ARG] },
      { id: 'U0KEEN', teams: [ARG], language: 'pt-BR' },
    ]);
    showEvents(1);
    const app = launch();
    await app.waitForLog((line) => line.msg === 'connected to Slack (Socket Mode)');
    expect(await slashCommand(slack, 'U0QUIET', 'dm off')).toContain('Direct messages: Off.');
    expect(await slashCommand(slack, 'U0KEEN', 'dm all')).toContain('Mensagens diretas: Tudo.');
    expect(await slashCommand(slack, 'U0KEEN', 'dm loudly')).toContain('/fanfare dm off|goals|cards|all');
    expect(await slashCommand(slack, 'U0KEEN', 'sms all')).toContain('SMS');
    await slack.waitFor(() => slack.channelMessages('C0MATCHES').length >= 1, 20_000);
    showEvents(4);
    await slack.waitFor(() => slack.dmsTo('U0KEEN').some((dm) => alertsIn(dm).some((id) => id.endsWith('/e4'))), 20_000);
    await pause(1500);
    expect(slack.dmsTo('U0QUIET')).toEqual([]);
    // Portuguese words from the catalogue: "Gol", "Cartão amarelo"…
    expect(slack.dmsTo('U0KEEN').map((dm) => dm.text).join('\n')).toMatch(/GOL/i);
  }, 60_000);

  it('follow the DM level a member picks in the App Home', async () => {
    await seed([{ id: 'U0HOME', teams: [ARG] }]);
    slack.users.set('U0HOME', { id: 'U0HOME', name: 'hana', tz: 'Asia/Tokyo', locale: 'en-GB' });
    showEvents(1);
    const app = launch();
    await app.waitForLog((line) => line.msg === 'connected to Slack (Socket Mode)');
    await homeAction(slack, 'U0HOME', 'dm-level', { type: 'static_select', action_id: 'dm_level', selected_option: { text: { type: 'plain_text', text: 'Off' }, value: 'off' } });
    // The republished Home shows the new level.
    const view = slack.views.get('U0HOME');
    expect(JSON.stringify(view)).toMatch(/"action_id":"dm_level".*"initial_option":\{"text":\{"type":"plain_text","text":"Off"/);
    await slack.waitFor(() => slack.channelMessages('C0MATCHES').length >= 1, 20_000);
    showEvents(3);
    await slack.waitFor(() => slack.thread('C0MATCHES', slack.channelMessages('C0MATCHES')[0]?.ts ?? '').some((m) => /MESSI/.test(m.text)), 20_000);
    await pause(1500);
    expect(slack.dmsTo('U0HOME')).toEqual([]);
  }, 60_000);
});
