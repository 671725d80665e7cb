/**
 * Owns stream cards: one card per streaming session in the match channel, refreshed while live, edited
 * to "ended" with a reply giving the duration. Like match threads, every post is marked attempted before
 * it is sent and carries metadata, so after a crash the channel is read back and nothing appears twice.
 */
import type { webApi } from '@slack/bolt';
import type { Locale } from '../alerts/i18n/locales.js';
import { renderStreamCard, renderStreamEndedReply } from '../alerts/stream-card.js';
import type { SlackMessage } from '../alerts/slack-blocks.js';
import type { Logger } from '../log.js';
import type { CardOp, StreamCardRecord, StreamCardRepo } from '../store/stream-cards.js';
import type { ObservedStream, StreamerRef } from '../alerts/types.js';
import { PacedSlack, RECONCILE_WINDOW_SECONDS, SlackHeld, SlackOutcomeUnknown, SlackRefusal } from './slack-calls.js';
import { metrics } from '../ops/metrics.js';

type WebClient = webApi.WebClient;

export const CARD_EVENT_TYPE = 'fanfare_stream';
export const CARD_END_EVENT_TYPE = 'fanfare_stream_end';

export interface StreamPosterOptions {
  client: WebClient;
  cards: StreamCardRepo;
  locale: Locale;
  logger: Logger;
  slack?: PacedSlack;
  /** The channel cards go to now (the admin's pick, else SLACK_CHANNEL): a card not posted yet follows it. */
  channel?: () => Promise<string | null>;
  now?: () => number;
}

interface Row {
  ts?: string;
  metadata?: { event_type?: string; event_payload?: Record<string, unknown> };
}

export class StreamPoster {
  private readonly slack: PacedSlack;
  private readonly now: () => number;

  constructor(private readonly options: StreamPosterOptions) {
    this.slack = options.slack ?? new PacedSlack();
    this.now = options.now ?? Date.now;
  }

  /** Works through every session with card work queued. */
  async flushAll(): Promise<void> {
    for (const sessionId of await this.options.cards.open()) await this.flush(sessionId);
  }

  async flush(sessionId: string): Promise<void> {
    const log = this.options.logger.child({ session: sessionId });
    let record = await this.options.cards.get(sessionId);
    if (record && !record.ts) record = await this.rehome(record);
    // A held channel (or a refused token) keeps its cards queued until its next probe.
    if (!record || this.slack.isHeld(record.channel)) return;
    try {
      while (record && record.pending.length > 0) {
        record = await this.apply(record, record.pending[0] as CardOp);
      }
    } catch (error) {
      if (error instanceof SlackHeld) return;
      if (error instanceof SlackOutcomeUnknown) {
        log.warn({ err: error.message }, 'Slack did not answer; will check the channel and retry on the next poll');
        return;
      }
      if (error instanceof SlackRefusal && error.kind !== 'message') return; // held, and logged once by PacedSlack
      if (error instanceof SlackRefusal) {
        log.error({ err: error.message }, 'Slack refused a stream card');
        await this.options.cards.update(sessionId, (r) => ({ ...r, pending: r.pending.slice(1) }));
        return;
      }
      throw error;
    }
  }

  /** A card never posted goes where cards go now: its old channel may be the one refusing Fanfare. */
  private async rehome(record: StreamCardRecord): Promise<StreamCardRecord> {
    const target = await this.options.channel?.();
    if (!target || target === record.channel) return record;
    this.options.logger.info({ session: record.sessionId, from: record.channel, to: target }, 'stream card not posted yet: moving it to the picked channel');
    return this.options.cards.update(record.sessionId, (r) => (r.ts ? r : { ...r, channel: target, attempted: false, attemptedAt: null }));
  }

  private async apply(record: StreamCardRecord, op: CardOp): Promise<StreamCardRecord> {
    const { cards } = this.options;
    const done = (patch: Partial<StreamCardRecord> = {}) => cards.update(record.sessionId, (r) => ({ ...r, ...patch, pending: r.pending.slice(1) }));
    switch (op.kind) {
      case 'live': {
        if (record.ts) return done();
        if (record.attempted) {
          const ts = await this.readBack(record, 'card', () => this.findCard(record), null);
          if (ts) return done({ ts, attempted: false });
        }
        await this.slack.join(this.options.client, record.channel);
        const attemptedAt = record.attemptedAt ?? Math.floor(this.now() / 1000);
        await cards.update(record.sessionId, (r) => ({ ...r, attempted: true, attemptedAt }));
        const { ts, noImages } = await this.postCard(record, op.alert.streamer, op.alert.stream).catch(async (error: unknown) => {
          // Definitely not posted (held channel or token): no read-back needed later.
          if (isHold(error)) await cards.update(record.sessionId, (r) => ({ ...r, attempted: record.attempted }));
          throw error;
        });
        this.options.logger.info({ session: record.sessionId, streamer: op.alert.streamer.id }, 'posted stream card');
        metrics.alertPosted('stream-card');
        return done({ ts, attempted: false, noImages });
      }
      case 'refresh': {
        if (!record.ts) return done();
        const noImages = await this.updateCard(record, op.streamer, op.stream, true);
        return done({ noImages });
      }
      case 'ended': {
        if (!record.ts) return done();
        const noImages = await this.updateCard(record, op.alert.streamer, op.alert.stream, false, op.alert.durationSeconds);
        if (record.endAttempted && (await this.readBack(record, 'ended reply', () => this.findEndReply(record), false))) {
          return done({ noImages, endAttempted: false });
        }
        await cards.update(record.sessionId, (r) => ({ ...r, endAttempted: true }));
        const reply = renderStreamEndedReply(op.alert, this.options.locale);
        await this.slack.write(record.channel, () =>
          this.options.client.chat.postMessage({
            channel: record.channel,
            thread_ts: record.ts as string,
            ...reply,
            unfurl_links: false,
            unfurl_media: false,
            metadata: { event_type: CARD_END_EVENT_TYPE, event_payload: { session_id: record.sessionId } },
          }),
        );
        return done({ noImages, endAttempted: false });
      }
    }
  }

