/**
 * What subscribing a number may cost (SPEC S6; audit 2 A1/A2, 19): the number step of the subscribe
 * modal (checkNumber) with the real allowance, verifier and twilio-node SDK against the fake Twilio,
 * over a real SQLite store. Every paid call the fake sees is counted.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Locale } from '../../src/alerts/i18n/locales.js';
import { createLogger } from '../../src/log.js';
import { createAllowance } from '../../src/sms/allowance.js';
import type { CountryCode } from '../../src/sms/phone.js';
import { createTwilioClient } from '../../src/sms/twilio-client.js';
import { createVerifier } from '../../src/sms/verify.js';
import type { Answer } from '../../src/slack/ack-in-time.js';
import { INPUTS } from '../../src/slack/ids.js';
import type { MemberDeps, SmsServices } from '../../src/slack/members.js';
import { checkNumber } from '../../src/slack/subscribe-flow.js';
import { openFlakyStore, type FlakyStore } from '../fixtures/flaky-store.js';
import { openRawSqlite } from '../fixtures/sqlite-file.js';
import { startFakeTwilio, type FakeTwilio } from '../fakes/twilio.js';

const MINUTE = 60_000;
const VICTIM = '+447400123456';

let fake: FakeTwilio;
let store: FlakyStore;
let dir: string;
let clock: number;
let lines: string[];

beforeEach(async () => {
  fake = await startFakeTwilio();
  dir = await mkdtemp(path.join(os.tmpdir(), 'fanfare-limits-'));
  store = await openFlakyStore(path.join(dir, 'store.sqlite'));
  clock = Date.parse('2026-06-11T18:00:00Z');
  fake.now = () => clock;
  lines = [];
});

afterEach(async () => {
  await fake.close();
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

function services(options: { mode?: 'own' | 'verify'; countries?: CountryCode[] } = {}): { deps: MemberDeps; sms: SmsServices } {
  const config = fake.config(options.mode === 'verify' ? { verifyServiceSid: fake.verifyServiceSid } : {});
  const logger = createLogger('debug', { write: (line: string) => lines.push(line) });
  const client = createTwilioClient(config, { timeoutMs: 400 });
  const allowance = createAllowance({ store, logger, now: () => clock });
  const verifier = createVerifier({
    client,
    config,
    store,
    logger,
    allowance,
    now: () => clock,
    codeText: (code: string, locale: Locale) => `[${locale}] Your Fanfare code is ${code}`,
  });
  const sms: SmsServices = { client, verifier, messagingServiceSid: config.messagingServiceSid, allowance, countries: options.countries ?? null, queue: null };
  // checkNumber reads only the language and the logger from the member services.
  const deps = { locale: 'en-GB', logger, sms } as unknown as MemberDeps;
  return { deps, sms };
}

/** The error under the number field, or null when the answer is the code step. */
function phoneError(answer: Answer): string | null {
  return 'errors' in answer ? (answer.errors[INPUTS.phoneBlock] ?? null) : null;
}

const codeSms = (to?: string): number => fake.messages.filter((m) => m.direction === 'outbound-api' && (to === undefined || m.to === to)).length;

