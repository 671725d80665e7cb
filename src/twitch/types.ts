/**
 * Twitch streamers as Fanfare's sinks see them. The tracker's input is a plain snapshot of the streams
 * observed live, so another feed (EventSub) can join later without changing it.
 */
import type { ObservedStream, StreamerRef } from '../alerts/types.js';

// The stream alert and what it names are part of the one Alert union (alerts/types.ts).
export type { ObservedStream, StreamAlert, StreamerRef } from '../alerts/types.js';

/** What one poll saw: the streams live now among the followed streamers, and when. */
export interface StreamSnapshot {
  /** Unix ms of the observation. */
  at: number;
  live: ObservedStream[];
  /** The followed streamers asked about (a streamer absent from `live` was seen offline). */
  followed: StreamerRef[];
}
