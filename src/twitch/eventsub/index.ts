/**
 * EventSub through a conduit (SPEC T6/T7): a WebSocket session attached to the conduit's shard 0, the
 * stream subscriptions kept in line with the follows, and each stream.online/offline handed to the
 * stream loop, whose tracker stays the one judge. Anything failing here leaves the polls working alone.
 */
import type { Logger } from '../../log.js';
import { RecentIds } from '../../slack/recent-ids.js';
import type { Store } from '../../store/store.js';
import type { HelixClient } from '../helix-client.js';
import type { StreamEvent } from '../tracker.js';
import { Conduit } from './conduit.js';
import { NotificationPayload, RevocationPayload, StreamOfflineEvent, StreamOnlineEvent, type Frame } from './messages.js';
import { EventSubSocket } from './socket.js';
import { Subscriptions } from './subscriptions.js';

export interface EventSubOptions {
  url: string;
  helix: Pick<HelixClient, 'eventsub'>;
  store: Store;
  followed: () => Promise<string[]>;
  onEvent: (event: StreamEvent) => Promise<void>;
  logger: Logger;
  /** Follow changes are looked for this often (a local read). */
  syncEveryMs?: number;
  /** Twitch's list is reconciled this often. */
  reconcileEveryMs?: number;
  /** Longest wait between two attempts to reach EventSub. */
  retryMaxMs?: number;
  now?: () => number;
}

export class EventSub {
  private readonly conduit: Conduit;
  private readonly subs: Subscriptions;
  private readonly socket: EventSubSocket;
  /** Twitch has sent one stream.online twice under two message ids (twitchdev/issues#918). */
  private readonly streamIds = new RecentIds(1000);
  private readonly now: () => number;
  private timer: NodeJS.Timeout | undefined;
  private syncing: Promise<void> | null = null;
  private lastReconcile = 0;
  private stopped = false;

  constructor(private readonly options: EventSubOptions) {
    this.now = options.now ?? Date.now;
    this.conduit = new Conduit(options.helix, options.store.area<string>('eventsub'), options.logger);
    this.subs = new Subscriptions({ helix: options.helix, followed: options.followed, conduitId: () => this.conduit.ensure(), logger: options.logger });
    this.socket = new EventSubSocket({
      url: options.url,
      onSession: (sessionId) => this.conduit.attach(sessionId),
      onFrame: (frame) => this.receive(frame),
      logger: options.logger,
    });
  }

  /**
   * The conduit first: without one a session would only be closed by Twitch 10 s after its welcome. While
   * Twitch refuses conduits (a 4xx, or unreachable), it is asked again with backoff and the polls work alone.
   */
  start(): void {
    this.stopped = false;
    void this.begin(0);
  }

  private async begin(failures: number): Promise<void> {
    const conduitId = await this.conduit.ensure().catch(() => null);
    if (this.stopped) return;
    if (!conduitId) {
      if (failures === 0) this.options.logger.warn({ problem: this.conduit.problem }, 'eventsub: unavailable; polls carry on alone, retrying with backoff');
      const delay = Math.min(this.options.retryMaxMs ?? 10 * 60_000, 5_000 * 2 ** Math.min(failures, 10));
      this.timer = setTimeout(() => void this.begin(failures + 1), delay);
      return;
    }
    if (failures > 0) this.options.logger.info('eventsub: available again');
    this.socket.start();
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    this.socket.stop();
    await this.syncing;
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.syncing = this.tick()
        .catch((error: unknown) => this.options.logger.warn({ err: error }, 'eventsub: subscriptions not synced; trying again'))
        .finally(() => {
          this.syncing = null;
          this.schedule(this.options.syncEveryMs ?? 2_000);
        });
    }, ms);
  }

  private async tick(): Promise<void> {
    if (this.now() - this.lastReconcile >= (this.options.reconcileEveryMs ?? 10 * 60_000)) {
      if (await this.subs.reconcile()) this.lastReconcile = this.now();
      return;
    }
    await this.subs.sync();
  }

  private receive(frame: Frame): void {
    if (frame.metadata.message_type === 'revocation') {
      const parsed = RevocationPayload.safeParse(frame.payload);
      if (parsed.success) this.subs.revoked(parsed.data.subscription);
      return;
    }
    const parsed = NotificationPayload.safeParse(frame.payload);
    if (!parsed.success) return;
    const event = this.toStreamEvent(parsed.data.subscription.type, parsed.data.event);
    if (!event) return;
    this.options.onEvent(event).catch((error: unknown) => this.options.logger.error({ err: error }, 'eventsub: event not handled; the next poll catches up'));
  }

  private toStreamEvent(type: string, raw: Record<string, unknown>): StreamEvent | null {
    if (type === 'stream.online') {
      const e = StreamOnlineEvent.safeParse(raw);
      // Reruns, premieres and watch parties are not "went live".
      if (!e.success || e.data.type !== 'live' || !this.streamIds.firstSeen(e.data.id)) return null;
      return { kind: 'online', at: this.now(), streamer: this.ref(e.data), streamId: e.data.id, startedAt: e.data.started_at };
    }
    if (type === 'stream.offline') {
      const e = StreamOfflineEvent.safeParse(raw);
      return e.success ? { kind: 'offline', at: this.now(), streamer: this.ref(e.data) } : null;
    }
    return null;
  }

  private ref(e: { broadcaster_user_id: string; broadcaster_user_login: string; broadcaster_user_name: string }): StreamEvent['streamer'] {
    return { id: e.broadcaster_user_id, login: e.broadcaster_user_login, displayName: e.broadcaster_user_name || e.broadcaster_user_login, profileImageUrl: null };
  }
}
