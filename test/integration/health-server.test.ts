/**
 * GET /healthz and GET /metrics over real HTTP (SPEC O4): 200 only while Slack is connected and a store
 * read answers, 503 with the same JSON otherwise; Prometheus text that follows what the app counts.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startHealthServer, type HealthServer } from '../../src/ops/health-server.js';
import { Metrics } from '../../src/ops/metrics.js';
import { openStore, type Store } from '../../src/store/store.js';

let server: HealthServer | undefined;
let store: Store | undefined;

afterEach(async () => {
  await server?.close();
  await store?.close();
  server = undefined;
  store = undefined;
});

async function serve(metrics: Metrics, checkStore: () => Promise<unknown>): Promise<string> {
  server = await startHealthServer({ port: 0, host: '127.0.0.1', metrics, checkStore });
  return `http://127.0.0.1:${server.port}`;
}

async function realStoreRead(): Promise<() => Promise<unknown>> {
  store = await openStore('sqlite://:memory:');
  const area = store.area<never>('health');
  return () => area.get('check');
}

async function health(base: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${base}/healthz`);
  expect(response.headers.get('content-type')).toBe('application/json');
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('/healthz', () => {
  it('answers 200 with the status when Slack is connected and the store answers', async () => {
    let now = 1_000_000;
    const metrics = new Metrics(() => now);
    metrics.setSlackConnected(true);
    metrics.setLeader(true);
    metrics.watchSource('twitch');
    metrics.polled('fifa', true);
    now += 42_000;
    const base = await serve(metrics, await realStoreRead());

    const { status, body } = await health(base);
    expect(status).toBe(200);
    expect(body).toEqual({
      ok: true,
      slack: { connected: true },
      store: { ok: true },
      leader: true,
      sources: { fifa: { lastGoodPollAgeSeconds: 42 }, twitch: { lastGoodPollAgeSeconds: null } },
    });
  });

  it('answers 503 while Slack is disconnected, and 200 again once it reconnects', async () => {
    const metrics = new Metrics();
    const base = await serve(metrics, await realStoreRead());
    expect((await health(base)).status).toBe(503);
    metrics.setSlackConnected(true);
    expect((await health(base)).status).toBe(200);
    metrics.setSlackConnected(false);
    const { status, body } = await health(base);
    expect(status).toBe(503);
    expect(body).toMatchObject({ ok: false, slack: { connected: false }, store: { ok: true } });
  });

  it('answers 503 naming the cause when a store read fails', async () => {
    const metrics = new Metrics();
    metrics.setSlackConnected(true);
    const base = await serve(metrics, () => Promise.reject(new Error('connection refused')));
    const { status, body } = await health(base);
    expect(status).toBe(503);
    expect(body).toMatchObject({ ok: false, slack: { connected: true }, store: { ok: false, error: 'connection refused' } });
  });

  it('answers 503 when a store read hangs, without hanging itself', async () => {
    const metrics = new Metrics();
    metrics.setSlackConnected(true);
    const base = await serve(metrics, () => new Promise(() => undefined));
    const { status, body } = await health(base);
    expect(status).toBe(503);
    expect(body).toMatchObject({ store: { ok: false, error: expect.stringContaining('no answer') } });
  });
});

describe('/metrics', () => {
  it('answers Prometheus text that follows what was counted', async () => {
    const metrics = new Metrics();
    metrics.setSlackConnected(true);
    metrics.watchOutbox(() => 7);
    metrics.watchDmOutbox(() => 3);
    metrics.alertPosted('match-parent');
    metrics.alertPosted('match-reply');
    metrics.alertPosted('match-reply');
    metrics.alertPosted('stream-card');
    metrics.smsSent();
    metrics.smsFailed('number');
    metrics.smsFailed('throttled');
    metrics.dmSent();
    metrics.dmFailed('channel');
    metrics.polled('fifa', false);
    metrics.polled('fifa', true);
    metrics.polled('twitch', false);
    metrics.setLeader(true);
    const base = await serve(metrics, async () => undefined);

    const response = await fetch(`${base}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain');
    const text = await response.text();
    for (const line of [
      'fanfare_alerts_posted_total{kind="match-parent"} 1',
      'fanfare_alerts_posted_total{kind="match-reply"} 2',
      'fanfare_alerts_posted_total{kind="stream-card"} 1',
      'fanfare_sms_sent_total 1',
      'fanfare_sms_failed_total{class="number"} 1',
      'fanfare_sms_failed_total{class="throttled"} 1',
      'fanfare_dms_sent_total 1',
      'fanfare_dms_failed_total{class="channel"} 1',
      'fanfare_poll_errors_total{source="fifa"} 1',
      'fanfare_poll_errors_total{source="twitch"} 1',
      'fanfare_last_good_poll_age_seconds{source="fifa"} 0',
      'fanfare_outbox_depth 7',
      'fanfare_dm_outbox_depth 3',
      'fanfare_leader 1',
      'fanfare_slack_connected 1',
    ]) {
      expect(text.split('\n')).toContain(line);
    }
    // A source that never answered has no age rather than a made-up one.
    expect(text).not.toContain('fanfare_last_good_poll_age_seconds{source="twitch"}');
  });

  it('answers 404 elsewhere', async () => {
    const base = await serve(new Metrics(), async () => undefined);
    expect((await fetch(`${base}/`)).status).toBe(404);
  });
});
