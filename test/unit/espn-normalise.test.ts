import { describe, expect, it } from 'vitest';
import {
  espnKind,
  espnPhase,
  espnScoreboardToMatches,
  espnSummaryMatch,
  espnSummaryToSnapshot,
  espnTeam,
  espnTeamsToNeutral,
} from '../../src/football/espn/normalise.js';
import {
  EspnEventSchema,
  EspnScoreboardEnvelopeSchema,
  EspnSummarySchema,
  EspnTeamSchema,
  EspnTeamsEnvelopeSchema,
  type EspnScoreboard,
} from '../../src/football/espn/schemas.js';
import type { NeutralEvent, NeutralMatch } from '../../src/football/model.js';
import {
  ESPN_TEAMS,
  espnKeyEvent,
  espnScoreboard,
  espnScoreboardEvent,
  espnStatus,
  espnSummary,
  espnTeamsBody,
  final2022ScoreboardEvent,
  final2022Summary,
  FINAL_2022,
  type Json,
} from '../fixtures/espn-builders.js';
import { keyEventOf, SAMPLES } from '../fixtures/espn-samples.js';

function scoreboard(body: Json): EspnScoreboard {
  const envelope = EspnScoreboardEnvelopeSchema.parse(body);
  return { events: envelope.events.map((event) => EspnEventSchema.parse(event)), leagues: envelope.leagues, day: envelope.day?.date };
}

/** A recorded summary normalised against the match its own header describes. */
function snapshotOf(body: Json, league = 'fifa.world'): { match: NeutralMatch; events: NeutralEvent[] } {
  const summary = EspnSummarySchema.parse(body);
  const match = espnSummaryMatch(summary, league);
  if (match === null) throw new Error('summary without a match');
  return espnSummaryToSnapshot(summary, match);
}

const posted = (events: NeutralEvent[]): NeutralEvent[] => events.filter((e) => e.kind !== 'noise');
const goals = (events: NeutralEvent[]) => events.filter((e) => e.kind === 'goal');

