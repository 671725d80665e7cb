/**
 * Exactly one `stream.online` and one `stream.offline` per followed streamer, delivered to Fanfare's
 * conduit (SPEC T6). `planSubscriptions` is the pure diff between what is followed and what Twitch lists;
 * `Subscriptions` applies it at start and every few minutes, and applies follow changes as they happen.
 */
import type { Logger } from '../../log.js';
import type { HelixClient } from '../helix-client.js';
import { Subscription } from './messages.js';

export const STREAM_TYPES = ['stream.online', 'stream.offline'] as const;
export type StreamSubType = (typeof STREAM_TYPES)[number];

export interface WantedSub {
  type: StreamSubType;
  broadcasterId: string;
}

export interface SubscriptionPlan {
  create: WantedSub[];
  /** Subscription ids to delete: nobody follows, a duplicate, another conduit, or a dead status. */
  remove: string[];
}

/** Statuses after which recreating is pointless: the user or the version is gone for good. */
const FINAL_STATUSES = new Set(['user_removed', 'version_removed']);

/**
 * `existing` is Twitch's list for the stream types; `gone` are broadcasters whose subscriptions Twitch
 * ended for good (not recreated). A subscription that is not `enabled` is deleted, and made again if the
 * streamer is still followed and recreating makes sense (e.g. `authorization_revoked`).
 */
export function planSubscriptions(followed: string[], existing: Subscription[], conduitId: string, gone: ReadonlySet<string> = new Set()): SubscriptionPlan {
  const wanted = new Set(followed.filter((id) => !gone.has(id)));
  const have = new Set<string>();
  const remove: string[] = [];
  const blocked = new Set<string>();
  for (const sub of existing) {
    if (!(STREAM_TYPES as readonly string[]).includes(sub.type)) continue;
    const broadcaster = String(sub.condition.broadcaster_user_id ?? '');
    const key = `${sub.type}/${broadcaster}`;
    const ours = sub.transport.method === 'conduit' && sub.transport.conduit_id === conduitId;
    if (FINAL_STATUSES.has(sub.status)) blocked.add(broadcaster);
    if (!ours || sub.status !== 'enabled' || !wanted.has(broadcaster) || have.has(key) || sub.version !== '1') {
      remove.push(sub.id);
      continue;
    }
    have.add(key);
  }
  const create: WantedSub[] = [];
  for (const broadcasterId of wanted) {
    if (blocked.has(broadcasterId)) continue;
    for (const type of STREAM_TYPES) if (!have.has(`${type}/${broadcasterId}`)) create.push({ type, broadcasterId });
  }
  return { create, remove };
}

interface ListPage {
  data?: unknown[];
  total_cost?: number;
  max_total_cost?: number;
  pagination?: { cursor?: string };
}

export interface SubscriptionsOptions {
  helix: Pick<HelixClient, 'eventsub'>;
  followed: () => Promise<string[]>;
  conduitId: () => Promise<string | null>;
  logger: Logger;
}

export class Subscriptions {
  /** `type/broadcaster` → subscription id, as last listed or created. */
  private readonly known = new Map<string, string>();
  private readonly gone = new Set<string>();
  private lastFollowed: Set<string> | null = null;
  private budgetSaid = false;
  private spare = Infinity;

  constructor(private readonly options: SubscriptionsOptions) {}

  /** Lists Twitch's subscriptions and makes them match the follows. False when Twitch could not be asked. */
  async reconcile(): Promise<boolean> {
    const conduitId = await this.options.conduitId();
    if (!conduitId) return false;
    const followed = await this.options.followed();
    const existing = await this.list();
    if (existing === null) return false;
    const plan = planSubscriptions(followed, existing, conduitId, this.gone);
    this.known.clear();
    for (const sub of existing) {
      if (sub.status === 'enabled' && !plan.remove.includes(sub.id)) this.known.set(`${sub.type}/${String(sub.condition.broadcaster_user_id)}`, sub.id);
    }
    for (const id of plan.remove) await this.remove(id);
    for (const wanted of plan.create) await this.create(wanted, conduitId);
    this.lastFollowed = new Set(followed);
    return true;
  }

