/**
 * Quiet hours end to end (SPEC P4): the real app follows a match from the fake FIFA feed; a member who set
 * quiet hours with `/fanfare quiet` (read in their time zone, here Tokyo, ending at the first whole minute
 * at least 10 s away) gets no DM while they last, and one summary DM of the result when they end; a member
 * without quiet hours gets the alerts as they come. The window is computed with luxon in Tokyo time, never
 * the machine's. The app looks every 2 s (CLOCK_ROUND_SECONDS) instead of each minute.
 */
import { DateTime } from 'luxon';
import { beforeEach, describe, expect, it } from 'vitest';
import { FollowRepo } from '../../src/store/follows.js';
import { MemberPrefsRepo } from '../../src/store/member-prefs.js';
import { openStore } from '../../src/store/store.js';
import type { FakeFifa } from '../fakes/fifa.js';
import type { FakeSlack } from '../fakes/slack.js';
import { EventType, MatchStatusCode, Period, rawCalendarMatch, rawEvent, rawGoal, rawTeam, TEAMS } from '../fixtures/fifa-builders.js';
import { useStage } from './fixtures.js';
import { slashCommand } from './harness.js';

const ARG = TEAMS.ARG?.id as string;
const MESSI = '229397';
const ZONE = 'Asia/Tokyo';

const stage = useStage({ channel: 'C0MATCHES' });
let slack: FakeSlack;
let fifa: FakeFifa;

