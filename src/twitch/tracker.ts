/**
 * The stream tracker: (previous state, snapshot) → (new state, alerts, card refreshes). Pure and
 * deterministic (time comes only from `snapshot.at`), so Helix's quirks (reference §5: caching lag,
 * flapping, a new stream id on reconnect) are settled here and tested on plain data.
 *
 * The caller skips failed polls, so `snapshot.live` is complete for `snapshot.followed`: a followed
 * streamer missing from it was seen offline at `snapshot.at`.
 */
import type { ObservedStream, StreamAlert, StreamerRef, StreamSnapshot } from './types.js';

/** What the card shows, to refresh it only when a reader would see a difference. */
export interface CardContent {
  streamId: string;
  title: string;
  gameName: string;
  viewerCount: number;
}

/** A session in progress (or in its grace period: absent, but not for long enough to be offline). */
export interface LiveStreamerState {
  phase: 'live';
  /** The session's first stream id: alert ids hang off it. */
  sessionId: string;
  /** The first stream's start: the session's duration runs from it, across reconnects. */
  startedAt: string;
  /** Stream ids seen in this session (most recent last, capped), so any of them coming back is no news. */
  streamIds: string[];
  /** The stream as last observed: the card follows it, and the offline alert reports it. */
  stream: ObservedStream;
  /** Unix ms of the last poll that saw the streamer live. */
  lastSeen: number;
  card: CardContent;
  /** Unix ms the card was last drawn (posted or refreshed). */
  cardAt: number;
  /** A stream EventSub said went offline: a poll still listing it (Helix's cache) does not keep it alive. */
  offlineStreamId?: string;
  /** Started by stream.online and not listed by Helix yet, which lags by minutes: polls missing it are no news. */
  awaitingHelix?: boolean;
}

/**
 * A session that ended. Kept (tiny) so a stale listing of one of its streams, which Helix's cache can
 * produce, is not announced as a new session: bots that forgot at offline re-announced on every flap.
 */
export interface EndedStreamerState {
  phase: 'ended';
  sessionId: string;
  streamIds: string[];
  /** Unix ms the grace ran out. */
  endedAt: number;
}

export type StreamerState = LiveStreamerState | EndedStreamerState;

export interface StreamTrackerState {
  v: 1;
  /** Twitch user id → state. A followed streamer never seen live has no entry. */
  streamers: Record<string, StreamerState>;
}

export interface CardRefresh {
  streamer: StreamerRef;
  sessionId: string;
  stream: ObservedStream;
}

export interface StreamTrackResult {
  state: StreamTrackerState;
  /** In the order they must be delivered (per streamer: an ended session's offline before the next live). */
  alerts: StreamAlert[];
  /** Live cards whose content changed and were last drawn at least `refreshEveryMs` ago (T2). */
  refresh: CardRefresh[];
}

export interface StreamTrackerOptions {
  /** How long a streamer must stay absent before the session is offline (T3/T4). */
  offlineGraceMs: number;
  /** Minimum time between two refreshes of one card (T2). */
  refreshEveryMs?: number;
}

export const DEFAULT_REFRESH_EVERY_MS = 60_000;

/** Helix lists a new stream 1–3 min after it starts (reference §5): a session from an event waits this long more. */
export const HELIX_LAG_MS = 5 * 60_000;

/** Enough for a broadcaster who reconnects a few times in one evening; older ids will not come back. */
const MAX_STREAM_IDS = 8;

export function trackStreams(
  prev: StreamTrackerState | undefined,
  snapshot: StreamSnapshot,
  options: StreamTrackerOptions,
): StreamTrackResult {
  const grace = Math.max(0, options.offlineGraceMs);
  const refreshEvery = options.refreshEveryMs ?? DEFAULT_REFRESH_EVERY_MS;
  const previous = prev?.streamers ?? {};
  const now = snapshot.at;

  const liveByUser = new Map<string, ObservedStream>();
  for (const stream of snapshot.live) {
    if (!liveByUser.has(stream.userId)) liveByUser.set(stream.userId, stream);
  }

  // Only followed streamers are carried over: one no longer followed is forgotten without a word.
  const streamers: Record<string, StreamerState> = {};
  const alerts: StreamAlert[] = [];
  const refresh: CardRefresh[] = [];
  const handled = new Set<string>();

  for (const streamer of snapshot.followed) {
    if (handled.has(streamer.id)) continue;
    handled.add(streamer.id);
    let state = previous[streamer.id];
    const listed = liveByUser.get(streamer.id);
    const observed = state?.phase === 'live' && listed?.id === state.offlineStreamId ? undefined : listed;

    if (state?.phase === 'live') {
      const known = observed !== undefined && state.streamIds.includes(observed.id);
      // Absent, or under a new id after a gap no poll covered (Fanfare was down): once the grace has run
      // out since the last sighting, the session is over, even if a new stream is already up.
      const patience = state.awaitingHelix ? grace + HELIX_LAG_MS : grace;
      if (!known && now - state.lastSeen >= patience) {
        alerts.push(offlineAlert(streamer, state, grace));
        state = ended(state, grace);
      }
    }

    if (observed === undefined) {
      if (state) streamers[streamer.id] = state;
      continue;
    }

    if (state?.phase === 'live') {
      const next = continueSession(state, observed, now);
      // Compared with what the card shows, not with the last poll: a change held back by the throttle is
      // still drawn on the first poll allowed to.
      if (!sameCard(next.card, cardOf(observed)) && now - next.cardAt >= refreshEvery) {
        next.card = cardOf(observed);
        next.cardAt = now;
        refresh.push({ streamer, sessionId: next.sessionId, stream: observed });
      }
      streamers[streamer.id] = next;
      continue;
    }

    if (state?.phase === 'ended' && state.streamIds.includes(observed.id)) {
      // A stream of a session already announced as over: Helix still listing it is not a new session.
      streamers[streamer.id] = state;
      continue;
    }

    const started = startSession(observed, now);
    alerts.push(liveAlert(streamer, started));
    streamers[streamer.id] = started;
  }

  return { state: { v: 1, streamers }, alerts, refresh };
}

