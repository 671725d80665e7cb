/**
 * Part 1: the per-poll work of many live matches at once. Each match's full timeline is replayed poll by
 * poll (a few new events per poll) through the real tracker, with its state JSON round-tripped every poll
 * (the loop persists it every poll) and every alert and the parent rendered to Block Kit and serialised
 * (the poster renders the parent every poll to see whether it changed).
 */
import type { Locale } from '../src/alerts/i18n/locales.js';
import { renderParent, renderReply } from '../src/alerts/slack-blocks.js';
import { toCalendarMatch, toTimelineEvents } from '../src/football/feed.js';
import { RawCalendarMatchSchema, RawTimelineSchema } from '../src/football/fifa-schemas.js';
import { trackMatch, type MatchState } from '../src/football/tracker.js';
import { fifaToNeutral } from '../src/football/fifa-neutral.js';
import type { CalendarMatch, TimelineEvent } from '../src/football/types.js';
import { fixed, info, mb, mean, percentile, thousands, type Row } from './report.js';
import { buildMatch, seededRng, type MatchShape } from './synthetic-matches.js';

export interface ThroughputOptions {
  matches?: number;
  /** Polls from the first event to the last; the timeline grows by events/polls per poll on average. */
  pollsPerMatch?: number;
  /** Matches replayed first, unmeasured, so the figures are the JIT-compiled steady state of a running process. */
  warmupMatches?: number;
  /** CPU budget per poll round of all matches. */
  targetRoundMs?: number;
  /** Rounds re-polled after the last event, nothing new (the 304 case). */
  steadyRounds?: number;
}

export interface ThroughputFigures {
  matches: number;
  shapes: Record<MatchShape, number>;
  eventsPerMatch: { min: number; mean: number; max: number };
  rounds: number;
  newEvents: number;
  /** Sum of the timeline lengths handed to the tracker (each poll re-reads the whole timeline). */
  eventsScanned: number;
  alerts: Record<string, number>;
  cpuMsTotal: number;
  wallMsTotal: number;
  newEventsPerCpuSecond: number;
  eventsScannedPerCpuSecond: number;
  roundCpuMs: { mean: number; p95: number; max: number; target: number };
  roundWallMs: { mean: number; p95: number; max: number };
  steadyRoundCpuMs: { rounds: number; mean: number; p95: number };
  stageSharePercent: { tracker: number; stateJson: number; render: number };
  persistedStateBytes: { meanPerMatch: number; maxPerMatch: number };
  renderedBytes: number;
  rssBytes: { before: number; peakSampled: number; maxRssProcess: number };
  heapUsedPeakBytes: number;
}

interface LiveMatch {
  live: CalendarMatch;
  finished: CalendarMatch;
  events: TimelineEvent[];
  /** Timeline length after each poll; the last is the whole timeline. */
  cuts: number[];
  locale: Locale;
  persisted: string | null;
  state: MatchState | null;
  lastEvents: TimelineEvent[] | null;
  /** The last tracked poll's input, as the loop keeps it: an identical poll skips the tracker. */
  lastInput: string | null;
}

const LOCALES: readonly Locale[] = ['en-GB', 'pt-BR', 'fr-FR', 'es-ES', 'de-DE'];
const OPTIONS = { includeSubstitutions: false };

/** Normalised once, as the feed would: the benchmark is about what happens after the feed. */
function prepare(index: number, polls: number): { match: LiveMatch; shape: MatchShape } {
  const raw = buildMatch(index);
  const locale = LOCALES[index % LOCALES.length] as Locale;
  const events = toTimelineEvents(RawTimelineSchema.parse({ Event: raw.events }).Event, locale);
  for (const event of events) {
    if (event.playerId !== null) event.playerName = raw.players.get(event.playerId) ?? null;
    if (event.subPlayerId !== null) event.subPlayerName = raw.players.get(event.subPlayerId) ?? null;
  }
  const live = toCalendarMatch(RawCalendarMatchSchema.parse(raw.calendarLive), locale);
  const finished = toCalendarMatch(RawCalendarMatchSchema.parse(raw.calendarFinished), locale);
  // The first poll ends at the kick-off: the match is followed from the start, so no catch-up.
  const first = events.findIndex((e) => e.type === 7 && e.period === 3) + 1;
  const cuts = cutPoints(first, events.length, polls, index);
  return { match: { live, finished, events, cuts, locale, persisted: null, state: null, lastEvents: null, lastInput: null }, shape: raw.shape };
}

/** `polls` distinct, increasing timeline lengths from `first` to `total`, so every poll brings at least one event. */
function cutPoints(first: number, total: number, polls: number, seed: number): number[] {
  const rng = seededRng(0xc0ffee + seed);
  const wanted = Math.min(polls, total - first + 1);
  const cuts = new Set<number>([first, total]);
  while (cuts.size < wanted) cuts.add(first + 1 + Math.floor(rng() * (total - first)));
  return [...cuts].sort((a, b) => a - b);
}

