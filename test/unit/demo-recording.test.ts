import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log.js';
import {
  calendarAsOf,
  eventsAsOf,
  instant,
  loadRecording,
  RecordingClient,
  timelineAsOf,
} from '../../src/demo/recording-client.js';
import { FootballFeed } from '../../src/football/feed.js';
import {
  RawCalendarMatchSchema,
  RawCalendarPageSchema,
  RawPlayerSchema,
  RawTimelineSchema,
} from '../../src/football/fifa-schemas.js';

const recording = loadRecording();
const events = recording.timeline.Event;
const ARG = '43922';
const FRA = '43946';
const KEY = { competitionId: '17', seasonId: '255711', stageId: '285077', matchId: '400128145' };

function at(iso: string): number {
  return Date.parse(iso);
}
function playerName(id: unknown): string {
  const name = (recording.players[String(id)]?.Name as { Description: string }[] | undefined)?.[0]?.Description;
  return name ?? `?${String(id)}`;
}
const GOAL_TYPES = new Set([0, 39, 40, 41, 34]);

describe('the bundled recording, raw', () => {
  it('passes the production FIFA schemas whole and at every moment of the match', () => {
    expect(RawCalendarMatchSchema.safeParse(recording.calendar).success).toBe(true);
    expect(RawCalendarPageSchema.safeParse({ ContinuationToken: null, ContinuationHash: null, Results: [recording.calendar] }).success).toBe(
      true,
    );
    expect(RawTimelineSchema.safeParse(recording.timeline).success).toBe(true);
    for (const player of Object.values(recording.players)) expect(RawPlayerSchema.safeParse(player).success).toBe(true);
    for (const event of events) {
      const t = instant(event.Timestamp);
      expect(RawCalendarMatchSchema.safeParse(calendarAsOf(recording, t)).success).toBe(true);
      expect(RawTimelineSchema.safeParse(timelineAsOf(recording, t)).success).toBe(true);
    }
  });

  it('is small, with unique opaque string ids and timestamps in order', () => {
    expect(events.length).toBeLessThan(150);
    const ids = events.map((e) => e.EventId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(typeof id).toBe('string');
    const times = events.map((e) => instant(e.Timestamp));
    expect(times.every((t, i) => i === 0 || t >= (times[i - 1] as number))).toBe(true);
    expect(events.some((e) => /\.\d{1,3}Z$/.test(String(e.Timestamp)) && !String(e.Timestamp).endsWith('.0Z'))).toBe(true);
    expect(events.some((e) => String(e.Timestamp).endsWith('.0Z'))).toBe(true);
  });

  it('names every player it mentions, and period events carry no team', () => {
    for (const e of events) {
      if (e.IdPlayer) expect(recording.players[String(e.IdPlayer)], `player ${String(e.IdPlayer)}`).toBeDefined();
      if (e.IdSubPlayer) expect(recording.players[String(e.IdSubPlayer)], `sub ${String(e.IdSubPlayer)}`).toBeDefined();
      if (e.Type === 7 || e.Type === 8 || e.Type === 26) expect(e.IdTeam).toBeUndefined();
    }
  });

  it('has the goals of the final in order, with their minutes and running scores', () => {
    const goals = events
      .filter((e) => GOAL_TYPES.has(Number(e.Type)) && e.Period !== 11)
      .map((e) => [playerName(e.IdPlayer), e.MatchMinute, e.Type, `${String(e.HomeGoals)}-${String(e.AwayGoals)}`]);
    expect(goals).toEqual([
      ['Lionel MESSI', "23'", 41, '1-0'],
      ['Angel DI MARIA', "36'", 0, '2-0'],
      ['Kylian MBAPPE', "80'", 41, '2-1'],
      ['Kylian MBAPPE', "81'", 0, '2-2'],
      ['Lionel MESSI', "108'", 0, '3-2'],
      ['Kylian MBAPPE', "118'", 41, '3-3'],
    ]);
  });

  it('awards each penalty (type 72, fouling side) before it is taken', () => {
    const awards = events.filter((e) => e.Type === 72).map((e) => [e.MatchMinute, e.IdTeam, playerName(e.IdPlayer)]);
    expect(awards).toEqual([
      ["21'", FRA, 'Ousmane DEMBELE'],
      ["79'", ARG, 'Nicolas OTAMENDI'],
      ["116'", ARG, 'Gonzalo MONTIEL'],
    ]);
  });

  it('has the yellow cards of the final', () => {
    const cards = events.filter((e) => e.Type === 2).map((e) => `${playerName(e.IdPlayer)} ${String(e.MatchMinute)}`);
    expect(cards).toEqual([
      "Enzo FERNANDEZ 45'+7'",
      "Adrien RABIOT 55'",
      "Marcus THURAM 87'",
      "Marcos ACUNA 90'+8'",
      "Leandro PAREDES 114'",
      "Gonzalo MONTIEL 116'",
      "Emiliano MARTINEZ 121'",
    ]);
  });

  it('marks every period with start and end events and ends with match end', () => {
    const marks = events.filter((e) => e.Type === 7 || e.Type === 8 || e.Type === 26).map((e) => `${String(e.Type)}/${String(e.Period)}`);
    expect(marks).toEqual(['7/3', '8/3', '7/5', '8/5', '7/7', '8/7', '7/9', '8/9', '7/11', '8/11', '26/10']);
    const end = events.find((e) => e.Type === 8 && e.Period === 11);
    expect([end?.HomeGoals, end?.AwayGoals, end?.HomePenaltyGoals, end?.AwayPenaltyGoals]).toEqual([3, 3, 4, 2]);
  });

  it('plays the shoot-out kick by kick with running tallies', () => {
    const kicks = events
      .filter((e) => e.Period === 11 && (GOAL_TYPES.has(Number(e.Type)) || [60, 65, 46, 51].includes(Number(e.Type))))
      .map((e) => `${playerName(e.IdPlayer)} ${GOAL_TYPES.has(Number(e.Type)) ? 'scores' : 'misses'} ${String(e.HomePenaltyGoals)}-${String(e.AwayPenaltyGoals)}`);
    expect(kicks).toEqual([
      'Kylian MBAPPE scores 0-1',
      'Lionel MESSI scores 1-1',
      'Kingsley COMAN misses 1-1',
      'Paulo DYBALA scores 2-1',
      'Aurelien TCHOUAMENI misses 2-1',
      'Leandro PAREDES scores 3-1',
      'Randal KOLO MUANI scores 3-2',
      'Gonzalo MONTIEL scores 4-2',
    ]);
  });

  it('has noise around the posted events', () => {
    const types = new Set(events.map((e) => Number(e.Type)));
    for (const noise of [19, 12, 16, 18, 15]) expect(types.has(noise), `type ${noise}`).toBe(true);
  });
});

describe('the recording as of a moment', () => {
  const pending = recording.revisions[0];
  if (pending === undefined) throw new Error('the recording should hold a pending event');
  const pendingEvent = events.find((e) => e.EventId === pending.EventId);
  const stamped = instant(pendingEvent?.Timestamp);

  it('shows only what has happened by then', () => {
    expect(eventsAsOf(recording, at('2022-12-18T14:00:00Z'))).toEqual([]);
    const atHalfTime = eventsAsOf(recording, at('2022-12-18T16:00:00Z'));
    expect(atHalfTime.at(-1)?.Type).toBe(8);
    expect(atHalfTime.every((e) => instant(e.Timestamp) <= at('2022-12-18T16:00:00Z'))).toBe(true);
  });

  it('serves the pending goal as 9999 until FIFA settles it, then as the goal', () => {
    expect(pendingEvent?.Type).toBe(0);
    const before = eventsAsOf(recording, stamped).find((e) => e.EventId === pending.EventId);
    expect(before?.Type).toBe(9999);
    expect(before?.IdPlayer).toBeNull();
    const after = eventsAsOf(recording, instant(pending.until)).find((e) => e.EventId === pending.EventId);
    expect(after?.Type).toBe(0);
    expect(playerName(after?.IdPlayer)).toBe('Lionel MESSI');
  });

  it('derives the calendar status, score and result from the timeline', () => {
    const pre = calendarAsOf(recording, at('2022-12-18T14:59:00Z'));
    expect([pre.MatchStatus, pre.HomeTeamScore, pre.AwayTeamScore, pre.Winner]).toEqual([1, null, null, null]);
    const live = calendarAsOf(recording, at('2022-12-18T15:40:00Z'));
    expect([live.MatchStatus, live.HomeTeamScore, live.AwayTeamScore, live.Winner]).toEqual([3, 2, 0, null]);
    expect((live.Home as { Score: number }).Score).toBe(2);
    const over = calendarAsOf(recording, at('2022-12-18T18:00:00Z'));
    expect([over.MatchStatus, over.HomeTeamScore, over.AwayTeamScore, over.HomeTeamPenaltyScore, over.AwayTeamPenaltyScore, over.Winner]).toEqual(
      [0, 3, 3, 4, 2, ARG],
    );
  });
});

describe('RecordingClient through the production FootballFeed', () => {
  const logger = createLogger('silent');

  it('normalises the recording into the typed match and timeline', async () => {
    let clock = at('2022-12-18T15:40:00Z');
    const client = new RecordingClient(recording, () => clock);
    const feed = new FootballFeed({ client, competitionId: '17', seasonId: '255711', locale: 'en-GB', logger });
    const [match] = (await feed.calendar()) ?? [];
    expect(match?.key).toEqual(KEY);
    expect(match?.status).toBe('live');
    expect([match?.home?.name, match?.away?.name, match?.stageName]).toEqual(['Argentina', 'France', 'Final']);
    expect(match?.score).toEqual({ home: 2, away: 0 });
    expect(match?.penalties).toBeNull();

    const snapshot = await feed.snapshot(match!);
    const goals = snapshot?.events.filter((e) => e.type === 41 || e.type === 0).map((e) => [e.playerName, e.minute]);
    expect(goals).toEqual([
      ['Lionel MESSI', "23'"],
      ['Angel DI MARIA', "36'"],
    ]);

    clock = at('2022-12-18T18:00:00Z');
    const [final] = (await feed.calendar()) ?? [];
    expect([final?.status, final?.score, final?.penalties, final?.winnerTeamId]).toEqual([
      'finished',
      { home: 3, away: 3 },
      { home: 4, away: 2 },
      ARG,
    ]);
  });

  it('speaks the requested language where the recording has it', async () => {
    const client = new RecordingClient(recording, () => at('2022-12-18T15:40:00Z'));
    const feed = new FootballFeed({ client, competitionId: '17', seasonId: '255711', locale: 'de-DE', logger });
    const [match] = (await feed.calendar()) ?? [];
    expect([match?.home?.name, match?.away?.name, match?.stageName]).toEqual(['Argentinien', 'Frankreich', 'Finale']);
  });

  it('answers like the real client for things it does not hold', async () => {
    const client = new RecordingClient(recording, () => at('2022-12-18T15:40:00Z'));
    expect(await client.calendar('17', '285023')).toEqual([]);
    expect(await client.timeline({ ...KEY, matchId: '1' })).toBeNull();
    expect(await client.player('0')).toBeNull();
    expect((await client.player('229397'))?.Name[0]?.Description).toBe('Lionel MESSI');
  });
});