describe('ESPN summaries (recorded, WC 2026)', () => {
  it('QAT–SUI: the own goal is credited to Qatar, scored by the Swiss player, and the score follows the key events', () => {
    const { match, events } = snapshotOf(SAMPLES.ownGoalPenalty());

    expect(match.home?.abbreviation).toBe('QAT');
    expect(goals(events).map((e) => [e.id, e.kind === 'goal' && e.method, e.minute, e.teamId, e.player?.name, e.score])).toEqual([
      ['49493954', 'penalty', "17'", '475', 'Breel Embolo', { home: 0, away: 1 }],
      ['49496324', 'own-goal', "90'+4'", '4398', 'Miro Muheim', { home: 1, away: 1 }],
    ]);
    // The key events add up to the header's final score.
    expect(events.at(-1)?.score).toEqual(match.score);
    const ownGoal = events.find((e) => e.id === '49496324');
    expect(ownGoal).toMatchObject({ code: 'own-goal', period: 'second-half', at: '2026-06-13T21:01:08Z', text: 'Own Goal by Miro Muheim, Switzerland. Qatar 1, Switzerland 1.' });
    // ESPN lists a Qatari second (Homam Ahmed): no assist to an own goal.
    expect(ownGoal?.otherPlayer).toBeNull();
  });

  it('SUI–BIH: a straight red card and a stoppage-time penalty', () => {
    const { match, events } = snapshotOf(SAMPLES.redCardPenalty());

    const red = events.find((e) => e.kind === 'card' && e.card === 'red');
    expect(red).toMatchObject({ id: '49547692', minute: "80'", teamId: '452', player: { name: 'Tarik Muharemovic' } });
    expect(events.filter((e) => e.kind === 'card').map((e) => e.kind === 'card' && e.card)).toEqual(['yellow', 'yellow', 'yellow', 'red']);
    const penalty = events.find((e) => e.id === '49547869');
    expect(penalty).toMatchObject({ kind: 'goal', method: 'penalty', minute: "90'+7'", player: { name: 'Granit Xhaka' }, score: { home: 4, away: 1 } });
    expect(goals(events).map((e) => e.score)).toEqual([
      { home: 1, away: 0 },
      { home: 2, away: 0 },
      { home: 3, away: 0 },
      { home: 3, away: 1 },
      { home: 4, away: 1 },
    ]);
    expect(match).toMatchObject({ status: 'finished', phase: 'finished', score: { home: 4, away: 1 }, winnerTeamId: '475' });
  });

  it('ARG–ALG: the goal overturned by VAR is in no key event, so it is never an event (the tracker corrects it if it was seen)', () => {
    const body = SAMPLES.varOverturned();
    const commentary = body.commentary as Json[];
    const overturned = commentary.find((c) => (c.play as Json | undefined)?.id === '49535759');
    expect(((overturned?.play as Json).type as Json).type).toBe('deleted-after-review');

    const { match, events } = snapshotOf(body);
    expect(events.some((e) => e.id === '49535759')).toBe(false);
    expect(goals(events).map((e) => [e.minute, e.player?.name, e.teamId])).toEqual([
      ["17'", 'Lionel Messi', '202'],
      ["60'", 'Lionel Messi', '202'],
      ["76'", 'Lionel Messi', '202'],
    ]);
    expect(match.score).toEqual({ home: 3, away: 0 });

    // As a poll during the review would have had it: the goal key event present, then gone.
    const before = structuredClone(body);
    const play = overturned?.play as Json;
    (before.keyEvents as Json[]).splice(1, 0, { ...keyEventOf(body, '49535916'), id: '49535759', type: { id: '70', text: 'Goal', type: 'goal' }, clock: play.clock, team: { id: '624', displayName: 'Algeria' }, text: 'Goal! Argentina 0, Algeria 1.' });
    const seen = snapshotOf(before).events.find((e) => e.id === '49535759');
    expect(seen).toMatchObject({ kind: 'goal', teamId: '624', score: { home: 0, away: 1 } });
    // Messi's opener then read 1–1; after the review it reads 1–0 again.
    expect(snapshotOf(before).events.find((e) => e.id === '49535916')?.score).toEqual({ home: 1, away: 1 });
    expect(events.find((e) => e.id === '49535916')?.score).toEqual({ home: 1, away: 0 });
  });

  it('a goal re-typed deleted-after-review under the same id is noise (a correction for the tracker), never a goal', () => {
    expect(espnKind('deleted-after-review', false)).toEqual({ kind: 'noise' });
    expect(espnKind('var---referee-decision-cancelled', false)).toEqual({ kind: 'noise' });
  });

  it('BRA–MAR: drinks breaks and injury delays are noise, listed once per team; substitutions name who comes on and who goes off', () => {
    const { events } = snapshotOf(SAMPLES.drinksBreaks());

    const delays = events.filter((e) => e.code === 'start-delay' || e.code === 'end-delay');
    expect(delays.length).toBeGreaterThanOrEqual(10);
    expect(delays.every((e) => e.kind === 'noise')).toBe(true);
    expect(events.some((e) => e.kind === 'unknown')).toBe(false);

    const sub = events.find((e) => e.id === '49498686');
    expect(sub).toMatchObject({ kind: 'substitution', teamId: '205', player: { name: 'Danilo' }, otherPlayer: { name: 'Roger Ibañez' } });
    const goal = events.find((e) => e.id === '49497769');
    expect(goal).toMatchObject({ kind: 'goal', method: 'open-play', player: { name: 'Ismael Saibari' }, otherPlayer: { name: 'Brahim Díaz' }, score: { home: 0, away: 1 } });

    expect(posted(events).filter((e) => e.kind === 'period-start' || e.kind === 'period-end').map((e) => [e.kind, 'period' in e ? e.period : null, e.minute])).toEqual([
      ['period-start', 'first-half', ''],
      ['period-end', 'first-half', "45'+5'"],
      ['period-start', 'second-half', "45'"],
      ['period-end', 'second-half', "90'+12'"],
    ]);
  });

  it('keeps every key event once, with its ESPN id and in ESPN order, on every recorded summary', () => {
    for (const body of [SAMPLES.drinksBreaks(), SAMPLES.ownGoalPenalty(), SAMPLES.varOverturned(), SAMPLES.redCardPenalty()]) {
      const { events } = snapshotOf(body);
      expect(events.map((e) => e.id)).toEqual((body.keyEvents as Json[]).map((e) => e.id));
      expect(events.some((e) => e.kind === 'unknown')).toBe(false);
    }
  });

  it('reads the summary header: teams with flags, the stage and the group', () => {
    const match = espnSummaryMatch(EspnSummarySchema.parse(SAMPLES.ownGoalPenalty()), 'fifa.world');
    expect(match).toMatchObject({
      key: { provider: 'espn', competition: 'fifa.world', season: '2026', match: '760420' },
      kickoff: '2026-06-13T19:00:00Z',
      competitionName: 'FIFA World Cup',
      stageName: 'Group Stage',
      groupName: 'Group B',
      knockout: false,
      home: { id: '4398', name: 'Qatar', abbreviation: 'QAT', countryCode: 'QAT' },
      away: { id: '475', name: 'Switzerland', abbreviation: 'SUI', countryCode: 'SUI' },
    });
  });
});

