/**
 * SubscriberRepo on SQLite, PostgreSQL and Redis: status changes are compare-and-set inside the per-key update
 * (audit finding 14), and "resume" never revives a failed number (finding 12).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../src/store/store.js';
import { SubscriberRepo } from '../../src/store/subscribers.js';
import { backends } from '../fixtures/store-urls.js';

describe.each(backends())('SubscriberRepo on $name', (backend) => {
  let remove: () => Promise<void>;
  let store: Store;
  let subscribers: SubscriberRepo;

  beforeEach(async () => {
    let url: string;
    ({ url, remove } = await backend.fresh());
    store = await openStore(url);
    subscribers = new SubscriberRepo(store);
  });

  afterEach(async () => {
    await store.close();
    await remove();
  });

  it('does not mark a new number opted out when the STOP answer was for the old one, even when both race', async () => {
    await subscribers.activate('U1', '+447400000001', 'goals');
    // The outbox's STOP (21610) for the old number and the member confirming a new number, at once.
    await Promise.all([
      subscribers.activate('U1', '+447400000002', 'goals'),
      subscribers.update('U1', { status: 'opted-out' }, { phone: '+447400000001' }),
    ]);
    const fresh = new SubscriberRepo(store);
    expect(await fresh.get('U1')).toMatchObject({ phone: '+447400000002', status: 'active' });
  });

  it('resumes an opted-out number but never a failed one', async () => {
    await subscribers.activate('U1', '+447400000001', 'goals');
    await subscribers.update('U1', { status: 'opted-out' });
    await subscribers.update('U1', { status: 'active' }, { status: 'opted-out' });
    expect(await subscribers.get('U1')).toMatchObject({ status: 'active' });

    await subscribers.update('U1', { status: 'failed', failure: '21408 destination country not enabled (Geo Permissions)' });
    await subscribers.update('U1', { status: 'active', failure: undefined }, { status: 'opted-out' });
    expect(await new SubscriberRepo(store).get('U1')).toMatchObject({ status: 'failed' });
  });
});
