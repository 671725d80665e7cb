/**
 * What Fanfare counts, for /metrics and /healthz (SPEC O4). This is the one module that knows prom-client:
 * the rest of the code calls `metrics.alertPosted('match-reply')` and the like, which cost nothing when
 * HEALTH_PORT is unset (nobody scrapes them).
 */
import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';

export type Source = 'fifa' | 'twitch';
export type PostedKind = 'match-parent' | 'match-reply' | 'stream-card';

export class Metrics {
  readonly registry = new Registry();
  private readonly lastGoodPoll = new Map<Source, number>();
  private readonly sources = new Set<Source>();
  private outboxDepth: (() => number) | null = null;
  private slackConnected = false;

  private readonly alerts = new Counter({
    name: 'fanfare_alerts_posted_total',
    help: 'Slack messages posted: match thread parents, match replies and stream cards',
    labelNames: ['kind'],
    registers: [this.registry],
  });
  private readonly smsSentCounter = new Counter({ name: 'fanfare_sms_sent_total', help: 'SMS Twilio accepted (a combined SMS counts once)', registers: [this.registry] });
  private readonly smsFailedCounter = new Counter({
    name: 'fanfare_sms_failed_total',
    help: 'SMS sends that failed, by class: throttled and unknown are retried, opted-out, number and rejected are given up, config pauses the outbox',
    labelNames: ['class'],
    registers: [this.registry],
  });
  private readonly dmSentCounter = new Counter({ name: 'fanfare_dms_sent_total', help: 'Direct messages to members (codes aside: those go by SMS)', registers: [this.registry] });
  private readonly dmFailedCounter = new Counter({
    name: 'fanfare_dms_failed_total',
    help: 'Direct messages Slack refused (class message, channel or auth) or left unknown',
    labelNames: ['class'],
    registers: [this.registry],
  });
  private readonly pollErrors = new Counter({
    name: 'fanfare_poll_errors_total',
    help: 'Polls of a source that failed (skipped until the next poll)',
    labelNames: ['source'],
    registers: [this.registry],
  });

  constructor(private readonly now: () => number = Date.now) {
    this.gauge('fanfare_last_good_poll_age_seconds', 'Seconds since the last poll of each source that answered (absent until one has)', ['source'], (gauge) => {
      gauge.reset();
      for (const source of this.sources) {
        const age = this.lastGoodPollAgeSeconds(source);
        if (age !== null) gauge.set({ source }, age);
      }
    });
    this.gauge('fanfare_outbox_depth', 'SMS deliveries waiting in the outbox', [], (gauge) => gauge.set(this.outboxDepth?.() ?? 0));
    this.gauge('fanfare_leader', '1 when this process polls the sources, posts and sends (one process runs everything for now)', [], (gauge) => gauge.set(1));
    this.gauge('fanfare_slack_connected', '1 while the Socket Mode connection to Slack is up', [], (gauge) => gauge.set(this.slackConnected ? 1 : 0));
    collectDefaultMetrics({ register: this.registry, prefix: 'fanfare_' });
  }

  /** A gauge read when scraped. */
  private gauge(name: string, help: string, labelNames: string[], read: (gauge: Gauge<string>) => void): void {
    const gauge: Gauge<string> = new Gauge({ name, help, labelNames, registers: [this.registry], collect: () => read(gauge) });
  }

  alertPosted(kind: PostedKind): void {
    this.alerts.inc({ kind });
  }

  smsSent(): void {
    this.smsSentCounter.inc();
  }

  smsFailed(failureClass: string): void {
    this.smsFailedCounter.inc({ class: failureClass });
  }

  dmSent(): void {
    this.dmSentCounter.inc();
  }

  dmFailed(failureClass: string): void {
    this.dmFailedCounter.inc({ class: failureClass });
  }

  /** One poll of a source: `ok` false when it failed (the source did not answer, or answered nonsense). */
  polled(source: Source, ok: boolean): void {
    this.sources.add(source);
    if (ok) this.lastGoodPoll.set(source, this.now());
    else this.pollErrors.inc({ source });
  }

  /** A source that is switched on, so /healthz lists it before its first poll. */
  watchSource(source: Source): void {
    this.sources.add(source);
  }

  watchOutbox(depth: () => number): void {
    this.outboxDepth = depth;
  }

  setSlackConnected(connected: boolean): void {
    this.slackConnected = connected;
  }

  isSlackConnected(): boolean {
    return this.slackConnected;
  }

  lastGoodPollAgeSeconds(source: Source): number | null {
    const at = this.lastGoodPoll.get(source);
    return at === undefined ? null : Math.max(0, Math.round((this.now() - at) / 1000));
  }

  watchedSources(): Source[] {
    return [...this.sources].sort();
  }
}

/** The process's metrics; call sites use this one. */
export const metrics = new Metrics();
