/**
 * The durable per-member queue with a scripted transport, on real SQLite: each outcome class does what
 * it says (sent; unknown → look before sending again; destination → that address given up; message →
 * that unit given up; later → tried again; account → everything paused, one probe at a time; drop),
 * bursts are combined up to the transport's longest body, and a restart takes back what was left.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MemberOutbox, type MemberOutboxOptions } from '../../src/outbox/member-outbox.js';
import type { MemberTransport, OutboxUnit, SendOutcome } from '../../src/outbox/transport.js';
import type { OutboxChunk } from '../../src/store/outbox-repo.js';
import { openStore, type Store } from '../../src/store/store.js';

let dir: string;
let store: Store;
const outboxes: MemberOutbox[] = [];

/** Answers each send with the next scripted outcome (then "sent"); remembers what was delivered. */
function transport(script: SendOutcome[] = []) {
  const units: OutboxUnit[] = [];
  const delivered = new Map<string, Map<string, string>>();
  const t: MemberTransport = {
    send: async (unit) => {
      units.push(unit);
      const outcome = script.shift() ?? { kind: 'sent', ref: `ts-${units.length}` };
      if (outcome.kind === 'sent') {
        const mine = delivered.get(unit.userId) ?? new Map<string, string>();
        for (const id of unit.alertIds) mine.set(id, outcome.ref);
        delivered.set(unit.userId, mine);
      }
      return outcome;
    },
    find: async (unit) => {
      const ref = unit.alertIds.map((id) => delivered.get(unit.userId)?.get(id)).find(Boolean);
      return ref ? { kind: 'found', ref } : { kind: 'absent' };
    },
  };
  return { t, units, delivered };
}

function outbox(t: MemberTransport, extra: Partial<MemberOutboxOptions> = {}): MemberOutbox {
  const o = new MemberOutbox({ store, area: 'test-outbox', transport: t, label: 'test', logger: pino({ level: 'silent' }), retryBaseMs: 20, validityMs: 3_600_000, ...extra });
  outboxes.push(o);
  return o;
}

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(condition()).toBe(true);
}

const item = (userId: string, coalesceKey = 'm1') => ({ userId, to: userId, text: 'en-GB', coalesceKey });

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'fanfare-member-outbox-'));
  store = await openStore(`sqlite://${path.join(dir, 'store.sqlite')}`);
});

