import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CompetitionRepo } from '../../src/store/competitions.js';
import { openStore, type Store } from '../../src/store/store.js';
import { backends } from '../fixtures/store-urls.js';

const WORLD_CUP = { provider: 'fifa', id: '17', season: null } as const;
const PREMIER_LEAGUE = { provider: 'espn', id: 'eng.1', season: null } as const;
const EURO = { provider: 'espn', id: 'uefa.euro', season: null } as const;

describe.each(backends())('CompetitionRepo on $name', (backend) => {
  let remove: () => Promise<void>;
  let store: Store;

  beforeEach(async () => {
    let url: string;
    ({ url, remove } = await backend.fresh());
    store = await openStore(url);
  });

  afterEach(async () => {
    await store.close();
    await remove();
  });

  it('follows COMPETITIONS until an admin changes the list: tournaments every match, leagues followed teams only', async () => {
    const repo = new CompetitionRepo(store, [WORLD_CUP, PREMIER_LEAGUE, EURO]);
    const list = await repo.list();
    expect(list.map((c) => [c.id, c.scope])).toEqual([
      ['17', 'every-match'],
      ['eng.1', 'followed-teams'],
      ['uefa.euro', 'every-match'],
    ]);
    expect(list.every((c) => c.channel === null && !c.substitutions && c.goalsInChannel)).toBe(true);
  });

  it("keeps the admin's choice across restarts, and a removed default stays removed", async () => {
    const repo = new CompetitionRepo(store, [WORLD_CUP, PREMIER_LEAGUE]);
    await repo.remove(WORLD_CUP);
    await repo.patch(PREMIER_LEAGUE, { channel: 'C0LEAGUE', substitutions: true });
    const again = new CompetitionRepo(store, [WORLD_CUP, PREMIER_LEAGUE]);
    expect(await again.list()).toEqual([expect.objectContaining({ id: 'eng.1', channel: 'C0LEAGUE', substitutions: true })]);
  });

  it('saving a followed competition again changes it in place instead of adding a second', async () => {
    const repo = new CompetitionRepo(store, [PREMIER_LEAGUE]);
    const [league] = await repo.list();
    await repo.save({ ...league!, name: 'English Premier League', scope: 'every-match' });
    expect(await repo.list()).toEqual([expect.objectContaining({ name: 'English Premier League', scope: 'every-match' })]);
  });
});
