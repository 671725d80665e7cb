/**
 * What is Twilio about an SMS delivery (SPEC S3, S4): the member's subscription checked before each
 * send, one pace for the whole process counted in segments, the create call with the validity left,
 * Twilio's errors sorted into the outbox's classes (twilio-errors.ts), the subscription updated and the
 * member told when their number is refused, and the read-back of an attempt in Twilio's message list.
 */
import { SegmentedMessage } from 'sms-segments-calculator';
import type { Logger } from '../log.js';
import { metrics } from '../ops/metrics.js';
import type { FindOutcome, MemberTransport, OutboxUnit, SendOutcome } from '../outbox/transport.js';
import type { StoredDelivery } from '../store/outbox-repo.js';
import type { SubscriberRepo } from '../store/subscribers.js';
import { DropLog } from './drop-log.js';
import { Pacer } from './pacer.js';
import { maskPhone } from './phone.js';
import { findAttempt, RECONCILE_LIMIT } from './reconcile.js';
import { describeTwilioError, type Twilio } from './twilio-client.js';
import { classifyTwilioError, clampRetryAfter, exposeRetryAfter, OPTED_OUT, type WithRetryAfter } from './twilio-errors.js';

/** What the members' side hears of Twilio's answers. */
export interface SmsEvents {
  /** 21610: the member texted STOP. */
  optedOut(userId: string): void;
  /** 21211, 21408, 21606, 21614, 30005…: permanent for that number only. `reason` is "<code> <short reason>". */
  numberRejected(userId: string, reason: string): void;
}

export interface SmsTransportOptions {
  client: Twilio;
  messagingServiceSid: string;
  subscribers: SubscriberRepo;
  logger: Logger;
  /** SMS_RATE_PER_SECOND: one pace for the whole process. */
  ratePerSecond: number;
  /** Joins a burst into one SMS. */
  combine: (texts: string[]) => string;
  events: SmsEvents;
  now: () => number;
}

/** Coalesce keys of texts about the subscription itself (the welcome): sent whatever the alert level. */
export const WELCOME_KEY_PREFIX = 'welcome/';

/** Twilio's longest body (twilio.md §8): a longer burst goes in the next SMS. */
const MAX_BODY = 1600;
/** Twilio's longest ValidityPeriod, in seconds. */
const MAX_VALIDITY_SECONDS = 36_000;

export class SmsTransport implements MemberTransport {
  readonly maxBody = MAX_BODY;
  private readonly pacer: Pacer;
  private readonly drops: DropLog;

  constructor(private readonly options: SmsTransportOptions) {
    this.pacer = new Pacer(options.ratePerSecond);
    this.drops = new DropLog(options.logger);
    exposeRetryAfter(options.client);
  }

  combine(texts: string[]): string {
    return this.options.combine(texts);
  }

  /** A number no longer subscribed (stopped, changed, opted out, SMS off) gets nothing more. */
  async unwanted(unit: OutboxUnit): Promise<string | undefined> {
    const subscription = await this.options.subscribers.get(unit.userId);
    if (!subscription) return 'no subscription';
    if (subscription.phone !== unit.to) return 'number changed';
    if (subscription.status !== 'active') return `subscription ${subscription.status}`;
    // Alerts queued before the member switched SMS off are not sent after it.
    if (subscription.alerts === 'off' && !unit.deliveries.every((d) => d.coalesceKey.startsWith(WELCOME_KEY_PREFIX))) return 'SMS off';
    return undefined;
  }

  async send(unit: OutboxUnit, live: () => boolean): Promise<SendOutcome> {
    const segments = segmentsOf(unit.body);
    const release = await this.pacer.take(segments);
    if (!release || !live()) {
      release?.();
      return { kind: 'later', reason: 'stopping or paused' };
    }
    const validity = this.secondsLeft(unit);
    if (validity < 1) {
      release();
      return { kind: 'drop', reason: 'expired' };
    }
    try {
      const message = await this.options.client.messages.create({
        messagingServiceSid: this.options.messagingServiceSid,
        to: unit.to,
        body: unit.body,
        validityPeriod: Math.min(MAX_VALIDITY_SECONDS, validity),
      });
      metrics.smsSent();
      this.options.logger.info(
        { user: unit.userId, phone: maskPhone(unit.to), sid: message.sid, segments, alerts: unit.deliveries.length, validitySeconds: validity },
        'SMS sent',
      );
      return { kind: 'sent', ref: message.sid };
    } catch (error) {
      return await this.refused(unit, error);
    } finally {
      release();
    }
  }

