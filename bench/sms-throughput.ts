/**
 * Part 4: one alert to 10,000 followers through the real outbox (SQLite store, real twilio SDK) against
 * the fake Twilio, which accepts N creates a second and answers 429 above that. Reported: the rate
 * achieved against the rate allowed, duplicates, lost texts, peak RSS and the store's size.
 */
import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { combineSmsTexts } from '../src/sms/combine.js';
import { SmsOutbox, type OutboxItem } from '../src/sms/outbox.js';
import { createTwilioClient } from '../src/sms/twilio-client.js';
import { openStore } from '../src/store/store.js';
import { SubscriberRepo } from '../src/store/subscribers.js';
import { startFakeTwilio } from '../test/fakes/twilio.js';
import { fixed, info, mb, type Row } from './report.js';

export interface SmsRunFigures {
  allowedPerSecond: number;
  followers: number;
  seconds: number;
  achievedPerSecond: number;
  ratio: number;
  duplicates: number;
  lost: number;
  throttled: number;
  peakRssBytes: number;
  storeBytes: number;
}

const TEXT = "GOAL Argentina! Messi 23' (pen) ARG 1-0 FRA";

async function runOnce(allowedPerSecond: number, followers: number): Promise<SmsRunFigures> {
  const twilio = await startFakeTwilio();
  const dir = await mkdtemp(path.join(os.tmpdir(), 'fanfare-bench-sms-'));
  const file = path.join(dir, 'bench.sqlite');
  const store = await openStore(`sqlite://${file}`);
  try {
    twilio.throttle(allowedPerSecond);
    const subscribers = new SubscriberRepo(store);
    const items: OutboxItem[] = [];
    for (let i = 0; i < followers; i++) {
      const userId = `U${String(i).padStart(8, '0')}`;
      const to = `+4474${String(i).padStart(8, '0')}`;
      await subscribers.activate(userId, to, 'goals');
      items.push({ userId, to, text: TEXT, coalesceKey: 'match' });
    }
    const outbox = new SmsOutbox({
      client: createTwilioClient(twilio.config()),
      messagingServiceSid: twilio.messagingServiceSid,
      store,
      subscribers,
      logger: pino({ level: 'silent' }),
      ratePerSecond: allowedPerSecond,
      validitySeconds: 3600,
      combine: combineSmsTexts,
      events: { optedOut: () => undefined, numberRejected: () => undefined, paused: () => undefined, resumed: () => undefined },
    });
    await outbox.start();
    let peakRss = process.memoryUsage().rss;
    const sampler = setInterval(() => {
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
    }, 100);
    const started = performance.now();
    await outbox.enqueue('bench-alert', items);
    await outbox.idle();
    const seconds = (performance.now() - started) / 1000;
    clearInterval(sampler);
    await outbox.stop();

    const perNumber = new Map<string, number>();
    for (const message of twilio.messages) perNumber.set(message.to, (perNumber.get(message.to) ?? 0) + 1);
    const duplicates = [...perNumber.values()].reduce((sum, count) => sum + Math.max(0, count - 1), 0);
    // The sending rate, as Twilio sees it: from its first accepted create to its last.
    const times = twilio.messages.map((m) => m.at);
    const span = (Math.max(...times) - Math.min(...times)) / 1000;
    const achievedPerSecond = span > 0 ? (twilio.messages.length - 1) / span : 0;
    return {
      allowedPerSecond,
      followers,
      seconds,
      achievedPerSecond,
      ratio: achievedPerSecond / allowedPerSecond,
      duplicates,
      lost: followers - perNumber.size,
      throttled: twilio.counters.throttled,
      peakRssBytes: peakRss,
      storeBytes: (await stat(file)).size,
    };
  } finally {
    await store.close();
    await twilio.close();
    await rm(dir, { recursive: true, force: true });
  }
}

export async function runSmsThroughput(options: { rates?: number[]; followers?: number } = {}): Promise<{ rows: Row[]; figures: SmsRunFigures[] }> {
  const followers = options.followers ?? 10_000;
  const figures: SmsRunFigures[] = [];
  for (const rate of options.rates ?? [1000, 100]) figures.push(await runOnce(rate, followers));
  const rows: Row[] = [];
  for (const f of figures) {
    const label = `[4] one alert to ${f.followers.toLocaleString('en-GB')} followers, Twilio allows ${f.allowedPerSecond}/s`;
    rows.push({
      metric: `${label}: achieved ÷ allowed`,
      value: `${fixed(f.achievedPerSecond, 1)}/s ÷ ${f.allowedPerSecond}/s = ${fixed(f.ratio, 3)} (${fixed(f.seconds, 1)} s from enqueue to the last SMS)`,
      target: '≥ 0.95',
      ok: f.ratio >= 0.95,
    });
    rows.push({ metric: `${label}: duplicates / lost`, value: `${f.duplicates} / ${f.lost} (429s from Twilio: ${f.throttled})`, target: '0 / 0', ok: f.duplicates === 0 && f.lost === 0 });
    rows.push(info(`${label}: peak RSS / store size`, `${mb(f.peakRssBytes)} / ${mb(f.storeBytes)}`));
  }
  return { rows, figures };
}
