/**
 * The durable per-member delivery queue shared by the SMS and the DM sinks (SPEC S1, S3, S4, O2, O3).
 * What is Twilio or Slack about a delivery lives in a transport (sms/sms-transport.ts, the DM sink), what
 * is queued and how it is settled in the store in delivery-queue.ts; this is the scheduler: persist before
 * you send, reconcile after doubt.
 *
 * - `enqueue` stores an alert's deliveries before it resolves; the same alert enqueued again adds only
 *   members it had no delivery for.
 * - A member's turn marks their next unit "attempted" in the store, then hands it to the transport. One
 *   member has one unit in flight; their queued deliveries sharing a coalesce key and an address form ONE
 *   unit (the transport combines their texts, up to its longest body).
 * - An outcome the transport cannot know (crash, timeout, 5xx) leaves the unit "attempted". Before anything
 *   else goes to that member (and at start, before anything at all is sent) the transport is asked whether
 *   it arrived: found, it was sent; absent, it goes again; no answer, ask again later, and once it expired,
 *   give it up as "maybe lost". Better maybe lost than sent twice.
 * - The other outcomes come in the classes every API is sorted into: the message is bad (given up), the
 *   destination is bad (that member's address only), the account is bad (everything pauses, one probe now
 *   and then, the listener told once), or nothing went out (backoff, at least what the API asked for).
 *
 * Replicas (SPEC O3): any replica may enqueue or purge, only the started one (the leader) sends. An outbox
 * that is not started writes to the store only (the inbox); the started one reads the inbox and the purges
 * again every `pickupMs` (pickup.ts).
 */
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from '../log.js';
import { OutboxRepo } from '../store/outbox-repo.js';
import type { Store } from '../store/store.js';
import { DeliveryQueue, LAST_SECOND_MS, type Member, type MemberOutboxStats, type Unit } from './delivery-queue.js';
import { Pickup } from './pickup.js';
import type { FindOutcome, MemberTransport, OutboxItem, SendOutcome } from './transport.js';

export type { MemberOutboxStats } from './delivery-queue.js';

export interface MemberOutboxOptions {
  store: Store;
  /** The store area of this outbox's records (one per sink). */
  area: string;
  transport: MemberTransport;
  /** What the logs call its deliveries: "SMS", "DM". */
  label: string;
  logger: Logger;
  /** A delivery not sent this long after it was enqueued is dropped, never sent late (records stay a day longer). */
  validityMs: number;
  /** Units in flight at once, across members (default 20). */
  concurrency?: number;
  /** First wait after a turn that came to nothing; doubles each time, with jitter, up to a minute (default 1 s). */
  retryBaseMs?: number;
  /** How often a paused outbox tries one real send (default a minute). */
  pauseProbeMs?: number;
  /** How often the started outbox looks for what other replicas enqueued or purged (default 5 s). */
  pickupMs?: number;
  /** The account was refused (once per pause) and accepted again. */
  onPause?(reason: string): void;
  onResume?(): void;
  /** Wall clock (ms) for validity and attempt times. */
  now?: () => number;
}

type TurnOutcome = 'sent' | 'account' | 'failed' | 'nothing';

const MAX_BACKOFF_MS = 60_000;
/** setTimeout fires at once past 2^31-1 ms; a longer wait is simply re-checked when this one ends. */
const MAX_TIMER_MS = 2_147_483_647;
const START_RECONCILE_CONCURRENCY = 8;
const STOP_GRACE_MS = 3000;
const DEFAULT_RETRY_BASE_MS = 1000;
const DEFAULT_PROBE_MS = 60_000;
const DEFAULT_PICKUP_MS = 5000;

const monotonic = (): number => performance.now();

export class MemberOutbox {
  readonly stats: MemberOutboxStats = { sent: 0, combined: 0, dropped: 0, retried: 0, reconciled: 0, failed: 0 };

