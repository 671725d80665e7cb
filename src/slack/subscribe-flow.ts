/**
 * The two steps of subscribing a number (SPEC S2, X2): the number is parsed locally, checked with Twilio
 * Lookup and sent a code; the code proves the member owns it. Nothing is stored before the code is right.
 */
import type { webApi } from '@slack/bolt';
import type { CountryCode } from 'libphonenumber-js';
import type { MemberErrorPhrases } from '../alerts/i18n/catalogue.js';
import { catalogue } from '../alerts/i18n/index.js';
import { countryOfSlackLocale, lookupPhone, maskPhone, parsePhone } from '../sms/phone.js';
import { WELCOME_KEY_PREFIX } from '../sms/sms-transport.js';
import type { CheckResult, StartResult } from '../sms/verify.js';
import type { Answer } from './ack-in-time.js';
import { INPUTS } from './ids.js';
import type { MemberDeps, SmsServices } from './members.js';
import { subscribeCodeModal, subscribedModal, subscribeNumberModal } from './views/modals.js';

/** Carried in the code step's private_metadata: which number the code was sent to. */
export interface CodeStepMetadata {
  e164: string;
}

/**
 * Opens the subscribe modal; national numbers will be read in the country of the member's Slack locale
 * (from the member context, so no users.info stands between the click and Slack's 3 s trigger).
 */
export async function openSubscribeModal(deps: MemberDeps, client: webApi.WebClient, triggerId: string, slackLocale: string | undefined, prefill?: string): Promise<void> {
  const country = countryOfSlackLocale(slackLocale);
  await client.views.open({
    trigger_id: triggerId,
    view: subscribeNumberModal({ locale: deps.locale, prefill, countryHint: country }),
  });
}

/** Local parsing only: instant, and an unparsable number never reaches Twilio. */
export function parseNumberInput(deps: MemberDeps, input: string, country: CountryCode | undefined): { e164: string } | Answer {
  const parsed = parsePhone(input, country);
  if (parsed.ok) return { e164: parsed.e164 };
  return { errors: { [INPUTS.phoneBlock]: catalogue(deps.locale).members.errors.unparsable } };
}

/** "Try again in N minutes", for the member's own allowance or the number's. */
function rateLimitedWords(words: MemberErrorPhrases, refused: { spent: 'member' | 'number'; retryInMs: number }): string {
  const minutes = Math.max(1, Math.ceil(refused.retryInMs / 60_000));
  return refused.spent === 'member' ? words.tooManyCodes(minutes) : words.numberTooManyCodes(minutes);
}

/** SMS_COUNTRIES as names in Fanfare's language: "United Kingdom, Ireland". */
function countryNames(deps: MemberDeps, countries: readonly CountryCode[]): string {
  const names = new Intl.DisplayNames([catalogue(deps.locale).intlLocale], { type: 'region' });
  return countries.map((code) => names.of(code) ?? code).join(', ');
}

/**
 * Country, allowance, Lookup, then the code: the answer is either an error under the number field or the
 * code step. Every refusal that costs nothing comes before the paid Lookup (SPEC S6).
 */
