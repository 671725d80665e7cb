/**
 * Records written before providers existed (bare FIFA keys `17/285023/400021476`, bare team ids, FIFA type
 * numbers in the tracker state) are moved to `fifa:` keys on start, in a real SQLite file: a posted reply
 * is still edited in place, nothing is posted again, and queued SMS alerts still find their followers.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import type { MatchAlert } from '../../src/alerts/types.js';
import { fifaToNeutral } from '../../src/football/fifa-neutral.js';
import { trackMatch, type MatchState } from '../../src/football/tracker.js';
import type { CalendarMatch, TimelineEvent } from '../../src/football/types.js';
import { migrateMatchKeys } from '../../src/store/match-keys.js';
import { MatchRepo } from '../../src/store/matches.js';
import { openStore } from '../../src/store/store.js';
import { emptyThread, ThreadRepo } from '../../src/store/threads.js';
import { openRawSqlite } from '../fixtures/sqlite-file.js';

const OLD = '17/285023/400021476';
const NEW = `fifa:${OLD}`;
const logger = pino({ level: 'silent' });
let dir: string;

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const ARG = { id: '43922', name: 'Argentina', abbreviation: 'ARG', countryCode: 'ARG' };
const FRA = { id: '43946', name: 'France', abbreviation: 'FRA', countryCode: 'FRA' };
const oldMatch: CalendarMatch = {
  key: { competitionId: '17', seasonId: '285023', stageId: '289273', matchId: '400021476' },
  kickoff: '2026-07-19T19:00:00Z',
  status: 'live',
  home: ARG,
  away: FRA,
  placeholderHome: null,
  placeholderAway: null,
  competitionName: 'FIFA World Cup 2026™',
  stageName: 'Final',
  groupName: null,
  score: { home: 1, away: 0 },
  penalties: null,
  matchTime: "24'",
  winnerTeamId: null,
};
const fifaEvent = (id: string, type: number, extra: Partial<TimelineEvent> = {}): TimelineEvent => ({
  id, type, period: 3, minute: "1'", timestamp: '2026-07-19T19:01:00Z', teamId: null, playerId: null, subPlayerId: null,
  playerName: null, subPlayerName: null, homeGoals: 0, awayGoals: 0, homePenaltyGoals: 0, awayPenaltyGoals: 0, description: null, ...extra,
});
const kickOff = fifaEvent('e0', 7);
const foul = fifaEvent('e1', 14, { timestamp: '2026-07-19T19:10:00Z' });
const goal = fifaEvent('e2', 41, { timestamp: '2026-07-19T19:23:00Z', minute: "23'", teamId: ARG.id, playerId: '229397', playerName: 'MESSI', homeGoals: 1 });

/** The tracker state and alerts exactly as the FIFA-only code wrote them: bare keys, bare team ids, type numbers. */
function oldShape(): { state: MatchState; alerts: MatchAlert[] } {
  const result = trackMatch(undefined, fifaToNeutral({ match: oldMatch, events: [kickOff] }), { includeSubstitutions: false });
  const next = trackMatch(result.state, fifaToNeutral({ match: oldMatch, events: [kickOff, foul, goal] }), { includeSubstitutions: false });
  const text = JSON.stringify({ state: next.state, alerts: [...result.alerts, ...next.alerts] })
    .split(`"${NEW}`).join(`"${OLD}`)
    .split('"fifa:43922"').join('"43922"')
    .split('"fifa:43946"').join('"43946"')
    .replace('"t":"14"', '"t":14');
  return JSON.parse(text) as { state: MatchState; alerts: MatchAlert[] };
}

describe('match key migration', () => {
  it('moves a followed match, its thread and its queued SMS alerts to fifa: keys, and the match goes on where it was', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'fanfare-migrate-'));
    const file = path.join(dir, 'store.sqlite');
    const { state, alerts } = oldShape();
    expect(alerts.map((a) => a.id)).toEqual([`${OLD}/e0`, `${OLD}/e2`]);

    const before = await openStore(`sqlite://${file}`);
    await before.area('match').set(OLD, { match: oldMatch, tracker: state, summary: state.summary });
    await before.area('match-index').set('active', [OLD]);
    const replies = { [`${OLD}/e0`]: { ts: '1.2', revision: 0 }, [`${OLD}/e2`]: { ts: '1.3', revision: 0 } };
    await before.area('thread').set(OLD, { ...emptyThread('C1'), parentTs: '1.1', replies });
    await before.area('fanout').set('match-alerts', alerts);
    await before.close();

    const store = await openStore(`sqlite://${file}`);
    expect(await migrateMatchKeys(store, logger)).toBe(1);
    expect(await migrateMatchKeys(store, logger)).toBe(0);

    const matches = new MatchRepo(store);
    expect(await matches.activeKeys()).toEqual([NEW]);
    const record = await matches.get(NEW);
    expect(record?.match.key).toEqual({ provider: 'fifa', competition: '17', season: '285023', match: '400021476' });
    expect(record?.match.stageId).toBe('289273');
    const thread = await new ThreadRepo(store).get(NEW);
    expect(thread?.replies).toEqual({ [`${NEW}/e0`]: { ts: '1.2', revision: 0 }, [`${NEW}/e2`]: { ts: '1.3', revision: 0 } });
    const queued = await store.area<MatchAlert[]>('fanout').get('match-alerts');
    expect(queued?.map((a) => [a.id, a.matchKey, a.match.home.id, a.match.away.id])).toEqual([
      [`${NEW}/e0`, NEW, 'fifa:43922', 'fifa:43946'],
      [`${NEW}/e2`, NEW, 'fifa:43922', 'fifa:43946'],
    ]);

    // The same timeline again: nothing new (the noise event's type number is its code).
    const same = trackMatch(record?.tracker, fifaToNeutral({ match: oldMatch, events: [kickOff, foul, goal] }), { includeSubstitutions: false });
    expect(same.alerts).toEqual([]);
    // The scorer renamed: an edit of the reply already posted, under the id the thread knows.
    const renamed = trackMatch(record?.tracker, fifaToNeutral({ match: oldMatch, events: [kickOff, foul, { ...goal, playerName: 'Lionel MESSI' }] }), {
      includeSubstitutions: false,
    });
    expect(renamed.alerts.map((a) => [a.id, a.revision])).toEqual([[`${NEW}/e2`, 1]]);
    expect(thread?.replies[renamed.alerts[0]?.id ?? '']).toBeDefined();
    await store.close();

    const raw = await openRawSqlite(file);
    const keys = (await raw.all<{ key: string }>('SELECT key FROM keyv ORDER BY key')).map((row) => row.key);
    await raw.close();
    expect(keys).toEqual(['fanfare:fanout:match-alerts', 'fanfare:match-index:active', `fanfare:match:${NEW}`, `fanfare:thread:${NEW}`]);
  });
});