/** What EventSub said, on its own: stream.online carries the stream id and start, nothing to show yet. */
export type StreamEvent =
  | { kind: 'online'; at: number; streamer: StreamerRef; streamId: string; startedAt: string }
  | { kind: 'offline'; at: number; streamer: StreamerRef };

/**
 * One EventSub event through the same judge as the polls. Online: a live session starts from the event
 * alone (title, game and thumbnail are drawn in when a poll sees them: the card counts as never drawn, so
 * the first poll with them refreshes it). Offline: the grace starts now, and Helix still listing the
 * stream is not a sighting. Other streamers' states are untouched.
 */
export function trackEvent(prev: StreamTrackerState | undefined, event: StreamEvent): StreamTrackResult {
  const streamers = { ...(prev?.streamers ?? {}) };
  const state = streamers[event.streamer.id];
  const alerts: StreamAlert[] = [];
  if (event.kind === 'offline') {
    if (state?.phase === 'live') {
      streamers[event.streamer.id] = { ...state, lastSeen: Math.max(state.lastSeen, event.at), offlineStreamId: state.stream.id, awaitingHelix: undefined };
    }
    return { state: { v: 1, streamers }, alerts, refresh: [] };
  }
  const stream: ObservedStream = {
    id: event.streamId,
    userId: event.streamer.id,
    title: '',
    gameName: '',
    viewerCount: 0,
    startedAt: event.startedAt,
    thumbnailUrl: '',
  };
  if (state?.phase === 'live') {
    // A reconnect within the grace (T4), or the stream a poll already announced: no news either way.
    if (!state.streamIds.includes(stream.id)) {
      const next = continueSession(state, stream, event.at);
      streamers[event.streamer.id] = { ...next, stream: state.stream, offlineStreamId: undefined, awaitingHelix: true };
    } else if (state.offlineStreamId !== stream.id) {
      streamers[event.streamer.id] = { ...state, lastSeen: Math.max(state.lastSeen, event.at) };
    }
    return { state: { v: 1, streamers }, alerts, refresh: [] };
  }
  if (state?.phase === 'ended' && state.streamIds.includes(stream.id)) return { state: { v: 1, streamers }, alerts, refresh: [] };
  const started: LiveStreamerState = { ...startSession(stream, event.at), cardAt: 0, awaitingHelix: true };
  alerts.push(liveAlert(event.streamer, started));
  streamers[event.streamer.id] = started;
  return { state: { v: 1, streamers }, alerts, refresh: [] };
}

function startSession(stream: ObservedStream, now: number): LiveStreamerState {
  return {
    phase: 'live',
    sessionId: stream.id,
    startedAt: stream.startedAt,
    streamIds: [stream.id],
    stream,
    lastSeen: now,
    card: cardOf(stream),
    cardAt: now,
  };
}

/** The same stream back, or a new one within the grace (a reconnect, T4): the card follows it. */
function continueSession(state: LiveStreamerState, stream: ObservedStream, now: number): LiveStreamerState {
  const streamIds = state.streamIds.includes(stream.id)
    ? state.streamIds
    : [...state.streamIds, stream.id].slice(-MAX_STREAM_IDS);
  return { ...state, streamIds, stream, lastSeen: Math.max(state.lastSeen, now), awaitingHelix: undefined };
}

function ended(state: LiveStreamerState, grace: number): EndedStreamerState {
  return { phase: 'ended', sessionId: state.sessionId, streamIds: state.streamIds, endedAt: state.lastSeen + grace };
}

function cardOf(stream: ObservedStream): CardContent {
  return { streamId: stream.id, title: stream.title, gameName: stream.gameName, viewerCount: stream.viewerCount };
}

function sameCard(a: CardContent, b: CardContent): boolean {
  return a.streamId === b.streamId && a.title === b.title && a.gameName === b.gameName && a.viewerCount === b.viewerCount;
}

function liveAlert(streamer: StreamerRef, state: LiveStreamerState): StreamAlert {
  return {
    source: 'stream',
    id: `stream/${streamer.id}/${state.sessionId}/live`,
    kind: 'stream-live',
    revision: 0,
    streamer,
    stream: state.stream,
    sessionId: state.sessionId,
    at: state.startedAt,
  };
}

/**
 * The duration runs to the last sighting, not to the end of the grace: the grace is Fanfare's doubt, not
 * airtime. `at` is when the grace ran out, which after a restart may be well before this poll.
 */
function offlineAlert(streamer: StreamerRef, state: LiveStreamerState, grace: number): StreamAlert {
  const started = Date.parse(state.startedAt);
  const durationSeconds = Number.isFinite(started) ? Math.max(0, Math.floor((state.lastSeen - started) / 1000)) : 0;
  return {
    source: 'stream',
    id: `stream/${streamer.id}/${state.sessionId}/offline`,
    kind: 'stream-offline',
    revision: 0,
    streamer,
    stream: state.stream,
    sessionId: state.sessionId,
    at: new Date(state.lastSeen + grace).toISOString(),
    durationSeconds,
  };
}
