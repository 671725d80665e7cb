/**
 * What Fanfare counts, for /metrics and /healthz (SPEC O4). This is the one module that knows prom-client:
 * the rest of the code calls `metrics.alertPosted('match-reply')` and the like, which only add to a number
 * in memory. prom-client itself (and its process metrics) is loaded at the first scrape, so a Fanfare
 * without HEALTH_PORT never pays for it (about 13 MB of RSS).
 */
import { createRequire } from 'node:module';
import type { Counter, Gauge, Registry } from 'prom-client';

export type Source = 'fifa' | 'espn' | 'twitch';
export type PostedKind = 'match-parent' | 'match-reply' | 'stream-card';

type PromClient = typeof import('prom-client');

/** Counts by label value ('' for a counter without labels). */
type Counts = Map<string, number>;

export class Metrics {
  private built: Registry | null = null;
  private readonly lastGoodPoll = new Map<Source, number>();
  private readonly sources = new Set<Source>();
  private outboxDepth: (() => number) | null = null;
  private dmOutboxDepth: (() => number) | null = null;
  private slackConnected = false;
  private leader = false;
  private readonly alerts: Counts = new Map();
  private readonly smsSentCount: Counts = new Map();
  private readonly smsFailedCount: Counts = new Map();
  private readonly dmSentCount: Counts = new Map();
  private readonly dmFailedCount: Counts = new Map();
  private readonly pollErrors: Counts = new Map();

  constructor(private readonly now: () => number = Date.now) {}

  /** The Prometheus registry, built at the first scrape from what was counted so far. */
  get registry(): Registry {
    this.built ??= this.build(createRequire(import.meta.url)('prom-client') as PromClient);
    return this.built;
  }

  private build(prom: PromClient): Registry {
    const registry = new prom.Registry();
    const counter = (name: string, help: string, label: string | null, counts: Counts): void => {
      const metric: Counter<string> = new prom.Counter({
        name,
        help,
        labelNames: label ? [label] : [],
        registers: [registry],
        collect: () => {
          metric.reset();
          for (const [value, count] of counts) metric.inc(label ? { [label]: value } : {}, count);
        },
      });
    };
    const gauge = (name: string, help: string, labelNames: string[], read: (gauge: Gauge<string>) => void): void => {
      const metric: Gauge<string> = new prom.Gauge({ name, help, labelNames, registers: [registry], collect: () => read(metric) });
    };
    counter('fanfare_alerts_posted_total', 'Slack messages posted: match thread parents, match replies and stream cards', 'kind', this.alerts);
    counter('fanfare_sms_sent_total', 'SMS Twilio accepted (a combined SMS counts once)', null, this.smsSentCount);
    counter(
      'fanfare_sms_failed_total',
      'SMS sends that failed, by class: throttled and unknown are retried, opted-out, number and rejected are given up, config pauses the outbox',
      'class',
      this.smsFailedCount,
    );
    counter('fanfare_dms_sent_total', 'Direct messages to members: personal alerts and notices (codes aside: those go by SMS)', null, this.dmSentCount);
    counter(
      'fanfare_dms_failed_total',
      'Direct messages (alerts and notices) not sent, by class: Slack refused the message, the member or the token (message, channel, auth), left the outcome unknown (read back, then retried), or other (retried)',
      'class',
      this.dmFailedCount,
    );
    counter('fanfare_poll_errors_total', 'Polls of a source that failed (skipped until the next poll)', 'source', this.pollErrors);
    gauge('fanfare_last_good_poll_age_seconds', 'Seconds since the last poll of each source that answered (absent until one has)', ['source'], (metric) => {
      metric.reset();
      for (const source of this.sources) {
        const age = this.lastGoodPollAgeSeconds(source);
        if (age !== null) metric.set({ source }, age);
      }
    });
    gauge('fanfare_outbox_depth', 'SMS deliveries waiting in the outbox', [], (metric) => metric.set(this.outboxDepth?.() ?? 0));
    gauge('fanfare_dm_outbox_depth', 'Alert DMs waiting in the DM outbox', [], (metric) => metric.set(this.dmOutboxDepth?.() ?? 0));
    gauge('fanfare_leader', '1 while this process holds the leader lease: it polls the sources, posts and sends', [], (metric) => metric.set(this.leader ? 1 : 0));
    gauge('fanfare_slack_connected', '1 while the Socket Mode connection to Slack is up', [], (metric) => metric.set(this.slackConnected ? 1 : 0));
    prom.collectDefaultMetrics({ register: registry, prefix: 'fanfare_' });
    return registry;
  }

  alertPosted(kind: PostedKind): void {
    add(this.alerts, kind);
  }

  smsSent(): void {
    add(this.smsSentCount, '');
  }

  smsFailed(failureClass: string): void {
    add(this.smsFailedCount, failureClass);
  }

  dmSent(): void {
    add(this.dmSentCount, '');
  }

  dmFailed(failureClass: string): void {
    add(this.dmFailedCount, failureClass);
  }

  /** One poll of a source: `ok` false when it failed (the source did not answer, or answered nonsense). */
  polled(source: Source, ok: boolean): void {
    this.sources.add(source);
    if (ok) this.lastGoodPoll.set(source, this.now());
    else add(this.pollErrors, source);
  }

  /** A source that is switched on, so /healthz lists it before its first poll. */
  watchSource(source: Source): void {
    this.sources.add(source);
  }

  watchOutbox(depth: () => number): void {
    this.outboxDepth = depth;
  }

  watchDmOutbox(depth: () => number): void {
    this.dmOutboxDepth = depth;
  }

  setSlackConnected(connected: boolean): void {
    this.slackConnected = connected;
  }

  setLeader(leader: boolean): void {
    this.leader = leader;
  }

  isLeader(): boolean {
    return this.leader;
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

function add(counts: Counts, label: string): void {
  counts.set(label, (counts.get(label) ?? 0) + 1);
}
