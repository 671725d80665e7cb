/**
 * Proving a member owns a number (SPEC S2, X1, X2), end to end: the verifier, the real twilio-node SDK,
 * the fake Twilio and a real store, in both modes (Fanfare's own code, Twilio Verify).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Locale } from '../../src/alerts/i18n/locales.js';
import { createLogger } from '../../src/log.js';
import { openStore, type Store } from '../../src/store/store.js';
import { createTwilioClient } from '../../src/sms/twilio-client.js';
import { createVerifier, type Verifier } from '../../src/sms/verify.js';
import { startFakeTwilio, type FakeTwilio } from '../fakes/twilio.js';

const ALICE = 'U0ALICE';
const PHONE = '+447400123456';
const OTHER_PHONE = '+447400654321';
const THIRD_PHONE = '+447400111222';
const MINUTE = 60_000;

let fake: FakeTwilio;
let store: Store;
let clock: number;
let lines: string[];

beforeEach(async () => {
  // A fresh Twilio per test: Verify remembers sends and codes per number for ten minutes.
  fake = await startFakeTwilio();
  store = await openStore('sqlite://:memory:');
  clock = Date.parse('2026-06-11T18:00:00Z');
  fake.now = () => clock;
  lines = [];
});

afterEach(async () => {
  await fake.close();
  await store.close();
});

function verifier(mode: 'own' | 'verify'): Verifier {
  const config = fake.config(mode === 'verify' ? { verifyServiceSid: fake.verifyServiceSid } : {});
  return createVerifier({
    client: createTwilioClient(config, { timeoutMs: 400 }),
    config,
    store,
    logger: createLogger('debug', { write: (line: string) => lines.push(line) }),
    codeText: (code: string, locale: Locale) => `[${locale}] Your Fanfare code is ${code}`,
    now: () => clock,
  });
}

/** The code in the last SMS Fanfare sent to this number itself. */
function ownCode(to: string): string {
  const body = fake.messages.filter((m) => m.to === to).at(-1)?.body ?? '';
  const code = /code is (\d+)/.exec(body)?.[1];
  if (!code) throw new Error(`no code SMS to ${to}`);
  return code;
}

function verifyCode(to: string): string {
  const code = fake.lastCode(to);
  if (!code) throw new Error(`no Verify code for ${to}`);
  return code;
}

/** A six-digit code that is not the right one. */
function wrong(code: string): string {
  return code === '000000' ? '111111' : '000000';
}

const modes = [
  { mode: 'own' as const, codeOf: ownCode },
  { mode: 'verify' as const, codeOf: verifyCode },
];

