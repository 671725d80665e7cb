/**
 * Several competitions at once, end to end (SPEC C1–C5): the real app against the fake FIFA and the fake
 * ESPN, with a World Cup match, a Premier League match and a Champions League knockout live at the same
 * time, each competition in its own channel (set in the store as an admin would). ESPN's key events lag its
 * score; a goal disappears after review; the app is killed mid-match; ESPN answers 400, empty and garbage
 * for a while; the Premier League follows only the matches of followed teams.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { espnDay } from '../../src/football/espn/dates.js';
import { CompetitionRepo, withDefaults } from '../../src/store/competitions.js';
import { FollowRepo } from '../../src/store/follows.js';
import { openStore } from '../../src/store/store.js';
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
  type EspnTeamPreset,
  type Json,
  type LeagueOptions,
} from '../fixtures/espn-builders.js';
import { EventType, MatchStatusCode, Period, rawCalendarMatch, rawGoal, rawPeriodStart, rawTeam, TEAMS, WC2026 } from '../fixtures/fifa-builders.js';
import { startApp, tempDir, type RunningApp } from './harness.js';

const FIFA_CHANNEL = 'C0WORLDCUP';
const EPL_CHANNEL = 'C0PREMIER';
const UCL_CHANNEL = 'C0CHAMPIONS';
const WORKSPACE_CHANNEL = 'C0DEFAULT';

const EPL: LeagueOptions = { slug: 'eng.1', name: 'English Premier League' };
const UCL: LeagueOptions = { slug: 'uefa.champions', name: 'UEFA Champions League', stageName: 'Round of 16' };
const { ARS, CHE, LIV, MCI } = ESPN_TEAMS;
const RMA: EspnTeamPreset = { id: '86', abbreviation: 'RMA', displayName: 'Real Madrid', logo: 'https://a.espncdn.com/i/teamlogos/soccer/500/86.png' };
const BAY: EspnTeamPreset = { id: '132', abbreviation: 'BAY', displayName: 'Bayern Munich', logo: 'https://a.espncdn.com/i/teamlogos/soccer/500/132.png' };

const KICKOFF = Date.now() - 20 * 60_000;
const iso = (ms: number): string => new Date(ms).toISOString();
const espnDate = iso(KICKOFF).slice(0, 16) + 'Z';
const wall = (minute: number): string => iso(KICKOFF + minute * 60_000).replace(/\.\d+Z$/, 'Z');

let fifa: FakeFifa;
let espn: FakeEspn;
let slack: FakeSlack;
let workdir: { dir: string; remove: () => Promise<void> };
let app: RunningApp | undefined;

/** One ESPN match as the fakes serve it: the scoreboard entry and the summary, moved step by step. */
interface Game {
  id: string;
  league: LeagueOptions;
  home: EspnTeamPreset;
  away: EspnTeamPreset;
  status: Json;
  score: [number, number];
  shootoutScore?: [number, number];
  seasonSlug?: string;
  keyEvents: Json[];
  shootout?: Json[];
}

function publish(league: LeagueOptions, games: Game[]): void {
  const events = games.map((g) =>
    espnScoreboardEvent({
      id: g.id, date: espnDate, home: g.home, away: g.away, status: g.status, homeScore: g.score[0], awayScore: g.score[1],
      homeShootout: g.shootoutScore?.[0], awayShootout: g.shootoutScore?.[1], seasonSlug: g.seasonSlug,
    }),
  );
  // ESPN files matches under US-Eastern days; the app asks for yesterday (small hours), today and tomorrow.
  for (const offset of [-1, 0, 1]) {
    const day = espnDay(Date.now(), offset);
    espn.setScoreboard(league.slug, day, espnScoreboard(league, offset === 0 || day === espnDay(KICKOFF) ? events : [], day));
  }
  for (const g of games) {
    espn.setSummary(
      g.id,
      espnSummary({
        id: g.id, league, date: espnDate, home: g.home, away: g.away, status: g.status, homeScore: g.score[0], awayScore: g.score[1],
        homeShootout: g.shootoutScore?.[0], awayShootout: g.shootoutScore?.[1], keyEvents: g.keyEvents, shootout: g.shootout,
      }),
    );
  }
}

