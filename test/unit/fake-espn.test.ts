import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeEspn, type FakeEspn } from '../fakes/espn.js';
import { SAMPLES } from '../fixtures/espn-samples.js';

async function get(url: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string; etag: string | null }> {
  const res = await fetch(url, { headers });
  return { status: res.status, body: await res.text(), etag: res.headers.get('etag') };
}

describe('fake ESPN', () => {
  let espn: FakeEspn;
  beforeEach(async () => {
    espn = await startFakeEspn();
  });
  afterEach(async () => {
    await espn.close();
  });

  it('answers a date range with the 400 ESPN has sent since September 2026', async () => {
    const res = await get(`${espn.url}/eng.1/scoreboard?dates=20261201-20261207`);
    expect(res).toMatchObject({ status: 400, body: '{"code":400,"message":"Failed to get events endpoint."}' });
  });

  it('serves what was set, an empty day otherwise, and counts requests per path', async () => {
    espn.setScoreboard('usa.1', '20220917', SAMPLES.mlsLiveScoreboard());
    const set = await get(`${espn.url}/usa.1/scoreboard?dates=20220917`);
    const unset = await get(`${espn.url}/usa.1/scoreboard?dates=20220918`);
    expect((JSON.parse(set.body) as { events: unknown[] }).events).toHaveLength(11);
    expect(JSON.parse(unset.body)).toMatchObject({ events: [] });
    expect(set.etag).toBeNull();
    expect(espn.count('/usa.1/scoreboard')).toBe(2);
    expect(espn.count('/eng.1')).toBe(0);
  });

  it('sends ETags and 304s only when switched on', async () => {
    espn.etags = true;
    espn.setSummary('760420', SAMPLES.ownGoalPenalty());
    const first = await get(`${espn.url}/fifa.world/summary?event=760420`);
    const again = await get(`${espn.url}/fifa.world/summary?event=760420`, { 'if-none-match': first.etag ?? '' });
    expect(first.status).toBe(200);
    expect(again.status).toBe(304);
  });

  it('misbehaves on demand, for the given number of requests', async () => {
    espn.fault('/eng.1/', 'status403', 1);
    const blocked = await get(`${espn.url}/eng.1/teams`);
    expect(blocked.status).toBe(403);
    expect(blocked.body).toContain('Access Denied');
    expect((await get(`${espn.url}/eng.1/teams`)).status).toBe(400); // no teams set: ESPN's own refusal
  });
});
