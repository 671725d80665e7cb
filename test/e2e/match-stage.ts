/**
 * The stage for the end-to-end match tests: a fake FIFA feed playing the 2022 World Cup final, a fake
 * Slack, and the real app started as a child process through its configuration variables.
 */
import { afterEach, beforeEach } from 'vitest';
import { startFakeFifa, type FakeFifa } from '../fakes/fifa.js';
import { startFakeSlack, type FakeMessage, type FakeSlack } from '../fakes/slack.js';
import { startApp, tempDir, type RunningApp } from './harness.js';
import { serveRecordingAt, servePlayers } from './recorded-match.js';

export const CHANNEL = 'C0WORLDCUP';

/** What a channel reader sees in the thread: each reply's notification text, in order. */
export const EXPECTED_REPLIES = [
  'Kick-off! Argentina v France',
  "Penalty to Argentina 21' — Argentina 0–0 France",
  "GOAL! Argentina 1–0 France — Lionel MESSI 23' (pen.)",
  "GOAL! Argentina 2–0 France — Angel DI MARIA 36'",
  "Yellow card — Enzo FERNANDEZ (Argentina) 45'+7' — Argentina 2–0 France",
  'Half-time — Argentina 2–0 France',
  'Second half under way — Argentina 2–0 France',
  "Yellow card — Adrien RABIOT (France) 55' — Argentina 2–0 France",
  "Penalty to France 79' — Argentina 2–0 France",
  "GOAL! Argentina 2–1 France — Kylian MBAPPE 80' (pen.)",
  "GOAL! Argentina 2–2 France — Kylian MBAPPE 81'",
  "Yellow card — Marcus THURAM (France) 87' — Argentina 2–2 France",
  "Yellow card — Marcos ACUNA (Argentina) 90'+8' — Argentina 2–2 France",
  'End of normal time — Argentina 2–2 France',
  'Extra time under way — Argentina 2–2 France',
  'Half-time in extra time — Argentina 2–2 France',
  'Second half of extra time under way — Argentina 2–2 France',
  "GOAL! Argentina 3–2 France — Lionel MESSI 108'",
  "Yellow card — Leandro PAREDES (Argentina) 114' — Argentina 3–2 France",
  "Penalty to France 116' — Argentina 3–2 France",
  "Yellow card — Gonzalo MONTIEL (Argentina) 116' — Argentina 3–2 France",
  "GOAL! Argentina 3–3 France — Kylian MBAPPE 118' (pen.)",
  'End of extra time, penalties to follow — Argentina 3–3 France',
  'Penalty shoot-out under way — Argentina 3–3 France (0–0 pens)',
  'Kylian MBAPPE (France) scores — Penalties: Argentina 0–1 France',
  'Lionel MESSI (Argentina) scores — Penalties: Argentina 1–1 France',
  "Yellow card — Emiliano MARTINEZ (Argentina) 121' — Argentina 3–3 France (1–1 pens)",
  'Kingsley COMAN (France) has the kick saved — Penalties: Argentina 1–1 France',
  'Paulo DYBALA (Argentina) scores — Penalties: Argentina 2–1 France',
  'Aurelien TCHOUAMENI (France) misses — Penalties: Argentina 2–1 France',
  'Leandro PAREDES (Argentina) scores — Penalties: Argentina 3–1 France',
  'Randal KOLO MUANI (France) scores — Penalties: Argentina 3–2 France',
  'Gonzalo MONTIEL (Argentina) scores — Penalties: Argentina 4–2 France',
  'End of the penalty shoot-out — Argentina 3–3 France a.e.t. (4–2 pens)',
  'Match over — Argentina 3–3 France a.e.t. (4–2 pens) — Argentina win 4–2 on penalties',
];

export const FINAL_PARENT_TEXT = 'Argentina 3–3 France a.e.t. (4–2 pens) — Argentina won 4–2 on penalties';

export let fifa: FakeFifa;
export let slack: FakeSlack;
let workdir: { dir: string; remove: () => Promise<void> };
const apps: RunningApp[] = [];

/** Call at the top of a test file: fresh fakes and a fresh store for every test. */
export function useMatchStage(): void {
  beforeEach(async () => {
  fifa = await startFakeFifa();
  slack = await startFakeSlack();
  workdir = await tempDir();
  servePlayers(fifa);
  });

  afterEach(async () => {
    await Promise.all(apps.splice(0).map((app) => app.kill('SIGKILL')));
    await slack.close();
    await fifa.close();
    await workdir.remove();
  });
}

export function launch(extraEnv: Record<string, string> = {}): RunningApp {
  const app = startApp(
    {
      SLACK_BOT_TOKEN: slack.botToken,
      SLACK_APP_TOKEN: slack.appToken,
      SLACK_API_URL: slack.apiUrl,
      SLACK_CHANNEL: CHANNEL,
      FIFA_API_URL: fifa.url,
      FIFA_COMPETITION_ID: '17',
      FIFA_SEASON_ID: '255711',
      MATCH_POLL_SECONDS: '0.2',
      CALENDAR_POLL_SECONDS: '0.5',
      MATCH_LINGER_SECONDS: '1',
      STORE_URL: `sqlite://${workdir.dir}/store.sqlite`,
      // Posts ten a second rather than Slack's one: no test here is about the pace.
      SLACK_POST_INTERVAL_MS: '100',
      ...extraEnv,
    },
    workdir.dir,
  );
  apps.push(app);
  return app;
}

export function parents(): FakeMessage[] {
  return slack.channelMessages(CHANNEL);
}

export function replyTexts(): string[] {
  const [parent] = parents();
  return parent ? slack.thread(CHANNEL, parent.ts).map((m) => m.text) : [];
}

/** Waits until the thread holds `count` replies (the poster is paced, ten a second here). */
export async function waitForReplies(count: number, timeoutMs = 90_000): Promise<void> {
  try {
    await slack.waitFor(() => replyTexts().length >= count, timeoutMs);
  } catch (error) {
    throw new Error(`${(error as Error).message}: wanted ${count} replies, the thread has:\n${replyTexts().join('\n')}`);
  }
}

/** Shows the feed at each moment in turn, giving the app a few polls at each. */
export async function play(moments: number[]): Promise<void> {
  for (const at of moments) {
    serveRecordingAt(fifa, at);
    await new Promise((resolve) => setTimeout(resolve, 700));
  }
}