const live = (period: number, minute: string) => espnStatus(period === 1 ? 'STATUS_FIRST_HALF' : 'STATUS_SECOND_HALF', { period, displayClock: minute });
const ke = (id: string, slug: string, period: number, minute: number | string, team?: EspnTeamPreset, players?: string[]) =>
  espnKeyEvent({ id, slug, period, minute: typeof minute === 'number' ? `${minute}'` : minute, team, players, wallclock: wall(typeof minute === 'number' ? minute : 0) });

// The Premier League match Fanfare follows (a member follows Arsenal), and one it must not (nobody follows either side).
const epl: Game = { id: '704512', league: EPL, home: ARS, away: CHE, status: live(1, "1'"), score: [0, 0], keyEvents: [ke('e-ko', 'kickoff', 1, '')] };
const unfollowed: Game = { id: '704513', league: EPL, home: LIV, away: MCI, status: live(1, "1'"), score: [0, 0], keyEvents: [ke('u-ko', 'kickoff', 1, '')] };
const ucl: Game = { id: '740001', league: UCL, home: RMA, away: BAY, status: live(1, "1'"), score: [0, 0], seasonSlug: 'round-of-16', keyEvents: [ke('c-ko', 'kickoff', 1, '')] };

const fifaMatch = (status: number) =>
  rawCalendarMatch({ IdMatch: '400021476', Date: iso(KICKOFF).replace(/\.\d+Z$/, 'Z'), MatchStatus: status, Home: rawTeam('ARG'), Away: rawTeam('FRA') });
const fifaKickOff = rawPeriodStart(Period.FirstHalf, { EventId: 'f-ko', Timestamp: iso(KICKOFF) });

function thread(channel: string): string[] {
  const parents = slack.channelMessages(channel);
  return parents.flatMap((p) => slack.thread(channel, p.ts).map((m) => m.text));
}
const parentText = (channel: string): string => slack.channelMessages(channel)[0]?.text ?? '';

function launch(): RunningApp {
  app = startApp(
    {
      SLACK_BOT_TOKEN: slack.botToken,
      SLACK_APP_TOKEN: slack.appToken,
      SLACK_API_URL: slack.apiUrl,
      SLACK_CHANNEL: WORKSPACE_CHANNEL,
      FIFA_API_URL: fifa.url,
      ESPN_API_URL: espn.url,
      COMPETITIONS: `fifa:17/${WC2026.seasonId},espn:eng.1,espn:uefa.champions`,
      MATCH_POLL_SECONDS: '0.2',
      CALENDAR_POLL_SECONDS: '0.5',
      STORE_URL: `sqlite://${workdir.dir}/store.sqlite`,
    },
    workdir.dir,
  );
  return app;
}

beforeAll(async () => {
  [fifa, espn, slack] = await Promise.all([startFakeFifa(), startFakeEspn(), startFakeSlack()]);
  workdir = await tempDir();
  // The admin's choices, as the App Home stores them: a channel per competition; the league followed-teams only.
  const store = await openStore(`sqlite://${workdir.dir}/store.sqlite`);
  const competitions = new CompetitionRepo(store, []);
  await competitions.save({ ...withDefaults({ provider: 'fifa', id: '17', season: WC2026.seasonId }), channel: FIFA_CHANNEL });
  await competitions.save({ ...withDefaults({ provider: 'espn', id: 'eng.1', season: null }, 'Premier League'), channel: EPL_CHANNEL });
  await competitions.save({ ...withDefaults({ provider: 'espn', id: 'uefa.champions', season: null }), channel: UCL_CHANNEL, scope: 'every-match' });
  await new FollowRepo(store).followTeam('U0GUNNER', `espn:${ARS.id}`);
  await store.close();
});

afterAll(async () => {
  await app?.kill('SIGKILL');
  await Promise.all([slack.close(), fifa.close(), espn.close()]);
  await workdir.remove();
});