describe('ESPN scoreboards (recorded)', () => {
  it('MLS 2022-09-17: live matches in both halves with their clocks, results, and matches still to come', () => {
    const { matches, unknownStatuses } = espnScoreboardToMatches(scoreboard(SAMPLES.mlsLiveScoreboard()), 'usa.1');

    expect(matches).toHaveLength(11);
    expect(unknownStatuses).toEqual([]);
    const byId = new Map(matches.map((m) => [m.key.match, m]));
    expect(byId.get('623601')).toMatchObject({
      key: { provider: 'espn', competition: 'usa.1', season: '2022', match: '623601' },
      kickoff: '2022-09-17T23:30:00Z',
      status: 'live',
      phase: 'second-half',
      clock: "58'",
      score: { home: 0, away: 0 },
      competitionName: 'Major League Soccer',
      stageName: 'Regular Season',
      knockout: false,
      extraTime: false,
      home: { id: '189', name: 'New England Revolution', abbreviation: 'NE', countryCode: null, logo: 'https://a.espncdn.com/i/teamlogos/soccer/500/189.png' },
      away: { id: '9720', abbreviation: 'MTL' },
    });
    expect(byId.get('623600')).toMatchObject({ status: 'live', phase: 'second-half', clock: "57'", score: { home: 3, away: 0 } });
    expect(byId.get('623602')).toMatchObject({ status: 'live', phase: 'first-half', clock: "45'", score: { home: 2, away: 0 } });
    expect(byId.get('623597')).toMatchObject({ status: 'finished', phase: 'finished', clock: null, score: { home: 2, away: 0 }, winnerTeamId: '17606' });
    expect(byId.get('623599')).toMatchObject({ status: 'finished', score: { home: 0, away: 0 }, winnerTeamId: null });
    // Before kick-off ESPN says "0"–"0": that is no score yet.
    expect(byId.get('623604')).toMatchObject({ status: 'scheduled', phase: 'pre-match', clock: null, score: null });
  });

  it('World Cup 2026: matches are filed under their US-Eastern day, and national teams carry their flag code', () => {
    const day13 = espnScoreboardToMatches(scoreboard(SAMPLES.worldCupScoreboard('20260613')), 'fifa.world').matches;
    const day14 = espnScoreboardToMatches(scoreboard(SAMPLES.worldCupScoreboard('20260614')), 'fifa.world').matches;

    expect(day13.map((m) => m.kickoff)).toEqual(['2026-06-13T19:00:00Z', '2026-06-13T22:00:00Z', '2026-06-14T01:00:00Z']);
    expect(day14.map((m) => m.kickoff)).toEqual([
      '2026-06-14T04:00:00Z',
      '2026-06-14T17:00:00Z',
      '2026-06-14T20:00:00Z',
      '2026-06-14T23:00:00Z',
      '2026-06-15T02:00:00Z',
    ]);
    expect(day14[0]).toMatchObject({
      key: { competition: 'fifa.world', season: '2026', match: '760421' },
      status: 'scheduled',
      competitionName: 'FIFA World Cup',
      stageName: 'Group Stage',
      knockout: false,
      home: { abbreviation: 'AUS', countryCode: 'AUS' },
      away: { abbreviation: 'TUR', countryCode: 'TUR' },
      score: null,
    });
  });
});

describe('ESPN teams', () => {
  it('reads one club from /teams/{id} (recorded): no country code for a club', () => {
    const raw = EspnTeamSchema.parse((SAMPLES.columbusCrew() as { team: unknown }).team);
    expect(espnTeam(raw)).toEqual({
      id: '183',
      name: 'Columbus Crew',
      abbreviation: 'CLB',
      countryCode: null,
      logo: 'https://a.espncdn.com/i/teamlogos/soccer/500/183.png',
    });
  });

  it('reads a league list from /{league}/teams, each club once, in ESPN order', () => {
    const { ARS, CHE, LIV } = ESPN_TEAMS;
    const body = EspnTeamsEnvelopeSchema.parse(espnTeamsBody({ slug: 'eng.1', name: 'English Premier League' }, [ARS, CHE, LIV, ARS]));
    const teams = body.sports[0]?.leagues[0]?.teams.map((t) => EspnTeamSchema.parse(t.team)) ?? [];
    const neutral = espnTeamsToNeutral({ league: { id: '700', slug: 'eng.1', name: 'English Premier League', season: 2025 }, teams });
    expect(neutral.map((t) => [t.id, t.name, t.abbreviation])).toEqual([
      ['359', 'Arsenal', 'ARS'],
      ['363', 'Chelsea', 'CHE'],
      ['364', 'Liverpool', 'LIV'],
    ]);
  });
});

