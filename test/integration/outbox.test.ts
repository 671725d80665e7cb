/**
 * The SMS outbox through the real twilio-node SDK against the fake Twilio, on a real SQLite store:
 * exactly one SMS per member and alert across retries, unknown outcomes and crashes; coalescing,
 * validity, pacing, opt-outs, rejected numbers and paused configuration (SPEC S1, S3, S4, X1, O2).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import twilio from 'twilio';
import type RequestClient from 'twilio/lib/base/RequestClient.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger, type Logger } from '../../src/log.js';
import { segmentsOf, SmsOutbox, type OutboxItem, type OutboxOptions } from '../../src/sms/outbox.js';
import { clampRetryAfter, classifyTwilioError, parseRetryAfter } from '../../src/sms/twilio-errors.js';
import { createTwilioClient, type Twilio } from '../../src/sms/twilio-client.js';
import { OutboxRepo } from '../../src/store/outbox-repo.js';
import { openStore, type Store } from '../../src/store/store.js';
import { SubscriberRepo } from '../../src/store/subscribers.js';
import { openFlakyStore } from '../fixtures/flaky-store.js';
import { startFakeTwilio, type FakeTwilio } from '../fakes/twilio.js';

let fake: FakeTwilio;
let dir: string;
let storeUrl: string;
let store: Store;
let subscribers: SubscriberRepo;
let lines: string[];
let logger: Logger;
let running: SmsOutbox[];

beforeEach(async () => {
  fake = await startFakeTwilio();
  dir = await mkdtemp(path.join(os.tmpdir(), 'fanfare-outbox-'));
  storeUrl = `sqlite://${path.join(dir, 'store.sqlite')}`;
  store = await openStore(storeUrl);
  subscribers = new SubscriberRepo(store);
  lines = [];
  logger = createLogger('debug', { write: (line: string) => lines.push(line) });
  running = [];
});

afterEach(async () => {
  await Promise.all(running.map((outbox) => outbox.stop()));
  await store.close();
  await fake.close();
  await rm(dir, { recursive: true, force: true });
});

const messagesPath = (): string => `/2010-04-01/Accounts/${fake.accountSid}/Messages.json`;

function phone(i: number): string {
  return `+4474001${String(i).padStart(5, '0')}`;
}

interface Member {
  userId: string;
  to: string;
}

async function subscribe(count: number, from = 0): Promise<Member[]> {
  const members: Member[] = [];
  for (let i = from; i < from + count; i++) {
    const member = { userId: `U${i}`, to: phone(i) };
    await subscribers.activate(member.userId, member.to, 'everything');
    members.push(member);
  }
  return members;
}

function items(members: Member[], text: (m: Member) => string, coalesceKey = 'match-1'): OutboxItem[] {
  return members.map((m) => ({ userId: m.userId, to: m.to, text: text(m), coalesceKey }));
}

interface Recorded {
  optedOut: string[];
  rejected: [string, string][];
  paused: string[];
  resumed: number;
}

function makeOutbox(overrides: Partial<OutboxOptions> & { timeoutMs?: number } = {}): { outbox: SmsOutbox; events: Recorded } {
  const events: Recorded = { optedOut: [], rejected: [], paused: [], resumed: 0 };
  const { timeoutMs, ...options } = overrides;
  const outbox = new SmsOutbox({
    client: createTwilioClient(fake.config(), { timeoutMs: timeoutMs ?? 2000 }),
    messagingServiceSid: fake.messagingServiceSid,
    store,
    subscribers,
    logger,
    ratePerSecond: 200,
    validitySeconds: 600,
    combine: (texts) => texts.join(' / '),
    events: {
      optedOut: (userId) => events.optedOut.push(userId),
      numberRejected: (userId, reason) => events.rejected.push([userId, reason]),
      paused: (reason) => events.paused.push(reason),
      resumed: () => {
        events.resumed += 1;
      },
    },
    retryBaseMs: 20,
    pauseProbeMs: 100,
    ...options,
  });
  running.push(outbox);
  return { outbox, events };
}

const creates = () => fake.requests.filter((r) => r.method === 'POST' && r.pathname === messagesPath());
const outbound = () => fake.messages.filter((m) => m.direction !== 'inbound');
const createsTo = (to: string) => creates().filter((r) => r.form.To === to);

/** Members → how many SMS each received; every member must appear exactly once. */
function perMember(members: Member[]): number[] {
  return members.map((m) => outbound().filter((msg) => msg.to === m.to).length);
}