describe.each(modes)('verifier ($mode mode)', ({ mode, codeOf }) => {
  it('confirms the right code once', async () => {
    const v = verifier(mode);
    expect(await v.start(ALICE, PHONE, 'en-GB')).toEqual({ ok: true, via: mode });
    const code = codeOf(PHONE);
    expect(await v.check(ALICE, PHONE, ` ${code.slice(0, 3)} ${code.slice(3)} `)).toEqual({ ok: true });
    expect(await v.check(ALICE, PHONE, code)).toEqual({ ok: false, reason: 'expired' });
  });

  it('counts wrong codes down, then refuses even the right one after five', async () => {
    const v = verifier(mode);
    await v.start(ALICE, PHONE, 'en-GB');
    const code = codeOf(PHONE);
    const answers = [];
    for (let i = 0; i < 5; i += 1) answers.push(await v.check(ALICE, PHONE, wrong(code)));
    expect(answers).toEqual([
      { ok: false, reason: 'wrong', attemptsLeft: 4 },
      { ok: false, reason: 'wrong', attemptsLeft: 3 },
      { ok: false, reason: 'wrong', attemptsLeft: 2 },
      { ok: false, reason: 'wrong', attemptsLeft: 1 },
      { ok: false, reason: 'too-many-attempts' },
    ]);
    expect(await v.check(ALICE, PHONE, code)).toEqual({ ok: false, reason: 'too-many-attempts' });
  });

  it('lets a code expire after ten minutes', async () => {
    const v = verifier(mode);
    await v.start(ALICE, PHONE, 'en-GB');
    const code = codeOf(PHONE);
    clock += 10 * MINUTE + 1;
    expect(await v.check(ALICE, PHONE, code)).toEqual({ ok: false, reason: 'expired' });
  });

  it('treats a check for another number as expired, and keeps the real one checkable', async () => {
    const v = verifier(mode);
    await v.start(ALICE, PHONE, 'en-GB');
    const code = codeOf(PHONE);
    expect(await v.check(ALICE, OTHER_PHONE, code)).toEqual({ ok: false, reason: 'expired' });
    expect(await v.check(ALICE, PHONE, code)).toEqual({ ok: true });
  });

  it('keeps one member from confirming with a code sent to another', async () => {
    const v = verifier(mode);
    await v.start(ALICE, PHONE, 'en-GB');
    expect(await v.check('U0MALLORY', PHONE, codeOf(PHONE))).toEqual({ ok: false, reason: 'expired' });
  });

  it('sends at most three codes per member in ten minutes', async () => {
    const v = verifier(mode);
    const sentBefore = fake.requests.filter((r) => r.method === 'POST').length;
    for (let i = 0; i < 3; i += 1) {
      expect(await v.start(ALICE, PHONE, 'en-GB')).toEqual({ ok: true, via: mode });
      clock += MINUTE;
    }
    expect(await v.start(ALICE, OTHER_PHONE, 'en-GB')).toEqual({ ok: false, reason: 'rate-limited', spent: 'member', retryInMs: 7 * MINUTE });
    expect(fake.requests.filter((r) => r.method === 'POST').length - sentBefore).toBe(3);
    // Another member is not held up by Alice.
    expect(await v.start('U0BOB', OTHER_PHONE, 'en-GB')).toEqual({ ok: true, via: mode });
    clock += 8 * MINUTE;
    // PHONE has had its three codes this hour, whoever asks; another number is fine.
    expect(await v.start(ALICE, PHONE, 'en-GB')).toMatchObject({ ok: false, reason: 'rate-limited', spent: 'number' });
    expect(await v.start(ALICE, THIRD_PHONE, 'en-GB')).toEqual({ ok: true, via: mode });
  });

  it('sends at most ten codes per member in a day', async () => {
    const v = verifier(mode);
    const numbers = Array.from({ length: 11 }, (_, i) => `+4474001234${String(10 + i)}`);
    for (const number of numbers.slice(0, 10)) {
      expect(await v.start(ALICE, number, 'en-GB')).toEqual({ ok: true, via: mode });
      clock += 11 * MINUTE;
    }
    const refused = await v.start(ALICE, numbers[10] as string, 'en-GB');
    expect(refused).toMatchObject({ ok: false, reason: 'rate-limited', spent: 'member' });
    // The first of the ten leaves the day 24 hours after it was sent.
    expect(refused.ok === false && refused.reason === 'rate-limited' && refused.retryInMs).toBe(24 * 60 * MINUTE - 110 * MINUTE);
    clock += 24 * 60 * MINUTE - 110 * MINUTE;
    expect(await v.start(ALICE, numbers[10] as string, 'en-GB')).toEqual({ ok: true, via: mode });
  });

  it('sends one number at most three codes an hour, however many members ask', async () => {
    const v = verifier(mode);
    const members = ['U0A', 'U0B', 'U0C'];
    const answers = [];
    for (const member of members) for (let i = 0; i < 3; i += 1) answers.push(await v.start(member, PHONE, 'en-GB'));
    expect(answers.filter((a) => a.ok)).toHaveLength(3);
    const codesToPhone = mode === 'own' ? fake.messages.filter((m) => m.to === PHONE).length : fake.verifications.filter((x) => x.to === PHONE).reduce((n, x) => n + x.sends, 0);
    expect(codesToPhone).toBe(3);
    clock += 60 * MINUTE;
    expect(await v.start('U0D', PHONE, 'en-GB')).toEqual({ ok: true, via: mode });
  });

  it('does not give a send back after a 5xx: the code may have gone out', async () => {
    const v = verifier(mode);
    fake.fail(mode === 'own' ? '/2010-04-01/' : '/v2/Services/', { status: 500, code: 20500, message: 'Internal Server Error' }, 3);
    for (let i = 0; i < 3; i += 1) expect(await v.start(ALICE, PHONE, 'en-GB')).toEqual({ ok: false, reason: 'unavailable' });
    expect(await v.start(ALICE, OTHER_PHONE, 'en-GB')).toMatchObject({ ok: false, reason: 'rate-limited', spent: 'member' });
  });

  it('keeps the pending code after a 5xx, since the code may have arrived', async () => {
    const v = verifier(mode);
    fake.fail(mode === 'own' ? '/2010-04-01/' : '/v2/Services/', { status: 500, code: 20500, message: 'Internal Server Error' }, 1);
    expect(await v.start(ALICE, PHONE, 'en-GB')).toEqual({ ok: false, reason: 'unavailable' });
    // Own mode wrote the code before sending it; a 5xx says nothing about whether the SMS went out.
    expect(await v.pending(ALICE)).toBe(mode === 'own' ? PHONE : null);
  });

  it('refuses to send when the allowance cannot be read, without calling Twilio', async () => {
    const v = verifier(mode);
    const before = fake.requests.length;
    await store.close();
    expect(await v.start(ALICE, PHONE, 'en-GB')).toEqual({ ok: false, reason: 'unavailable' });
    expect(fake.requests.length).toBe(before);
    store = await openStore('sqlite://:memory:');
  });

  it('never logs the code or the whole number, and never stores the code in plain text', async () => {
    const v = verifier(mode);
    await v.start(ALICE, PHONE, 'en-GB');
    const code = codeOf(PHONE);
    const pending = await store.area<unknown>('verification').get(ALICE);
    expect(pending).toBeDefined();
    expect(JSON.stringify(pending)).not.toContain(code);
    await v.check(ALICE, PHONE, wrong(code));
    await v.check(ALICE, PHONE, code);
    const output = lines.join('');
    expect(output).toContain('+44 ••••••• 456');
    expect(output).toContain(ALICE);
    expect(output).not.toContain(code);
    expect(output).not.toContain('7400123456');
    expect(output).not.toContain(fake.authToken);
  });

  it('says unavailable when Twilio does not answer', async () => {
    const v = verifier(mode);
    fake.hang(mode === 'own' ? '/2010-04-01/' : '/v2/Services/');
    expect(await v.start(ALICE, PHONE, 'en-GB')).toEqual({ ok: false, reason: 'unavailable' });
  });
});