interface PollTotals {
  /** Wall time per stage, ms (single-threaded, so close to CPU time). */
  stageMs: { tracker: number; stateJson: number; render: number };
  newEvents: number;
  eventsScanned: number;
  renderedBytes: number;
  alerts: Record<string, number>;
}

/** One poll of one match: what the loop and the poster do with a fresh snapshot, minus the I/O. */
function poll(match: LiveMatch, round: number, totals: PollTotals): void {
  const cut = match.cuts[Math.min(round, match.cuts.length - 1)];
  if (cut === undefined) return;
  const last = round >= match.cuts.length - 1;
  const t0 = performance.now();
  const calendar = last ? match.finished : match.live;
  // As FootballFeed does on a 304: the same timeline body gives the same events array...
  const events = match.lastEvents?.length === cut ? match.lastEvents : match.events.slice(0, cut);
  const snapshot = { match: calendar, events };
  // ...and FootballLoop.pollMatch skips the tracker when nothing changed since its last tracked poll.
  const input = JSON.stringify(calendar);
  if (events === match.lastEvents && input === match.lastInput) {
    totals.stageMs.stateJson += performance.now() - t0;
    totals.eventsScanned += cut;
    return;
  }
  match.lastEvents = events;
  match.lastInput = input;
  // As MatchRepo does: the state stays in memory between polls and is written through to the store.
  const t1 = performance.now();
  const result = trackMatch(match.state ?? undefined, fifaToNeutral(snapshot), OPTIONS);
  const t2 = performance.now();
  match.state = result.state;
  match.persisted = JSON.stringify(result.state);
  const t3 = performance.now();
  for (const alert of result.alerts) {
    totals.alerts[alert.kind] = (totals.alerts[alert.kind] ?? 0) + 1;
    totals.renderedBytes += JSON.stringify(renderReply(alert, match.locale)).length;
  }
  totals.renderedBytes += JSON.stringify(renderParent(result.summary, match.locale)).length;
  const t4 = performance.now();
  totals.stageMs.stateJson += t1 - t0 + (t3 - t2);
  totals.stageMs.tracker += t2 - t1;
  totals.stageMs.render += t4 - t3;
  const before = round === 0 ? 0 : (match.cuts[Math.min(round - 1, match.cuts.length - 1)] as number);
  totals.newEvents += cut - before;
  totals.eventsScanned += cut;
}

function emptyTotals(): PollTotals {
  return { stageMs: { tracker: 0, stateJson: 0, render: 0 }, newEvents: 0, eventsScanned: 0, renderedBytes: 0, alerts: {} };
}

function cpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

/** `extraRounds` more polls after the last event: the timeline is full and nothing changes (the loop skips the tracker). */
function replay(matches: LiveMatch[], totals: PollTotals, onRound?: (cpu: number, wall: number) => void, from = 0, extraRounds = 0): void {
  const rounds = Math.max(...matches.map((m) => m.cuts.length)) + extraRounds;
  for (let round = from; round < rounds; round += 1) {
    const cpu0 = cpuMs();
    const wall0 = performance.now();
    for (const match of matches) poll(match, round, totals);
    onRound?.(cpuMs() - cpu0, performance.now() - wall0);
  }
}

