/**
 * Part 6: how soon a "went live" reaches Slack and Twilio through EventSub. The real app (a child process)
 * listens to the fake EventSub; 50 followed streamers each get one stream.online while the fake Helix does
 * not list them (Helix's lag), and the time from the notification to the card at the fake Slack and to the
 * SMS at the fake Twilio is measured. Polling only, and Helix requests per hour for 1,000 followed
 * streamers with and without EventSub, are computed from the intervals (waiting minutes per event is no bench).
 */
import { FollowRepo } from '../src/store/follows.js';
import { openStore } from '../src/store/store.js';
import { StreamerRepo } from '../src/store/streamers.js';
import { SubscriberRepo } from '../src/store/subscribers.js';
import { startApp, tempDir } from '../test/e2e/harness.js';
import { attachFakeEventSub } from '../test/fakes/eventsub.js';
import { startFakeFifa } from '../test/fakes/fifa.js';
import { startFakeSlack } from '../test/fakes/slack.js';
import { startFakeTwilio } from '../test/fakes/twilio.js';
import { startFakeTwitch } from '../test/fakes/twitch.js';
import { fixed, info, percentile, thousands, type Row } from './report.js';

const CHANNEL = 'C0BENCH';
const EVENTS = 50;

async function waitFor(check: () => boolean, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** Helix requests per hour for `n` followed streamers: polls (⌈n/100⌉ each) plus, with EventSub, listing the subscriptions. */
export function helixPerHour(n: number, pollSeconds: number, reconcileMinutes: number | null): number {
  const polls = Math.ceil(n / 100) * (3600 / pollSeconds);
  const listing = reconcileMinutes === null ? 0 : 2 * Math.max(1, Math.ceil(n / 100)) * (60 / reconcileMinutes);
  return polls + listing;
}

export async function runEventSubLatency(): Promise<{ rows: Row[]; figures: Record<string, unknown> }> {
  const [slack, twilio, twitch, fifa, work] = await Promise.all([startFakeSlack(), startFakeTwilio(), startFakeTwitch(), startFakeFifa(), tempDir()]);
  const eventsub = await attachFakeEventSub(twitch);
  const streamers = Array.from({ length: EVENTS }, (_, i) => ({ id: String(90_000 + i), login: `bench_${i}` }));
  const store = await openStore(`sqlite://${work.dir}/store.sqlite`);
  for (const [i, s] of streamers.entries()) {
    await new StreamerRepo(store).save({ id: s.id, login: s.login, displayName: s.login, profileImageUrl: null });
    await new FollowRepo(store).followStreamer(`U0B${i}`, s.id);
    await new SubscriberRepo(store).activate(`U0B${i}`, `+4474001${String(i).padStart(5, '0')}`, 'goals');
  }
  await store.close();
  const app = startApp(
    {
      SLACK_BOT_TOKEN: slack.botToken,
      SLACK_APP_TOKEN: slack.appToken,
      SLACK_API_URL: slack.apiUrl,
      SLACK_CHANNEL: CHANNEL,
      FIFA_API_URL: fifa.url,
      TWITCH_CLIENT_ID: twitch.clientId,
      TWITCH_CLIENT_SECRET: twitch.clientSecret,
      TWITCH_API_URL: twitch.apiUrl,
      TWITCH_AUTH_URL: twitch.authUrl,
      TWITCH_EVENTSUB_URL: eventsub.url,
      TWILIO_ACCOUNT_SID: twilio.accountSid,
      TWILIO_AUTH_TOKEN: twilio.authToken,
      TWILIO_MESSAGING_SERVICE_SID: twilio.messagingServiceSid,
      TWILIO_API_URL: twilio.url,
      SMS_RATE_PER_SECOND: '50',
      STORE_URL: `sqlite://${work.dir}/store.sqlite`,
      LOG_LEVEL: 'warn',
    },
    work.dir,
  );
  const cardMs: number[] = [];
  const smsMs: number[] = [];
  try {
    await waitFor(() => eventsub.shardSession() !== null && eventsub.subscriptions.size === 2 * EVENTS, 60_000);
    const cards = () => slack.channelMessages(CHANNEL).filter((m) => m.metadata?.event_type === 'fanfare_stream').length;
    for (const [i, s] of streamers.entries()) {
      const sent = performance.now();
      eventsub.online(s, String(50_000_000 + i));
      await waitFor(() => cards() === i + 1, 20_000);
      cardMs.push(performance.now() - sent);
      await waitFor(() => twilio.messages.length === i + 1, 20_000);
      smsMs.push(performance.now() - sent);
      // One at a time: the figure is the path's latency, not a burst's queueing.
      await new Promise((r) => setTimeout(r, 300));
    }
  } finally {
    await app.kill('SIGKILL');
    await eventsub.close();
    await Promise.all([slack.close(), twilio.close(), twitch.close(), fifa.close()]);
    await work.remove();
  }
  const p = (values: number[], q: number) => percentile(values, q) / 1000;
  // Polling only: the poll finds the stream up to one interval after Helix lists it, which is 1–3 min late.
  const pollingP50 = 60 / 2 + 120;
  const pollingP95 = 60 * 0.95 + 180;
  const figures = {
    events: EVENTS,
    cardSeconds: { p50: p(cardMs, 50), p95: p(cardMs, 95) },
    smsSeconds: { p50: p(smsMs, 50), p95: p(smsMs, 95) },
    pollingOnlySeconds: { p50: pollingP50, p95: pollingP95, model: 'uniform wait in a 60 s poll + Helix listing lag 1–3 min (reference §5)' },
    helixPerHour1000: { pollingOnly60s: helixPerHour(1000, 60, null), eventsub120sReconcile10min: helixPerHour(1000, 120, 10) },
  };
  const rows: Row[] = [
    { metric: 'EventSub online → card, p50 / p95 (50 events)', value: `${fixed(figures.cardSeconds.p50, 3)} s / ${fixed(figures.cardSeconds.p95, 3)} s`, target: 'p95 < 2 s', ok: figures.cardSeconds.p95 < 2 },
    { metric: 'EventSub online → SMS at Twilio, p50 / p95', value: `${fixed(figures.smsSeconds.p50, 3)} s / ${fixed(figures.smsSeconds.p95, 3)} s`, target: 'p95 < 2 s', ok: figures.smsSeconds.p95 < 2 },
    info('polling only → card, p50 / p95 (computed)', `${pollingP50} s / ${fixed(pollingP95, 0)} s`),
    info('Helix requests/h, 1,000 streamers: polls 60 s', thousands(figures.helixPerHour1000.pollingOnly60s)),
    info('Helix requests/h, 1,000 streamers: EventSub + polls 120 s', thousands(figures.helixPerHour1000.eventsub120sReconcile10min)),
  ];
  return { rows, figures };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  runEventSubLatency().then(
    (r) => {
      process.stdout.write(`${JSON.stringify(r.figures, null, 2)}\n`);
      process.exit(0);
    },
    (error: unknown) => {
      process.stderr.write(`${String(error)}\n`);
      process.exit(1);
    },
  );
}
