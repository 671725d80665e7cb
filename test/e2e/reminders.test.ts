/**
 * Kick-off reminders end to end (SPEC P5): the real app reads the coming match from the fake FIFA calendar;
 * members who chose a reminder 15 minutes before (one by `/fanfare remind`, one in the App Home) get one DM
 * with the kick-off on their own clock (São Paulo, Tokyo), in their language; a member without one gets
 * none; a later match, not yet 15 minutes away, brings nothing yet; after a SIGKILL and a restart before
 * kick-off nobody gets it again. Expected times come from luxon in the member's zone, never the machine's.
 * The app looks every 2 s (CLOCK_ROUND_SECONDS) instead of each minute, so the test waits seconds.
 */
import { DateTime } from 'luxon';
import { beforeEach, describe, expect, it } from 'vitest';
import { FollowRepo } from '../../src/store/follows.js';
import { MemberPrefsRepo } from '../../src/store/member-prefs.js';
import { openStore } from '../../src/store/store.js';
import type { FakeFifa } from '../fakes/fifa.js';
import type { FakeSlack } from '../fakes/slack.js';
import { MatchStatusCode, rawCalendarMatch, rawTeam, TEAMS } from '../fixtures/fifa-builders.js';
import { useStage } from './fixtures.js';
import { homeAction, slashCommand, type RunningApp } from './harness.js';

const ARG = TEAMS.ARG?.id as string;
const FRA = TEAMS.FRA?.id as string;

const stage = useStage({ channel: 'C0MATCHES' });
let slack: FakeSlack;
let fifa: FakeFifa;

beforeEach(() => {
  ({ slack, fifa } = stage);
});

function launch(): RunningApp {
  return stage.launch({ MATCH_POLL_SECONDS: '0.2', CALENDAR_POLL_SECONDS: '0.5', CLOCK_ROUND_SECONDS: '2' });
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('kick-off reminders', () => {
  it('arrive once, 15 minutes before, with the kick-off on each member’s clock; not again after a restart', async () => {
    const store = await openStore(stage.storeUrl);
    const follows = new FollowRepo(store);
    const prefs = new MemberPrefsRepo(store);
    await follows.followTeam('U0SAO', ARG);
    await follows.followTeam('U0TYO', FRA);
    await follows.followTeam('U0NONE', ARG);
    // What Slack says of them (users.info), as the member-context middleware keeps it.
    await prefs.patch('U0SAO', { timeZone: 'America/Sao_Paulo', slackLocale: 'pt-BR' });
    await prefs.patch('U0TYO', { timeZone: 'Asia/Tokyo', slackLocale: 'en-US' });
    await store.close();
    slack.users.set('U0SAO', { id: 'U0SAO', name: 'sao', tz: 'America/Sao_Paulo', locale: 'pt-BR' });
    slack.users.set('U0TYO', { id: 'U0TYO', name: 'tyo', tz: 'Asia/Tokyo', locale: 'en-US' });
    slack.users.set('U0NONE', { id: 'U0NONE', name: 'none', tz: 'UTC', locale: 'en-US' });

    // Kick-off on a whole minute, 14 to 15 minutes from now: a 15-minute reminder is due at once.
    const kickoff = DateTime.now().toUTC().startOf('minute').plus({ minutes: 15 });
    // The rematch, 17 to 18 minutes from now: looking every 2 s must not make its reminder early.
    const later = kickoff.plus({ minutes: 3 });
    fifa.setCalendar([
      rawCalendarMatch({ IdMatch: '400000002', Date: kickoff.toISO({ suppressMilliseconds: true }), MatchStatus: MatchStatusCode.Scheduled, Home: rawTeam('ARG'), Away: rawTeam('FRA') }),
      rawCalendarMatch({ IdMatch: '400000003', Date: later.toISO({ suppressMilliseconds: true }), MatchStatus: MatchStatusCode.Scheduled, Home: rawTeam('FRA'), Away: rawTeam('ARG') }),
    ]);

    let app = launch();
    await app.waitForLog((line) => line.msg === 'connected to Slack (Socket Mode)');
    expect(await slashCommand(slack, 'U0SAO', 'remind 15')).toContain('Lembretes: 15 minutos');
    await homeAction(slack, 'U0TYO', 'remind', { type: 'static_select', action_id: 'remind_minutes', selected_option: { text: { type: 'plain_text', text: '15 minutes before' }, value: '15' } });

    await slack.waitFor(() => slack.dmsTo('U0SAO').length >= 1 && slack.dmsTo('U0TYO').length >= 1, 90_000);
    expect(Date.now()).toBeLessThan(kickoff.toMillis());
    const sao = kickoff.setZone('America/Sao_Paulo').toFormat('HH:mm');
    const tyo = kickoff.setZone('Asia/Tokyo').toFormat('HH:mm');
    // 15, or 14 when the first round after start came a little after the reminder was due.
    expect(slack.dmsTo('U0SAO')[0]?.text).toMatch(/começa em 1[45] minutos/);
    expect(slack.dmsTo('U0SAO')[0]?.text).toContain(sao);
    expect(slack.dmsTo('U0TYO')[0]?.text).toMatch(/kicks off in 1[45] minutes/);
    expect(slack.dmsTo('U0TYO')[0]?.text).toContain(tyo);

    // A crash and a restart before kick-off: the next rounds find the reminders sent.
    await app.kill('SIGKILL');
    app = launch();
    await app.waitForLog((line) => line.msg === 'kick-off reminders checked' && Number(line.matches) >= 2, 90_000);
    // Several rounds after the restart.
    await pause(5000);
    expect(Date.now()).toBeLessThan(later.minus({ minutes: 15 }).toMillis());
    expect(slack.dmsTo('U0SAO')).toHaveLength(1);
    expect(slack.dmsTo('U0TYO')).toHaveLength(1);
    expect(slack.dmsTo('U0NONE')).toEqual([]);
  }, 240_000);
});
