/**
 * Recorded World Cup matches replayed poll by poll through the fake ESPN, the real client and the normaliser:
 * what the tracker will be handed at each step (key events lagging the score, a goal that disappears).
 */
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EspnClient } from '../../src/football/espn/client.js';
import { espnScoreboardToMatches, espnSummaryToSnapshot } from '../../src/football/espn/normalise.js';
import type { NeutralSnapshot } from '../../src/football/model.js';
import { startFakeEspn, type FakeEspn } from '../fakes/espn.js';
import { espnStatus } from '../fixtures/espn-builders.js';
import { keyEventIndex, keyEventOf, SAMPLES, scoreboardOf, summaryUpTo, type Json } from '../fixtures/espn-samples.js';

const LEAGUE = 'fifa.world';

describe('recorded ESPN matches, poll by poll', () => {
  let espn: FakeEspn;
  let client: EspnClient;

  beforeEach(async () => {
    espn = await startFakeEspn();
    client = new EspnClient({ baseUrl: espn.url, logger: pino({ level: 'silent' }), retryBaseMs: 5 });
  });

  afterEach(async () => {
    await espn.close();
  });

  /** One poll as the provider will make it: the day's scoreboard, then the live match's summary. */
  async function poll(day: string, eventId: string): Promise<NeutralSnapshot> {
    const board = await client.scoreboard(LEAGUE, day);
    const match = espnScoreboardToMatches(board!, LEAGUE).matches.find((m) => m.key.match === eventId);
    const summary = await client.summary(LEAGUE, eventId);
    return espnSummaryToSnapshot(summary!, match!);
  }

  function step(day: string, recorded: Json, moment: { status: Json; home: number; away: number; keyEvents: number }): void {
    const id = (recorded.header as Json).id as string;
    espn.setScoreboard(LEAGUE, day, scoreboardOf(recorded, moment));
    espn.setSummary(id, summaryUpTo(recorded, moment.keyEvents, moment.status));
  }

  it('QAT–SUI: the penalty is on the scoreboard before its key event, and becomes an event only with it; then the own goal', async () => {
    const recorded = SAMPLES.ownGoalPenalty();
    const penalty = keyEventIndex(recorded, '49493954');
    const live = (minute: string, period = 1) => espnStatus(period === 1 ? 'STATUS_FIRST_HALF' : 'STATUS_SECOND_HALF', { period, displayClock: minute });

    step('20260613', recorded, { status: live("17'"), home: 0, away: 1, keyEvents: penalty });
    const lagging = await poll('20260613', '760420');
    expect(lagging.match).toMatchObject({ status: 'live', phase: 'first-half', clock: "17'", score: { home: 0, away: 1 } });
    expect(lagging.events.filter((e) => e.kind === 'goal')).toEqual([]);

    step('20260613', recorded, { status: live("18'"), home: 0, away: 1, keyEvents: penalty + 1 });
    const caughtUp = await poll('20260613', '760420');
    expect(caughtUp.events.filter((e) => e.kind === 'goal').map((e) => [e.id, e.score])).toEqual([['49493954', { home: 0, away: 1 }]]);

    const all = (recorded.keyEvents as Json[]).length;
    step('20260613', recorded, { status: espnStatus('STATUS_FULL_TIME', { period: 2 }), home: 1, away: 1, keyEvents: all });
    const finished = await poll('20260613', '760420');
    expect(finished.match).toMatchObject({ status: 'finished', phase: 'finished', score: { home: 1, away: 1 } });
    expect(finished.events.filter((e) => e.kind === 'goal').map((e) => e.kind === 'goal' && e.method)).toEqual(['penalty', 'own-goal']);
    expect(espn.count(`/${LEAGUE}/summary`)).toBe(3);
    expect(espn.count(`/${LEAGUE}/scoreboard`)).toBe(3);
  });

  it('ARG–ALG: Algeria\'s goal is seen, then ruled out by VAR: it leaves the key events and the score drops back', async () => {
    const recorded = SAMPLES.varOverturned();
    // The goal as it stood before the review (ids and minute from the commentary's retyped play).
    const during = structuredClone(recorded);
    const opener = keyEventOf(recorded, '49535916');
    (during.keyEvents as Json[]).splice(1, 0, { ...opener, id: '49535759', clock: { value: 447, displayValue: "8'" }, team: { id: '624', displayName: 'Algeria' }, participants: [{ athlete: { displayName: 'Farès Chaïbi' } }], wallclock: '2026-06-17T01:10:09Z' });
    const status = espnStatus('STATUS_FIRST_HALF', { period: 1, displayClock: "9'" });

    step('20260616', during, { status, home: 0, away: 1, keyEvents: 2 });
    const seen = await poll('20260616', '760433');
    expect(seen.events.map((e) => e.id)).toContain('49535759');
    expect(seen.match.score).toEqual({ home: 0, away: 1 });

    step('20260616', recorded, { status, home: 0, away: 0, keyEvents: 1 });
    const overturned = await poll('20260616', '760433');
    expect(overturned.events.map((e) => e.id)).not.toContain('49535759');
    expect(overturned.match.score).toEqual({ home: 0, away: 0 });
  });

  it('SUI–BIH: the red card arrives with its own id and the score stays as the key events have it', async () => {
    const recorded = SAMPLES.redCardPenalty();
    const red = keyEventIndex(recorded, '49547692');
    step('20260618', recorded, { status: espnStatus('STATUS_SECOND_HALF', { period: 2, displayClock: "81'" }), home: 1, away: 0, keyEvents: red + 1 });
    const snapshot = await poll('20260618', '760439');
    expect(snapshot.events.at(-1)).toMatchObject({ id: '49547692', kind: 'card', card: 'red', teamId: '452', score: { home: 1, away: 0 } });
    expect(snapshot.match.knockout).toBe(false);
  });
});
