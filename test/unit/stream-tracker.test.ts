/** The stream tracker on plain data (SPEC T1–T4): live, flaps, grace, reconnects, restarts, card refreshes. */
import { describe, expect, it } from 'vitest';
import { trackStreams, type StreamTrackerState, type StreamTrackResult } from '../../src/twitch/tracker.js';
import type { ObservedStream, StreamerRef, StreamSnapshot } from '../../src/twitch/types.js';

const GRACE = 5 * 60_000;
const OPTIONS = { offlineGraceMs: GRACE };
const T0 = Date.parse('2024-05-01T18:00:00Z');
const sec = (s: number): number => T0 + s * 1000;
const min = (m: number): number => T0 + m * 60_000;

const ALICE: StreamerRef = { id: '101', login: 'alice', displayName: 'Alice', profileImageUrl: null };
const BOB: StreamerRef = { id: '202', login: 'bob', displayName: 'Bob', profileImageUrl: null };

function stream(user: StreamerRef, id: string, over: Partial<ObservedStream> = {}): ObservedStream {
  return {
    id,
    userId: user.id,
    title: 'Speedrun any%',
    gameName: 'Celeste',
    viewerCount: 100,
    startedAt: '2024-05-01T17:50:00Z',
    thumbnailUrl: `https://static-cdn.jtvnw.net/previews-ttv/live_user_${user.login}-{width}x{height}.jpg`,
    ...over,
  };
}

function snap(at: number, live: ObservedStream[], followed: StreamerRef[] = [ALICE, BOB]): StreamSnapshot {
  return { at, live, followed };
}

/** Feeds polls in order, persisting the state as JSON between them like the loop does. */
function run(snapshots: StreamSnapshot[], start?: StreamTrackerState): { state: StreamTrackerState | undefined; results: StreamTrackResult[] } {
  let stored = start === undefined ? undefined : JSON.stringify(start);
  const results: StreamTrackResult[] = [];
  for (const s of snapshots) {
    const prev = stored === undefined ? undefined : (JSON.parse(stored) as StreamTrackerState);
    const result = trackStreams(prev, s, OPTIONS);
    expect(JSON.parse(JSON.stringify(result.state))).toEqual(result.state);
    stored = JSON.stringify(result.state);
    results.push(result);
  }
  return { state: stored === undefined ? undefined : (JSON.parse(stored) as StreamTrackerState), results };
}

const alertIds = (results: StreamTrackResult[]): string[] => results.flatMap((r) => r.alerts.map((a) => a.id));

describe('going live (T1)', () => {
  it('announces a new stream once, under its first stream id, at its start time', () => {
    const { results } = run([snap(min(0), []), snap(min(1), [stream(ALICE, 's1')])]);
    expect(results[0]!.alerts).toEqual([]);
    expect(results[1]!.alerts).toEqual([
      {
        source: 'stream',
        id: 'stream/101/s1/live',
        kind: 'stream-live',
        revision: 0,
        streamer: ALICE,
        stream: stream(ALICE, 's1'),
        sessionId: 's1',
        at: '2024-05-01T17:50:00Z',
      },
    ]);
  });

  it('announces a streamer already live at first start, once', () => {
    const live = snap(min(0), [stream(ALICE, 's1')]);
    const { results } = run([live, snap(min(1), [stream(ALICE, 's1')]), snap(min(2), [stream(ALICE, 's1')])]);
    expect(alertIds(results)).toEqual(['stream/101/s1/live']);
  });

  it('gives the same snapshot twice no second alert and no refresh (idempotence)', () => {
    const first = trackStreams(undefined, snap(min(0), [stream(ALICE, 's1')]), OPTIONS);
    const again = trackStreams(first.state, snap(min(0), [stream(ALICE, 's1')]), OPTIONS);
    expect(again.alerts).toEqual([]);
    expect(again.refresh).toEqual([]);
    expect(again.state).toEqual(first.state);
  });

  it('ignores live streams of streamers nobody follows and repeated entries', () => {
    const carol: StreamerRef = { id: '303', login: 'carol', displayName: 'Carol', profileImageUrl: null };
    const { results, state } = run([snap(min(0), [stream(carol, 'c1'), stream(ALICE, 's1'), stream(ALICE, 's1')], [ALICE, ALICE])]);
    expect(alertIds(results)).toEqual(['stream/101/s1/live']);
    expect(Object.keys(state!.streamers)).toEqual(['101']);
  });
});

