/**
 * The streamer polling loop: every TWITCH_POLL_SECONDS the followed streamers' live streams (⌈n/100⌉
 * requests) go through the stream tracker into stream cards and SMS. A failed poll is skipped, never
 * read as "everyone went offline".
 */
import type { AlertSink } from '../alerts/types.js';
import { DurableQueue } from '../durable-queue.js';
import type { Logger } from '../log.js';
import type { FollowRepo } from '../store/follows.js';
import type { Store, StoreArea } from '../store/store.js';
import type { StreamCardRepo } from '../store/stream-cards.js';
import type { StreamerRepo } from '../store/streamers.js';
import { Ticker } from '../ticker.js';
import type { HelixClient } from './helix-client.js';
import { trackEvent, trackStreams, type StreamEvent, type StreamTrackerState, type StreamTrackResult } from './tracker.js';
import type { ObservedStream, StreamAlert } from './types.js';
import { metrics } from '../ops/metrics.js';

/** The per-member sinks (DM, SMS): stream alerts reach them through the same `deliver` as match alerts. */
export type StreamAlertSink = AlertSink;

export interface TwitchLoopOptions {
  helix: Pick<HelixClient, 'liveStreams' | 'validate' | 'usersById'>;
  follows: FollowRepo;
  streamers: StreamerRepo;
  cards: StreamCardRepo;
  store: Store;
  poster: { flushAll(): Promise<void> };
  sms: StreamAlertSink | null;
  /** Where cards go: the admin's pick, else SLACK_CHANNEL. */
  channel: () => Promise<string | null>;
  pollSeconds: number;
  offlineGraceSeconds: number;
  logger: Logger;
  now?: () => number;
}

const VALIDATE_EVERY_MS = 3600_000;
/** Logins can be renamed; cards and the App Home show the current names after this long at most. */
const RENAME_CHECK_EVERY_MS = 24 * 3600_000;

export class TwitchLoop {
  private readonly ticker: Ticker;
  private readonly state: StoreArea<StreamTrackerState>;
  private readonly now: () => number;
  private lastValidated = 0;
  private lastRenameCheck = 0;
  private posting: Promise<void> | null = null;
  /** Polls and EventSub events update the tracker state one at a time (read, judge, write). */
  private judging: Promise<unknown> = Promise.resolve();
  /** Stream alerts waiting for the SMS fan-out, which runs in the background like the match alerts'. */
  private readonly fanout: DurableQueue<StreamAlert> | null;

  constructor(private readonly options: TwitchLoopOptions) {
    this.now = options.now ?? Date.now;
    this.state = options.store.area('stream-tracker');
    const sms = options.sms;
    this.fanout = sms
      ? new DurableQueue<StreamAlert>({
          area: options.store.area<StreamAlert[]>('fanout'),
          key: 'stream-alerts',
          identity: (alert) => alert.id,
          work: (alerts) => sms.deliver(alerts),
          retryMs: 10_000,
          timeoutMs: 120_000,
          logger: options.logger,
          what: 'SMS fan-out of stream alerts',
        })
      : null;
    this.ticker = new Ticker(options.pollSeconds * 1000, () => this.poll(), (error) => options.logger.error({ err: error }, 'stream poll failed; trying again next time'));
  }

  async start(): Promise<void> {
    this.lastValidated = this.now();
    this.fanout?.kick();
    await this.poll().catch((error: unknown) => this.options.logger.error({ err: error }, 'stream poll failed; trying again next time'));
    this.ticker.start();
  }

  async stop(): Promise<void> {
    await this.ticker.stop();
    await Promise.all([this.posting, this.fanout?.stop()]);
  }

  async poll(): Promise<void> {
    const { helix, follows, streamers } = this.options;
    // Twitch asks apps to validate their token hourly.
    if (this.now() - this.lastValidated >= VALIDATE_EVERY_MS) {
      this.lastValidated = this.now();
      await helix.validate();
    }
    const ids = await follows.followedStreamers();
    if (this.now() - this.lastRenameCheck >= RENAME_CHECK_EVERY_MS) {
      this.lastRenameCheck = this.now();
      await this.refreshNames(ids);
    }
    const followed = await streamers.getMany(ids);
    const live = ids.length > 0 ? await helix.liveStreams(ids) : [];
    metrics.polled('twitch', live !== null);
    if (live === null) return; // logged by the client; this poll is skipped
    const observed: ObservedStream[] = live.map((s) => ({
      id: s.id,
      userId: s.userId,
      title: s.title,
      gameName: s.gameName,
      viewerCount: s.viewerCount,
      startedAt: s.startedAt,
      thumbnailUrl: s.thumbnailUrl,
    }));
    await this.judge((prev) => trackStreams(prev, { at: this.now(), live: observed, followed }, { offlineGraceMs: this.options.offlineGraceSeconds * 1000 }));
  }

  /**
   * An EventSub event (T7): judged by the same tracker as the polls, so the live card and the alerts go out
   * now, and a stream a poll already announced is no news. Events about streamers nobody follows are dropped.
   */
  async onEvent(event: StreamEvent): Promise<void> {
    const ids = await this.options.follows.followedStreamers();
    if (!ids.includes(event.streamer.id)) return;
    const [known] = await this.options.streamers.getMany([event.streamer.id]);
    const streamer = known ?? event.streamer;
    await this.judge((prev) => trackEvent(prev, { ...event, streamer }));
  }

  private judge(track: (prev: StreamTrackerState | undefined) => StreamTrackResult): Promise<void> {
    const run = this.judging.then(async () => {
      const channel = await this.options.channel();
      if (!channel) {
        this.options.logger.warn('no channel for stream cards yet: set SLACK_CHANNEL or pick one in the App Home');
        return;
      }
      await this.apply(track(await this.state.get('state')), channel);
    });
    this.judging = run.catch(() => undefined);
    return run;
  }

  private async apply(result: StreamTrackResult, channel: string): Promise<void> {
    const { cards, logger } = this.options;
    // Card work and SMS are queued durably before the tracker moves on; both are idempotent per alert.
    for (const alert of result.alerts) {
      await cards.enqueue(alert.sessionId, channel, alert.kind === 'stream-live' ? { kind: 'live', alert } : { kind: 'ended', alert });
    }
    for (const refresh of result.refresh) {
      await cards.enqueue(refresh.sessionId, channel, { kind: 'refresh', streamer: refresh.streamer, stream: refresh.stream });
    }
    await this.fanout?.add(result.alerts);
    await this.state.set('state', result.state);
    for (const alert of result.alerts) logger.info({ streamer: alert.streamer.id, kind: alert.kind }, 'stream alert');
    this.postInBackground();
    if (result.alerts.length > 0) this.fanout?.kick();
  }

  /** Streamers are kept by user id (SPEC T5): a renamed login keeps its followers and shows its new name. */
  private async refreshNames(ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    const users = await this.options.helix.usersById(ids);
    for (const user of users ?? []) {
      await this.options.streamers.save({ id: user.id, login: user.login, displayName: user.displayName, profileImageUrl: user.profileImageUrl });
    }
  }

  /** Cards are paced like every Slack post: polls do not wait for them. */
  private postInBackground(): void {
    if (this.posting) return;
    this.posting = this.options.poster
      .flushAll()
      .catch((error: unknown) => this.options.logger.error({ err: error }, 'stream cards not posted; trying again next poll'))
      .finally(() => {
        this.posting = null;
      });
  }
}