describe('subscribe number step: paid calls behind the allowance', () => {
  it('A1: twelve numbers from one member cost at most 5 Lookups and 3 codes; the rest are refused in the modal', async () => {
    const { deps, sms } = services();
    const answers: Answer[] = [];
    for (let i = 0; i < 12; i += 1) answers.push(await checkNumber(deps, sms, 'U0MALLORY', `+4474001234${String(10 + i)}`));
    expect(fake.lookups.length).toBeLessThanOrEqual(5);
    expect(codeSms()).toBe(3);
    expect(answers.slice(0, 3).every((a) => 'view' in a)).toBe(true);
    for (const answer of answers.slice(3)) expect(phoneError(answer)).toBe('You have asked for too many codes. Please try again in 10 minutes.');
    // Another member is not held up.
    expect('view' in (await checkNumber(deps, sms, 'U0ANA', '+447400999888'))).toBe(true);
  });

  it('double submits at the same moment cannot race past the allowance', async () => {
    const { deps, sms } = services();
    const numbers = Array.from({ length: 8 }, (_, i) => `+4474001234${String(10 + i)}`);
    const answers = await Promise.all(numbers.map((number) => checkNumber(deps, sms, 'U0MALLORY', number)));
    expect(answers.filter((a) => 'view' in a)).toHaveLength(3);
    expect(fake.lookups.length).toBeLessThanOrEqual(5);
    expect(codeSms()).toBe(3);
  });

  it('counts Lookups that find no mobile: at most 5 in ten minutes, then a wait in minutes', async () => {
    const { deps, sms } = services();
    const numbers = Array.from({ length: 8 }, (_, i) => `+4474001234${String(10 + i)}`);
    for (const number of numbers) fake.setLookup(number, { type: 'landline' });
    const answers: Answer[] = [];
    for (const number of numbers) {
      answers.push(await checkNumber(deps, sms, 'U0MALLORY', number));
      clock += MINUTE;
    }
    expect(fake.lookups).toHaveLength(5);
    expect(answers.slice(0, 5).map(phoneError)).toEqual(Array(5).fill('That is a landline; SMS alerts need a mobile number.'));
    // The first Lookup was 5 minutes before the sixth try; it leaves the window 5 minutes later.
    expect(phoneError(answers[5] as Answer)).toBe('You have asked for too many codes. Please try again in 5 minutes.');
    expect(codeSms()).toBe(0);
  });

  it.each(['own', 'verify'] as const)('A2 (%s mode): three members asking for one victim number send it at most 3 codes an hour', async (mode) => {
    const { deps, sms } = services({ mode });
    const answers: Answer[] = [];
    for (const member of ['U0EVE', 'U0MAL', 'U0TRU']) {
      for (let i = 0; i < 3; i += 1) {
        answers.push(await checkNumber(deps, sms, member, VICTIM));
        clock += MINUTE;
      }
    }
    const sent = mode === 'own' ? codeSms(VICTIM) : fake.verifications.filter((v) => v.to === VICTIM).reduce((n, v) => n + v.sends, 0);
    expect(sent).toBe(3);
    expect(answers.filter((a) => 'view' in a)).toHaveLength(3);
    // The last try came 8 minutes after the first code, so the number was free again 52 minutes later.
    expect(phoneError(answers[8] as Answer)).toBe('That number has been sent too many codes. Please try again in 52 minutes.');
    clock += 51 * MINUTE;
    expect('view' in (await checkNumber(deps, sms, 'U0EVE', VICTIM))).toBe(true);
  });

  it('a 5xx on a code send does not give the send back', async () => {
    const { deps, sms } = services();
    fake.fail('/2010-04-01/', { status: 503, code: 20503, message: 'Service Unavailable' }, 3);
    const answers: Answer[] = [];
    for (let i = 0; i < 4; i += 1) answers.push(await checkNumber(deps, sms, 'U0ANA', `+4474001234${String(10 + i)}`));
    expect(answers.slice(0, 3).map(phoneError)).toEqual(Array(3).fill('SMS checks are unavailable right now. Please try again in a few minutes.'));
    expect(phoneError(answers[3] as Answer)).toBe('You have asked for too many codes. Please try again in 10 minutes.');
    expect(fake.lookups).toHaveLength(3);
  });

  it('SMS_COUNTRIES=GB refuses a French number before any Lookup, naming the countries allowed', async () => {
    const { deps, sms } = services({ countries: ['GB'] });
    const answer = await checkNumber(deps, sms, 'U0ANA', '+33612345678');
    expect(phoneError(answer)).toBe('SMS alerts are only for numbers in: United Kingdom.');
    expect(fake.lookups).toHaveLength(0);
    expect(fake.requests).toHaveLength(0);
    expect('view' in (await checkNumber(deps, sms, 'U0ANA', VICTIM))).toBe(true);
    expect(fake.lookups).toHaveLength(1);
  });

  it('names the allowed countries in Fanfare\'s language', async () => {
    const { deps, sms } = services({ countries: ['GB', 'IE'] });
    const answer = await checkNumber({ ...deps, locale: 'fr-FR' }, sms, 'U0ANA', '+4915123456789');
    expect(phoneError(answer)).toBe('Les alertes SMS sont réservées aux numéros de ces pays : Royaume-Uni, Irlande.');
    expect(fake.requests).toHaveLength(0);
  });

  it('fails closed when the allowance cannot be read: no Lookup, no code, "unavailable" in the modal', async () => {
    const { deps, sms } = services();
    store.failReads('sms-allowance');
    const answer = await checkNumber(deps, sms, 'U0ANA', VICTIM);
    expect(phoneError(answer)).toBe('SMS checks are unavailable right now. Please try again in a few minutes.');
    expect(fake.requests).toHaveLength(0);
    expect(lines.join('')).not.toContain('7400123456');
  });

  it('fails closed when the allowance becomes unreadable between the Lookup and the code', async () => {
    const { deps, sms } = services();
    // The Lookup step reads three keys (its Lookups, the member's codes, the number's codes); the code step reads again.
    await checkNumber(deps, sms, 'U0ANA', '+447400111222');
    store.failReads('sms-allowance-codes');
    const answer = await checkNumber(deps, sms, 'U0ANA', VICTIM);
    expect(phoneError(answer)).toBe('SMS checks are unavailable right now. Please try again in a few minutes.');
    expect(codeSms(VICTIM)).toBe(0);
  });

  it('keeps only a salted hash of the number in the allowance', async () => {
    const { deps, sms } = services();
    await checkNumber(deps, sms, 'U0ANA', VICTIM);
    const raw = await openRawSqlite(path.join(dir, 'store.sqlite'));
    try {
      const rows = JSON.stringify(await raw.all("SELECT key, value FROM keyv WHERE key LIKE 'fanfare:sms-allowance%'"));
      expect(rows).toContain('sms-allowance-numbers');
      expect(rows).not.toContain('7400123456');
    } finally {
      await raw.close();
    }
  });
});