describe('a FIFA match and two ESPN matches live at once', () => {
  it('each gets its own thread in its own channel, right and complete, through lagging events, a restart and ESPN failing', async () => {
    fifa.setCalendar([fifaMatch(MatchStatusCode.Live)]);
    fifa.setTimeline('400021476', [fifaKickOff]);
    fifa.setPlayer('229397', 'Lionel MESSI');
    publish(EPL, [epl, unfollowed]);
    publish(UCL, [ucl]);
    launch();

    await slack.waitFor(() => thread(FIFA_CHANNEL).length >= 1 && thread(EPL_CHANNEL).length >= 1 && thread(UCL_CHANNEL).length >= 1, 60_000);
    expect(thread(EPL_CHANNEL)).toEqual(['Kick-off! Arsenal v Chelsea']);
    expect(thread(UCL_CHANNEL)).toEqual(['Kick-off! Real Madrid v Bayern Munich']);
    expect(thread(FIFA_CHANNEL)).toEqual(['Kick-off! Argentina v France']);

    // ESPN's score moves first: the parent shows 1–0, the goal reply waits for its key event.
    epl.status = live(1, "12'");
    epl.score = [1, 0];
    publish(EPL, [epl, unfollowed]);
    await slack.waitFor(() => parentText(EPL_CHANNEL).includes('1–0'), 30_000);
    expect(thread(EPL_CHANNEL)).toEqual(['Kick-off! Arsenal v Chelsea']);
    epl.keyEvents.push(ke('e-g1', 'goal', 1, 11, ARS, ['Bukayo Saka']));
    publish(EPL, [epl, unfollowed]);
    await slack.waitFor(() => thread(EPL_CHANNEL).length >= 2, 30_000);

    // An own goal (credited to Arsenal), a Chelsea goal that VAR then rules out, a red card.
    epl.status = live(1, "30'");
    epl.score = [2, 1];
    epl.keyEvents.push(ke('e-og', 'own-goal', 1, 20, ARS, ['Levi Colwill']), ke('e-g2', 'goal', 1, 27, CHE, ['Cole Palmer']));
    publish(EPL, [epl, unfollowed]);
    await slack.waitFor(() => thread(EPL_CHANNEL).length >= 4, 30_000);
    epl.status = live(1, "31'");
    epl.score = [2, 0];
    epl.keyEvents = epl.keyEvents.filter((e) => e.id !== 'e-g2');
    epl.keyEvents.push(ke('e-rc', 'red-card', 1, 31, CHE, ['Moisés Caicedo']));
    publish(EPL, [epl, unfollowed]);
    await slack.waitFor(() => thread(EPL_CHANNEL).length >= 6, 30_000);

    // Meanwhile in Madrid and at the World Cup.
    fifa.setTimeline('400021476', [fifaKickOff, rawGoal(TEAMS.ARG!.id, '229397', 1, 0, { EventId: 'f-g1', Type: EventType.Goal, MatchMinute: "19'", Timestamp: iso(KICKOFF + 19 * 60_000) })]);
    ucl.status = live(2, "88'");
    ucl.score = [1, 1];
    ucl.keyEvents.push(
      ke('c-ht', 'halftime', 1, "45'+1'"), ke('c-2h', 'start-2nd-half', 2, "46'"),
      ke('c-g1', 'goal', 2, 60, RMA, ['Vinícius Júnior']), ke('c-g2', 'penalty---scored', 2, 75, BAY, ['Harry Kane']),
    );
    publish(UCL, [ucl]);
    await slack.waitFor(() => thread(FIFA_CHANNEL).length >= 2 && thread(UCL_CHANNEL).length >= 5, 30_000);

    // Killed mid-match; what happens while it is down is posted once it is back, nothing twice.
    await app?.kill('SIGKILL');
    epl.status = live(2, "60'");
    epl.keyEvents.push(ke('e-ht', 'halftime', 1, "45'+2'"), ke('e-2h', 'start-2nd-half', 2, "46'"), ke('e-yc', 'yellow-card', 2, 58, ARS, ['Declan Rice']));
    publish(EPL, [epl, unfollowed]);
    launch();
    await slack.waitFor(() => thread(EPL_CHANNEL).length >= 9, 60_000);

    // ESPN refuses, answers empty, then garbage, for both leagues: FIFA goes on, nothing is lost.
    for (const league of ['/eng.1/', '/uefa.champions/']) {
      espn.fault(league, 'status400', 6);
      espn.fault(league, 'empty', 6);
      espn.fault(league, 'garbage', 6);
    }
    fifa.setTimeline('400021476', [
      fifaKickOff,
      rawGoal(TEAMS.ARG!.id, '229397', 1, 0, { EventId: 'f-g1', Type: EventType.Goal, MatchMinute: "19'", Timestamp: iso(KICKOFF + 19 * 60_000) }),
      rawGoal(TEAMS.ARG!.id, '229397', 2, 0, { EventId: 'f-g2', Type: EventType.PenaltyGoal, MatchMinute: "36'", Timestamp: iso(KICKOFF + 36 * 60_000) }),
    ]);
    await slack.waitFor(() => thread(FIFA_CHANNEL).length >= 3, 30_000);

    // The league match ends on ESPN's word alone (no end-of-match key event after 90').
    epl.status = espnStatus('STATUS_FULL_TIME', { period: 2 });
    epl.keyEvents.push(ke('e-ft', 'end-regular-time', 2, "90'+5'"));
    publish(EPL, [epl, unfollowed]);
    // The knockout goes to extra time and a shoot-out.
    ucl.status = espnStatus('STATUS_FINAL_PEN', { period: 5 });
    ucl.shootoutScore = [4, 3];
    ucl.keyEvents.push(
      ke('c-ft', 'end-regular-time', 2, "90'+4'"), ke('c-et1', 'start-extra-time', 3, "91'"), ke('c-eth', 'halftime-extra-time', 3, "105'+1'"),
      ke('c-et2', 'start-2nd-half-extra-time', 4, "106'"), ke('c-aet', 'end-extra-time', 4, "120'+2'"), ke('c-so', 'start-shootout', 5, ''),
      ke('c-end', 'end-match', 5, ''),
    );
    ucl.shootout = [
      { id: RMA.id, team: 'Real Madrid', shots: [1, 2, 3, 4].map((n) => ({ id: `c-k${n * 2 - 1}`, player: `Madrid ${n}`, shotNumber: n, didScore: true })) },
      { id: BAY.id, team: 'Bayern Munich', shots: [1, 2, 3, 4].map((n) => ({ id: `c-k${n * 2}`, player: `Bayern ${n}`, shotNumber: n, didScore: n !== 2 })) },
    ];
    publish(UCL, [ucl]);
    await slack.waitFor(() => /won|win/.test(parentText(UCL_CHANNEL)) && /Full time|full time|FT|won|win|2–0/.test(parentText(EPL_CHANNEL)) && thread(UCL_CHANNEL).some((t) => t.startsWith('Match over')), 90_000);
    await new Promise((resolve) => setTimeout(resolve, 1500));

    const premier = thread(EPL_CHANNEL);
    expect(premier).toEqual([
      'Kick-off! Arsenal v Chelsea',
      "GOAL! Arsenal 1–0 Chelsea — Bukayo Saka 11'",
      "GOAL! Arsenal 2–0 Chelsea — Levi Colwill 20' (o.g.)",
      "GOAL! Arsenal 2–1 Chelsea — Cole Palmer 27'",
      expect.stringMatching(/^Correction: the goal by Cole Palmer/),
      expect.stringMatching(/^Red card — Moisés Caicedo \(Chelsea\) 31'/),
      'Half-time — Arsenal 2–0 Chelsea',
      'Second half under way — Arsenal 2–0 Chelsea',
      expect.stringMatching(/^Yellow card — Declan Rice \(Arsenal\) 58'/),
      expect.stringMatching(/Arsenal 2–0 Chelsea/),
    ]);
    expect(parentText(EPL_CHANNEL)).toMatch(/^Arsenal 2–0 Chelsea/);
    expect(thread(UCL_CHANNEL).filter((t) => /scores|misses|saved/.test(t))).toHaveLength(8);
    expect(thread(UCL_CHANNEL).at(-1)).toMatch(/^Match over — Real Madrid 1–1 Bayern Munich a\.e\.t\. \(4–3 pens\)/);
    expect(parentText(UCL_CHANNEL)).toMatch(/Real Madrid 1–1 Bayern Munich a\.e\.t\. \(4–3 pens\)/);
    expect(thread(FIFA_CHANNEL)).toEqual([
      'Kick-off! Argentina v France',
      "GOAL! Argentina 1–0 France — Lionel MESSI 19'",
      "GOAL! Argentina 2–0 France — Lionel MESSI 36' (pen.)",
    ]);
    // One thread per match; nothing in the workspace channel; the unfollowed league match never posted.
    for (const channel of [FIFA_CHANNEL, EPL_CHANNEL, UCL_CHANNEL]) expect(slack.channelMessages(channel)).toHaveLength(1);
    expect(slack.channelMessages(WORKSPACE_CHANNEL)).toEqual([]);
    expect(JSON.stringify(slack.messages)).not.toContain('Liverpool');
    expect(app?.logs.some((l) => l.msg.includes('skipping this poll') && JSON.stringify(l).includes('espn:eng.1'))).toBe(true);
  }, 300_000);
});