beforeEach(() => {
  ({ slack, fifa } = stage);
  fifa.setPlayer(MESSI, 'Lionel MESSI');
});

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('quiet hours', () => {
  it('hold a member’s alerts and send one summary of the result when they end', async () => {
    const store = await openStore(stage.storeUrl);
    const follows = new FollowRepo(store);
    const prefs = new MemberPrefsRepo(store);
    for (const id of ['U0SLEEP', 'U0AWAKE']) await follows.followTeam(id, ARG);
    // What Slack says of the sleeper (users.info); the member-context middleware keeps it in their prefs.
    await prefs.patch('U0SLEEP', { timeZone: ZONE, language: 'pt-BR' });
    await store.close();
    for (const [id, tz] of [['U0SLEEP', ZONE], ['U0AWAKE', 'Europe/London']] as const) slack.users.set(id, { id, name: id.toLowerCase(), tz, locale: 'pt-BR' });

    const kickoff = Date.now() - 60_000;
    const at = (seconds: number) => new Date(kickoff + seconds * 1000).toISOString();
    const calendar = (status: number) =>
      rawCalendarMatch({ IdMatch: '400000001', Date: new Date(kickoff).toISOString().replace(/\.\d+Z$/, 'Z'), MatchStatus: status, Home: rawTeam('ARG'), Away: rawTeam('FRA') });
    fifa.setCalendar([calendar(MatchStatusCode.Live)]);
    fifa.setTimeline('400000001', [rawEvent({ EventId: 'e1', Type: EventType.PeriodStart, Period: Period.FirstHalf, Timestamp: at(0), MatchMinute: "1'" })]);

    const app = stage.launch({ MATCH_POLL_SECONDS: '0.2', CALENDAR_POLL_SECONDS: '0.5', CLOCK_ROUND_SECONDS: '2' });
    await app.waitForLog((line) => line.msg === 'connected to Slack (Socket Mode)');

    // Quiet since two hours ago until a whole minute on Tokyo's clock 10–70 s from now: time enough for the
    // goal and the final whistle to be held first (that takes well under a second).
    const local = DateTime.now().setZone(ZONE);
    const next = local.startOf('minute').plus({ minutes: 1 });
    const end = next.diff(local).toMillis() >= 10_000 ? next : next.plus({ minutes: 1 });
    const window = `${local.minus({ hours: 2 }).toFormat('HH:mm')}-${end.toFormat('HH:mm')}`;
    expect(await slashCommand(slack, 'U0SLEEP', `quiet ${window}`)).toContain('Horário de silêncio');
    // `/fanfare status` shows the member's own choices, in their language.
    const status = await slashCommand(slack, 'U0SLEEP', 'status');
    expect(status).toContain('Mensagens diretas: Gols e resultados.');
    expect(status).toContain(`Horário de silêncio: ${window.replace('-', '–')}`);
    expect(status).toContain('Lembretes: desligados.');
    await slack.waitFor(() => slack.channelMessages('C0MATCHES').length >= 1, 20_000);

    // A goal and the final whistle while the sleeper is quiet.
    fifa.setTimeline('400000001', [
      rawEvent({ EventId: 'e1', Type: EventType.PeriodStart, Period: Period.FirstHalf, Timestamp: at(0), MatchMinute: "1'" }),
      rawGoal(ARG, MESSI, 1, 0, { EventId: 'e2', Period: Period.FirstHalf, Timestamp: at(1380), MatchMinute: "23'" }),
      rawEvent({ EventId: 'e3', Type: EventType.PeriodEnd, Period: Period.SecondHalf, Timestamp: at(5700), MatchMinute: "90'+4'", HomeGoals: 1 }),
      rawEvent({ EventId: 'e4', Type: EventType.MatchEnd, Timestamp: at(5701), MatchMinute: "90'+4'", HomeGoals: 1 }),
    ]);
    fifa.setCalendar([calendar(MatchStatusCode.Finished)]);
    await slack.waitFor(() => slack.dmsTo('U0AWAKE').some((dm) => /MESSI/.test(dm.text)), 30_000);
    await slack.waitFor(() => app.logs.some((line) => line.msg === 'result held for members in their quiet hours'), 30_000);
    expect(Date.now()).toBeLessThan(end.toMillis());
    expect(slack.dmsTo('U0SLEEP')).toEqual([]);

    // The quiet hours end: one summary, in Portuguese, with the result.
    await slack.waitFor(() => slack.dmsTo('U0SLEEP').length >= 1, end.toMillis() - Date.now() + 60_000);
    expect(Date.now()).toBeGreaterThanOrEqual(end.toMillis());
    // Rounds every 2 s meanwhile: none sends it again.
    await pause(3000);
    const [summary, ...more] = slack.dmsTo('U0SLEEP');
    expect(more).toEqual([]);
    expect(summary?.text).toContain('silêncio');
    expect(JSON.stringify(summary?.blocks)).toMatch(/Argentina 1 x 0/);
  }, 240_000);

  it('are set with the App Home’s time pickers and cleared with Off, only for the member who acts', async () => {
    for (const id of ['U0NIGHT', 'U0OTHER']) slack.users.set(id, { id, name: id.toLowerCase(), tz: 'Europe/Paris', locale: 'en-GB' });
    const app = stage.launch();
    await app.waitForLog((line) => line.msg === 'connected to Slack (Socket Mode)');
    const act = async (userId: string, action: Record<string, unknown>) => {
      const publishes = () => slack.calls.filter((c) => c.method === 'views.publish' && c.args.user_id === userId).length;
      const before = publishes();
      await slack.sendEnvelope('interactive', {
        type: 'block_actions',
        user: { id: userId, username: userId.toLowerCase(), name: userId.toLowerCase(), team_id: slack.teamId },
        api_app_id: slack.appId,
        team: { id: slack.teamId, domain: 'fanfare' },
        trigger_id: `${Date.now()}.1`,
        container: { type: 'view', view_id: 'VHOME' },
        view: { id: 'VHOME', type: 'home', hash: 'x', private_metadata: '', callback_id: '', state: { values: {} } },
        actions: [{ block_id: 'quiet-controls', action_ts: '1.2', ...action }],
      });
      await slack.waitFor(() => publishes() > before, 10_000);
      return JSON.stringify(slack.views.get(userId));
    };
    const picked = await act('U0NIGHT', { type: 'timepicker', action_id: 'quiet_from', selected_time: '22:30' });
    // The other end takes the usual night's.
    expect(picked).toContain('22:30–07:00');
    expect(picked).toContain('"initial_time":"22:30"');
    expect(picked).toContain('"initial_time":"07:00"');
    expect(await act('U0NIGHT', { type: 'timepicker', action_id: 'quiet_to', selected_time: '06:15' })).toContain('22:30–06:15');
    expect(await act('U0OTHER', { type: 'button', action_id: 'quiet_off', value: 'off' })).not.toContain('22:30');
    const cleared = await act('U0NIGHT', { type: 'button', action_id: 'quiet_off', value: 'off' });
    expect(cleared).not.toContain('22:30');
    expect(cleared).not.toContain('quiet_off');
  }, 60_000);
});
