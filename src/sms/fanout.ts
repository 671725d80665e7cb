/**
 * Turns alerts into SMS deliveries (SPEC S1): only members with an active subscription who follow the
 * alert's subject and chose that kind of alert, one SMS per member per alert, queued durably.
 */
import type { Locale } from '../alerts/i18n/locales.js';
import { smsText, streamSmsText } from '../alerts/sms-text.js';
import type { Alert } from '../alerts/types.js';
import type { Logger } from '../log.js';
import type { StreamAlert } from '../twitch/types.js';
import type { FollowRepo } from '../store/follows.js';
import type { SubscriberRepo } from '../store/subscribers.js';
import type { OutboxItem } from './outbox.js';
import { levelIncludes, smsLevelOf, teamsOf } from './routing.js';

export interface AlertQueue {
  enqueue(alertId: string, items: OutboxItem[]): Promise<void>;
}

export interface SmsFanoutOptions {
  outbox: AlertQueue;
  follows: FollowRepo;
  subscribers: SubscriberRepo;
  locale: Locale;
  logger: Logger;
}

export class SmsFanout {
  constructor(private readonly options: SmsFanoutOptions) {}

  /** Queues every alert's SMS before resolving; queueing the same alert again adds nothing. */
  async deliver(alerts: Alert[]): Promise<void> {
    for (const alert of alerts) {
      const items = await this.recipients(alert);
      if (items.length === 0) continue;
      await this.options.outbox.enqueue(alert.id, items);
      this.options.logger.info({ alert: alert.id, recipients: items.length }, 'SMS queued');
    }
  }

  /** Stream alerts go to the streamer's followers whatever their SMS choice: they follow that streamer. */
  async deliverStreams(alerts: StreamAlert[]): Promise<void> {
    const { follows, subscribers, locale, outbox, logger } = this.options;
    for (const alert of alerts) {
      const text = streamSmsText(alert, locale);
      const items: OutboxItem[] = [];
      for (const userId of await follows.followersOfStreamer(alert.streamer.id)) {
        const subscription = await subscribers.get(userId);
        if (subscription?.status === 'active') items.push({ userId, to: subscription.phone, text, coalesceKey: `stream/${alert.streamer.id}` });
      }
      if (items.length === 0) continue;
      await outbox.enqueue(alert.id, items);
      logger.info({ alert: alert.id, recipients: items.length }, 'SMS queued');
    }
  }

  private async recipients(alert: Alert): Promise<OutboxItem[]> {
    const level = smsLevelOf(alert);
    if (level === null) return [];
    const { follows, subscribers, locale } = this.options;
    const followers = new Set((await Promise.all(teamsOf(alert).map((team) => follows.followersOfTeam(team)))).flat());
    if (followers.size === 0) return [];
    const text = smsText(alert, locale);
    const items: OutboxItem[] = [];
    for (const userId of followers) {
      const subscription = await subscribers.get(userId);
      if (subscription?.status !== 'active' || !levelIncludes(subscription.alerts, level)) continue;
      items.push({ userId, to: subscription.phone, text, coalesceKey: alert.matchKey });
    }
    return items;
  }
}