export async function checkNumber(deps: MemberDeps, sms: SmsServices, userId: string, e164: string): Promise<Answer> {
  const words = catalogue(deps.locale).members.errors;
  const phoneError = (message: string): Answer => ({ errors: { [INPUTS.phoneBlock]: message } });
  const parsed = parsePhone(e164);
  const country = parsed.ok ? parsed.country : undefined;
  if (sms.countries && !(country && sms.countries.includes(country))) {
    deps.logger.info({ user: userId, phone: maskPhone(e164), country }, 'number refused: country not in SMS_COUNTRIES');
    return phoneError(words.countryNotAllowed(countryNames(deps, sms.countries)));
  }
  const reserved = await sms.allowance.lookup(userId, e164);
  if (!reserved.ok) {
    deps.logger.info({ user: userId, phone: maskPhone(e164), reason: reserved.reason }, 'number refused before Lookup');
    return phoneError(reserved.reason === 'unavailable' ? words.unavailable : rateLimitedWords(words, reserved));
  }
  const lookup = await lookupPhone(sms.client, e164, deps.logger);
  if (!lookup.ok) {
    deps.logger.info({ user: userId, phone: maskPhone(e164), reason: lookup.reason }, 'number refused by Lookup');
    switch (lookup.reason) {
      case 'invalid':
        return phoneError(words.invalidNumber);
      case 'landline':
        return phoneError(words.landline);
      case 'voip':
        return phoneError(words.voip);
      case 'not-mobile':
        return phoneError(words.notMobile);
      case 'unavailable':
        return phoneError(words.unavailable);
    }
  }
  const started: StartResult = await sms.verifier.start(userId, e164, deps.locale);
  if (!started.ok) {
    deps.logger.info({ user: userId, phone: maskPhone(e164), reason: started.reason }, 'code not sent');
    if (started.reason === 'rate-limited') return phoneError(rateLimitedWords(words, started));
    const reasons: Record<typeof started.reason, string> = {
      blocked: words.blocked,
      'invalid-number': words.invalidNumber,
      unavailable: words.unavailable,
    };
    return phoneError(reasons[started.reason]);
  }
  deps.logger.info({ user: userId, phone: maskPhone(e164), via: started.via }, 'code sent');
  const metadata: CodeStepMetadata = { e164 };
  return { view: subscribeCodeModal({ locale: deps.locale, maskedPhone: maskPhone(e164), privateMetadata: JSON.stringify(metadata) }) };
}

/** The code step: right code → the subscription is active and a welcome SMS goes out. */
export async function checkCode(deps: MemberDeps, sms: SmsServices, userId: string, e164: string, code: string): Promise<Answer> {
  const words = catalogue(deps.locale).members.errors;
  const codeError = (message: string): Answer => ({ errors: { [INPUTS.codeBlock]: message } });
  const result: CheckResult = await sms.verifier.check(userId, e164, code.replace(/\s+/g, ''));
  if (!result.ok) {
    deps.logger.info({ user: userId, phone: maskPhone(e164), reason: result.reason }, 'code refused');
    switch (result.reason) {
      case 'wrong':
        return codeError(words.wrongCode(result.attemptsLeft));
      case 'expired':
        return codeError(words.expired);
      case 'too-many-attempts':
        return codeError(words.tooManyAttempts);
      case 'unavailable':
        return codeError(words.unavailable);
    }
  }
  // Changing number keeps the member's choice of alerts.
  const previous = await deps.subscribers.get(userId);
  const subscription = await deps.subscribers.activate(userId, e164, previous?.alerts ?? 'goals');
  deps.logger.info({ user: userId, phone: maskPhone(e164) }, 'SMS subscription active');
  await queueWelcome(deps, sms, userId, e164, subscription.since);
  return { view: subscribedModal({ locale: deps.locale, maskedPhone: maskPhone(e164) }) };
}

/**
 * The welcome goes through the outbox like every alert (SPEC S6): paced, durable, and a number Twilio
 * refuses is marked failed and its owner told. Its id names this subscription, so it is sent once.
 */
async function queueWelcome(deps: MemberDeps, sms: SmsServices, userId: string, e164: string, since: string): Promise<void> {
  if (!sms.queue) {
    deps.logger.warn({ user: userId, phone: maskPhone(e164) }, 'welcome SMS not queued: the SMS outbox is not running yet');
    return;
  }
  try {
    const text = catalogue(deps.locale).sms.welcome();
    await sms.queue.enqueue(`${WELCOME_KEY_PREFIX}${userId}/${since}`, [{ userId, to: e164, text, coalesceKey: `${WELCOME_KEY_PREFIX}${userId}` }]);
  } catch (error) {
    // The subscription stands; only the greeting is lost (a store failure: its message names no number).
    deps.logger.warn({ user: userId, phone: maskPhone(e164), err: (error as Error).message }, 'welcome SMS not queued');
  }
}