afterEach(async () => {
  for (const o of outboxes.splice(0)) await o.stop();
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

describe('MemberOutbox', () => {
  it('sends a member’s queued items of one key as one unit, and other keys apart', async () => {
    const { t, units } = transport();
    const o = outbox(t);
    await o.start();
    await o.enqueue('a1', [item('U1'), item('U2')]);
    await o.enqueue('a2', [item('U1')]);
    await o.enqueue('s1', [item('U1', 'stream')]);
    o.send(['U1', 'U2']);
    await o.idle();
    expect(units.map((u) => `${u.userId}:${u.alertIds.join('+')}`).sort()).toEqual(['U1:a1+a2', 'U1:s1', 'U2:a1']);
    // The same alert again: nothing new.
    await o.enqueue('a1', [item('U1')]);
    o.send(['U1']);
    await o.idle();
    expect(units).toHaveLength(3);
  });

  it('looks before sending again after an unknown outcome, and sends again only what did not arrive', async () => {
    const arrived = transport([{ kind: 'unknown', reason: 'timeout' }]);
    // The unit arrived although the answer was lost.
    const t: MemberTransport = {
      send: async (unit, live) => {
        const outcome = await arrived.t.send(unit, live);
        if (outcome.kind === 'unknown') arrived.delivered.set(unit.userId, new Map(unit.alertIds.map((id) => [id, 'ts-lost'])));
        return outcome;
      },
      find: arrived.t.find,
    };
    const o = outbox(t);
    await o.start();
    await o.enqueue('a1', [item('U1')]);
    o.send(['U1']);
    await o.idle();
    expect(arrived.units).toHaveLength(1);
    expect(o.stats).toMatchObject({ sent: 0, reconciled: 1 });

    const lost = transport([{ kind: 'unknown', reason: 'timeout' }]);
    const again = outbox(lost.t);
    await again.start();
    await again.enqueue('a2', [item('U2')]);
    again.send(['U2']);
    await again.idle();
    expect(lost.units).toHaveLength(2);
    expect(again.stats).toMatchObject({ sent: 1, reconciled: 0 });
  });

  it('gives up an address the API cannot reach, and one refused message, without holding anyone up', async () => {
    const { t, units } = transport([{ kind: 'destination', reason: 'user_disabled' }]);
    const o = outbox(t);
    await o.start();
    await o.enqueue('a1', [item('U1')]);
    await o.enqueue('s1', [item('U1', 'stream')]);
    o.send(['U1']);
    await o.idle();
    // Both of U1's units were queued; the first answer gave up everything to that address.
    expect(units).toHaveLength(1);
    expect(o.stats).toMatchObject({ failed: 1, dropped: 1 });

    const refused = transport([{ kind: 'message', reason: 'invalid_blocks' }]);
    const p = outbox(refused.t);
    await p.start();
    await p.enqueue('b1', [item('U3')]);
    await p.enqueue('s2', [item('U3', 'stream')]);
    p.send(['U3']);
    await p.idle();
    expect(refused.units).toHaveLength(2);
    expect(p.stats).toMatchObject({ sent: 1, failed: 1 });
  });

  it('tries again later when nothing went out, and takes back after a restart what was left', async () => {
    const { t, units } = transport([{ kind: 'later', reason: 'paused' }]);
    const o = outbox(t);
    await o.start();
    await o.enqueue('a1', [item('U1')]);
    o.send(['U1']);
    await o.idle();
    expect(units).toHaveLength(2);
    expect(o.stats.sent).toBe(1);

    // Enqueued by a process that stopped before sending: the next one sends it.
    const first = outbox(transport().t);
    await first.enqueue('a9', [item('U9')]);
    await first.stop();
    const next = transport();
    const second = outbox(next.t);
    await second.start();
    await second.idle();
    expect(next.units.map((u) => u.alertIds)).toEqual([['a9']]);
  });

  it('drops what was not sent within its validity instead of sending it late', async () => {
    let now = 1_000_000;
    const first = outbox(transport().t, { validityMs: 60_000, now: () => now });
    await first.enqueue('old', [item('U1')]);
    await first.stop();
    now += 61_000;
    const { t, units } = transport();
    const second = outbox(t, { validityMs: 60_000, now: () => now });
    await second.start();
    await second.enqueue('new', [item('U1')]);
    second.send(['U1']);
    await second.idle();
    expect(units.map((u) => u.alertIds)).toEqual([['new']]);
    expect(second.stats.dropped).toBe(1);
  });

  it('pauses everyone on an account refusal, probes one unit at a time, tells the listener once, and resumes', async () => {
    const events: string[] = [];
    const script: SendOutcome[] = [{ kind: 'account', reason: 'token revoked' }, { kind: 'account', reason: 'token revoked' }, { kind: 'account', reason: 'token revoked' }];
    const sent: string[] = [];
    let inFlight = 0;
    let mostWhilePaused = 0;
    const t: MemberTransport = {
      send: async (unit) => {
        inFlight += 1;
        if (events.length === 1) mostWhilePaused = Math.max(mostWhilePaused, inFlight);
        await new Promise((resolve) => setTimeout(resolve, 5));
        inFlight -= 1;
        const outcome = script.shift() ?? { kind: 'sent', ref: `ts-${sent.length}` };
        if (outcome.kind === 'sent') sent.push(unit.userId);
        return outcome;
      },
      find: async () => ({ kind: 'absent' }),
    };
    const o = outbox(t, { pauseProbeMs: 30, onPause: (reason) => events.push(`paused: ${reason}`), onResume: () => events.push('resumed') });
    await o.start();
    await o.enqueue('a1', [item('U1')]);
    o.send(['U1']);
    await until(() => events.length === 1);
    const others = ['U2', 'U3', 'U4', 'U5', 'U6'];
    await o.enqueue('a2', others.map((m) => item(m)));
    o.send(others);
    await o.idle();
    expect(sent.sort()).toEqual(['U1', ...others]);
    expect(events).toEqual(['paused: token revoked', 'resumed']);
    expect(mostWhilePaused).toBe(1);
    expect(o.stats).toMatchObject({ sent: 6, failed: 0, dropped: 0 });
  });

  it('combines a burst up to the transport’s longest body, and sends the rest in the next unit', async () => {
    const bodies: string[] = [];
    const t: MemberTransport = {
      maxBody: 30,
      combine: (texts) => texts.join('|'),
      send: async (unit) => {
        bodies.push(unit.body);
        return { kind: 'sent', ref: `sid-${bodies.length}` };
      },
      find: async () => ({ kind: 'absent' }),
    };
    const o = outbox(t);
    for (const n of [1, 2, 3, 4, 5]) await o.enqueue(`g${n}`, [{ userId: 'U1', to: '+447400100001', text: `GOAL ${n}-0 ....`, coalesceKey: 'm1' }]);
    await o.start();
    await o.idle();
    expect(bodies).toEqual(['GOAL 1-0 ....|GOAL 2-0 ....', 'GOAL 3-0 ....|GOAL 4-0 ....', 'GOAL 5-0 ....']);
    expect(o.stats).toMatchObject({ sent: 3, combined: 2 });
  });

  it('drops what a member no longer wants at that address, never sending it, and keeps no address or text', async () => {
    const { t, units } = transport();
    const o = outbox({ ...t, unwanted: async (unit) => (unit.userId === 'U1' ? 'number changed' : undefined) });
    await o.start();
    await o.enqueue('a1', [
      { userId: 'U1', to: '+447400100001', text: 'GOAL', coalesceKey: 'm1' },
      { userId: 'U2', to: '+447400100002', text: 'GOAL', coalesceKey: 'm1' },
    ]);
    o.send(['U1', 'U2']);
    await o.idle();
    expect(units.map((u) => u.userId)).toEqual(['U2']);
    expect(o.stats).toMatchObject({ sent: 1, dropped: 1 });
    const chunk = (await store.area<OutboxChunk>('test-outbox').get('chunk:a1#0')) as OutboxChunk;
    expect(chunk.deliveries.map((d) => [d.state, d.to, d.text])).toEqual([
      ['dropped', '', ''],
      ['sent', '', ''],
    ]);
  });

  it('adds followers to an alert already queued, never a second delivery for one already there', async () => {
    const { t, units } = transport([{ kind: 'later', reason: 'throttled', retryAfterMs: 100 }]);
    const o = outbox(t);
    await o.start();
    await o.enqueue('a1', [item('U1')]);
    o.send(['U1']);
    await o.enqueue('a1', [item('U1'), item('U2')]);
    o.send(['U1', 'U2']);
    await o.idle();
    expect(units.filter((u) => u.userId === 'U1')).toHaveLength(2);
    expect(units.filter((u) => u.userId === 'U2')).toHaveLength(1);
    expect(o.stats).toMatchObject({ sent: 2, retried: 1 });
  });

  it('at start, settles what a crash left unknown before sending anything else, and gives up as maybe lost what it cannot check in time', async () => {
    let now = 1_000_000;
    const calls: string[] = [];
    const crashing: MemberTransport = { send: () => new Promise(() => undefined), find: async () => ({ kind: 'absent' }) };
    const first = outbox(crashing, { validityMs: 60_000, now: () => now });
    await first.start();
    await first.enqueue('a1', [item('U1'), item('U2')]);
    first.send(['U1', 'U2']);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await first.stop();

    const t: MemberTransport = {
      send: async (unit) => {
        calls.push(`send ${unit.userId}`);
        return { kind: 'sent', ref: 'x' };
      },
      find: async (unit) => {
        calls.push(`find ${unit.userId}`);
        // U1's attempt cannot be checked (the API does not answer); U2's never arrived.
        return unit.userId === 'U1' ? { kind: 'unreachable', reason: 'timeout' } : { kind: 'absent' };
      },
    };
    const second = outbox(t, { validityMs: 60_000, now: () => now, retryBaseMs: 10 });
    await second.enqueue('a2', [item('U3')]);
    await second.start();
    await new Promise((resolve) => setTimeout(resolve, 100));
    now += 61_000;
    await second.idle();
    expect(calls.slice(0, 2).sort()).toEqual(['find U1', 'find U2']);
    expect(calls).not.toContain('send U1');
    expect(calls.filter((c) => c === 'send U2')).toHaveLength(1);
    expect(second.stats).toMatchObject({ failed: 1, retried: 1 });
  });
});
