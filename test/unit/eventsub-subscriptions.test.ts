/** The subscription diff (SPEC T6): exactly one stream.online and one stream.offline per followed streamer. */
import { describe, expect, it } from 'vitest';
import type { Subscription } from '../../src/twitch/eventsub/messages.js';
import { planSubscriptions } from '../../src/twitch/eventsub/subscriptions.js';

const CONDUIT = 'c-1';
let seq = 0;
function sub(type: string, broadcaster: string, over: Partial<Subscription> = {}): Subscription {
  seq += 1;
  return { id: `s${seq}`, type, version: '1', status: 'enabled', cost: 1, condition: { broadcaster_user_id: broadcaster }, transport: { method: 'conduit', conduit_id: CONDUIT }, ...over };
}

describe('planSubscriptions', () => {
  it('creates both types for a newly followed streamer', () => {
    expect(planSubscriptions(['1'], [], CONDUIT)).toEqual({
      create: [
        { type: 'stream.online', broadcasterId: '1' },
        { type: 'stream.offline', broadcasterId: '1' },
      ],
      remove: [],
    });
  });

  it('keeps what exists, creates only the missing half', () => {
    const online = sub('stream.online', '1');
    expect(planSubscriptions(['1'], [online], CONDUIT)).toEqual({ create: [{ type: 'stream.offline', broadcasterId: '1' }], remove: [] });
  });

  it('deletes subscriptions of streamers nobody follows, duplicates, and those on another conduit', () => {
    const a = sub('stream.online', '1');
    const dup = sub('stream.online', '1');
    const b = sub('stream.offline', '1');
    const unfollowed = sub('stream.online', '2');
    const elsewhere = sub('stream.offline', '3', { transport: { method: 'conduit', conduit_id: 'old' } });
    const plan = planSubscriptions(['1', '3'], [a, dup, b, unfollowed, elsewhere], CONDUIT);
    expect(plan.remove.sort()).toEqual([dup.id, unfollowed.id, elsewhere.id].sort());
    expect(plan.create).toEqual([
      { type: 'stream.online', broadcasterId: '3' },
      { type: 'stream.offline', broadcasterId: '3' },
    ]);
  });

  it('replaces a revoked subscription (authorization_revoked) but not one whose user is gone', () => {
    const revoked = sub('stream.online', '1', { status: 'authorization_revoked' });
    const offline = sub('stream.offline', '1');
    const removed = sub('stream.online', '2', { status: 'user_removed' });
    const plan = planSubscriptions(['1', '2'], [revoked, offline, removed], CONDUIT);
    expect(plan.remove.sort()).toEqual([revoked.id, removed.id].sort());
    expect(plan.create).toEqual([{ type: 'stream.online', broadcasterId: '1' }]);
  });

  it('ignores other subscription types and skips broadcasters known to be gone', () => {
    const other = sub('channel.update', '1');
    expect(planSubscriptions(['1'], [other], CONDUIT, new Set(['1']))).toEqual({ create: [], remove: [] });
  });
});
