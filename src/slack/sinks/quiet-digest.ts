/**
 * Quiet hours' other half (SPEC P4). The audience leaves members in their quiet hours out of every DM and
 * SMS; this sink holds the results of their followed matches that end meanwhile (durably, per member),
 * and its scheduler (leader only, just after each minute) queues one summary DM, and one SMS for an active
 * subscription whose level is not off, when their quiet hours end. Exactly once: the summary's id is stable
 * (`quiet/{member}/{end}`) and the DM and SMS outboxes take an id once; the held results are forgotten
 * only after both are queued, so a crash in between queues nothing twice.
 */
import type { Audience } from '../../alerts/audience.js';
import { memberLocale } from '../../alerts/i18n/member-locale.js';
import type { Locale } from '../../alerts/i18n/locales.js';
import { heldResultOf, renderDigestSms, type HeldResult, type PersonalNotice } from '../../alerts/personal.js';
import type { SinkLevel } from '../../alerts/levels.js';
import type { Alert, AlertSink, MatchAlert } from '../../alerts/types.js';
import type { Logger } from '../../log.js';
import type { MemberPrefs } from '../../store/member-prefs.js';
import type { QuietHeldRepo } from '../../store/quiet-held.js';
import { MinuteTicker } from '../../minute-ticker.js';

/** The SMS outbox as the summary needs it (one item per member; the id makes it once). */
/** See QuietDigestOptions.settleMs; rounds run just after it, each minute. */
const SETTLE_MS = 15_000;

export interface SmsQueue {
  enqueue(alertId: string, items: { userId: string; to: string; text: string; coalesceKey: string }[]): Promise<void>;
}

export interface NoticeSink {
  notify(notices: readonly { notice: PersonalNotice; locale: Locale }[]): Promise<void>;
}

export interface QuietDigestOptions {
  audience: Audience;
  held: QuietHeldRepo;
  prefs: { getMany(userIds: readonly string[]): Promise<MemberPrefs[]> };
  subscribers: { getMany(userIds: readonly string[]): Promise<({ phone: string; status: string; alerts: SinkLevel } | undefined)[]> };
  dms: NoticeSink;
  /** null: SMS is off. */
  sms: SmsQueue | null;
  locale: Locale;
  logger: Logger;
  /**
   * A bucket is summed up this long after its quiet hours end, so a result decided just before the end
   * and still being written is in it.
   */
  settleMs?: number;
  /** How often rounds run (default a minute; see MinuteTicker). */
  roundMs?: number;
  now?: () => number;
}

export class QuietDigestSink implements AlertSink {
  private readonly now: () => number;
  private readonly ticker: MinuteTicker;

  constructor(private readonly options: QuietDigestOptions) {
    this.now = options.now ?? Date.now;
    this.ticker = new MinuteTicker(() => this.sendDue(), (error) => options.logger.error({ err: error }, 'quiet-hours summaries not sent; trying again'), (options.settleMs ?? SETTLE_MS) + 1000, this.now, options.roundMs);
  }

  /** Holds each result for the followers in their quiet hours now. */
  async deliver(alerts: readonly Alert[]): Promise<void> {
    for (const alert of alerts) {
      const result = resultOf(alert);
      if (!result) continue;
      const held = await this.options.audience.held(alert);
      const byEnd = new Map<number, string[]>();
      for (const { userId, until } of held) byEnd.set(until, [...(byEnd.get(until) ?? []), userId]);
      for (const [until, userIds] of byEnd) await this.options.held.hold(until, userIds, result, this.now());
      if (held.length > 0) this.options.logger.info({ alert: alert.id, members: held.length }, 'result held for members in their quiet hours');
    }
  }

  /** A round at once (catching up after a restart), then one just after each minute. */
  start(): void {
    this.ticker.start();
  }

  stop(): Promise<void> {
    return this.ticker.stop();
  }

  /** Queues the summaries of every bucket whose quiet hours ended. */
  async sendDue(): Promise<void> {
    const { held } = this.options;
    for (const until of await held.due(this.now() - (this.options.settleMs ?? SETTLE_MS))) {
      const members = (await held.bucket(until)).filter((m) => m.results.length > 0);
      await this.queue(until, members);
      await held.done(until, members.map((m) => m.userId));
    }
  }

  private async queue(until: number, members: { userId: string; results: HeldResult[] }[]): Promise<void> {
    if (members.length === 0) return;
    const { prefs, subscribers, dms, logger } = this.options;
    const userIds = members.map((m) => m.userId);
    const [choices, subscriptions] = await Promise.all([prefs.getMany(userIds), subscribers.getMany(userIds)]);
    const { sms } = this.options;
    const notices: { notice: PersonalNotice; locale: Locale }[] = [];
    for (const [i, { userId, results }] of members.entries()) {
      const p = choices[i] as MemberPrefs;
      const locale = memberLocale(p.language, p.slackLocale, this.options.locale);
      const id = `quiet/${userId}/${until}`;
      if (p.dm !== 'off') notices.push({ notice: { kind: 'quiet-digest', id, userId, results }, locale });
      const subscription = subscriptions[i];
      // SMS off keeps the number and texts nothing, this summary included.
      if (sms && subscription?.status === 'active' && subscription.alerts !== 'off') {
        await sms.enqueue(id, [{ userId, to: subscription.phone, text: renderDigestSms(results, locale), coalesceKey: id }]);
      }
    }
    await dms.notify(notices);
    logger.info({ members: members.length, quietEnd: new Date(until).toISOString() }, 'quiet-hours summaries queued');
  }
}

/** The result a match's end carries (SPEC P4 sums up results); null for any other alert. */
function resultOf(alert: Alert): HeldResult | null {
  if (alert.source !== 'match' || alert.revision > 0) return null;
  const a: MatchAlert = alert;
  if (a.kind === 'match-end') return heldResultOf(a.match, a.extraTime);
  if (a.kind === 'period-end' && a.finalWhistle) return heldResultOf(a.match, a.period === 'extra-time-second-half' || a.period === 'shootout' || a.match.wentToExtraTime);
  return null;
}