describe('verifier (own code)', () => {
  it('texts the code through the Messaging Service, in the member\'s language, valid for ten minutes', async () => {
    const v = verifier('own');
    await v.start(ALICE, PHONE, 'pt-BR');
    expect(fake.messages.at(-1)).toMatchObject({
      to: PHONE,
      messagingServiceSid: fake.messagingServiceSid,
      validityPeriod: 600,
      body: expect.stringMatching(/^\[pt-BR\] Your Fanfare code is \d{6}$/),
    });
    expect(fake.verifications.filter((x) => x.to === PHONE && x.createdAt === clock)).toHaveLength(0);
  });

  it('replaces the code on a resend: only the newest one works', async () => {
    const v = verifier('own');
    await v.start(ALICE, PHONE, 'en-GB');
    const first = ownCode(PHONE);
    await v.start(ALICE, PHONE, 'en-GB');
    const second = ownCode(PHONE);
    if (first !== second) expect(await v.check(ALICE, PHONE, first)).toMatchObject({ reason: 'wrong' });
    expect(await v.check(ALICE, PHONE, second)).toEqual({ ok: true });
  });

  it.each([
    [{ status: 400, code: 21211, message: "Invalid 'To' Phone Number" }, 'invalid-number'],
    [{ status: 400, code: 21614, message: 'not a mobile number' }, 'invalid-number'],
    [{ status: 400, code: 21408, message: 'Permission to send an SMS has not been enabled for the region' }, 'blocked'],
    [{ status: 500, code: 20500, message: 'Internal Server Error' }, 'unavailable'],
  ])('maps a refused send (%o) to %s, and does not give the send back', async (error, reason) => {
    const v = verifier('own');
    fake.fail('/2010-04-01/', error, 3);
    for (let i = 0; i < 3; i += 1) expect(await v.start(ALICE, PHONE, 'en-GB')).toEqual({ ok: false, reason });
    expect(await v.start(ALICE, OTHER_PHONE, 'en-GB')).toMatchObject({ ok: false, reason: 'rate-limited' });
  });

  it('refuses a number that texted STOP to the service', async () => {
    const v = verifier('own');
    fake.receive({ from: '+447400777888', to: '+447000000001', body: 'STOP' });
    expect(await v.start(ALICE, '+447400777888', 'en-GB')).toEqual({ ok: false, reason: 'blocked' });
  });
});