describe('a knockout with extra time and a shoot-out (the 2022 final, in ESPN shapes)', () => {
  const scoreboardMatch = (): NeutralMatch => {
    const board = scoreboard(espnScoreboard(FINAL_2022.league, [final2022ScoreboardEvent()]));
    const match = espnScoreboardToMatches(board, 'fifa.world').matches[0];
    if (match === undefined) throw new Error('no match');
    return match;
  };

  it('the scoreboard gives the result after extra time and the shoot-out score', () => {
    expect(scoreboardMatch()).toMatchObject({
      status: 'finished',
      phase: 'finished',
      score: { home: 3, away: 3 },
      penalties: { home: 4, away: 2 },
      extraTime: true,
      knockout: true,
      winnerTeamId: '202',
    });
  });

  it('extra-time markers map to the extra-time periods and every kick, scored or missed, comes from the shootout section in kick order', () => {
    const match = scoreboardMatch();
    const { events } = espnSummaryToSnapshot(EspnSummarySchema.parse(final2022Summary()), match);

    const markers = events.filter((e) => e.kind === 'period-start' || e.kind === 'period-end' || e.kind === 'match-end');
    expect(markers.map((e) => `${e.kind}:${'period' in e && e.kind !== 'match-end' ? e.period : ''}`)).toEqual([
      'period-start:first-half',
      'period-end:first-half',
      'period-start:second-half',
      'period-end:second-half',
      'period-start:extra-time-first-half',
      'period-end:extra-time-first-half',
      'period-start:extra-time-second-half',
      'period-end:extra-time-second-half',
      'period-start:shootout',
      'match-end:',
    ]);

    const kicks = events.filter((e) => e.kind === 'shootout-kick');
    expect(kicks.map((e) => [e.id, e.teamId, e.player?.name, e.kind === 'shootout-kick' && e.scored, e.penalties])).toEqual([
      ['39564714', '478', 'Kylian Mbappé', true, { home: 0, away: 1 }],
      ['39564715', '202', 'Lionel Messi', true, { home: 1, away: 1 }],
      ['39564716', '478', 'Kingsley Coman', false, { home: 1, away: 1 }],
      ['39564717', '202', 'Paulo Dybala', true, { home: 2, away: 1 }],
      ['39564718', '478', 'Aurélien Tchouaméni', false, { home: 2, away: 1 }],
      ['39564719', '202', 'Leandro Paredes', true, { home: 3, away: 1 }],
      ['39564720', '478', 'Randal Kolo Muani', true, { home: 3, away: 2 }],
      ['39564722', '202', 'Gonzalo Montiel', true, { home: 4, away: 2 }],
    ]);
    // Kicks never change the match score; they sit between the shoot-out's start and the match's end.
    expect(kicks.every((e) => e.score.home === 3 && e.score.away === 3 && e.period === 'shootout')).toBe(true);
    const ids = events.map((e) => e.id);
    expect(ids.indexOf('39564714')).toBe(ids.indexOf('39564713') + 1);
    expect(ids.at(-1)).toBe('39564723');
    expect(events.at(-1)?.penalties).toEqual({ home: 4, away: 2 });
    // Goals in extra time count like any other; the last one is Mbappé's 118' penalty.
    expect(goals(events).at(-1)).toMatchObject({ minute: "118'", method: 'penalty', period: 'extra-time-second-half', score: { home: 3, away: 3 } });
  });

  it('without commentary the kicks still come round by round', () => {
    const summary = EspnSummarySchema.parse(final2022Summary({ commentary: [] }));
    const kicks = espnSummaryToSnapshot(summary, scoreboardMatch()).events.filter((e) => e.kind === 'shootout-kick');
    expect(kicks.map((e) => e.player?.name)).toEqual([
      'Kylian Mbappé',
      'Lionel Messi',
      'Kingsley Coman',
      'Paulo Dybala',
      'Aurélien Tchouaméni',
      'Leandro Paredes',
      'Randal Kolo Muani',
      'Gonzalo Montiel',
    ]);
  });

  it('a shoot-out under way shows the kicks so far after its start', () => {
    const shootout = [
      { id: '478', team: 'France', shots: [{ id: '39564714', playerId: '231388', player: 'Kylian Mbappé', shotNumber: 1, didScore: true }] },
      { id: '202', team: 'Argentina', shots: [] },
    ];
    const keyEvents = (final2022Summary().keyEvents as Json[]).slice(0, -1);
    const summary = EspnSummarySchema.parse(final2022Summary({ keyEvents, shootout, status: espnStatus('STATUS_SHOOTOUT', { period: 5 }) }));
    const { events } = espnSummaryToSnapshot(summary, scoreboardMatch());
    expect(events.at(-1)).toMatchObject({ id: '39564714', kind: 'shootout-kick', scored: true, penalties: { home: 0, away: 1 } });
  });
});