  /**
   * A read-back Slack refuses (not_in_channel in a channel Fanfare could not join, a vanished card) must
   * not drop the card: it is posted again, as a match reply would be. Auth refusals and unknown outcomes
   * are thrown (held, or retried next poll).
   */
  private async readBack<T>(record: StreamCardRecord, what: string, read: () => Promise<T>, otherwise: T): Promise<T> {
    try {
      return await read();
    } catch (error) {
      if (!(error instanceof SlackRefusal) || error.kind === 'auth') throw error;
      this.options.logger.error({ session: record.sessionId, err: error.message }, `cannot read the ${what} back; posting it again`);
      return otherwise;
    }
  }

  private card(streamer: StreamerRef, stream: ObservedStream, live: boolean, withImages: boolean, endedDurationSeconds?: number): SlackMessage {
    return renderStreamCard({ streamer, stream, live, withImages, now: this.now(), ...(endedDurationSeconds !== undefined ? { endedDurationSeconds } : {}) }, this.options.locale);
  }

  /** Posts the card; when Slack cannot download an image, the whole post fails, so it goes again without. */
  private async postCard(record: StreamCardRecord, streamer: StreamerRef, stream: ObservedStream): Promise<{ ts: string; noImages: boolean }> {
    const post = (withImages: boolean) =>
      this.slack.write(record.channel, () =>
        this.options.client.chat.postMessage({
          channel: record.channel,
          ...this.card(streamer, stream, true, withImages),
          unfurl_links: false,
          unfurl_media: false,
          metadata: { event_type: CARD_EVENT_TYPE, event_payload: { session_id: record.sessionId, streamer_id: streamer.id } },
        }),
      );
    try {
      const posted = await post(!record.noImages);
      return { ts: posted.ts as string, noImages: record.noImages };
    } catch (error) {
      if (!isImageRefusal(error) || record.noImages) throw error;
      this.options.logger.warn({ session: record.sessionId }, 'Slack could not fetch the stream images; posting the card without them');
      const posted = await post(false);
      return { ts: posted.ts as string, noImages: true };
    }
  }

  private async updateCard(record: StreamCardRecord, streamer: StreamerRef, stream: ObservedStream, live: boolean, durationSeconds?: number): Promise<boolean> {
    // An edit: chat.update's own lane (slack-calls.ts), after every match edit queued there.
    const update = (withImages: boolean) =>
      this.slack.edit(record.channel, () =>
        this.options.client.chat.update({
          channel: record.channel,
          ts: record.ts as string,
          ...this.card(streamer, stream, live, withImages, durationSeconds),
          metadata: { event_type: CARD_EVENT_TYPE, event_payload: { session_id: record.sessionId, streamer_id: streamer.id } },
        }),
      );
    try {
      await update(!record.noImages);
      return record.noImages;
    } catch (error) {
      if (!isImageRefusal(error) || record.noImages) throw error;
      await update(false);
      return true;
    }
  }

  private async findCard(record: StreamCardRecord): Promise<string | null> {
    const page = await this.slack.read(() =>
      this.options.client.conversations.history({
        channel: record.channel,
        oldest: String((record.attemptedAt ?? 0) - RECONCILE_WINDOW_SECONDS),
        include_all_metadata: true,
        limit: 200,
      }),
    );
    const found = ((page.messages ?? []) as Row[]).find(
      (m) => m.metadata?.event_type === CARD_EVENT_TYPE && m.metadata.event_payload?.session_id === record.sessionId,
    );
    return found?.ts ?? null;
  }

  private async findEndReply(record: StreamCardRecord): Promise<boolean> {
    const page = await this.slack.read(() =>
      this.options.client.conversations.replies({ channel: record.channel, ts: record.ts as string, include_all_metadata: true, limit: 200 }),
    );
    return ((page.messages ?? []) as Row[]).some(
      (m) => m.metadata?.event_type === CARD_END_EVENT_TYPE && m.metadata.event_payload?.session_id === record.sessionId,
    );
  }

  drain(): Promise<void> {
    return this.slack.drain();
  }
}

function isHold(error: unknown): boolean {
  return error instanceof SlackHeld || (error instanceof SlackRefusal && error.kind !== 'message');
}

/** invalid_blocks with "downloading image failed" (slack.md §7): the images, not the card, are the problem. */
function isImageRefusal(error: unknown): boolean {
  return error instanceof SlackRefusal && error.error === 'invalid_blocks';
}
