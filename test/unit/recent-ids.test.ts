import { describe, expect, it } from 'vitest';
import { RecentIds } from '../../src/slack/recent-ids.js';

describe('RecentIds', () => {
  it('says an id is new once, and forgets the oldest past its size', () => {
    const ids = new RecentIds(2);
    expect(ids.firstSeen('Ev1')).toBe(true);
    expect(ids.firstSeen('Ev1')).toBe(false);
    expect(ids.firstSeen('Ev2')).toBe(true);
    expect(ids.firstSeen('Ev3')).toBe(true);
    // Ev1 was the oldest: forgotten, so new again; Ev3 is still remembered.
    expect(ids.firstSeen('Ev1')).toBe(true);
    expect(ids.firstSeen('Ev3')).toBe(false);
  });
});