describe('live states and lag', () => {
  const { ARS, CHE } = ESPN_TEAMS;
  const league = { slug: 'eng.1', name: 'English Premier League' };

  it.each([
    ['STATUS_HALFTIME', 1, 'half-time'],
    ['STATUS_END_OF_REGULATION', 2, 'before-extra-time'],
    ['STATUS_OVERTIME', 3, 'extra-time-first-half'],
    ['STATUS_OVERTIME', 4, 'extra-time-second-half'],
    ['STATUS_HALFTIME_ET', 3, 'extra-time-break'],
    ['STATUS_END_OF_EXTRATIME', 4, 'before-shootout'],
    ['STATUS_SHOOTOUT', 5, 'shootout'],
    ['STATUS_FINAL_AET', 4, 'finished'],
  ] as const)('%s (period %i) is %s', (name, period, phase) => {
    expect(espnPhase(EspnEventSchema.shape.status.parse(espnStatus(name, { period })))).toEqual({ phase, known: true });
  });

  it('an unknown status is read from its state and period, and reported once', () => {
    const odd = espnStatus('STATUS_SOMETHING_NEW', { period: 3 });
    const events = ['1', '2'].map((id) => espnScoreboardEvent({ id, date: '2026-12-04T20:00Z', home: ARS, away: CHE, status: odd }));
    const { matches, unknownStatuses } = espnScoreboardToMatches(scoreboard(espnScoreboard(league, events)), 'eng.1');
    expect(matches.map((m) => [m.status, m.phase, m.extraTime, m.knockout])).toEqual([
      ['live', 'extra-time-first-half', true, true],
      ['live', 'extra-time-first-half', true, true],
    ]);
    expect(unknownStatuses).toEqual(['STATUS_SOMETHING_NEW']);
  });

  it('ids are strings even when ESPN sends numbers, and a delayed kick-off is still before the match', () => {
    const event = espnScoreboardEvent({ id: '704512', date: '2026-12-04T20:00Z', home: ARS, away: CHE, status: espnStatus('STATUS_DELAYED') });
    event.id = 704512;
    const competitor = ((event.competitions as Json[])[0]?.competitors as Json[])[0] as Json;
    (competitor.team as Json).id = 359;
    const [match] = espnScoreboardToMatches(scoreboard(espnScoreboard(league, [event])), 'eng.1').matches;
    expect(match).toMatchObject({ key: { match: '704512' }, home: { id: '359' }, status: 'scheduled', phase: 'pre-match' });
  });

  it('an undecided knockout slot has no team but says who will fill it', () => {
    const event = espnScoreboardEvent({ id: '760501', date: '2026-07-09T20:00Z', home: ARS, away: CHE, seasonSlug: 'quarterfinals' });
    const away = ((event.competitions as Json[])[0]?.competitors as Json[])[1] as Json;
    away.team = { displayName: 'Winner Match 91', abbreviation: 'W91' };
    const [match] = espnScoreboardToMatches(scoreboard(espnScoreboard(league, [event])), 'eng.1').matches;
    expect(match).toMatchObject({ away: null, placeholderAway: 'Winner Match 91', placeholderHome: null, stageName: 'Quarterfinals', knockout: null });
  });

  it('half-time shows no running clock; a postponed match is neither live nor a result', () => {
    const events = [
      espnScoreboardEvent({ id: '1', date: '2026-12-04T20:00Z', home: ARS, away: CHE, status: espnStatus('STATUS_HALFTIME', { period: 1, displayClock: "45'+2'" }), homeScore: 1 }),
      espnScoreboardEvent({ id: '2', date: '2026-12-04T20:00Z', home: CHE, away: ARS, status: espnStatus('STATUS_POSTPONED') }),
    ];
    const [half, postponed] = espnScoreboardToMatches(scoreboard(espnScoreboard(league, events)), 'eng.1').matches;
    expect(half).toMatchObject({ status: 'live', phase: 'half-time', clock: null, score: { home: 1, away: 0 } });
    expect(postponed).toMatchObject({ status: 'other' });
  });

  it('key events lag the score: a goal the scoreboard counts is not an event until its key event appears', () => {
    const status = espnStatus('STATUS_FIRST_HALF', { period: 1, displayClock: "12'" });
    const board = scoreboard(espnScoreboard(league, [espnScoreboardEvent({ id: '704512', date: '2026-12-04T20:00Z', home: ARS, away: CHE, status, homeScore: 1 })]));
    const match = espnScoreboardToMatches(board, 'eng.1').matches[0] as NeutralMatch;
    expect(match.score).toEqual({ home: 1, away: 0 });

    const kickoff = espnKeyEvent({ id: '1', slug: 'kickoff', period: 1, wallclock: '2026-12-04T20:00:05Z' });
    const lagging = espnSummary({ id: '704512', league, date: '2026-12-04T20:00Z', home: ARS, away: CHE, status, homeScore: 1, keyEvents: [kickoff] });
    const before = espnSummaryToSnapshot(EspnSummarySchema.parse(lagging), match);
    expect(goals(before.events)).toEqual([]);
    expect(before.events.at(-1)?.score).toEqual({ home: 0, away: 0 });

    const goal = espnKeyEvent({ id: '2', slug: 'goal---header', period: 1, minute: "11'", team: ARS, players: ['Gabriel'], wallclock: '2026-12-04T20:11:40Z' });
    const caughtUp = espnSummaryToSnapshot(EspnSummarySchema.parse({ ...lagging, keyEvents: [kickoff, goal] }), match);
    expect(goals(caughtUp.events)).toMatchObject([{ id: '2', method: 'open-play', teamId: '359', score: { home: 1, away: 0 } }]);
  });

  it('maps every key event slug of the reference, and logs (unknown) the rest', () => {
    expect(espnKind('goal---free-kick', false)).toEqual({ kind: 'goal', method: 'free-kick' });
    expect(espnKind('goal---volley', false)).toEqual({ kind: 'goal', method: 'open-play' });
    expect(espnKind('penalty---missed', false)).toEqual({ kind: 'penalty-missed', outcome: 'missed' });
    expect(espnKind('penalty---saved', false)).toEqual({ kind: 'penalty-missed', outcome: 'saved' });
    expect(espnKind('penalty---hit-woodwork', false)).toEqual({ kind: 'penalty-missed', outcome: 'woodwork' });
    expect(espnKind('penalty---missed', true)).toEqual({ kind: 'shootout-kick', scored: false, outcome: 'missed' });
    expect(espnKind('penalty---scored', true)).toEqual({ kind: 'shootout-kick', scored: true, outcome: null });
    expect(espnKind('yellow-red-card', false)).toEqual({ kind: 'card', card: 'second-yellow' });
    expect(espnKind('end-match', false)).toEqual({ kind: 'match-end' });
    expect(espnKind('start-delay', false)).toEqual({ kind: 'noise' });
    expect(espnKind('bicycle-kick-celebration', false)).toEqual({ kind: 'unknown' });
  });

  it('a key event without a type slug is read from its type id', () => {
    const raw = espnKeyEvent({ id: '9', slug: 'own-goal', period: 2, minute: "70'", team: CHE, players: ['Ben White'] });
    (raw.type as Json).type = undefined;
    const summary = espnSummary({ id: '1', league, date: '2026-12-04T20:00Z', home: ARS, away: CHE, status: espnStatus('STATUS_SECOND_HALF', { period: 2 }), keyEvents: [raw] });
    const match = espnSummaryMatch(EspnSummarySchema.parse(summary), 'eng.1') as NeutralMatch;
    expect(espnSummaryToSnapshot(EspnSummarySchema.parse(summary), match).events[0]).toMatchObject({ kind: 'goal', method: 'own-goal', code: 'own-goal', score: { home: 0, away: 1 } });
  });
});
