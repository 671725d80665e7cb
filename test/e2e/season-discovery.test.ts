/**
 * Without FIFA_SEASON_ID the real app asks FIFA which season of the competition is under way (SPEC C2):
 * an old season and the current one are listed, and a live match of the current one gets its thread.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeFifa, type FakeFifa } from '../fakes/fifa.js';
import { startFakeSlack, type FakeSlack } from '../fakes/slack.js';
import { EventType, MatchStatusCode, Period, TEAMS, rawCalendarMatch, rawGoal, rawPeriodStart, rawSeason } from '../fixtures/fifa-builders.js';
import { startApp, tempDir, type RunningApp } from './harness.js';

const CHANNEL = 'C0SEASON';
const DAY = 24 * 3600_000;
const iso = (ms: number): string => new Date(ms).toISOString();

let fifa: FakeFifa;
let slack: FakeSlack;
let workdir: { dir: string; remove: () => Promise<void> };
let app: RunningApp | undefined;

beforeEach(async () => {
  fifa = await startFakeFifa();
  slack = await startFakeSlack();
  workdir = await tempDir();
});

afterEach(async () => {
  await app?.kill('SIGKILL');
  await slack.close();
  await fifa.close();
  await workdir.remove();
});

describe('a FIFA competition without a season id', () => {
  it('follows the season under way: its live match gets a thread, the old season is never read', async () => {
    const now = Date.now();
    fifa.setSeasons([
      rawSeason('CURRENT', 'Test League 2026/27', iso(now - 30 * DAY), iso(now + 150 * DAY)),
      rawSeason('OLD', 'Test League 2025/26', iso(now - 400 * DAY), iso(now - 200 * DAY)),
    ]);
    const kickoff = now - 20 * 60_000;
    const live = { MatchStatus: MatchStatusCode.Live, Date: iso(kickoff), HomeTeamScore: 1, AwayTeamScore: 0 };
    fifa.setCalendar([
      // A match of the old season still marked live: reading that season would open a thread for it.
      rawCalendarMatch({ ...live, IdSeason: 'OLD', IdMatch: 'old-1', Home: null, Away: null, PlaceHolderA: 'A1', PlaceHolderB: 'B2' }),
      rawCalendarMatch({ ...live, IdSeason: 'CURRENT', IdMatch: 'now-1' }),
    ]);
    const kickOff = rawPeriodStart(Period.FirstHalf, { Timestamp: iso(kickoff) });
    fifa.setTimeline('now-1', [kickOff]);
    fifa.setPlayer('229397', 'Lionel MESSI');

    app = startApp(
      {
        SLACK_BOT_TOKEN: slack.botToken,
        SLACK_APP_TOKEN: slack.appToken,
        SLACK_API_URL: slack.apiUrl,
        SLACK_CHANNEL: CHANNEL,
        FIFA_API_URL: fifa.url,
        FIFA_COMPETITION_ID: '17',
        MATCH_POLL_SECONDS: '0.2',
        CALENDAR_POLL_SECONDS: '0.5',
        STORE_URL: `sqlite://${workdir.dir}/store.sqlite`,
      },
      workdir.dir,
    );
    const chosen = await app.waitForLog((line) => line.msg.startsWith('fifa: following'), 30_000);
    expect(chosen).toMatchObject({ seasonId: 'CURRENT', season: 'Test League 2026/27' });

    const thread = (): string[] => {
      const [parent] = slack.channelMessages(CHANNEL);
      return parent ? slack.thread(CHANNEL, parent.ts).map((m) => m.text) : [];
    };
    await slack.waitFor(() => thread().length >= 1, 60_000);
    fifa.setTimeline('now-1', [
      kickOff,
      rawGoal(TEAMS.ARG!.id, '229397', 1, 0, { Type: EventType.Goal, MatchMinute: "19'", Timestamp: iso(kickoff + 19 * 60_000) }),
    ]);
    await slack.waitFor(() => thread().length >= 2, 60_000);

    expect(thread()).toEqual(['Kick-off! Argentina v France', "GOAL! Argentina 1–0 France — Lionel MESSI 19'"]);
    expect(slack.channelMessages(CHANNEL)).toHaveLength(1);
    const calendars = fifa.requests.filter((r) => r.path.startsWith('/api/v3/calendar/'));
    expect(calendars.length).toBeGreaterThan(1);
    expect(calendars.every((r) => r.path.includes('idSeason=CURRENT'))).toBe(true);
    // Looked up at start, then not on every calendar round.
    expect(fifa.requests.filter((r) => r.path.startsWith('/api/v3/seasons'))).toHaveLength(1);
    expect(app.logs.filter((line) => line.msg.startsWith('fifa: following'))).toHaveLength(1);
  }, 120_000);
});
