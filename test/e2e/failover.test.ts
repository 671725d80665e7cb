/**
 * Replicas (SPEC O3): two real app processes on one PostgreSQL, then on one Redis, follow a live match
 * with SMS followers. One leads; SIGKILL it mid-match and the other takes over within 30 s: the thread
 * ends with one parent and every reply once, and every follower gets each goal by SMS once and by DM
 * once (DMs are on at "goals and results" by default, so the same followers get both). /healthz
 * says which replica leads, and answers 503 once the store is gone; a leader cut off from the store stops.
 * The replicas run a 6 s lease (LEASE_SECONDS; 15 s by default), so the waits for one to run out are short.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FollowRepo } from '../../src/store/follows.js';
import { openStore } from '../../src/store/store.js';
import { SubscriberRepo } from '../../src/store/subscribers.js';
import { startFakeTwilio, type FakeTwilio } from '../fakes/twilio.js';
import { freePort, startRedis, type TestServer } from '../fixtures/servers.js';
import { freshRedis, serverBackends } from '../fixtures/store-urls.js';
import type { RunningApp } from './harness.js';
import { serveRecordingAt, steps } from './recorded-match.js';
import { EXPECTED_REPLIES, FINAL_PARENT_TEXT, fifa, launch, parents, play, replyTexts, slack, useMatchStage, waitForReplies } from './match-stage.js';

useMatchStage();

let twilio: FakeTwilio;
beforeEach(async () => {
  twilio = await startFakeTwilio();
});
afterEach(() => twilio.close());

const ARGENTINA = 'fifa:43922';
const FRANCE = 'fifa:43946';
const FOLLOWERS = [
  { id: 'U0ARG', phone: '+447400200001', teams: [ARGENTINA] },
  { id: 'U0BOTH', phone: '+447400200002', teams: [ARGENTINA, FRANCE] },
];
/** The goals of the final, as each appears in an SMS (a follower of either team gets every goal of the match). */
/** A lease of 6 s: renewed every 2 s, given up 2 s before it ends, taken over 4 to 8 s after a kill. */
const LEASE = { LEASE_SECONDS: '6' };
const GOALS = ["Messi 23'", "Di Maria 36'", "Mbappe 80'", "Mbappe 81'", "Messi 108'", "Mbappe 118'"];

async function seed(url: string): Promise<void> {
  const store = await openStore(url);
  const follows = new FollowRepo(store);
  const subscribers = new SubscriberRepo(store);
  for (const member of FOLLOWERS) {
    for (const team of member.teams) await follows.followTeam(member.id, team);
    await subscribers.activate(member.id, member.phone, 'goals');
  }
  await store.close();
}

function replica(url: string, healthPort: number, env: Record<string, string> = {}): RunningApp {
  return launch({
    STORE_URL: url,
    HEALTH_PORT: String(healthPort),
    TWILIO_ACCOUNT_SID: twilio.accountSid,
    TWILIO_AUTH_TOKEN: twilio.authToken,
    TWILIO_MESSAGING_SERVICE_SID: twilio.messagingServiceSid,
    TWILIO_API_URL: twilio.url,
    SMS_RATE_PER_SECOND: '50',
    ...LEASE,
    ...env,
  });
}

async function healthz(port: number): Promise<{ status: number; body: { ok: boolean; leader: boolean } } | null> {
  try {
    const response = await fetch(`http://127.0.0.1:${port}/healthz`);
    return { status: response.status, body: (await response.json()) as { ok: boolean; leader: boolean } };
  } catch {
    return null;
  }
}

async function waitForHealth(port: number, wanted: (answer: NonNullable<Awaited<ReturnType<typeof healthz>>>) => boolean, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: Awaited<ReturnType<typeof healthz>> = null;
  while (Date.now() < deadline) {
    last = await healthz(port);
    if (last && wanted(last)) return;
    await sleep(200);
  }
  throw new Error(`/healthz on ${port} never answered as wanted; last: ${JSON.stringify(last)}`);
}

const smsTo = (phone: string) =>
  twilio.messages
    .filter((m) => m.to === phone && m.direction === 'outbound-api')
    .map((m) => m.body)
    .join('\n');
const count = (text: string, part: string) => text.split(part).length - 1;

/** The same goals as a DM names them. */
const DM_GOALS = ["Lionel MESSI 23'", "Angel DI MARIA 36'", "Kylian MBAPPE 80'", "Kylian MBAPPE 81'", "Lionel MESSI 108'", "Kylian MBAPPE 118'"];

/** Every alert id the member's DMs say they carry (their metadata), once per DM that carries it. */
function dmAlertIds(userId: string): string[] {
  return slack.dmsTo(userId).flatMap((dm) => ((dm.metadata?.event_payload as { alerts?: { id: string }[] } | undefined)?.alerts ?? []).map((a) => a.id));
}

/** What the member read in DMs, goals of one burst in one DM. */
const dmText = (userId: string) =>
  slack.dmsTo(userId)
    .map((dm) => dm.text)
    .join('\n');
const isLeading = (line: { msg: string }) => line.msg.startsWith('leading:');

