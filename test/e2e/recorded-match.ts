/**
 * Serves the bundled 2022 World Cup final recording through the fake FIFA server, step by step, as the
 * live feed would have shown it.
 */
import { calendarAsOf, eventsAsOf, instant, loadRecording, recordedMatch } from '../../src/demo/recording-client.js';
import type { FakeFifa } from '../fakes/fifa.js';

export const recording = loadRecording();
export const match = recordedMatch(recording);
export const MATCH_KEY = `fifa:${match.competitionId}/${match.seasonId}/${match.matchId}`;

/** Event times in order; a step reveals everything up to its time. */
const times = [...new Set(recording.timeline.Event.map((e) => instant(e.Timestamp)))].sort((a, b) => a - b);
const kickoff = Math.min(
  ...recording.timeline.Event.filter((e) => e.Type === 7 && e.Period === 3).map((e) => instant(e.Timestamp)),
);

/**
 * Moments to show the feed at: the kick-off first (so Fanfare sees the match start, not a match under way),
 * then every `eventsPerStep` events, and the end.
 */
export function steps(eventsPerStep: number): number[] {
  const after = times.filter((t) => t > kickoff);
  const moments = [kickoff];
  for (let i = eventsPerStep - 1; i < after.length; i += eventsPerStep) moments.push(after[i] as number);
  const last = times.at(-1) as number;
  if (moments.at(-1) !== last) moments.push(last);
  return moments;
}

export function serveRecordingAt(fifa: FakeFifa, at: number): void {
  fifa.setCalendar([calendarAsOf(recording, at)]);
  const { Event: _all, ...wrapper } = recording.timeline;
  fifa.setTimeline(match.matchId, eventsAsOf(recording, at), wrapper);
}

export function servePlayers(fifa: FakeFifa): void {
  for (const [id, player] of Object.entries(recording.players)) {
    const name = (player.Name as Array<{ Description: string }>)[0]?.Description ?? id;
    const alias = (player.Alias as Array<{ Description: string }> | undefined)?.[0]?.Description;
    fifa.setPlayer(id, name, alias);
  }
}