async function until(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await sleep(5);
  }
}

describe('SmsOutbox', () => {
  it('sends every delivery once, with its text and the seconds of validity it has left', async () => {
    const members = await subscribe(5);
    const { outbox } = makeOutbox();
    await outbox.start();
    await outbox.enqueue('m1/goal-1', items(members, (m) => `GOAL Brazil 1-0 France for ${m.userId}`));
    await outbox.idle();

    expect(perMember(members)).toEqual([1, 1, 1, 1, 1]);
    for (const m of members) {
      const sms = outbound().find((msg) => msg.to === m.to);
      expect(sms).toMatchObject({ body: `GOAL Brazil 1-0 France for ${m.userId}`, messagingServiceSid: fake.messagingServiceSid });
      expect(sms?.validityPeriod).toBeGreaterThanOrEqual(599);
      expect(sms?.validityPeriod).toBeLessThanOrEqual(600);
    }
    expect(outbox.stats).toMatchObject({ sent: 5, combined: 0, dropped: 0, failed: 0 });

    // The store says they are sent: a restarted outbox has nothing to do.
    await outbox.stop();
    const again = makeOutbox().outbox;
    await again.start();
    await again.idle();
    expect(outbound()).toHaveLength(5);
    expect(again.stats.sent + again.stats.reconciled).toBe(0);
  });

  it('queues an alert enqueued twice once, also after a restart, and adds only new followers', async () => {
    const members = await subscribe(4);
    const first = makeOutbox().outbox;
    await first.enqueue('m1/goal-1', items(members.slice(0, 3), () => 'GOAL'));
    await first.enqueue('m1/goal-1', items(members.slice(0, 3), () => 'GOAL'));
    await first.start();
    await first.idle();
    await first.stop();

    const second = makeOutbox().outbox;
    await second.start();
    await second.enqueue('m1/goal-1', items(members, () => 'GOAL'));
    await second.idle();
    expect(perMember(members)).toEqual([1, 1, 1, 1]);
    expect(second.stats.sent).toBe(1);
  });

  it('combines a member\'s queued burst for one match into one SMS, in enqueue order', async () => {
    const [ana, bia] = await subscribe(2);
    const { outbox } = makeOutbox();
    await outbox.enqueue('m1/goal-1', items([ana!, bia!], () => 'GOAL 1-0'));
    await outbox.enqueue('m1/card-2', items([ana!], () => 'YELLOW Silva'));
    await outbox.enqueue('m2/goal-1', items([ana!], () => 'GOAL other match', 'match-2'));
    await outbox.enqueue('m1/goal-3', items([ana!], () => 'GOAL 2-0'));
    await outbox.start();
    await outbox.idle();

    expect(outbound().filter((m) => m.to === ana!.to).map((m) => m.body).sort()).toEqual(['GOAL 1-0 / YELLOW Silva / GOAL 2-0', 'GOAL other match']);
    expect(outbound().filter((m) => m.to === bia!.to).map((m) => m.body)).toEqual(['GOAL 1-0']);
    expect(outbox.stats).toMatchObject({ sent: 3, combined: 2 });

    // Each part of the combined SMS is recorded as sent with its one sid.
    const combinedSid = outbound().find((m) => m.body.startsWith('GOAL 1-0 /'))!.sid;
    const repo = new OutboxRepo(store, 600_000);
    const parts = await Promise.all(['m1/goal-1', 'm1/card-2', 'm1/goal-3'].map((id) => repo.readChunks(id, 1)));
    const anas = parts.flat().flatMap((chunk) => chunk.deliveries).filter((d) => d.userId === ana!.userId);
    expect(anas.map((d) => [d.state, d.sid])).toEqual(Array(3).fill(['sent', combinedSid]));
  });

  it('sends a running outbox\'s batch of one match\'s alerts as one SMS per member, paid once', async () => {
    const [ana, bia] = await subscribe(2);
    const { outbox } = makeOutbox();
    await outbox.start();
    await outbox.enqueueBatch([
      { alertId: 'm1/goal-1', items: items([ana!, bia!], () => 'GOAL 1-0') },
      { alertId: 'm1/card-2', items: items([ana!, bia!], () => 'YELLOW Silva') },
    ]);
    await outbox.idle();
    expect(outbound().map((m) => m.body)).toEqual(['GOAL 1-0 / YELLOW Silva', 'GOAL 1-0 / YELLOW Silva']);
    expect(outbox.stats).toMatchObject({ sent: 2, combined: 2 });
  });

  it('sends nothing queued before the member switched SMS off, except the welcome to their number', async () => {
    const [ana, bia] = await subscribe(2);
    const { outbox } = makeOutbox();
    await outbox.enqueue('m1/goal-1', items([ana!, bia!], () => 'GOAL 1-0'));
    await outbox.enqueue(`welcome/${ana!.userId}/1`, [{ userId: ana!.userId, to: ana!.to, text: 'Welcome to Fanfare', coalesceKey: `welcome/${ana!.userId}` }]);
    await subscribers.update(ana!.userId, { alerts: 'off' });
    await outbox.start();
    await outbox.idle();
    expect(outbound().filter((m) => m.to === ana!.to).map((m) => m.body)).toEqual(['Welcome to Fanfare']);
    expect(outbound().filter((m) => m.to === bia!.to).map((m) => m.body)).toEqual(['GOAL 1-0']);
    expect(outbox.stats).toMatchObject({ sent: 2, dropped: 1 });
  });

  it('marks a member who texted STOP opted out, drops their queue and never texts them again', async () => {
    const [ana, bia] = await subscribe(2);
    fake.optOut(ana!.to);
    const { outbox, events } = makeOutbox();
    await outbox.enqueue('m1/goal-1', items([ana!, bia!], () => 'GOAL 1-0'));
    await outbox.enqueue('m2/goal-1', items([ana!], () => 'GOAL other', 'match-2'));
    await outbox.enqueue('m3/goal-1', items([ana!], () => 'GOAL third', 'match-3'));
    await outbox.start();
    await outbox.idle();

    expect((await subscribers.get(ana!.userId))?.status).toBe('opted-out');
    expect((await subscribers.get(bia!.userId))?.status).toBe('active');
    expect(events.optedOut).toEqual([ana!.userId]);
    expect(createsTo(ana!.to)).toHaveLength(1);
    expect(perMember([bia!])).toEqual([1]);

    await outbox.enqueue('m1/goal-2', items([ana!, bia!], () => 'GOAL 2-0'));
    await outbox.idle();
    expect(createsTo(ana!.to)).toHaveLength(1);
    expect(perMember([bia!])).toEqual([2]);
    expect(outbox.stats).toMatchObject({ failed: 1, dropped: 3 });
  });

  it('marks a number Twilio calls not a mobile as failed and tells the app', async () => {
    const [ana] = await subscribe(1);
    fake.fail(messagesPath(), { status: 400, code: 21614, message: `To number: ${ana!.to}, is not a mobile number` });
    const { outbox, events } = makeOutbox();
    await outbox.start();
    await outbox.enqueue('m1/goal-1', items([ana!], () => 'GOAL'));
    await outbox.enqueue('m2/goal-1', items([ana!], () => 'GOAL 2', 'match-2'));
    await outbox.idle();

    expect(await subscribers.get(ana!.userId)).toMatchObject({ status: 'failed', failure: '21614 not a mobile number' });
    expect(events.rejected).toEqual([[ana!.userId, '21614 not a mobile number']]);
    expect(outbound()).toHaveLength(0);
    expect(creates()).toHaveLength(1);
  });

  it('audit H1: one member on a +49 number Twilio refuses (21408) costs nobody else anything', async () => {
    const members = await subscribe(4);
    const german = { userId: 'U-DE', to: '+4915112345678' };
    await subscribers.activate(german.userId, german.to, 'everything');
    fake.refuseTo(german.to, { status: 400, code: 21408, message: "Permission to send an SMS has not been enabled for the region indicated by the 'To' number" });
    const everyone = [german, ...members];
    const { outbox, events } = makeOutbox();
    await outbox.start();
    await outbox.enqueue('m1/goal-1', items(everyone, () => 'GOAL 1'));
    await outbox.enqueue('m2/goal-1', items(everyone, () => 'GOAL 2', 'match-2'));
    await outbox.enqueue('m3/goal-1', items(everyone, () => 'GOAL 3', 'match-3'));
    await outbox.idle();

    expect(perMember(members)).toEqual([3, 3, 3, 3]);
    expect(events.paused).toEqual([]);
    expect(await subscribers.get(german.userId)).toMatchObject({ status: 'failed', failure: '21408 destination country not enabled (Geo Permissions)' });
    expect(events.rejected).toEqual([[german.userId, '21408 destination country not enabled (Geo Permissions)']]);
    expect(createsTo(german.to)).toHaveLength(1);
  });

  it('purges a member who stopped: nothing more is sent to them and the store keeps no copy of their number', async () => {
    const members = await subscribe(3);
    const leaving = members[0]!;
    const { outbox } = makeOutbox({ ratePerSecond: 1 });
    await outbox.start();
    await outbox.enqueue('m1/goal-1', items(members, () => 'GOAL 1'));
    await outbox.enqueue('m2/goal-1', items(members, () => 'GOAL 2', 'match-2'));
    await outbox.purge(leaving.userId);
    await outbox.idle();
    await outbox.stop();
    const before = outbound().filter((m) => m.to === leaving.to).length;
    expect(before).toBeLessThanOrEqual(1);
    await subscribers.remove(leaving.userId);
    const dump = JSON.stringify(await Promise.all(['m1/goal-1', 'm2/goal-1'].map((id) => store.area('outbox').get(`chunk:${id}#0`))));
    expect(dump).toContain(leaving.userId);
    expect(dump).not.toContain(leaving.to.slice(1));
    expect(perMember(members.slice(1))).toEqual([2, 2]);
  });

  it('drops deliveries of members who stopped SMS or changed number since', async () => {
    const [ana, bia, caio] = await subscribe(3);
    const { outbox } = makeOutbox();
    await outbox.enqueue('m1/goal-1', items([ana!, bia!, caio!], () => 'GOAL'));
    await subscribers.remove(ana!.userId);
    await subscribers.activate(bia!.userId, '+447400999888', 'everything');
    await outbox.start();
    await outbox.idle();
    expect(outbound().map((m) => m.to)).toEqual([caio!.to]);
    expect(outbox.stats).toMatchObject({ sent: 1, dropped: 2 });
  });

  it('pauses on a refused auth token, keeps everything, and resumes once a probe gets through', async () => {
    const members = await subscribe(10);
    fake.setAuthToken('rotated-token-0000');
    const { outbox, events } = makeOutbox({ pauseProbeMs: 80 });
    await outbox.start();
    await outbox.enqueue('m1/goal-1', items(members, () => 'GOAL'));
    await until(() => events.paused.length > 0);
    // Requests already on their way when the first 401 came back fail too; after that, one probe per period.
    await sleep(50);
    const settled = creates().length;
    await sleep(400);
    const probes = creates().length - settled;
    expect(probes).toBeGreaterThanOrEqual(3);
    expect(probes).toBeLessThanOrEqual(Math.ceil(400 / 80) + 1);
    expect(events.paused).toEqual(['20003 authentication failed']);
    expect(events.resumed).toBe(0);
    expect(outbound()).toHaveLength(0);

    fake.setAuthToken(fake.authToken);
    await outbox.idle();
    expect(events.resumed).toBe(1);
    expect(perMember(members)).toEqual(Array(10).fill(1));

    const pausedLines = lines.filter((l) => l.includes('PAUSED'));
    expect(pausedLines).toHaveLength(1);
    expect(JSON.parse(pausedLines[0]!).level).toBe(50);
  });

  it('delivers everything exactly once through a storm of 429s', async () => {
    const members = await subscribe(40);
    fake.throttle(20);
    const { outbox } = makeOutbox({ ratePerSecond: 60 });
    await outbox.start();
    await outbox.enqueue('m1/goal-1', items(members, () => 'GOAL'));
    await outbox.idle();
    expect(perMember(members)).toEqual(Array(40).fill(1));
    expect(fake.counters.throttled).toBeGreaterThan(0);
    expect(outbox.stats.retried).toBe(fake.counters.throttled);
    expect(fake.counters.accepted).toBe(40);
  });

  it('waits out Retry-After before sending again', async () => {
    const members = await subscribe(8);
    fake.throttle(3, { retryAfterSeconds: 1 });
    const { outbox } = makeOutbox({ ratePerSecond: 50 });
    await outbox.start();
    await outbox.enqueue('m1/goal-1', items(members, () => 'GOAL'));
    await outbox.idle();
    expect(perMember(members)).toEqual(Array(8).fill(1));
    const firstRefusal = creates().find((r) => r.status === 429)!.at;
    // What was already on its way may land; nothing new is sent inside the second Twilio asked for.
    const during = creates().filter((r) => r.at > firstRefusal + 100 && r.at < firstRefusal + 950);
    expect(during).toHaveLength(0);
  });

  it('finds a create that timed out after Twilio recorded it, and does not send it again', async () => {
    const [ana] = await subscribe(1);
    fake.hang(messagesPath(), 1, { thenRecord: true });
    const { outbox } = makeOutbox({ timeoutMs: 300 });
    await outbox.start();
    await outbox.enqueue('m1/goal-1', items([ana!], () => 'GOAL'));
    await outbox.idle();
    expect(outbound()).toHaveLength(1);
    expect(creates()).toHaveLength(1);
    expect(outbox.stats).toMatchObject({ sent: 0, reconciled: 1 });
    expect(fake.requests.some((r) => r.method === 'GET' && r.pathname === messagesPath() && r.query.To === ana!.to)).toBe(true);
  });

  it('keeps asking Twilio about an unknown outcome while it cannot answer, rather than sending blind', async () => {
    const [ana] = await subscribe(1);
    fake.hang(messagesPath(), 1, { thenRecord: true });
    fake.fail(messagesPath(), { status: 500, code: 20500, message: 'Internal Server Error' }, 2);
    const { outbox } = makeOutbox({ timeoutMs: 300 });
    await outbox.start();
    await outbox.enqueue('m1/goal-1', items([ana!], () => 'GOAL'));
    await outbox.idle();
    const lists = fake.requests.filter((r) => r.method === 'GET' && r.pathname === messagesPath());
    expect(lists.map((r) => r.status)).toEqual([500, 500, 200]);
    expect(creates()).toHaveLength(1);
    expect(outbound()).toHaveLength(1);
    expect(outbox.stats).toMatchObject({ sent: 0, reconciled: 1, retried: 0 });
  });

  it('sends again after a 5xx that Twilio did not record', async () => {
    const [ana] = await subscribe(1);
    fake.fail(messagesPath(), { status: 503, body: '<html>Service Unavailable</html>' });
    const { outbox } = makeOutbox();
    await outbox.start();
    await outbox.enqueue('m1/goal-1', items([ana!], () => 'GOAL'));
    await outbox.idle();
    expect(outbound()).toHaveLength(1);
    expect(creates()).toHaveLength(2);
    expect(outbox.stats).toMatchObject({ sent: 1, retried: 1, reconciled: 0 });
  });

  it('after a crash mid-send, a new outbox on the same store gives every member exactly one SMS', async () => {
    const members = await subscribe(500);
    const doomedStore = await openStore(storeUrl);
    const doomedClient = killableClient(fake);
    const doomed = new SmsOutbox({
      client: doomedClient.client,
      messagingServiceSid: fake.messagingServiceSid,
      store: doomedStore,
      subscribers,
      logger,
      ratePerSecond: 400,
      validitySeconds: 600,
      combine: (texts) => texts.join(' / '),
      events: { optedOut() {}, numberRejected() {}, paused() {}, resumed() {} },
    });
    await doomed.start();
    await doomed.enqueue('m1/goal-1', items(members, (m) => `GOAL for ${m.userId}`));
    await until(() => fake.counters.accepted >= 150);
    // Some creates reach Twilio and are recorded, but their answers never come back.
    fake.hang(messagesPath(), 5, { thenRecord: true });
    await until(() => creates().filter((r) => r.status === 0).length >= 5);
    await sleep(20);
    doomedClient.kill();
    await doomedStore.close();
    const before = outbound().length;
    expect(before).toBeLessThan(500);

    const { outbox } = makeOutbox({ ratePerSecond: 400 });
    await outbox.start();
    await outbox.idle();
    expect(perMember(members).filter((n) => n !== 1)).toEqual([]);
    expect(outbox.stats.reconciled).toBeGreaterThanOrEqual(5);
    expect(outbox.stats.sent).toBe(500 - before);
  });

  it('when the store fails its reads at start, asks again rather than taking the queue for empty', async () => {
    const members = await subscribe(3);
    const { outbox: before } = makeOutbox();
    // Queued by the last run, never sent: it stopped before starting to send.
    await before.enqueue('m1/goal-1', items(members, () => 'GOAL 1-0'));
    await before.stop();
    const flaky = await openFlakyStore(path.join(dir, 'store.sqlite'));
    flaky.failReads('outbox:', 3);
    const { outbox } = makeOutbox({ store: flaky });
    try {
      await outbox.start();
      await outbox.idle();
      expect(flaky.failedReads).toBe(3);
      expect(perMember(members)).toEqual([1, 1, 1]);
      expect(lines.join('')).toContain('could not read the SMS queue from the store; trying again');
    } finally {
      await outbox.stop();
      await flaky.close();
    }
  });

  it('drops deliveries past their validity, and sends the rest with the seconds they have left', async () => {
    const [ana, bia] = await subscribe(2);
    let clock = Date.now();
    const { outbox } = makeOutbox({ now: () => clock });
    await outbox.enqueue('m1/goal-1', items([ana!, bia!], () => 'GOAL 1-0'));
    clock += 100_000;
    await outbox.enqueue('m2/goal-1', items([bia!], () => 'GOAL other', 'match-2'));
    clock += 550_000;
    await outbox.start();
    await outbox.idle();

    expect(outbound().map((m) => [m.to, m.body, m.validityPeriod])).toEqual([[bia!.to, 'GOAL other', 50]]);
    expect(outbox.stats).toMatchObject({ sent: 1, dropped: 2 });
    await outbox.stop();
    const dropped = lines.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l.msg === 'SMS alerts dropped, not sent');
    expect(dropped).toMatchObject({ count: 2, reason: 'expired' });
    expect((dropped?.phones as string[]).sort()).toEqual(['+44 ••••••• 000', '+44 ••••••• 001']);
  });

  it('never lets more than the rate through in any one-second window, and uses the rate fully', async () => {
    const members = await subscribe(45);
    const { outbox } = makeOutbox({ ratePerSecond: 20 });
    await outbox.start();
    await outbox.enqueue('m1/goal-1', items(members, () => 'GOAL'));
    await outbox.idle();
    const times = creates().map((r) => r.at);
    expect(times).toHaveLength(45);
    let busiest = 0;
    for (let i = 0, j = 0; i < times.length; i++) {
      while ((times[i] as number) - (times[j] as number) >= 1000) j++;
      busiest = Math.max(busiest, i - j + 1);
    }
    expect(busiest).toBeLessThanOrEqual(20);
    const span = (times.at(-1) as number) - (times[0] as number);
    // 44 gaps of 50 ms, plus a few ms per second for answers: smooth, and no slower than it must be.
    expect(span).toBeGreaterThanOrEqual(2100);
    expect(span).toBeLessThan(2500);
  });

  it('logs masked numbers and segment counts, never a full number, a body or the auth token', async () => {
    const members = await subscribe(2);
    fake.optOut(members[1]!.to);
    const { outbox } = makeOutbox();
    await outbox.start();
    await outbox.enqueue('m1/goal-1', items(members, () => 'Your code 424242 GOAL'));
    await outbox.idle();
    const sent = lines.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l.msg === 'SMS sent');
    expect(sent).toMatchObject({ phone: '+44 ••••••• 000', segments: 1, alerts: 1 });
    const all = lines.join('\n');
    for (const m of members) expect(all).not.toContain(m.to.slice(1));
    expect(all).not.toContain('424242');
    expect(all).not.toContain(fake.authToken);
  });
});

