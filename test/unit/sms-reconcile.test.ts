/**
 * Reading Twilio's message list back after an unknown outcome: only our own outbound message with the
 * same text, from our Messaging Service, created since the attempt (with a wide margin), and not one we
 * already accounted for, counts as "sent". Anything else means "not there: send again".
 */
import { describe, expect, it } from 'vitest';
import { findAttempt, type ListedMessage } from '../../src/sms/reconcile.js';

const SERVICE = 'MG00000000000000000000000000000001';
const at = Date.parse('2026-07-19T19:23:00Z');
const row = (sid: string, extra: Partial<ListedMessage> = {}): ListedMessage => ({
  sid, body: 'GOAL Brazil 1-0', direction: 'outbound-api', messagingServiceSid: SERVICE, dateCreated: new Date(at + 200), ...extra,
});
const attempt = { body: 'GOAL Brazil 1-0', attemptedAt: at };

describe('findAttempt', () => {
  it('finds our message by text, also one still queued at Twilio (no date yet)', () => {
    expect(findAttempt([row('SM1')], attempt, SERVICE, new Map())?.sid).toBe('SM1');
    expect(findAttempt([row('SM2', { dateCreated: null })], attempt, SERVICE, new Map())?.sid).toBe('SM2');
  });

  it('does not take another text, a reply, another service\'s message or one already accounted for', () => {
    const rows = [
      row('SM3', { body: 'GOAL Brazil 2-0' }),
      row('SM4', { direction: 'inbound' }),
      row('SM5', { messagingServiceSid: 'MG00000000000000000000000000000099' }),
      row('SM6'),
    ];
    expect(findAttempt(rows, attempt, SERVICE, new Map([['SM6', at]]))).toBeUndefined();
  });

  it('tolerates a skewed clock by minutes, but not an SMS with the same text from long before', () => {
    expect(findAttempt([row('SM7', { dateCreated: new Date(at - 5 * 60_000) })], attempt, SERVICE, new Map())?.sid).toBe('SM7');
    expect(findAttempt([row('SM8', { dateCreated: new Date(at - 60 * 60_000) })], attempt, SERVICE, new Map())).toBeUndefined();
  });
});
