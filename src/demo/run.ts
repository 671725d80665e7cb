/**
 * The offline demo: replays the bundled match recording through the production feed, tracker and Slack
 * renderers, and prints the thread as a channel reader would see it. The simulated clock jumps from one
 * poll to the next; real waiting between polls compresses play and shortens the breaks.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { DateTime } from 'luxon';
import type { Locale } from '../alerts/i18n/locales.js';
import { renderParent, renderReply } from '../alerts/slack-blocks.js';
import type { MatchAlert } from '../alerts/types.js';
import { categorize, SHOOTOUT_PERIOD } from '../football/fifa/event-kinds.js';
import { fifaToNeutral } from '../football/fifa-neutral.js';
import { FootballFeed } from '../football/feed.js';
import { trackMatch, type MatchState } from '../football/tracker.js';
import type { CalendarMatch } from '../football/types.js';
import { createLogger, type Logger } from '../log.js';
import { demoPhrases, type DemoPhrases } from './messages.js';
import { instant, loadRecording, recordedMatch, RecordingClient, type Recording } from './recording-client.js';
import { messageToLines, type SlackMessageLike, type TerminalOptions } from './terminal.js';

export interface DemoOptions {
  /** 1 = about DEFAULT_DURATION_SECONDS; 4 = four times faster; 0 = no waiting at all. */
  speed: number;
  locale: Locale;
  out: NodeJS.WritableStream;
  color: boolean;
  logger?: Logger;
  /** IANA zone dates and times are shown in; defaults to the machine's zone, as a reader's Slack would. */
  zone?: string;
  /** Another recording (tests); defaults to the bundled 2022 final. */
  recording?: Recording;
}

/** The whole replay at speed 1, in seconds. */
export const DEFAULT_DURATION_SECONDS = 40;
/** Real seconds each break (half-time, before and between extra time, before the shoot-out) lasts at speed 1. */
const BREAK_SECONDS = 1.5;
/** The shoot-out is played slower than the rest: every kick is news. */
const SHOOTOUT_WEIGHT = 3;
/** Quiet stretches still get polled this often (simulated), so the minute on the parent moves on. */
const QUIET_POLL_MS = 10 * 60_000;

export interface Tick {
  /** Simulated time of this poll, epoch ms. */
  at: number;
  /** Real time to wait before it, ms, at speed 1. */
  waitMs: number;
}

interface Segment {
  start: number;
  end: number;
  /** Real ms per simulated ms. */
  rate: number;
}

/**
 * When to poll: at kick-off, at every event that may be posted (so each reply appears as it happens),
 * when a pending event settles, and every QUIET_POLL_MS of play; up to the match-end event. Between two
 * polls the real wait follows the pace: play compressed evenly, each break a fixed BREAK_SECONDS.
 */
export function buildSchedule(recording: Recording, durationSeconds = DEFAULT_DURATION_SECONDS): Tick[] {
  const events = recording.timeline.Event.map((e) => ({ at: instant(e.Timestamp), type: Number(e.Type), period: Number(e.Period) })).sort(
    (x, y) => x.at - y.at,
  );
  const kickoff = events.find((e) => e.type === 7 && e.period === 3)?.at;
  const end = events.findLast((e) => e.type === 26)?.at ?? events.at(-1)?.at;
  if (kickoff === undefined || end === undefined) throw new Error('demo recording: no kick-off or no end');

  // Periods of play: from each period's start event to its end event.
  const play: { start: number; end: number; weight: number }[] = [];
  for (const start of events.filter((e) => e.type === 7)) {
    const stop = events.find((e) => e.type === 8 && e.period === start.period && e.at >= start.at);
    play.push({ start: start.at, end: stop?.at ?? end, weight: start.period === SHOOTOUT_PERIOD ? SHOOTOUT_WEIGHT : 1 });
  }
  const breaks: { start: number; end: number }[] = [];
  play.forEach((p, i) => {
    const next = play[i + 1]?.start;
    if (next !== undefined && next > p.end) breaks.push({ start: p.end, end: next });
  });
  // The last whistle to the match-end event is no break: it passes at the pace of play.
  const last = play.at(-1);
  if (last !== undefined && end > last.end) play.push({ start: last.end, end, weight: 1 });
  const weightedPlay = play.reduce((sum, p) => sum + (p.end - p.start) * p.weight, 0);
  const breakBudget = Math.min(breaks.length * BREAK_SECONDS, durationSeconds / 2);
  const rate = weightedPlay > 0 ? ((durationSeconds - breakBudget) * 1000) / weightedPlay : 0;
  const segments: Segment[] = [
    ...play.map((p) => ({ start: p.start, end: p.end, rate: rate * p.weight })),
    ...breaks.map((b) => ({ start: b.start, end: b.end, rate: (breakBudget / breaks.length) * 1000 / (b.end - b.start) })),
  ];

  const times = new Set<number>([kickoff, end]);
  for (const e of events) {
    const category = categorize(e.type).category;
    if (category !== 'noise' && category !== 'substitution' && category !== 'unknown') times.add(e.at);
  }
  for (const revision of recording.revisions) times.add(instant(revision.until));
  for (const p of play) {
    for (let t = p.start + QUIET_POLL_MS; t < p.end; t += QUIET_POLL_MS) times.add(t);
  }
  const sorted = [...times].filter((t) => t >= kickoff && t <= end).sort((x, y) => x - y);
  return sorted.map((at, i) => ({ at, waitMs: i === 0 ? 0 : realMs(segments, sorted[i - 1] ?? at, at) }));
}

