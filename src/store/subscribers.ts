/**
 * Members' SMS subscriptions. A number is stored only once its owner typed the code (SPEC S2), one per
 * member; stopping SMS deletes it.
 */
import type { SinkLevel } from '../alerts/levels.js';
import type { Store, StoreArea } from './store.js';

/**
 * Which alerts go by SMS: the one place the member's SMS level is kept (member-prefs reads it from here).
 * "off" keeps the number but texts nothing; subscriptions stored before it existed hold one of the others.
 */
export type SmsAlertLevel = SinkLevel;

export type SubscriptionStatus = 'active' | 'opted-out' | 'failed';

export interface Subscription {
  userId: string;
  /** E.164, e.g. "+447400123456". Never logged whole: see maskPhone(). */
  phone: string;
  status: SubscriptionStatus;
  alerts: SmsAlertLevel;
  /** ISO time the code was confirmed. */
  since: string;
  /** Why sending failed (a Twilio error code and message), when status is "failed". */
  failure?: string;
}

/**
 * Subscriptions are read for every alert's fan-out and before every send, so on SQLite (one process
 * owns them) they are kept in memory once read and written through to the store. On a shared store
 * every read goes to the store: a member may subscribe or stop through another replica.
 */
const AREA = 'subscriber';

export class SubscriberRepo {
  private readonly area: StoreArea<Subscription>;
  private readonly known = new Map<string, Subscription | null>();

  constructor(private readonly store: Store) {
    this.area = store.area(AREA);
  }

  async get(userId: string): Promise<Subscription | undefined> {
    // On a shared store another replica may have changed it (a member subscribed or stopped there).
    const cached = this.store.shared ? undefined : this.known.get(userId);
    if (cached !== undefined) return cached ?? undefined;
    // A failed read rejects here, so it is never remembered as "no subscription".
    const stored = await this.area.get(userId);
    if (this.store.shared) return stored;
    if (!this.known.has(userId)) this.known.set(userId, stored ?? null);
    return this.known.get(userId) ?? undefined;
  }

  /** Several members' subscriptions with one store read for those not in memory yet (the audience of an alert). */
  async getMany(userIds: readonly string[]): Promise<(Subscription | undefined)[]> {
    const missing = userIds.filter((userId) => !this.known.has(userId));
    if (missing.length > 0) {
      const stored = await this.area.getMany(missing);
      missing.forEach((userId, i) => {
        if (!this.known.has(userId)) this.known.set(userId, stored[i] ?? null);
      });
    }
    return userIds.map((userId) => this.known.get(userId) ?? undefined);
  }

  /** The code was confirmed: the member's one number, replacing any earlier one (in the per-key update, so no
   *  outbox status change for the old number can land on the new one). */
  async activate(userId: string, phone: string, alerts: SmsAlertLevel, now = new Date()): Promise<Subscription> {
    const subscription: Subscription = { userId, phone, status: 'active', alerts, since: now.toISOString() };
    await this.area.update(userId, () => subscription);
    this.known.set(userId, subscription);
    return subscription;
  }

  /**
   * Changes a subscription in the per-key update. `when` is checked INSIDE it (compare-and-set): e.g. a
   * STOP answer for the old number must not mark a new number opted out, nor "resume" revive a failed one.
   */
  async update(
    userId: string,
    patch: Partial<Pick<Subscription, 'status' | 'alerts' | 'failure'>>,
    when: { phone?: string; status?: SubscriptionStatus } = {},
  ): Promise<Subscription | undefined> {
    const next = await this.area.update(userId, (current) => {
      if (!current) return undefined;
      if (when.phone !== undefined && current.phone !== when.phone) return current;
      if (when.status !== undefined && current.status !== when.status) return current;
      return { ...current, ...patch };
    });
    this.known.set(userId, next ?? null);
    return next;
  }

  async remove(userId: string): Promise<void> {
    await this.area.delete(userId);
    this.known.set(userId, null);
  }

  /** Every member's number goes (the app was uninstalled). */
  async removeAll(): Promise<void> {
    await this.store.deleteArea(AREA);
    this.known.clear();
  }
}
