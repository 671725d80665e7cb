/**
 * The real twilio-node SDK against the fake Twilio: routing through TWILIO_API_URL, errors as the SDK
 * surfaces them, Messages paging, and the Lookup line-type check (SPEC S2).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createLogger, type Logger } from '../../src/log.js';
import { lookupPhone } from '../../src/sms/phone.js';
import { createTwilioClient, describeTwilioError, type Twilio } from '../../src/sms/twilio-client.js';
import { startFakeTwilio, type FakeTwilio } from '../fakes/twilio.js';

const UK_MOBILE = '+447400123456';

let fake: FakeTwilio;
let client: Twilio;
let lines: string[];
let logger: Logger;

beforeAll(async () => {
  fake = await startFakeTwilio();
  client = createTwilioClient(fake.config(), { timeoutMs: 400 });
});

afterAll(async () => {
  await fake.close();
});

beforeEach(() => {
  lines = [];
  logger = createLogger('debug', { write: (line: string) => lines.push(line) });
});

async function thrown(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

describe('createTwilioClient', () => {
  it('sends Messaging, Lookup and Verify to TWILIO_API_URL with their real paths', async () => {
    const before = fake.requests.length;
    await client.messages.create({ messagingServiceSid: fake.messagingServiceSid, to: UK_MOBILE, body: 'hi' });
    await client.lookups.v2.phoneNumbers(UK_MOBILE).fetch({ fields: 'line_type_intelligence' });
    await client.verify.v2.services(fake.verifyServiceSid).verifications.create({ to: UK_MOBILE, channel: 'sms' });
    const seen = fake.requests.slice(before).map((r) => [r.method, r.pathname, r.host]);
    expect(seen).toEqual([
      ['POST', `/2010-04-01/Accounts/${fake.accountSid}/Messages.json`, 'api.twilio.com'],
      ['GET', `/v2/PhoneNumbers/${UK_MOBILE}`, 'lookups.twilio.com'],
      ['POST', `/v2/Services/${fake.verifyServiceSid}/Verifications`, 'verify.twilio.com'],
    ]);
  });

  it('answers a create the way Twilio does: accepted, no segments yet, ValidityPeriod recorded', async () => {
    const message = await client.messages.create({ messagingServiceSid: fake.messagingServiceSid, to: UK_MOBILE, body: 'Goal!', validityPeriod: 600 });
    expect(message.sid).toMatch(/^SM[0-9a-f]{32}$/);
    expect(message).toMatchObject({ status: 'accepted', numSegments: '0', errorCode: null, to: UK_MOBILE, body: 'Goal!' });
    expect(fake.messages.at(-1)).toMatchObject({ sid: message.sid, messagingServiceSid: fake.messagingServiceSid, validityPeriod: 600 });
    const fetched = await client.messages(message.sid).fetch();
    expect(fetched.dateCreated).toBeInstanceOf(Date);
  });

  it('reports a wrong auth token as 401/20003 without the token in the description', async () => {
    const wrong = createTwilioClient(fake.config({ authToken: 'not-the-token-0123' }), { timeoutMs: 400 });
    const info = describeTwilioError(await thrown(wrong.messages.create({ messagingServiceSid: fake.messagingServiceSid, to: UK_MOBILE, body: 'x' })));
    expect(info).toMatchObject({ status: 401, code: 20003, network: false });
    expect(JSON.stringify(info)).not.toContain('not-the-token-0123');
  });

  it('reports a timeout as a network error, after the fake recorded the message (an ambiguous send)', async () => {
    fake.hang('/2010-04-01/', 1, { thenRecord: true });
    const count = fake.messages.length;
    const info = describeTwilioError(await thrown(client.messages.create({ messagingServiceSid: fake.messagingServiceSid, to: UK_MOBILE, body: 'maybe' })));
    expect(info.network).toBe(true);
    expect(info.status).toBeUndefined();
    expect(JSON.stringify(info)).not.toContain(fake.authToken);
    expect(fake.messages.length).toBe(count + 1);
  });

  it('surfaces scripted faults with Twilio status and code, and a proxy page without a code', async () => {
    fake.rateLimit('/2010-04-01/');
    expect(describeTwilioError(await thrown(client.messages.list({ limit: 1 })))).toMatchObject({ status: 429, code: 20429 });
    fake.fail('/2010-04-01/', { status: 502, body: '<html>Bad gateway</html>' });
    const proxy = describeTwilioError(await thrown(client.messages.list({ limit: 1 })));
    expect(proxy).toMatchObject({ status: 502, network: false });
    expect(proxy.code).toBeUndefined();
    fake.optOut('+447400999888');
    const stopped = describeTwilioError(await thrown(client.messages.create({ messagingServiceSid: fake.messagingServiceSid, to: '+447400999888', body: 'x' })));
    expect(stopped).toMatchObject({ status: 400, code: 21610 });
    expect(stopped.message).not.toContain('7400999888');
  });

  it('lists messages newest first across pages, filtered by To and DateSent>', async () => {
    const to = '+447400555000';
    const t0 = Date.parse('2026-06-11T18:00:00Z');
    let clock = t0;
    fake.now = () => clock;
    try {
      for (let i = 0; i < 5; i += 1) {
        clock = t0 + i * 60_000;
        await client.messages.create({ messagingServiceSid: fake.messagingServiceSid, to, body: `m${i}` });
      }
      const all = await client.messages.list({ to, pageSize: 2 });
      expect(all.map((m) => m.body)).toEqual(['m4', 'm3', 'm2', 'm1', 'm0']);
      const pagesFetched = fake.requests.filter((r) => r.method === 'GET' && r.query.To === to).length;
      expect(pagesFetched).toBe(3);
      const recent = await client.messages.list({ to, dateSentAfter: new Date(t0 + 2 * 60_000), limit: 20 });
      expect(recent.map((m) => m.body)).toEqual(['m4', 'm3', 'm2']);
    } finally {
      fake.now = Date.now;
    }
  });
});

describe('describeTwilioError', () => {
  it('masks the number Twilio quotes in a message', () => {
    const error = Object.assign(new Error('To number: +15005550009, is not a mobile number'), { status: 400, code: 21614 });
    const info = describeTwilioError(error);
    expect(info).toMatchObject({ status: 400, code: 21614, network: false });
    expect(info.message).toContain('009');
    expect(info.message).not.toContain('5005550009');
  });
});

describe('lookupPhone', () => {
  it('accepts a mobile', async () => {
    fake.setLookup(UK_MOBILE, { type: 'mobile' });
    expect(await lookupPhone(client, UK_MOBILE, logger)).toEqual({ ok: true, e164: UK_MOBILE });
    expect(fake.lookups.at(-1)).toMatchObject({ phoneNumber: UK_MOBILE, fields: 'line_type_intelligence' });
  });

  it.each([
    ['landline', 'landline'],
    ['nonFixedVoip', 'voip'],
    ['fixedVoip', 'not-mobile'],
    ['tollFree', 'not-mobile'],
    ['premium', 'not-mobile'],
  ] as const)('refuses a %s line (%s)', async (type, reason) => {
    const number = '+447400100200';
    fake.setLookup(number, { type });
    expect(await lookupPhone(client, number, logger)).toEqual({ ok: false, reason });
  });

  it('refuses a number Twilio calls invalid, though the answer is HTTP 200', async () => {
    const number = '+447400100300';
    fake.setLookup(number, { valid: false, validationErrors: ['INVALID_BUT_POSSIBLE'] });
    expect(await lookupPhone(client, number, logger)).toEqual({ ok: false, reason: 'invalid' });
    expect(fake.requests.at(-1)?.status).toBe(200);
  });

  it('accepts a number whose line type Twilio may not tell (60601, Canada) and logs it masked', async () => {
    const canadian = '+16135550123';
    fake.setLookup(canadian, { errorCode: 60601 });
    expect(await lookupPhone(client, canadian, logger)).toEqual({ ok: true, e164: canadian });
    fake.fail('/v2/PhoneNumbers/', { status: 403, code: 60601, message: 'Line type intelligence is not approved for this country' });
    expect(await lookupPhone(client, canadian, logger)).toEqual({ ok: true, e164: canadian });
    const output = lines.join('');
    expect(output).toContain('+1 ••••••• 123');
    expect(output).not.toContain('6135550123');
  });

  it('accepts a number whose line type is unknown', async () => {
    const number = '+447400100400';
    fake.setLookup(number, { type: 'unknown' });
    expect(await lookupPhone(client, number, logger)).toEqual({ ok: true, e164: number });
  });

  it('says unavailable on a timeout, a 5xx or a 429, never blaming the number', async () => {
    fake.hang('/v2/PhoneNumbers/');
    expect(await lookupPhone(client, UK_MOBILE, logger)).toEqual({ ok: false, reason: 'unavailable' });
    fake.fail('/v2/PhoneNumbers/', { status: 503, code: 20503, message: 'Service unavailable' });
    expect(await lookupPhone(client, UK_MOBILE, logger)).toEqual({ ok: false, reason: 'unavailable' });
    fake.rateLimit('/v2/PhoneNumbers/');
    expect(await lookupPhone(client, UK_MOBILE, logger)).toEqual({ ok: false, reason: 'unavailable' });
    expect(lines.join('')).not.toContain('7400123456');
  });
});