describe.each(serverBackends())('two replicas on $name', (backend) => {
  it('post one thread and send each SMS and each DM once, and the follower takes over within 30 s of the leader being killed', async () => {
    const { url, remove } = await backend.fresh();
    try {
      await seed(url);
      const moments = steps(3);
      serveRecordingAt(fifa, moments[0] as number);
      const [portA, portB] = [await freePort(), await freePort()];
      const a = replica(url, portA);
      await a.waitForLog(isLeading, 30_000);
      const b = replica(url, portB);
      await b.waitForLog((line) => line.msg === 'connected to Slack (Socket Mode)', 30_000);
      // Both serve (Slack connected, store answering); only A leads.
      await waitForHealth(portA, (h) => h.status === 200 && h.body.leader);
      await waitForHealth(portB, (h) => h.status === 200 && !h.body.leader);

      const half = Math.floor(moments.length / 2);
      await play(moments.slice(0, half));
      await waitForReplies(6);
      a.process.kill('SIGKILL');
      const killedAt = Date.now();
      // The match goes on while nobody leads; B must catch up on all of it.
      const rest = play(moments.slice(half));
      await b.waitForLog(isLeading, 30_000);
      expect(Date.now() - killedAt).toBeLessThan(30_000);
      await waitForHealth(portB, (h) => h.status === 200 && h.body.leader);
      await rest;

      await waitForReplies(EXPECTED_REPLIES.length);
      await slackQuiet();
      expect(replyTexts()).toEqual(EXPECTED_REPLIES);
      expect(parents()).toHaveLength(1);
      expect(parents()[0]?.text).toBe(FINAL_PARENT_TEXT);

      const both = FOLLOWERS[1]?.phone as string;
      const arg = FOLLOWERS[0]?.phone as string;
      await waitUntil(() => GOALS.every((goal) => smsTo(both).includes(goal) && smsTo(arg).includes(goal)));
      await waitUntil(() => FOLLOWERS.every(({ id }) => DM_GOALS.every((goal) => dmText(id).includes(goal))));
      await sleep(2000);
      for (const goal of GOALS) expect(count(smsTo(both), goal), `${goal} to the follower of both teams`).toBe(1);
      for (const goal of GOALS) expect(count(smsTo(arg), goal), `${goal} to the Argentina follower`).toBe(1);

      // The DMs went out in the same rounds: each follower's DMs carry every goal, and no alert twice.
      for (const { id } of FOLLOWERS) {
        for (const goal of DM_GOALS) expect(count(dmText(id), goal), `${goal} in ${id}'s DMs:\n${dmText(id)}`).toBe(1);
        const ids = dmAlertIds(id);
        expect(ids.length, `alerts in ${id}'s DMs`).toBeGreaterThanOrEqual(DM_GOALS.length);
        expect(new Set(ids).size, `alerts DMed to ${id} twice: ${ids.join(' ')}`).toBe(ids.length);
      }
      // The new leader counts the DMs it sent, and its DM outbox is empty.
      const samples = await (await fetch(`http://127.0.0.1:${portB}/metrics`)).text();
      expect(Number(/^fanfare_dms_sent_total (\d+)$/m.exec(samples)?.[1])).toBeGreaterThan(0);
      expect(samples).toMatch(/^fanfare_dm_outbox_depth 0$/m);
    } finally {
      await remove().catch(() => undefined);
    }
  }, 240_000);
});

describe('a second process on one SQLite file', () => {
  it('says in one line that SQLite serves one process and exits 78, while the first goes on', async () => {
    serveRecordingAt(fifa, steps(3)[0] as number);
    const first = launch(LEASE);
    await first.waitForLog(isLeading, 30_000);
    const second = launch(LEASE);
    // It waits out one lease (the first might have died without giving it up) before it gives up.
    const { code } = await Promise.race([second.exited, sleep(40_000).then(() => ({ code: 'still running' }))]);
    expect(code).toBe(78);
    expect(second.stderr().trim().split('\n')).toEqual([expect.stringMatching(/another Fanfare process is using sqlite:\/\/.*SQLite serves one process/)]);
    expect(first.process.exitCode).toBeNull();
  }, 60_000);
});

describe('health on a store that goes away', () => {
  let server: TestServer | undefined;
  afterAll(() => server?.stop());

  it('answers 200 while Slack and Redis answer, 503 once Redis is stopped; the leader then stops and exits 75', async () => {
    server = await startRedis();
    const { url } = await freshRedis(server.url);
    serveRecordingAt(fifa, steps(3)[0] as number);
    const port = await freePort();
    // The default lease: a 6 s one runs out (and the app exits) before /healthz is sure to have said 503.
    const app = replica(url, port, { LEASE_SECONDS: '15' });
    await waitForHealth(port, (h) => h.status === 200 && h.body.ok && h.body.leader);
    await server.stop();
    await waitForHealth(port, (h) => h.status === 503 && !h.body.ok, 15_000);
    // It cannot renew its lease: it stops sending before the lease could pass to another replica.
    const { code } = await Promise.race([app.exited, sleep(40_000).then(() => ({ code: 'still running' }))]);
    expect(code).toBe(75);
    expect(app.logs.some((line) => line.msg.startsWith('no longer leading'))).toBe(true);
  }, 60_000);
});

async function waitUntil(check: () => boolean, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await sleep(200);
  }
}

/** Lets any duplicate that was going to be posted arrive before the thread is compared. */
async function slackQuiet(): Promise<void> {
  await sleep(2500);
}