  private readonly queue: DeliveryQueue;
  private readonly pickup: Pickup;
  private readonly transport: MemberTransport;
  private readonly log: Logger;
  private readonly now: () => number;
  private readonly concurrency: number;
  private readonly retryBaseMs: number;
  private readonly pauseProbeMs: number;
  private readonly repo: OutboxRepo;

  private readonly ready: Member[] = [];
  private readonly turns = new Set<Promise<void>>();
  private readonly idleWaiters: (() => void)[] = [];

  private active = 0;
  private running = false;
  private stopped = false;
  private paused: string | null = null;
  private probeDue = false;
  private probeTimer: NodeJS.Timeout | undefined;
  private starting: Promise<void> | undefined;

  constructor(private readonly options: MemberOutboxOptions) {
    this.transport = options.transport;
    this.log = options.logger;
    this.now = options.now ?? Date.now;
    this.concurrency = Math.max(1, options.concurrency ?? 20);
    this.retryBaseMs = options.retryBaseMs ?? DEFAULT_RETRY_BASE_MS;
    this.pauseProbeMs = options.pauseProbeMs ?? DEFAULT_PROBE_MS;
    this.repo = new OutboxRepo(options.store, options.validityMs, options.area);
    this.queue = new DeliveryQueue({
      repo: this.repo,
      stats: this.stats,
      transport: this.transport,
      validityMs: options.validityMs,
      now: this.now,
      log: this.log,
      retired: (alertId) => this.pickup.retire(alertId),
    });
    this.pickup = new Pickup({
      repo: this.repo,
      target: {
        holds: (alertId) => this.queue.holds(alertId),
        adopt: (alertId, chunks) => void this.queue.adopt(alertId, chunks),
        applyPurges: (purges) => this.queue.applyPurges(purges),
        saveIndex: () => this.queue.saveIndex(),
        wake: () => {
          for (const member of this.queue.members.values()) this.schedule(member);
          this.pump();
          this.checkIdle();
        },
      },
      logger: this.log,
      validityMs: options.validityMs,
      now: this.now,
    });
  }

  /** Unfinished deliveries right now (the outbox depth on /metrics). */
  get depth(): number {
    return this.queue.open;
  }

  get isStopped(): boolean {
    return this.stopped;
  }

  /** Whether this alert was enqueued before (in this run or, as its record says, an earlier one). */
  knows(alertId: string): Promise<boolean> {
    return this.queue.knows(alertId);
  }

  /**
   * Stores the alert's deliveries for members it has none for yet; durable once resolved. They go out once
   * `send(userIds)` is called for their members, so a batch of alerts is queued whole before any turn starts.
   */
  async enqueue(alertId: string, items: readonly OutboxItem[]): Promise<void> {
    if (this.stopped) throw new Error('the outbox is stopped');
    // Only the started outbox keeps what it queues: another replica's copy could be sent again after a failover.
    const woken = await this.queue.enqueue(alertId, items, this.starting !== undefined);
    this.send(woken);
  }

  /**
   * Several alerts (a poll round's burst) queued whole before any member's turn starts, so a member's
   * alerts of one match go as one unit. What was queued is sent even if a later alert fails to queue.
   */
  async enqueueBatch(batch: readonly { alertId: string; items: readonly OutboxItem[] }[]): Promise<void> {
    const touched = new Set<string>();
    try {
      for (const { alertId, items } of batch) {
        await this.enqueue(alertId, items);
        for (const item of items) touched.add(item.userId);
      }
    } finally {
      this.send(touched);
    }
  }

  /** Starts the turns of these members (those with something queued). */
  send(userIds: Iterable<string>): void {
    if (!this.running) return;
    for (const userId of userIds) {
      const member = this.queue.members.get(userId);
      if (member) this.schedule(member);
    }
    this.pump();
  }

  /** Takes back what a previous run left, settles every attempt it left unknown, then sends. */
  start(): Promise<void> {
    this.starting ??= this.startNow();
    return this.starting;
  }

