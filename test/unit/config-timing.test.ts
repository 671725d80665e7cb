import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';

describe('CLOCK_ROUND_SECONDS', () => {
  const read = (value?: string) => loadConfig(value === undefined ? {} : { CLOCK_ROUND_SECONDS: value });

  it('is a minute unless set, and takes any divisor of 60', () => {
    expect(read()).toMatchObject({ ok: true, config: { clockRoundSeconds: 60 } });
    expect(read('5')).toMatchObject({ ok: true, config: { clockRoundSeconds: 5 } });
    expect(read('60')).toMatchObject({ ok: true, config: { clockRoundSeconds: 60 } });
  });

  it('says in one line when it does not divide a minute', () => {
    expect(read('7')).toEqual({ ok: false, errors: ['CLOCK_ROUND_SECONDS: must divide 60 (1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30 or 60), got 7'] });
    expect(read('120')).toMatchObject({ ok: false, errors: [expect.stringMatching(/^CLOCK_ROUND_SECONDS: must divide 60/)] });
    expect(read('0')).toEqual({ ok: false, errors: ['CLOCK_ROUND_SECONDS: must be at least 1, got 0'] });
    expect(read('2.5')).toEqual({ ok: false, errors: ['CLOCK_ROUND_SECONDS: must be a whole number, got "2.5"'] });
  });
});

describe('LEASE_SECONDS', () => {
  const read = (value?: string) => loadConfig(value === undefined ? {} : { LEASE_SECONDS: value });

  it('is 15 s unless set', () => {
    expect(read()).toMatchObject({ ok: true, config: { leaseSeconds: 15 } });
    expect(read('6')).toMatchObject({ ok: true, config: { leaseSeconds: 6 } });
  });

  it('says in one line when it is too short to renew in time', () => {
    expect(read('2')).toEqual({ ok: false, errors: ['LEASE_SECONDS: must be at least 3, got 2'] });
  });
});

describe('SLACK_POST_INTERVAL_MS', () => {
  const read = (value?: string) => loadConfig(value === undefined ? {} : { SLACK_POST_INTERVAL_MS: value });

  it("is Slack's pace of one post a second unless set", () => {
    expect(read()).toMatchObject({ ok: true, config: { slackPostIntervalMs: 1000 } });
    expect(read('100')).toMatchObject({ ok: true, config: { slackPostIntervalMs: 100 } });
  });

  it('says in one line when it is not a whole number of milliseconds, or leaves no gap', () => {
    expect(read('0')).toEqual({ ok: false, errors: ['SLACK_POST_INTERVAL_MS: must be at least 10, got 0'] });
    expect(read('0.5')).toEqual({ ok: false, errors: ['SLACK_POST_INTERVAL_MS: must be a whole number, got "0.5"'] });
  });
});