describe('flaps and the grace period (T3, T4)', () => {
  it('stays silent through live → live → one empty poll → the same id back', () => {
    const s1 = stream(ALICE, 's1');
    const { results } = run([snap(sec(0), [s1]), snap(sec(30), [s1]), snap(sec(60), []), snap(sec(90), [s1]), snap(sec(120), [s1])]);
    expect(alertIds(results)).toEqual(['stream/101/s1/live']);
  });

  it('goes offline once the grace has passed since the last sighting, with the duration to that sighting', () => {
    const s1 = stream(ALICE, 's1', { viewerCount: 42 });
    const polls = [snap(min(0), [s1]), snap(min(20), [s1]), snap(min(21), []), snap(min(24), []), snap(min(24.99), [])];
    const before = run(polls);
    expect(alertIds(before.results)).toEqual(['stream/101/s1/live']);

    const after = run([snap(min(25), []), snap(min(26), []), snap(min(40), [])], before.state);
    expect(after.results[0]!.alerts).toEqual([
      {
        source: 'stream',
        id: 'stream/101/s1/offline',
        kind: 'stream-offline',
        revision: 0,
        streamer: ALICE,
        stream: s1,
        sessionId: 's1',
        at: '2024-05-01T18:25:00.000Z',
        // 17:50 → 18:20 (last seen), not to 18:25 (end of the grace)
        durationSeconds: 30 * 60,
      },
    ]);
    expect(alertIds(after.results.slice(1))).toEqual([]);
  });

  it('continues the session when a new stream id appears within the grace (a reconnect)', () => {
    const s1 = stream(ALICE, 's1');
    const s2 = stream(ALICE, 's2', { startedAt: '2024-05-01T18:03:00Z', viewerCount: 3 });
    const { results } = run([
      snap(min(0), [s1]),
      snap(min(1), []),
      snap(min(2), []),
      snap(min(4), [s2]),
      snap(min(10), [s2]),
      snap(min(15), []),
    ]);
    expect(alertIds(results)).toEqual(['stream/101/s1/live', 'stream/101/s1/offline']);
    // The card follows the new stream…
    expect(results[3]!.refresh).toEqual([{ streamer: ALICE, sessionId: 's1', stream: s2 }]);
    // …and the session runs from the first stream's start to the last sighting of the second.
    const offline = results[5]!.alerts[0]!;
    expect(offline).toMatchObject({ sessionId: 's1', stream: s2, at: '2024-05-01T18:15:00.000Z', durationSeconds: 20 * 60 });
  });

  it('treats any of the session\'s stream ids coming back as the same session', () => {
    const s1 = stream(ALICE, 's1');
    const s2 = stream(ALICE, 's2');
    const { results } = run([snap(min(0), [s1]), snap(min(1), [s2]), snap(min(2), [s1]), snap(min(3), [s2])]);
    expect(alertIds(results)).toEqual(['stream/101/s1/live']);
  });

  it('starts a new session for a new stream id after the offline', () => {
    const { results } = run([
      snap(min(0), [stream(ALICE, 's1')]),
      snap(min(1), []),
      snap(min(6), []),
      snap(min(30), [stream(ALICE, 's2', { startedAt: '2024-05-01T18:29:00Z' })]),
    ]);
    expect(alertIds(results)).toEqual(['stream/101/s1/live', 'stream/101/s1/offline', 'stream/101/s2/live']);
    expect(results[3]!.alerts[0]!.at).toBe('2024-05-01T18:29:00Z');
  });

  it('does not re-announce an ended session\'s stream that Helix lists again', () => {
    const s1 = stream(ALICE, 's1');
    const { results } = run([snap(min(0), [s1]), snap(min(6), []), snap(min(7), [s1]), snap(min(8), []), snap(min(20), [])]);
    expect(alertIds(results)).toEqual(['stream/101/s1/live', 'stream/101/s1/offline']);
  });

  it('tracks several streamers independently', () => {
    const a = stream(ALICE, 'a1');
    const b = stream(BOB, 'b1', { startedAt: '2024-05-01T18:02:00Z' });
    const { results } = run([
      snap(min(0), [a]),
      snap(min(2), [a, b]),
      snap(min(3), [b]), // Alice flaps, Bob stays
      snap(min(8), [b]), // Alice's grace ran out at 18:07
      snap(min(9), [a, b]), // Alice's old stream listed again: nothing
      snap(min(10), []),
      snap(min(15), []),
    ]);
    expect(results.map((r) => r.alerts.map((x) => x.id))).toEqual([
      ['stream/101/a1/live'],
      ['stream/202/b1/live'],
      [],
      ['stream/101/a1/offline'],
      [],
      [],
      ['stream/202/b1/offline'],
    ]);
    expect(results[6]!.alerts[0]!.durationSeconds).toBe(7 * 60);
  });
});