describe('classifyTwilioError', () => {
  it('reads the HTTP class first, then the few codes with a meaning of their own', () => {
    expect(classifyTwilioError({ status: 429, code: 20429, message: '', network: false })).toEqual({ kind: 'throttled' });
    expect(classifyTwilioError({ status: 429, message: '', network: false, retryAfterMs: 2000 })).toEqual({ kind: 'throttled', retryAfterMs: 2000 });
    expect(classifyTwilioError({ status: 503, message: '', network: false })).toEqual({ kind: 'unknown' });
    expect(classifyTwilioError({ message: 'ECONNRESET', network: true })).toEqual({ kind: 'unknown' });
    expect(classifyTwilioError({ status: 400, code: 21610, message: '', network: false })).toEqual({ kind: 'opted-out' });
    expect(classifyTwilioError({ status: 400, code: 21211, message: '', network: false })).toEqual({ kind: 'number', reason: '21211 invalid number' });
    expect(classifyTwilioError({ status: 400, code: 21268, message: '', network: false })).toEqual({ kind: 'number', reason: '21268 premium-rate number' });
    expect(classifyTwilioError({ status: 401, code: 20003, message: '', network: false })).toMatchObject({ kind: 'config' });
    expect(classifyTwilioError({ status: 400, code: 21408, message: '', network: false })).toMatchObject({ kind: 'number' });
    expect(classifyTwilioError({ status: 400, code: 21606, message: '', network: false })).toMatchObject({ kind: 'number' });
    expect(classifyTwilioError({ status: 400, code: 21705, message: '', network: false })).toMatchObject({ kind: 'config' });
    expect(classifyTwilioError({ status: 403, code: 99999, message: '', network: false })).toMatchObject({ kind: 'config' });
    expect(classifyTwilioError({ status: 400, code: 21611, message: '', network: false })).toEqual({ kind: 'throttled' });
    expect(classifyTwilioError({ status: 400, code: 21617, message: '', network: false })).toEqual({ kind: 'rejected', reason: '21617 refused' });
  });

  it('reads Retry-After in seconds or as a date', () => {
    expect(parseRetryAfter('3')).toBe(3000);
    expect(parseRetryAfter(new Date(10_000).toUTCString(), 4000)).toBe(6000);
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter(undefined)).toBeUndefined();
    // A hostile or broken Retry-After never holds a member past a minute or their SMS's validity.
    expect(clampRetryAfter(86_400_000, 600_000)).toBe(60_000);
    expect(clampRetryAfter(30_000, 5_000)).toBe(5_000);
    expect(clampRetryAfter(Infinity, 600_000)).toBe(60_000);
    expect(clampRetryAfter(2_000, 600_000)).toBe(2_000);
  });

  it('counts segments the way Twilio does, quickly for plain text', () => {
    expect(segmentsOf('GOAL! Brazil 1-0 France (23\')')).toBe(1);
    expect(segmentsOf('x'.repeat(161))).toBe(2);
    expect(segmentsOf('Gol! ⚽ Brasil')).toBe(1);
    expect(segmentsOf('⚽'.repeat(70))).toBe(1);
    expect(segmentsOf('⚽'.repeat(71))).toBe(2);
  });
});

/** A client whose process "dies": once killed, requests go nowhere and answers in flight are never seen. */
function killableClient(target: FakeTwilio): { client: Twilio; kill: () => void } {
  let killed = false;
  const origin = new URL(target.url);
  class Killable extends twilio.RequestClient {
    constructor() {
      super({ timeout: 60_000, autoRetry: false });
    }

    override request<T>(opts: RequestClient.RequestOptions<T>) {
      if (killed) return new Promise<never>(() => undefined);
      const real = new URL(opts.uri);
      const uri = new URL(real.pathname + real.search, origin).toString();
      const answer = super.request<T>({ ...opts, uri });
      return new Promise<Awaited<typeof answer>>((resolve, reject) => {
        answer.then(
          (value) => (killed ? undefined : resolve(value)),
          (error: unknown) => (killed ? undefined : reject(error)),
        );
      });
    }
  }
  const client = twilio(target.accountSid, target.authToken, { httpClient: new Killable(), autoRetry: false });
  return { client, kill: () => (killed = true) };
}