export function runTrackerThroughput(options: ThroughputOptions = {}): { rows: Row[]; figures: ThroughputFigures } {
  const count = options.matches ?? 64;
  const polls = options.pollsPerMatch ?? 50;
  const warmup = options.warmupMatches ?? 8;
  const target = options.targetRoundMs ?? 20;
  const steadyRounds = options.steadyRounds ?? 10;

  const warm = Array.from({ length: warmup }, (_, i) => prepare(1000 + i, polls).match);
  replay(warm, emptyTotals());

  const prepared = Array.from({ length: count }, (_, i) => prepare(i, polls));
  const matches = prepared.map((p) => p.match);
  const shapes: Record<MatchShape, number> = { regular: 0, 'extra-time': 0, shootout: 0, recording: 0 };
  for (const p of prepared) shapes[p.shape] += 1;
  const sizes = matches.map((m) => m.events.length);
  const rounds = Math.max(...matches.map((m) => m.cuts.length));

  const totals = emptyTotals();
  const roundCpu: number[] = [];
  const roundWall: number[] = [];
  const rssBefore = process.memoryUsage.rss();
  let rssPeak = rssBefore;
  let heapPeak = process.memoryUsage().heapUsed;
  const sample = (): void => {
    const memory = process.memoryUsage();
    rssPeak = Math.max(rssPeak, memory.rss);
    heapPeak = Math.max(heapPeak, memory.heapUsed);
  };
  replay(matches, totals, (cpu, wall) => {
    roundCpu.push(cpu);
    roundWall.push(wall);
    sample();
  });

  // Then the common case of a live match: the timeline is full and unchanged, and every poll still re-reads it.
  const steadyCpu: number[] = [];
  replay(matches, emptyTotals(), (cpu) => {
    steadyCpu.push(cpu);
    sample();
  }, rounds, steadyRounds);
  const maxRss = process.resourceUsage().maxRSS * 1024;

  const cpuTotal = roundCpu.reduce((s, v) => s + v, 0);
  const wallTotal = roundWall.reduce((s, v) => s + v, 0);
  const stageTotal = totals.stageMs.tracker + totals.stageMs.stateJson + totals.stageMs.render;
  const share = (ms: number): number => (100 * ms) / stageTotal;
  const stateSizes = matches.map((m) => Buffer.byteLength(m.persisted ?? ''));
  const figures: ThroughputFigures = {
    matches: count,
    shapes,
    eventsPerMatch: { min: Math.min(...sizes), mean: mean(sizes), max: Math.max(...sizes) },
    rounds: roundCpu.length,
    newEvents: totals.newEvents,
    eventsScanned: totals.eventsScanned,
    alerts: totals.alerts,
    cpuMsTotal: cpuTotal,
    wallMsTotal: wallTotal,
    newEventsPerCpuSecond: totals.newEvents / (cpuTotal / 1000),
    eventsScannedPerCpuSecond: totals.eventsScanned / (cpuTotal / 1000),
    roundCpuMs: { mean: mean(roundCpu), p95: percentile(roundCpu, 95), max: Math.max(...roundCpu), target },
    roundWallMs: { mean: mean(roundWall), p95: percentile(roundWall, 95), max: Math.max(...roundWall) },
    steadyRoundCpuMs: { rounds: steadyCpu.length, mean: mean(steadyCpu), p95: percentile(steadyCpu, 95) },
    stageSharePercent: {
      tracker: share(totals.stageMs.tracker),
      stateJson: share(totals.stageMs.stateJson),
      render: share(totals.stageMs.render),
    },
    persistedStateBytes: { meanPerMatch: mean(stateSizes), maxPerMatch: Math.max(...stateSizes) },
    renderedBytes: totals.renderedBytes,
    rssBytes: { before: rssBefore, peakSampled: rssPeak, maxRssProcess: maxRss },
    heapUsedPeakBytes: heapPeak,
  };

  const alertCount = Object.values(totals.alerts).reduce((s, v) => s + v, 0);
  const shapeText = Object.entries(shapes).filter(([, n]) => n > 0).map(([s, n]) => `${n} ${s}`).join(', ');
  const stages = figures.stageSharePercent;
  const rows: Row[] = [
    info(
      '[1] matches replayed',
      `${count} (${shapeText}); ${fixed(figures.eventsPerMatch.mean, 0)} events/match (${figures.eventsPerMatch.min}-${figures.eventsPerMatch.max}); ${figures.rounds} poll rounds`,
    ),
    info('[1] alerts produced', `${alertCount} (${Object.entries(totals.alerts).map(([k, n]) => `${k} ${n}`).join(', ')})`),
    info('[1] throughput: new events / CPU s', thousands(figures.newEventsPerCpuSecond)),
    info('[1] throughput: timeline events scanned / CPU s', thousands(figures.eventsScannedPerCpuSecond)),
    {
      metric: `[1] CPU per poll round of ${count} matches, mean`,
      value: `${fixed(figures.roundCpuMs.mean, 2)} ms`,
      target: `< ${target} ms`,
      ok: figures.roundCpuMs.mean < target,
    },
    {
      metric: `[1] CPU per poll round of ${count} matches, p95`,
      value: `${fixed(figures.roundCpuMs.p95, 2)} ms (max ${fixed(figures.roundCpuMs.max, 2)})`,
      target: `< ${target} ms`,
      ok: figures.roundCpuMs.p95 < target,
    },
    info('[1] wall per poll round, mean / p95', `${fixed(figures.roundWallMs.mean, 2)} / ${fixed(figures.roundWallMs.p95, 2)} ms`),
    {
      metric: `[1] CPU per round, ${count} full timelines, nothing new (304 case), mean / p95`,
      value: `${fixed(figures.steadyRoundCpuMs.mean, 2)} / ${fixed(figures.steadyRoundCpuMs.p95, 2)} ms`,
      target: `< ${target} ms`,
      ok: figures.steadyRoundCpuMs.p95 < target,
    },
    info('[1] time split: tracker / state JSON / render', `${fixed(stages.tracker, 0)}% / ${fixed(stages.stateJson, 0)}% / ${fixed(stages.render, 0)}%`),
    info(
      '[1] persisted tracker state per match at full time',
      `${thousands(figures.persistedStateBytes.meanPerMatch)} B mean, ${thousands(figures.persistedStateBytes.maxPerMatch)} B max`,
    ),
    info('[1] bench process RSS before -> peak sampled (maxRSS)', `${mb(rssBefore)} -> ${mb(rssPeak)} (${mb(maxRss)})`),
    info('[1] heap used, peak sampled', mb(heapPeak)),
  ];
  return { rows, figures };
}
