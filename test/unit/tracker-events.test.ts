/** The stream tracker with EventSub as a second input (SPEC T7): events and polls judged together. */
import { describe, expect, it } from 'vitest';
import { HELIX_LAG_MS, trackEvent, trackStreams, type StreamTrackerState } from '../../src/twitch/tracker.js';
import type { ObservedStream, StreamerRef } from '../../src/twitch/types.js';

const GRACE = 3 * 60_000;
const OPTIONS = { offlineGraceMs: GRACE };
const T0 = Date.parse('2024-05-01T18:00:00Z');
const sec = (s: number): number => T0 + s * 1000;
const ALICE: StreamerRef = { id: '101', login: 'alice', displayName: 'Alice', profileImageUrl: null };

function stream(id: string, over: Partial<ObservedStream> = {}): ObservedStream {
  return { id, userId: ALICE.id, title: 'Speedrun', gameName: 'Celeste', viewerCount: 10, startedAt: '2024-05-01T18:00:00Z', thumbnailUrl: 'https://x/{width}x{height}.jpg', ...over };
}
const online = (at: number, streamId = 's1') => ({ kind: 'online' as const, at, streamer: ALICE, streamId, startedAt: '2024-05-01T18:00:00Z' });
const poll = (prev: StreamTrackerState | undefined, at: number, live: ObservedStream[]) => trackStreams(prev, { at, live, followed: [ALICE] }, OPTIONS);

describe('trackEvent', () => {
  it('announces a stream from stream.online alone, before any poll lists it', () => {
    const r = trackEvent(undefined, online(sec(0)));
    expect(r.alerts).toHaveLength(1);
    expect(r.alerts[0]).toMatchObject({ kind: 'stream-live', id: 'stream/101/s1/live', stream: { id: 's1', title: '' } });
  });

  it('a duplicate online, or the poll that then lists the stream, is no second alert; the poll draws the title in at once', () => {
    const first = trackEvent(undefined, online(sec(0)));
    const again = trackEvent(first.state, online(sec(1)));
    expect(again.alerts).toEqual([]);
    const polled = poll(again.state, sec(5), [stream('s1')]);
    expect(polled.alerts).toEqual([]);
    expect(polled.refresh).toHaveLength(1);
    expect(polled.refresh[0]?.stream.title).toBe('Speedrun');
  });

  it('a stream a poll already announced is no news when its stream.online arrives late', () => {
    const polled = poll(undefined, sec(0), [stream('s1')]);
    expect(polled.alerts).toHaveLength(1);
    expect(trackEvent(polled.state, online(sec(3))).alerts).toEqual([]);
  });

  it('stream.offline starts the grace at once, even while Helix still lists the stream', () => {
    let state = poll(undefined, sec(0), [stream('s1')]).state;
    state = trackEvent(state, { kind: 'offline', at: sec(10), streamer: ALICE }).state;
    // Helix's cache still lists it: not a sighting.
    const cached = poll(state, sec(100), [stream('s1')]);
    expect(cached.alerts).toEqual([]);
    const after = poll(cached.state, sec(10) + GRACE, [stream('s1')]);
    expect(after.alerts.map((a) => a.kind)).toEqual(['stream-offline']);
    expect(after.alerts[0]?.durationSeconds).toBe(10);
  });

  it('a reconnect within the grace (new stream id) continues the session without a new alert', () => {
    let state = poll(undefined, sec(0), [stream('s1')]).state;
    state = trackEvent(state, { kind: 'offline', at: sec(10), streamer: ALICE }).state;
    const back = trackEvent(state, online(sec(40), 's2'));
    expect(back.alerts).toEqual([]);
    const later = poll(back.state, sec(10) + GRACE + 1000, [stream('s2')]);
    expect(later.alerts).toEqual([]);
  });

  it('offline for a streamer not live changes nothing', () => {
    expect(trackEvent(undefined, { kind: 'offline', at: sec(0), streamer: ALICE })).toEqual({ state: { v: 1, streamers: {} }, alerts: [], refresh: [] });
  });
});

describe('a session from stream.online while Helix lags', () => {
  it('is not ended by polls that do not list it yet, for the grace plus Helix lag', () => {
    let state = trackEvent(undefined, online(sec(0))).state;
    const early = poll(state, sec(0) + GRACE + 1000, []);
    expect(early.alerts).toEqual([]);
    state = early.state;
    const late = poll(state, sec(0) + GRACE + HELIX_LAG_MS, []);
    expect(late.alerts.map((a) => a.kind)).toEqual(['stream-offline']);
  });

  it('once Helix has listed it, the plain grace applies again', () => {
    let state = trackEvent(undefined, online(sec(0))).state;
    state = poll(state, sec(30), [stream('s1')]).state;
    expect(poll(state, sec(30) + GRACE, []).alerts.map((a) => a.kind)).toEqual(['stream-offline']);
  });
});