  /** Applies follow changes since the last look, without listing (cheap enough to run every few seconds). */
  async sync(): Promise<void> {
    if (this.lastFollowed === null) return void (await this.reconcile());
    const followed = new Set(await this.options.followed());
    const added = [...followed].filter((id) => !this.lastFollowed?.has(id) && !this.gone.has(id));
    const dropped = [...this.lastFollowed].filter((id) => !followed.has(id));
    if (added.length === 0 && dropped.length === 0) return;
    const conduitId = await this.options.conduitId();
    if (!conduitId) return;
    this.lastFollowed = followed;
    for (const broadcasterId of dropped) {
      for (const type of STREAM_TYPES) {
        const id = this.known.get(`${type}/${broadcasterId}`);
        if (id) await this.remove(id);
        this.known.delete(`${type}/${broadcasterId}`);
      }
    }
    for (const broadcasterId of added) for (const type of STREAM_TYPES) await this.create({ type, broadcasterId }, conduitId);
  }

  /** A `revocation` message: forget it; make it again (next sync) unless the user or version is gone. */
  revoked(sub: Subscription): void {
    const broadcaster = String(sub.condition.broadcaster_user_id ?? '');
    this.known.delete(`${sub.type}/${broadcaster}`);
    if (FINAL_STATUSES.has(sub.status)) this.gone.add(broadcaster);
    this.options.logger.warn({ type: sub.type, broadcaster, status: sub.status }, 'eventsub: subscription revoked by Twitch');
    // Forces the next sync to list and reconcile.
    this.lastFollowed = null;
  }

  private async list(): Promise<Subscription[] | null> {
    const all: Subscription[] = [];
    for (const type of STREAM_TYPES) {
      let cursor: string | undefined;
      do {
        const query: [string, string][] = [['type', type]];
        if (cursor) query.push(['after', cursor]);
        const answer = await this.options.helix.eventsub('GET', '/eventsub/subscriptions', query);
        if (!answer || answer.status !== 200) {
          this.options.logger.warn({ status: answer?.status, problem: answer?.problem }, 'eventsub: subscriptions not listed');
          return null;
        }
        const page = answer.body as ListPage;
        for (const item of page.data ?? []) {
          const parsed = Subscription.safeParse(item);
          if (parsed.success) all.push(parsed.data);
        }
        if (typeof page.total_cost === 'number' && typeof page.max_total_cost === 'number') this.spare = page.max_total_cost - page.total_cost;
        cursor = page.pagination?.cursor || undefined;
      } while (cursor);
    }
    return all;
  }

  private async create(wanted: WantedSub, conduitId: string): Promise<void> {
    // Stream subscriptions cost 1 each with an app token... until the budget is spent: then Twitch says 429.
    if (this.spare <= 0) return this.overBudget();
    const answer = await this.options.helix.eventsub('POST', '/eventsub/subscriptions', [], {
      type: wanted.type,
      version: '1',
      condition: { broadcaster_user_id: wanted.broadcasterId },
      transport: { method: 'conduit', conduit_id: conduitId },
    });
    if (answer?.status === 409) return; // it exists: the next reconcile learns its id
    if (answer?.status === 202 || answer?.status === 200) {
      const body = answer.body as ListPage | null;
      const id = (body?.data?.[0] as { id?: unknown } | undefined)?.id;
      if (typeof id === 'string') this.known.set(`${wanted.type}/${wanted.broadcasterId}`, id);
      if (typeof body?.total_cost === 'number' && typeof body.max_total_cost === 'number') this.spare = body.max_total_cost - body.total_cost;
      return;
    }
    if (answer?.status === 429 && /cost/i.test(answer.problem ?? '')) return this.overBudget();
    this.options.logger.warn({ type: wanted.type, broadcaster: wanted.broadcasterId, status: answer?.status, problem: answer?.problem }, 'eventsub: subscription not created; polls cover this streamer');
    // Tried again at the next reconcile.
  }

  private overBudget(): void {
    if (this.budgetSaid) return;
    this.budgetSaid = true;
    this.options.logger.warn('eventsub: the subscription budget (max_total_cost) is spent; polls cover the streamers left out');
  }

  private async remove(id: string): Promise<void> {
    const answer = await this.options.helix.eventsub('DELETE', '/eventsub/subscriptions', [['id', id]]);
    if (answer && answer.status !== 204 && answer.status !== 404) {
      this.options.logger.warn({ status: answer.status, problem: answer.problem }, 'eventsub: subscription not deleted; tried again later');
    }
  }
}