  /**
   * Not filtered by DateSent on Twilio's side: a message still queued at Twilio has no date sent yet. The
   * newest rows to this number, compared by creation time here, include it.
   */
  async find(unit: OutboxUnit, knownRefs: ReadonlyMap<string, number>): Promise<FindOutcome> {
    let rows;
    try {
      rows = await this.options.client.messages.list({ to: unit.to, limit: RECONCILE_LIMIT });
    } catch (error) {
      const info = describeTwilioError(error);
      const failure = classifyTwilioError(info);
      const reason = `${info.status ?? 'no answer'} ${info.code ?? ''} ${info.message}`.trim();
      return failure.kind === 'config' ? { kind: 'account', reason: failure.reason } : { kind: 'unreachable', reason };
    }
    const found = findAttempt(rows, unit, this.options.messagingServiceSid, knownRefs);
    if (!found) return { kind: 'absent' };
    metrics.smsSent();
    this.options.logger.info({ user: unit.userId, phone: maskPhone(unit.to), sid: found.sid }, 'SMS with an unknown outcome was at Twilio');
    return { kind: 'found', ref: found.sid };
  }

  dropped(reason: string, deliveries: readonly StoredDelivery[]): void {
    this.drops.note(
      reason,
      deliveries.map((d) => d.to),
      deliveries.length,
    );
  }

  stop(): void {
    this.pacer.cancelAll();
    this.drops.flush();
  }

  private async refused(unit: OutboxUnit, error: unknown): Promise<SendOutcome> {
    const info = describeTwilioError(error);
    const asked = (error as WithRetryAfter | null)?.retryAfterMs;
    const retryAfterMs = asked === undefined ? undefined : clampRetryAfter(asked, this.secondsLeft(unit) * 1000);
    const failure = classifyTwilioError({ ...info, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) });
    metrics.smsFailed(failure.kind);
    const fields = { user: unit.userId, phone: maskPhone(unit.to), status: info.status, twilioCode: info.code, error: info.message };
    switch (failure.kind) {
      case 'throttled':
        // Twilio asked the whole account to wait, not this member.
        if (failure.retryAfterMs !== undefined) this.pacer.holdFor(failure.retryAfterMs);
        this.options.logger.debug(fields, 'Twilio throttled an SMS; retrying later');
        return { kind: 'later', reason: 'throttled', ...(failure.retryAfterMs === undefined ? {} : { retryAfterMs: failure.retryAfterMs }) };
      case 'unknown':
        this.options.logger.warn({ ...fields, network: info.network }, 'SMS outcome unknown; will check Twilio before sending again');
        return { kind: 'unknown', reason: info.message };
      case 'opted-out':
        await this.updateSubscription(unit, { status: 'opted-out' });
        this.options.logger.info(fields, 'member texted STOP: SMS opted out');
        this.notify(() => this.options.events.optedOut(unit.userId));
        return { kind: 'destination', reason: `${OPTED_OUT} opted out` };
      case 'number':
        await this.updateSubscription(unit, { status: 'failed', failure: failure.reason });
        this.options.logger.warn({ ...fields, reason: failure.reason }, 'Twilio rejected the number for good');
        this.notify(() => this.options.events.numberRejected(unit.userId, failure.reason));
        return { kind: 'destination', reason: failure.reason };
      case 'config':
        // The outbox logs the pause once; each probe refused again is detail.
        this.options.logger.debug(fields, 'Twilio refused our account or configuration');
        return { kind: 'account', reason: failure.reason };
      case 'rejected':
        this.options.logger.error({ ...fields, reason: failure.reason }, 'Twilio refused an SMS; not retrying it');
        return { kind: 'message', reason: failure.reason };
    }
  }

  private async updateSubscription(unit: OutboxUnit, patch: { status: 'opted-out' | 'failed'; failure?: string }): Promise<void> {
    try {
      // The member may have subscribed another number meanwhile: that one is not at fault (checked in the lock).
      await this.options.subscribers.update(unit.userId, patch, { phone: unit.to });
    } catch (error) {
      this.options.logger.error({ err: (error as Error).message, user: unit.userId }, 'could not update the SMS subscription');
    }
  }

  /** Whole seconds the unit has left (Twilio's ValidityPeriod). */
  private secondsLeft(unit: OutboxUnit): number {
    return Math.floor((unit.expiresAt - this.options.now()) / 1000);
  }

  /** A listener's exception must not break the outbox. */
  private notify(call: () => void): void {
    try {
      call();
    } catch (error) {
      this.options.logger.error({ err: (error as Error).message }, 'SMS event listener failed');
    }
  }
}

/** Plain ASCII that GSM-7 encodes in one septet each: the usual alert needs no full calculation. */
const PLAIN_GSM = /^[A-Za-z0-9 \n\r!"#$%&'()*+,\-./:;<=>?@_]*$/;

/** Segments the text takes (reference twilio.md §8): what the sender's throughput is counted in. */
export function segmentsOf(text: string): number {
  if (text.length <= 160 && PLAIN_GSM.test(text)) return 1;
  return new SegmentedMessage(text, 'auto').segmentsCount;
}
