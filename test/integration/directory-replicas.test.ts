/**
 * The App Home on a replica that does not lead: only the leader's loop reports matches, so its directory
 * shares them through the store (PostgreSQL, Redis) and every replica's directory shows them. Two
 * directories on two connections to one real store.
 */
import type { KeyvStoreAdapter } from 'keyv';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FootballDirectory } from '../../src/football/directory.js';
import type { NeutralMatch, NeutralTeam, Provider } from '../../src/football/model.js';
import type { CompetitionRef, FootballProvider } from '../../src/football/provider.js';
import { CompetitionRepo } from '../../src/store/competitions.js';
import { openStore, type Store } from '../../src/store/store.js';
import { serverBackends } from '../fixtures/store-urls.js';

const PREMIER_LEAGUE: CompetitionRef = { provider: 'espn', id: 'eng.1', season: null };
const WORLD_CUP: CompetitionRef = { provider: 'fifa', id: '17', season: null };
const team = (id: string, name: string): NeutralTeam => ({ id, name, abbreviation: name.slice(0, 3).toUpperCase(), countryCode: null, logo: null });
const arsenal = team('359', 'Arsenal');
const chelsea = team('363', 'Chelsea');
const wolves = team('380', 'Wolverhampton Wanderers');

const clock = Date.parse('2026-12-04T12:00:00Z');
const hours = (h: number) => new Date(clock + h * 3600_000).toISOString().replace(/\.\d+Z$/, 'Z');

function match(id: string, home: NeutralTeam, away: NeutralTeam, kickoff: string, over: Partial<NeutralMatch> = {}): NeutralMatch {
  return {
    key: { provider: 'espn', competition: 'eng.1', season: '2026', match: id },
    stageId: null,
    kickoff,
    status: 'scheduled',
    home,
    away,
    placeholderHome: null,
    placeholderAway: null,
    competitionName: 'English Premier League',
    stageName: '',
    groupName: null,
    score: null,
    penalties: null,
    clock: null,
    phase: null,
    extraTime: null,
    knockout: null,
    winnerTeamId: null,
    ...over,
  };
}

/** Team lists fail (as at a provider outage): what a replica knows of matches comes from the reports. */
class FakeProvider implements FootballProvider {
  constructor(readonly provider: Provider) {}
  async matches(): Promise<NeutralMatch[] | null> {
    throw new Error('only the loop asks for matches');
  }
  async snapshot(): Promise<null> {
    return null;
  }
  async teams(): Promise<NeutralTeam[] | null> {
    return null;
  }
}

describe.each(serverBackends())('directory on replicas of $name', (backend) => {
  let remove: () => Promise<void>;
  let stores: Store[];
  let writes: string[];
  let leader: FootballDirectory;
  let follower: FootballDirectory;

  beforeEach(async () => {
    let url: string;
    ({ url, remove } = await backend.fresh());
    writes = [];
    const counting = (adapter: KeyvStoreAdapter): KeyvStoreAdapter =>
      new Proxy(adapter, {
        get(target, property) {
          const value: unknown = Reflect.get(target, property);
          if (property === 'set') return (key: string, data: unknown, ttl?: number) => (writes.push(key), target.set(key, data, ttl));
          return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
        },
      });
    stores = [await openStore(url, { wrapAdapter: counting }), await openStore(url)];
    const directory = (store: Store) =>
      new FootballDirectory({
        providers: [new FakeProvider('espn'), new FakeProvider('fifa')],
        competitions: new CompetitionRepo(store, [PREMIER_LEAGUE, WORLD_CUP]),
        logger: pino({ level: 'silent' }),
        store,
        now: () => clock,
      });
    [leader, follower] = [directory(stores[0]!), directory(stores[1]!)];
  });

  afterEach(async () => {
    for (const store of stores) await store.close();
    await remove();
  });

  it("shows the leader's matches, live and next, its teams and its failing provider on a replica that never polled", async () => {
    const matches = [
      match('1', arsenal, chelsea, hours(-1), { status: 'live', score: { home: 1, away: 0 }, clock: "58'" }),
      match('2', wolves, arsenal, hours(26)),
    ];
    leader.report(PREMIER_LEAGUE, matches);
    leader.report(WORLD_CUP, null);
    await new Promise((resolve) => setTimeout(resolve, 100));

    const snapshot = await follower.snapshot();
    const [pl, wc] = snapshot.statuses();
    expect(pl).toMatchObject({ name: 'Premier League', checked: true, failingSince: null });
    expect(pl!.live.map((m) => [m.key.match, m.score])).toEqual([['1', { home: 1, away: 0 }]]);
    expect(pl!.next?.key.match).toBe('2');
    expect(wc).toMatchObject({ checked: true, failingSince: clock });
    // The App Home's "your next matches" and team search work there too.
    expect(snapshot.nextMatches(['espn:359']).map((m) => m.match.key.match)).toEqual(['1', '2']);
    expect(snapshot.find('arsenal')).toMatchObject({ team: { id: 'espn:359' } });
  });

  it('follows the score as the leader reports it, writing only what changed', async () => {
    const live = (home: number) => [match('1', arsenal, chelsea, hours(-1), { status: 'live', score: { home, away: 0 } })];
    leader.report(PREMIER_LEAGUE, live(0));
    leader.report(PREMIER_LEAGUE, live(0));
    leader.report(PREMIER_LEAGUE, live(0));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(writes.filter((key) => key.includes('directory:'))).toHaveLength(1);
    expect((await follower.snapshot()).statuses()[0]!.live[0]?.score).toEqual({ home: 0, away: 0 });

    leader.report(PREMIER_LEAGUE, live(2));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await follower.snapshot()).statuses()[0]!.live[0]?.score).toEqual({ home: 2, away: 0 });
    expect(writes.filter((key) => key.includes('directory:'))).toHaveLength(2);
  });
});