  /** The member asked that their queued deliveries go (e.g. `/fanfare stop`), on whichever replica. */
  purge(userId: string): Promise<void> {
    return this.pickup.purge(userId);
  }

  /** Everyone's queued deliveries go (uninstall). */
  purgeAll(): Promise<void> {
    return this.pickup.purgeAll();
  }

  /**
   * No new turns; units in flight get a few seconds to finish. Whatever is still unanswered then stays
   * "attempted" in the store and is reconciled at the next start.
   */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.running = false;
    if (this.probeTimer) clearTimeout(this.probeTimer);
    this.pickup.stop();
    for (const member of this.queue.members.values()) if (member.timer) clearTimeout(member.timer);
    const grace = sleep(STOP_GRACE_MS, undefined, { ref: false });
    await Promise.race([Promise.allSettled([...this.turns]), grace]);
    await Promise.race([this.repo.settled(), grace]);
    // Whatever finishes later is not written: the store says "attempted", and the next start reconciles it.
    this.repo.close();
    for (const resolve of this.idleWaiters.splice(0)) resolve();
  }

  /** Resolves when nothing is queued or in flight and every write has landed (tests, the bench). */
  async idle(): Promise<void> {
    for (;;) {
      if (this.stopped) return;
      if (this.queue.open === 0 && this.active === 0) {
        await this.repo.settled();
        if (this.queue.open === 0 && this.active === 0) return;
      }
      await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
    }
  }

  // ----- start ---------------------------------------------------------------------------------------------

  private async startNow(): Promise<void> {
    if (this.stopped) return;
    // A store that fails now is asked again: an index read as empty would orphan every queued delivery.
    await this.patiently(`read the ${this.options.label} queue`, () => this.pickup.once());
    const unknown = [...this.queue.members.values()].flatMap((member) => member.unknown.map((unit) => ({ member, unit })));
    if (unknown.length > 0) this.log.info({ attempts: unknown.length }, 'checking deliveries whose outcome was unknown at the last stop');
    let cursor = 0;
    const worker = async (): Promise<void> => {
      while (cursor < unknown.length && !this.stopped) {
        const { member, unit } = unknown[cursor++] as { member: Member; unit: Unit };
        await this.settleUnknown(member, unit);
      }
    };
    await Promise.all(Array.from({ length: Math.min(START_RECONCILE_CONCURRENCY, unknown.length) }, worker));
    if (this.stopped) return;
    this.running = true;
    for (const member of this.queue.members.values()) this.schedule(member);
    this.pump();
    this.checkIdle();
    this.pickup.every(this.options.pickupMs ?? DEFAULT_PICKUP_MS);
  }

  /** Runs `read` until the store answers (with backoff), or until the outbox is stopped. */
  private async patiently<T>(what: string, read: () => Promise<T>): Promise<T> {
    for (let failures = 1; ; failures++) {
      try {
        return await read();
      } catch (error) {
        if (this.stopped) throw error;
        const waitMs = Math.min(this.retryBaseMs * 2 ** failures, MAX_BACKOFF_MS);
        this.log.error({ err: (error as Error).message, retryInMs: waitMs }, `could not ${what} from the store; trying again`);
        await sleep(waitMs, undefined, { ref: false });
      }
    }
  }

  // ----- scheduling ----------------------------------------------------------------------------------------

  /** Puts a member with work in line, now or when its backoff ends. */
  private schedule(member: Member): void {
    if (!this.running || member.busy || member.inReady || member.timer) return;
    if (member.queue.length === 0 && member.unknown.length === 0) {
      this.queue.members.delete(member.userId);
      return;
    }
    const wait = member.notBefore - monotonic();
    if (wait > 0) {
      member.timer = setTimeout(() => {
        member.timer = undefined;
        this.schedule(member);
        this.pump();
      }, Math.min(Math.ceil(wait), MAX_TIMER_MS));
      return;
    }
    member.inReady = true;
    this.ready.push(member);
  }

  private pump(): void {
    while (this.running && this.active < this.concurrency && this.ready.length > 0) {
      if (this.paused !== null && !this.probeDue) return;
      const member = this.ready.shift() as Member;
      member.inReady = false;
      if (member.busy) continue;
      const probe = this.paused !== null;
      if (probe) this.probeDue = false;
      this.active += 1;
      member.busy = true;
      const turn = this.turn(member, probe)
        .catch((error: unknown) => {
          if (!this.stopped) this.log.error({ err: (error as Error).message, user: member.userId }, 'delivery turn failed; trying again later');
          member.failures += 1;
          this.delay(member, this.backoff(member.failures));
          return 'failed' as const;
        })
        .then((outcome) => {
          this.active -= 1;
          member.busy = false;
          this.turns.delete(turn);
          if (probe) this.afterProbe(outcome);
          this.schedule(member);
          this.pump();
          this.checkIdle();
        });
      this.turns.add(turn);
    }
  }

  private checkIdle(): void {
    if (this.queue.open !== 0 || this.active !== 0) return;
    for (const resolve of this.idleWaiters.splice(0)) resolve();
  }

  private backoff(failures: number): number {
    const base = Math.min(MAX_BACKOFF_MS, this.retryBaseMs * 2 ** Math.max(0, failures - 1));
    return base * (0.5 + Math.random() * 0.5);
  }

  private delay(member: Member, ms: number): void {
    member.notBefore = Math.max(member.notBefore, monotonic() + ms);
  }

  /** May this turn send now? Not once stopping, and while paused only as the probe. */
  private sending(probe: boolean): boolean {
    return this.running && (this.paused === null || probe);
  }

  // ----- one member's turn ---------------------------------------------------------------------------------

  private async turn(member: Member, probe: boolean): Promise<TurnOutcome> {
    while (member.unknown.length > 0) {
      const settled = await this.settleUnknown(member, member.unknown[0] as Unit);
      if (settled === 'found') return 'nothing';
      if (settled === 'unreachable') return 'failed';
      if (settled === 'account') return 'account';
    }
    const unit = this.queue.formUnit(member, randomBytes(6).toString('base64url'));
    if (!unit) return 'nothing';
    const unwanted = await this.transport.unwanted?.(unit);
    if (unwanted) {
      await this.queue.drop(unit.parts, unwanted);
      return 'nothing';
    }
    if (!this.sending(probe)) return 'nothing';
    await this.queue.markAttempted(unit);
    const outcome = await this.transport
      .send(unit, () => this.sending(probe))
      .catch((error: unknown): SendOutcome => ({ kind: 'unknown', reason: (error as Error)?.message ?? String(error) }));
    return this.settle(member, unit, outcome);
  }

  private async settle(member: Member, unit: Unit, outcome: SendOutcome): Promise<TurnOutcome> {
    const fields = { user: unit.userId, reason: 'reason' in outcome ? outcome.reason : undefined };
    switch (outcome.kind) {
      case 'sent':
        this.queue.markSent(unit, outcome.ref, false);
        member.failures = 0;
        return 'sent';
      case 'unknown':
        member.unknown.push(unit);
        member.failures += 1;
        this.delay(member, this.backoff(member.failures));
        this.log.warn(fields, 'delivery outcome unknown; checking before sending again');
        return 'failed';
      case 'destination':
        this.queue.fail(unit, outcome.reason);
        this.queue.dropAddress(member, unit.to, outcome.reason);
        return 'failed';
      case 'message':
        this.queue.fail(unit, outcome.reason);
        return 'failed';
      case 'later': {
        this.queue.requeue(unit);
        // Stopping or paused meanwhile is no retry: the unit simply waits its next turn.
        if (!this.running || this.paused !== null) return 'nothing';
        this.stats.retried += 1;
        member.failures += 1;
        this.delay(member, Math.max(outcome.retryAfterMs ?? 0, this.backoff(member.failures)));
        this.log.debug(fields, 'delivery not sent; trying again later');
        return 'failed';
      }
      case 'account':
        this.queue.requeue(unit);
        this.pause(outcome.reason, fields);
        return 'account';
      case 'drop':
        void this.queue.drop(unit.parts, outcome.reason).catch(() => undefined);
        return 'nothing';
    }
  }

  /**
   * An attempt with an unknown outcome: did it arrive? Found → sent. Absent → its deliveries are queued
   * again. No answer → asked again later, never sent blind; once the deliveries expire they are given up
   * as "maybe lost".
   */
  private async settleUnknown(member: Member, unit: Unit): Promise<'found' | 'absent' | 'unreachable' | 'account'> {
    const take = (): void => {
      member.unknown = member.unknown.filter((u) => u !== unit);
    };
    const found = await this.transport
      .find(unit, this.queue.knownRefs)
      .catch((error: unknown): FindOutcome => ({ kind: 'unreachable', reason: (error as Error)?.message ?? String(error) }));
    const fields = { user: unit.userId, reason: 'reason' in found ? found.reason : undefined };
    switch (found.kind) {
      case 'found':
        take();
        this.queue.markSent(unit, found.ref, true);
        member.failures = 0;
        this.log.info({ user: unit.userId }, 'a delivery with an unknown outcome had arrived; not sending it again');
        return 'found';
      case 'absent':
        take();
        this.queue.requeue(unit);
        this.stats.retried += 1;
        this.log.info({ user: unit.userId }, 'a delivery with an unknown outcome never arrived; sending it again');
        return 'absent';
      case 'unreachable':
      case 'account':
        if (unit.expiresAt - this.now() < LAST_SECOND_MS) {
          take();
          this.queue.fail(unit, 'maybe lost');
          this.log.warn(fields, 'could not check a delivery with an unknown outcome before it expired: maybe lost');
          return 'unreachable';
        }
        if (found.kind === 'account') {
          this.pause(found.reason, fields);
          return 'account';
        }
        member.failures += 1;
        this.delay(member, this.backoff(member.failures));
        this.log.warn(fields, 'could not check a delivery with an unknown outcome; will ask again');
        return 'unreachable';
    }
  }

  // ----- pause ---------------------------------------------------------------------------------------------

  private pause(reason: string, fields: Record<string, unknown>): void {
    if (this.paused === null) {
      this.paused = reason;
      this.log.error({ ...fields, reason }, `${this.options.label} sending PAUSED: the API refused our account or configuration; nothing is lost, fix it and Fanfare resumes`);
      this.notify(() => this.options.onPause?.(reason));
    }
    this.scheduleProbe(this.pauseProbeMs);
  }

  private scheduleProbe(ms: number): void {
    if (this.probeTimer) clearTimeout(this.probeTimer);
    this.probeTimer = setTimeout(() => {
      this.probeTimer = undefined;
      if (!this.running || this.paused === null) return;
      this.queue.dropExpired();
      this.probeDue = true;
      this.pump();
      this.checkIdle();
    }, ms);
  }

  private afterProbe(outcome: TurnOutcome): void {
    if (this.paused === null) return;
    if (outcome === 'sent') {
      this.log.info({ reason: this.paused }, `${this.options.label} sending resumed`);
      this.paused = null;
      this.probeDue = false;
      if (this.probeTimer) clearTimeout(this.probeTimer);
      this.probeTimer = undefined;
      this.notify(() => this.options.onResume?.());
      return;
    }
    if (outcome === 'account') return; // pause() already set the next probe
    // The probe said nothing about the account (nothing to send, or a per-address answer): try another soon.
    this.scheduleProbe(outcome === 'nothing' ? 0 : Math.min(this.retryBaseMs, this.pauseProbeMs));
  }

  /** A listener's exception must not break the outbox. */
  private notify(call: () => void): void {
    try {
      call();
    } catch (error) {
      this.log.error({ err: (error as Error).message }, 'outbox listener failed');
    }
  }
}