describe('card refreshes (T2)', () => {
  it('refreshes at most once a minute, only on a change, and draws a held-back change later', () => {
    const base = stream(ALICE, 's1', { viewerCount: 100 });
    const v = (viewerCount: number, over: Partial<ObservedStream> = {}): ObservedStream => ({ ...base, viewerCount, ...over });
    const { results } = run([
      snap(sec(0), [v(100)]), // live: the card is drawn now
      snap(sec(30), [v(120)]), // changed, too soon
      snap(sec(60), [v(120)]), // the held-back change is due
      snap(sec(90), [v(120)]), // no change
      snap(sec(150), [v(120)]), // no change, even though a minute passed
      snap(sec(160), [v(120, { title: 'New title' })]), // 100 s since the last draw
      snap(sec(200), [v(120, { title: 'New title', gameName: 'Just Chatting' })]), // too soon
      snap(sec(220), [v(120, { title: 'New title', gameName: 'Just Chatting' })]), // exactly a minute
    ]);
    expect(results.map((r) => r.refresh.map((x) => [x.stream.viewerCount, x.stream.title, x.stream.gameName]))).toEqual([
      [],
      [],
      [[120, 'Speedrun any%', 'Celeste']],
      [],
      [],
      [[120, 'New title', 'Celeste']],
      [],
      [[120, 'New title', 'Just Chatting']],
    ]);
    expect(results[2]!.refresh[0]).toMatchObject({ streamer: ALICE, sessionId: 's1' });
  });

  it('honours a custom refresh interval', () => {
    const first = trackStreams(undefined, snap(sec(0), [stream(ALICE, 's1')]), { offlineGraceMs: GRACE, refreshEveryMs: 10_000 });
    const next = trackStreams(first.state, snap(sec(10), [stream(ALICE, 's1', { viewerCount: 7 })]), { offlineGraceMs: GRACE, refreshEveryMs: 10_000 });
    expect(next.refresh).toHaveLength(1);
  });

  it('does not refresh a card while the streamer is absent in the grace', () => {
    const { results } = run([snap(min(0), [stream(ALICE, 's1')]), snap(min(2), []), snap(min(3), [])]);
    expect(results.flatMap((r) => r.refresh)).toEqual([]);
  });
});

describe('restarts (the state is persisted every poll)', () => {
  const s1 = stream(ALICE, 's1');
  const liveAt = (lastSeen: number): StreamTrackerState => run([snap(lastSeen, [s1])]).state!;

  it('does not announce again a stream that is still live', () => {
    const { results } = run([snap(min(30), [s1])], liveAt(min(0)));
    expect(alertIds(results)).toEqual([]);
  });

  it('applies the normal grace when down for less than it', () => {
    const { results } = run([snap(min(3), []), snap(min(4.5), []), snap(min(5), [])], liveAt(min(0)));
    expect(results.map((r) => r.alerts.map((x) => x.id))).toEqual([[], [], ['stream/101/s1/offline']]);
  });

  it('continues the session when the streamer is back within the grace after a restart', () => {
    const { results } = run([snap(min(1), []), snap(min(3), [s1]), snap(min(20), [])], liveAt(min(0)));
    expect(results.map((r) => r.alerts.map((x) => x.id))).toEqual([[], [], ['stream/101/s1/offline']]);
    expect(results[2]!.alerts[0]).toMatchObject({ durationSeconds: 13 * 60, at: '2024-05-01T18:08:00.000Z' });
  });

  it('sends the offline of a stream that ended while Fanfare was down on the first poll, timed from the last sighting', () => {
    const { results } = run([snap(min(60), []), snap(min(61), [])], liveAt(min(10)));
    expect(results[0]!.alerts).toHaveLength(1);
    expect(results[0]!.alerts[0]).toMatchObject({
      id: 'stream/101/s1/offline',
      at: '2024-05-01T18:15:00.000Z',
      durationSeconds: 20 * 60,
    });
    expect(alertIds(results.slice(1))).toEqual([]);
  });

  it('ends the old session before announcing a new stream that started while Fanfare was down', () => {
    const s2 = stream(ALICE, 's2', { startedAt: '2024-05-01T18:50:00Z' });
    const { results } = run([snap(min(60), [s2])], liveAt(min(10)));
    expect(alertIds(results)).toEqual(['stream/101/s1/offline', 'stream/101/s2/live']);
  });

  it('keeps a stream with the same id live after a long gap (it never ended)', () => {
    const { results } = run([snap(min(60), [s1])], liveAt(min(0)));
    expect(alertIds(results)).toEqual([]);
  });

  it('announces nothing for a streamer never seen live, until they go live', () => {
    const { results, state } = run([snap(min(0), []), snap(min(1), [])], { v: 1, streamers: {} });
    expect(alertIds(results)).toEqual([]);
    expect(state).toEqual({ v: 1, streamers: {} });
    expect(alertIds(run([snap(min(2), [s1])], state).results)).toEqual(['stream/101/s1/live']);
  });
});

describe('unfollowed streamers', () => {
  it('forgets a streamer no longer followed, silently', () => {
    const start = run([snap(min(0), [stream(ALICE, 's1'), stream(BOB, 'b1')])]).state!;
    const { results, state } = run([snap(min(1), [stream(BOB, 'b1')], [BOB]), snap(min(20), [stream(BOB, 'b1')], [BOB])], start);
    expect(alertIds(results)).toEqual([]);
    expect(Object.keys(state!.streamers)).toEqual([BOB.id]);
  });

  it('uses the followed streamer\'s current names in alerts (a renamed login keeps its session, T5)', () => {
    const start = run([snap(min(0), [stream(ALICE, 's1')], [ALICE])]).state!;
    const renamed: StreamerRef = { ...ALICE, login: 'alice_v2', displayName: 'AliceV2' };
    const { results } = run([snap(min(10), [], [renamed])], start);
    expect(results[0]!.alerts[0]).toMatchObject({ id: 'stream/101/s1/offline', streamer: renamed });
  });
});
