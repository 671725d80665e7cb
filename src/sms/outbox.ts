/**
 * The durable SMS outbox (SPEC S1, S3, S4, O2): every SMS alert goes through here. It is the shared
 * per-member outbox (outbox/member-outbox.ts: persist before you send, reconcile after doubt, one SMS in
 * flight per member, a burst of one match combined) with Twilio as its transport (sms-transport.ts).
 */
import type { Logger } from '../log.js';
import { MemberOutbox, type MemberOutboxStats } from '../outbox/member-outbox.js';
import type { OutboxItem } from '../outbox/transport.js';
import type { Store } from '../store/store.js';
import type { SubscriberRepo } from '../store/subscribers.js';
import { SmsTransport, type SmsEvents } from './sms-transport.js';
import type { Twilio } from './twilio-client.js';

export type { OutboxItem } from '../outbox/transport.js';
export { segmentsOf } from './sms-transport.js';

export interface OutboxEvents extends SmsEvents {
  /** Account errors (20003/401, 20005, 21701–21705, 30002…): all sending paused, nothing lost. Fires once per pause. */
  paused(reason: string): void;
  resumed?(): void;
}

export interface OutboxOptions {
  client: Twilio;
  messagingServiceSid: string;
  store: Store;
  subscribers: SubscriberRepo;
  logger: Logger;
  /** SMS_RATE_PER_SECOND: one pace for the whole process. */
  ratePerSecond: number;
  /** SMS_VALIDITY_SECONDS: a delivery not handed to Twilio by then is dropped, never sent late. */
  validitySeconds: number;
  /** Joins a burst into one SMS. */
  combine: (texts: string[]) => string;
  events: OutboxEvents;
  /** Wall clock (ms) for validity and attempt times. */
  now?: () => number;
  maxConcurrency?: number;
  /** First retry delay after a 429, 5xx or network error; doubles each time (with jitter). */
  retryBaseMs?: number;
  /** How often a paused outbox tries one real send. */
  pauseProbeMs?: number;
  /** How often the started outbox looks for what other replicas enqueued or purged (default 5 s). */
  pickupMs?: number;
}

export type OutboxStats = MemberOutboxStats;

/** The store area of the SMS outbox's records (emptied on uninstall). */
export const SMS_OUTBOX_AREA = 'outbox';

export class SmsOutbox {
  private readonly outbox: MemberOutbox;
  private readonly transport: SmsTransport;

  constructor(options: OutboxOptions) {
    const logger = options.logger.child({ component: 'sms-outbox' });
    const now = options.now ?? Date.now;
    const validityMs = options.validitySeconds * 1000;
    this.transport = new SmsTransport({ ...options, logger, now });
    this.outbox = new MemberOutbox({
      store: options.store,
      area: SMS_OUTBOX_AREA,
      transport: this.transport,
      label: 'SMS',
      logger,
      validityMs,
      concurrency: options.maxConcurrency ?? Math.min(Math.ceil(options.ratePerSecond), 50),
      retryBaseMs: options.retryBaseMs,
      pauseProbeMs: options.pauseProbeMs,
      pickupMs: options.pickupMs,
      onPause: (reason) => options.events.paused(reason),
      onResume: () => options.events.resumed?.(),
      now,
    });
  }

  get stats(): OutboxStats {
    return this.outbox.stats;
  }

  /** Deliveries waiting (not yet sent, failed or dropped): the outbox depth on /metrics. */
  get depth(): number {
    return this.outbox.depth;
  }

  /** Durable before it resolves; idempotent per (alertId, userId). Sent as soon as the outbox runs. */
  enqueue(alertId: string, items: OutboxItem[]): Promise<void> {
    return this.enqueueBatch([{ alertId, items }]);
  }

  /**
   * Several alerts (a poll round's burst), all queued before any member's turn starts: a member's alerts
   * of one match then go as one SMS, paid once, rather than the first alone and the rest combined after it.
   */
  enqueueBatch(batch: readonly { alertId: string; items: OutboxItem[] }[]): Promise<void> {
    return this.outbox.enqueueBatch(batch);
  }

  /** Reconciles every attempt left unknown by a crash, then sends. */
  start(): Promise<void> {
    return this.outbox.start();
  }

  /** Stops taking new work, lets requests in flight finish (a few seconds at most), leaves the rest durable. */
  async stop(): Promise<void> {
    this.transport.stop();
    await this.outbox.stop();
  }

  /**
   * The member stopped SMS or left (SPEC O6): their queued deliveries are dropped and stored without number
   * or text, on whichever replica (each send also checks the subscription, so nothing is sent meanwhile).
   */
  purge(userId: string): Promise<void> {
    return this.outbox.purge(userId);
  }

  /** The app was uninstalled: nobody's number stays in a queued delivery. */
  purgeAll(): Promise<void> {
    return this.outbox.purgeAll();
  }

  /** Resolves when nothing is queued or in flight and every write has landed. */
  idle(): Promise<void> {
    return this.outbox.idle();
  }
}