function realMs(segments: readonly Segment[], from: number, to: number): number {
  let total = 0;
  for (const s of segments) {
    const overlap = Math.min(to, s.end) - Math.max(from, s.start);
    if (overlap > 0) total += overlap * s.rate;
  }
  return total;
}

/** Goals also go to the channel (reply_broadcast), as the poster does by default. */
function isBroadcast(alert: MatchAlert): boolean {
  return alert.kind === 'goal';
}

class ThreadPrinter {
  private parent: string | null = null;
  private readonly printed = new Map<string, number>();
  private readonly terminal: TerminalOptions;

  constructor(
    private readonly out: NodeJS.WritableStream,
    private readonly words: DemoPhrases,
    private readonly options: { color: boolean; locale: Locale; zone?: string },
  ) {
    this.terminal = { color: options.color, locale: options.locale, zone: options.zone };
  }

  line(text = ''): void {
    this.out.write(`${text}\n`);
  }

  private frame(text: string): string {
    return this.options.color ? `\u001b[1m${text}\u001b[22m` : text;
  }

  private dim(text: string): string {
    return this.options.color ? `\u001b[2m${text}\u001b[22m` : text;
  }

  private lines(message: SlackMessageLike): string[] {
    return messageToLines(message, this.terminal);
  }

  hasParent(): boolean {
    return this.parent !== null;
  }

  /** Prints the parent when its rendering differs from what was last shown. */
  parentMessage(message: SlackMessageLike): void {
    const key = JSON.stringify(message);
    if (key === this.parent) return;
    const first = this.parent === null;
    this.parent = key;
    this.line();
    this.line(this.frame(first ? this.words.parentPosted : this.words.parentNow));
    for (const l of this.lines(message)) this.line(`  ${l}`);
  }

  /** Prints a reply once per revision; a later revision is shown as an edit of the same reply. */
  reply(alert: MatchAlert, message: SlackMessageLike, at: number): void {
    const shown = this.printed.get(alert.id);
    if (shown !== undefined && shown >= alert.revision) return;
    this.printed.set(alert.id, alert.revision);
    const time = DateTime.fromMillis(at, { zone: this.options.zone ?? 'local' })
      .setLocale(this.options.locale)
      .toLocaleString(DateTime.TIME_SIMPLE);
    const tags = [
      shown !== undefined && alert.revision > 0 ? this.words.edited : null,
      isBroadcast(alert) ? this.words.broadcast : null,
    ].filter((t): t is string => t !== null);
    this.line();
    this.line(`    ${this.dim([this.words.reply(time), ...tags].join(' '))}`);
    for (const l of this.lines(message)) this.line(`    ${this.dim('│')} ${l}`);
  }
}

export async function runDemo(options: DemoOptions): Promise<void> {
  const logger = options.logger ?? createLogger('silent');
  const recording = options.recording ?? loadRecording();
  const words = demoPhrases(options.locale);
  const schedule = buildSchedule(recording);
  const speed = Number.isFinite(options.speed) && options.speed > 0 ? options.speed : 0;

  let clock = schedule[0]?.at ?? 0;
  const client = new RecordingClient(recording, () => clock);
  const id = recordedMatch(recording);
  const feed = new FootballFeed({
    client,
    competitionId: id.competitionId,
    seasonId: id.seasonId,
    locale: options.locale,
    logger,
    now: () => clock,
  });
  const printer = new ThreadPrinter(options.out, words, { color: options.color, locale: options.locale, zone: options.zone });

  printer.line(words.intro);
  printer.line(words.connectHint);
  printer.line(speed === 0 ? words.instant : words.pace(speed, Math.round(DEFAULT_DURATION_SECONDS / speed)));

  let state: MatchState | undefined;
  let match: CalendarMatch | undefined;
  for (const tick of schedule) {
    if (speed > 0 && tick.waitMs > 0) await sleep(tick.waitMs / speed);
    clock = tick.at;

    // The calendar carries status and result; like the production loop, refresh it and keep the last good one.
    const calendar = await feed.calendar();
    match = calendar?.find((m) => m.key.matchId === id.matchId) ?? match;
    if (match === undefined) continue;
    const snapshot = await feed.snapshot(match);
    if (snapshot === null) continue;

    const result = trackMatch(state, fifaToNeutral(snapshot), { includeSubstitutions: false });
    state = result.state;
    for (const event of result.unknownEvents) logger.warn({ type: event.code, event }, 'demo: unknown FIFA event type, not shown');
    logger.debug({ at: new Date(clock).toISOString(), alerts: result.alerts.length }, 'demo: poll');

    // The poster makes sure the parent exists before the first reply, then brings it up to date after them.
    const parent = renderParent(result.summary, options.locale);
    if (!printer.hasParent()) printer.parentMessage(parent);
    for (const alert of result.alerts) printer.reply(alert, renderReply(alert, options.locale), clock);
    printer.parentMessage(parent);
  }

  printer.line();
  printer.line(words.done);
}