describe('verifier (Twilio Verify)', () => {
  it('starts a Verify SMS in the member\'s two-letter language, without the Messaging Service', async () => {
    const v = verifier('verify');
    const messages = fake.messages.length;
    await v.start(ALICE, PHONE, 'pt-BR');
    expect(fake.verifications.at(-1)).toMatchObject({ to: PHONE, channel: 'sms', locale: 'pt', status: 'pending' });
    expect(fake.messages.length).toBe(messages);
    await v.check(ALICE, PHONE, verifyCode(PHONE));
    expect(fake.verifications.at(-1)?.status).toBe('approved');
  });

  it('says expired when Twilio no longer knows the verification (404/20404)', async () => {
    const v = verifier('verify');
    await v.start(ALICE, PHONE, 'en-GB');
    const code = verifyCode(PHONE);
    // Twilio's clock runs ahead of ours: it has dropped the verification, Fanfare has not.
    fake.now = () => clock + 11 * MINUTE;
    expect(await v.check(ALICE, PHONE, code)).toEqual({ ok: false, reason: 'expired' });
    fake.now = () => clock;
    expect(await v.check(ALICE, PHONE, code)).toEqual({ ok: false, reason: 'expired' });
  });

  it.each([
    [{ status: 429, code: 60203, message: 'Max send attempts reached' }, 'rate-limited', { spent: 'number', retryInMs: 10 * MINUTE }],
    [{ status: 403, code: 60410, message: 'Verification delivery attempt blocked' }, 'blocked'],
    [{ status: 403, code: 60605, message: 'Verification delivery attempt blocked (geo permissions)' }, 'blocked'],
    [{ status: 400, code: 60200, message: 'Invalid parameter: To' }, 'invalid-number'],
    [{ status: 503, code: 20503, message: 'Service Unavailable' }, 'unavailable'],
  ])('maps a refused start (%o) to %s', async (error, reason, more?: object) => {
    const v = verifier('verify');
    fake.fail('/v2/Services/', error);
    expect(await v.start(ALICE, PHONE, 'en-GB')).toEqual({ ok: false, reason, ...more });
  });

  it('maps 60202 on a check to too-many-attempts', async () => {
    const v = verifier('verify');
    await v.start(ALICE, PHONE, 'en-GB');
    fake.fail('/v2/Services/', { status: 429, code: 60202, message: 'Max check attempts reached' });
    expect(await v.check(ALICE, PHONE, verifyCode(PHONE))).toEqual({ ok: false, reason: 'too-many-attempts' });
    expect(await v.check(ALICE, PHONE, verifyCode(PHONE))).toEqual({ ok: false, reason: 'too-many-attempts' });
  });

  it('does not spend an attempt when Twilio cannot check the code', async () => {
    const v = verifier('verify');
    await v.start(ALICE, PHONE, 'en-GB');
    const code = verifyCode(PHONE);
    fake.hang('/v2/Services/');
    expect(await v.check(ALICE, PHONE, code)).toEqual({ ok: false, reason: 'unavailable' });
    expect(await v.check(ALICE, PHONE, wrong(code))).toEqual({ ok: false, reason: 'wrong', attemptsLeft: 4 });
    expect(await v.check(ALICE, PHONE, code)).toEqual({ ok: true });
  });
});
