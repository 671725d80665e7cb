/**
 * The SMS sink's enqueue (SPEC S1): the alert's SMS audience (members with an active subscription who
 * follow its subject and chose that kind of alert), one SMS per member per alert, queued durably.
 */
import type { Audience } from '../alerts/audience.js';
import type { Locale } from '../alerts/i18n/locales.js';
import { memberLocale } from '../alerts/i18n/member-locale.js';
import { smsText, streamSmsText } from '../alerts/sms-text.js';
import type { Alert, AlertSink } from '../alerts/types.js';
import type { Logger } from '../log.js';
import type { OutboxItem } from './outbox.js';

export interface AlertQueue {
  /** Queues the alerts' SMS durably, all before any is sent (so a burst of one match goes as one SMS). */
  enqueueBatch(batch: readonly { alertId: string; items: OutboxItem[] }[]): Promise<void>;
}

export interface SmsFanoutOptions {
  outbox: AlertQueue;
  audience: Audience;
  /** LOCALE: for members who chose no language and whose Slack locale Fanfare does not speak. */
  locale: Locale;
  logger: Logger;
}

export class SmsFanout implements AlertSink {
  constructor(private readonly options: SmsFanoutOptions) {}

  /** Queues every alert's SMS before resolving; queueing the same alert again adds nothing. */
  async deliver(alerts: readonly Alert[]): Promise<void> {
    const { audience, outbox, locale, logger } = this.options;
    const batch: { alertId: string; items: OutboxItem[] }[] = [];
    for (const alert of alerts) {
      const recipients = await audience.of(alert, 'sms');
      if (recipients.length === 0) continue;
      // Rendered once per language, not once per member.
      const texts = new Map<Locale, string>();
      const textIn = (language: Locale) => {
        let text = texts.get(language);
        if (text === undefined) {
          text = alert.source === 'stream' ? streamSmsText(alert, language) : smsText(alert, language);
          texts.set(language, text);
        }
        return text;
      };
      const coalesceKey = alert.source === 'stream' ? `stream/${alert.streamer.id}` : alert.matchKey;
      const items: OutboxItem[] = recipients.map((r) => ({ userId: r.userId, to: r.phone ?? '', text: textIn(memberLocale(r.language, r.slackLocale, locale)), coalesceKey }));
      batch.push({ alertId: alert.id, items });
    }
    if (batch.length === 0) return;
    await outbox.enqueueBatch(batch);
    for (const { alertId, items } of batch) logger.info({ alert: alertId, recipients: items.length }, 'SMS queued');
  }
}
