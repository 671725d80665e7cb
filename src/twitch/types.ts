/**
 * Twitch streamers as Fanfare's sinks see them. The tracker's input is a plain snapshot of the streams
 * observed live, so another feed (EventSub) can join later without changing it.
 */

export interface StreamerRef {
  /** Stable Twitch user id (SPEC T5). */
  id: string;
  login: string;
  displayName: string;
  profileImageUrl: string | null;
}

/** One live stream as observed. External text (title, game) is escaped by renderers. */
export interface ObservedStream {
  /** Twitch stream id: a new one means the broadcaster (re)started. */
  id: string;
  userId: string;
  title: string;
  gameName: string;
  viewerCount: number;
  /** RFC 3339 UTC. */
  startedAt: string;
  /** Template with {width} and {height}. */
  thumbnailUrl: string;
}

/** What one poll saw: the streams live now among the followed streamers, and when. */
export interface StreamSnapshot {
  /** Unix ms of the observation. */
  at: number;
  live: ObservedStream[];
  /** The followed streamers asked about (a streamer absent from `live` was seen offline). */
  followed: StreamerRef[];
}

/** A streamer went live (T1) or a session ended (T3). Identity: one of each per session. */
export interface StreamAlert {
  source: 'stream';
  /** `stream/${streamerId}/${sessionId}/live` or `…/offline`; sinks dedupe on it. */
  id: string;
  kind: 'stream-live' | 'stream-offline';
  revision: 0;
  streamer: StreamerRef;
  /** The stream as last seen (for an offline alert: just before it ended). */
  stream: ObservedStream;
  /** The session's id: the first stream id of the session. */
  sessionId: string;
  /** ISO time it happened (went live: the stream's start; offline: when the grace ran out). */
  at: string;
  /** Offline only: how long the session lasted. */
  durationSeconds?: number;
}
