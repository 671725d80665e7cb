/**
 * The match tracker: (previous state, new snapshot) → (new state, alerts). Pure and deterministic, so every
 * feed quirk is settled here and tested on plain data: dedupe by event id, timestamp order, pending holds,
 * catch-up on first sight, corrections for vanished events, edits, shoot-out rows. It reads the neutral
 * model only (model.ts): whichever provider a match comes from, the same rules hold (SPEC C1).
 */
import type {
  CardLine,
  CatchUpAlert,
  CorrectionAlert,
  GoalLine,
  MatchAlert,
  MatchEventAlert,
  MatchEventDetail,
  MatchPhase,
  MatchSummary,
  Score,
  Side,
  TeamRef,
} from '../alerts/types.js';
import { isFinalWhistle, phaseRank } from './phases.js';
import { neutralKeyString, type NeutralEvent, type NeutralMatch, type NeutralSnapshot, type NeutralTeam, type PlayPeriod } from './model.js';
import { teamKey } from './provider.js';

type CalendarMatch = NeutralMatch;
type TimelineEvent = NeutralEvent;

export interface TrackerOptions {
  includeSubstitutions: boolean;
}

/**
 * What the tracker remembers about one handled event. Kept tiny because the state is persisted every poll:
 * a noise event costs `{"t":12}`.
 */
export interface EventRecord {
  /**
   * The alert as last posted, while it stands: compared for edits, and a correction's `original`. Stored
   * without its `match` summary, which is most of its size and never part of what a reader saw change.
   */
  a?: StoredAlert;
  /** Revision of the last alert posted for an event whose alert no longer stands (so a re-statement goes higher). */
  r?: number;
  /** Corrections already posted for this event. */
  c?: number;
  /**
   * The provider's type code last seen, for an event handled without a standing alert (noise, unknown,
   * absorbed by a catch-up). Absent on a tombstone: a posted event that vanished. States written before
   * providers existed hold FIFA's type as a number: compared as text, it is the same code.
   */
  t?: string | number;
}

export type StoredAlert = Omit<MatchEventAlert, 'match'>;

export interface MatchState {
  v: 1;
  summary: MatchSummary;
  /** Event id → record. Ids are opaque strings. */
  events: Record<string, EventRecord>;
}

export interface TrackResult {
  state: MatchState;
  /** In the order they must be posted. */
  alerts: MatchAlert[];
  /** Events of unknown types seen for the first time in this match (the caller logs them, once per type). */
  unknownEvents: TimelineEvent[];
  /** Same object as `state.summary`. */
  summary: MatchSummary;
}

// ---------------------------------------------------------------------------------------------------------
// Ordering

const ISO_TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/**
 * Milliseconds (with sub-millisecond fractions) since the epoch, or NaN. Hand-parsed because a timestamp
 * without a zone would otherwise be read in the host's local time, which would make the order host-dependent.
 */
export function parseTimestamp(text: string): number {
  // The feed's usual form (UTC, `Z`, at most milliseconds) is read by Date.parse directly: this runs for
  // every event on every poll. Finer fractions and offsets take the exact path below.
  const dot = text.lastIndexOf('.');
  if (text.endsWith('Z') && text.length >= 20 && (dot === -1 || text.length - dot - 2 <= 3)) {
    const fast = Date.parse(text);
    if (!Number.isNaN(fast)) return fast;
  }
  const m = ISO_TIMESTAMP.exec(text.trim());
  if (!m) return Number.NaN;
  const [, y, mo, d, h, mi, s, frac, zone] = m;
  let ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s ?? 0));
  if (frac) ms += Number(`0.${frac}`) * 1000;
  if (zone && zone.toUpperCase() !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    const offsetMinutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || 0);
    ms -= sign * offsetMinutes * 60_000;
  }
  return ms;
}

/**
 * Timeline order: by timestamp, feed order breaking ties. A repeated id keeps its first occurrence; an
 * unreadable timestamp borrows the previous event's, so that event stays where the feed put it.
 */
function orderEvents(events: readonly TimelineEvent[]): TimelineEvent[] {
  const seen = new Set<string>();
  const rows: { event: TimelineEvent; time: number; index: number }[] = [];
  let previousTime = Number.NEGATIVE_INFINITY;
  events.forEach((event, index) => {
    if (seen.has(event.id)) return;
    seen.add(event.id);
    const parsed = parseTimestamp(event.at);
    const time = Number.isNaN(parsed) ? previousTime : parsed;
    previousTime = time;
    rows.push({ event, time, index });
  });
  rows.sort((x, y) => (x.time === y.time ? x.index - y.index : x.time - y.time));
  return rows.map((row) => row.event);
}

/**
 * Drops the goals a VAR review disallowed. FIFA's 2026 feeds delete such a goal and add the review;
 * a feed that keeps the goal shows the decision only by the review's score, lower than the goal's. Either way
 * the goal is then absent here, so a posted one gets the one correction of a vanished event, and the score
 * follows the feed. The goal withdrawn is the latest one standing of the side whose count fell.
 */
function withoutDisallowedGoals(ordered: readonly TimelineEvent[]): readonly TimelineEvent[] {
  let score: Score = { home: 0, away: 0 };
  const standing: { index: number; side: Side }[] = [];
  const dropped = new Set<number>();
  ordered.forEach((event, index) => {
    if (event.period === 'shootout') return;
    const next = event.score;
    const kind = event.kind;
    if (kind === 'goal') {
      const side = next.home > score.home ? 'home' : next.away > score.away ? 'away' : null;
      if (side !== null) standing.push({ index, side });
    } else if (kind === 'review') {
      for (const side of ['home', 'away'] as const) {
        for (let excess = score[side] - next[side]; excess > 0; excess -= 1) {
          const goal = standing.findLast((g) => g.side === side && !dropped.has(g.index));
          if (goal === undefined) break;
          dropped.add(goal.index);
        }
      }
    }
    score = next;
  });
  return dropped.size === 0 ? ordered : ordered.filter((_, index) => !dropped.has(index));
}

// ---------------------------------------------------------------------------------------------------------
// Progress of a match: a fold over its events in timeline order

interface Progress {
  phase: MatchPhase;
  /** Latest event's score outside the shoot-out; null until an event gives one. */
  score: Score | null;
  penalties: Score | null;
  shootout: boolean;
  extraTime: boolean;
  minute: string | null;
  kicks: { home: boolean[]; away: boolean[] };
}

function startProgress(): Progress {
  return {
    phase: 'pre-match',
    score: null,
    penalties: null,
    shootout: false,
    extraTime: false,
    minute: null,
    kicks: { home: [], away: [] },
  };
}

function sideOfTeam(match: CalendarMatch, teamId: string | null): Side | null {
  if (teamId === null) return null;
  if (match.home !== null && match.home.id === teamId) return 'home';
  if (match.away !== null && match.away.id === teamId) return 'away';
  return null;
}

function eventScore(event: TimelineEvent): Score {
  return event.score;
}

function eventPenalties(event: TimelineEvent): Score {
  return event.penalties;
}

/** A shoot-out kick's result, or null when the event is no kick. */
function kickScored(event: TimelineEvent): boolean | null {
  return event.kind === 'shootout-kick' ? event.scored : null;
}

/**
 * Whether a level score after 90' goes to extra time. A provider that does not know (an ESPN stage it cannot
 * place) is taken at its word once extra time was played, else as a league: a wrong guess is edited on the
 * next poll, when the scoreboard says extra time.
 */
function isKnockout(match: CalendarMatch): boolean {
  return match.knockout ?? match.extraTime === true;
}

const EXTRA_TIME_PHASES = new Set<MatchPhase>(['extra-time-first-half', 'extra-time-break', 'extra-time-second-half']);

function nextPhase(progress: Progress, event: TimelineEvent, match: CalendarMatch): MatchPhase {
  let phase: MatchPhase | null = event.period;
  if (event.kind === 'match-end') phase = 'finished';
  else if (event.kind === 'period-end') phase = phaseAfterEnd(event.period, event, match);
  else if (event.kind === 'period-start') phase = event.period;
  // Forward only: a late card at 90'+8' after the final whistle must not reopen the second half.
  return phase !== null && phaseRank(phase) > phaseRank(progress.phase) ? phase : progress.phase;
}

function phaseAfterEnd(play: PlayPeriod, event: TimelineEvent, match: CalendarMatch): MatchPhase {
  const final = isFinalWhistle(play, event.score.home === event.score.away, isKnockout(match));
  switch (play) {
    case 'first-half':
      return 'half-time';
    case 'second-half':
      return final ? 'finished' : 'before-extra-time';
    case 'extra-time-first-half':
      return 'extra-time-break';
    case 'extra-time-second-half':
      return final ? 'finished' : 'before-shootout';
    case 'shootout':
      return 'finished';
  }
}

function advance(progress: Progress, event: TimelineEvent, match: CalendarMatch): void {
  if (event.period === 'shootout' || event.kind === 'shootout-kick') {
    progress.shootout = true;
    progress.penalties = eventPenalties(event);
  }
  if (event.period !== null && EXTRA_TIME_PHASES.has(event.period)) progress.extraTime = true;
  // Shoot-out kicks never change the match score, whatever the feed's goal counters do.
  if (!progress.shootout) progress.score = eventScore(event);
  if (event.minute !== '') progress.minute = event.minute;
  progress.phase = nextPhase(progress, event, match);
  const scored = kickScored(event);
  const side = sideOfTeam(match, event.teamId);
  if (scored !== null && side !== null) progress.kicks[side].push(scored);
}

function winnerOf(score: Score, penalties: Score | null): Side | null {
  if (score.home !== score.away) return score.home > score.away ? 'home' : 'away';
  if (penalties !== null && penalties.home !== penalties.away) return penalties.home > penalties.away ? 'home' : 'away';
  return null;
}

/** `id` is the team key members follow (`fifa:43922`, `espn:359`), never the provider's bare id. */
function teamRef(match: CalendarMatch, team: NeutralTeam | null, placeholder: string | null): TeamRef {
  if (team !== null) {
    return { id: teamKey(match.key.provider, team.id), name: team.name, abbreviation: team.abbreviation, countryCode: team.countryCode };
  }
  const label = placeholder !== null && placeholder !== '' ? placeholder : '?';
  return { id: null, name: label, abbreviation: label, countryCode: null };
}

function toSummary(progress: Progress, match: CalendarMatch): MatchSummary {
  const score = progress.score ?? match.score ?? { home: 0, away: 0 };
  const finished = progress.phase === 'finished';
  return {
    key: neutralKeyString(match.key),
    competitionName: match.competitionName,
    stageName: match.stageName,
    groupName: match.groupName,
    kickoff: match.kickoff,
    home: teamRef(match, match.home, match.placeholderHome),
    away: teamRef(match, match.away, match.placeholderAway),
    score: { ...score },
    penalties: progress.penalties === null ? null : { ...progress.penalties },
    phase: progress.phase,
    minute: finished || progress.phase === 'pre-match' ? null : progress.minute,
    wentToExtraTime: progress.extraTime,
    winner: finished ? winnerOf(score, progress.penalties) : null,
  };
}

/**
 * What the provider's match says on top of what the events say. A provider with a live state of its own
 * (ESPN's scoreboard: `phase` set) leads the parent: its score, clock and phase, because its key events lag
 * the score and it sends no end-of-match event after 90'. Either way the calendar's final result wins when
 * it says the match is over and the events never said so.
 */
function withCalendarResult(summary: MatchSummary, match: CalendarMatch): MatchSummary {
  const live = match.phase === null ? summary : withLiveState(summary, match, match.phase);
  return withFinalResult(live, match);
}

function withLiveState(summary: MatchSummary, match: CalendarMatch, matchPhase: MatchPhase): MatchSummary {
  const phase = phaseRank(matchPhase) > phaseRank(summary.phase) ? matchPhase : summary.phase;
  if (phase === 'finished') return summary;
  const score = match.score ?? summary.score;
  const penalties = match.penalties ?? summary.penalties;
  return {
    ...summary,
    phase,
    minute: phase === 'pre-match' ? null : (match.clock ?? summary.minute),
    score: { ...score },
    penalties: penalties === null ? null : { ...penalties },
    wentToExtraTime: summary.wentToExtraTime || match.extraTime === true,
  };
}

function withFinalResult(summary: MatchSummary, match: CalendarMatch): MatchSummary {
  if ((match.status !== 'finished' && match.phase !== 'finished') || summary.phase === 'finished') return summary;
  const score = match.score ?? summary.score;
  const penalties = match.penalties ?? summary.penalties;
  return {
    ...summary,
    phase: 'finished',
    minute: null,
    score: { ...score },
    penalties: penalties === null ? null : { ...penalties },
    wentToExtraTime: summary.wentToExtraTime || match.extraTime === true,
    winner: sideOfTeam(match, match.winnerTeamId) ?? winnerOf(score, penalties),
  };
}

/** The summary as the timeline events picked by `include` (in timeline order) leave it. */
function summarize(match: CalendarMatch, ordered: readonly TimelineEvent[], include: readonly boolean[]): MatchSummary {
  const progress = startProgress();
  ordered.forEach((event, i) => {
    if (include[i]) advance(progress, event, match);
  });
  return toSummary(progress, match);
}

/** The summary before any event: pre-match, or the calendar's result once it says the match is finished. */
export function initialSummary(match: CalendarMatch): MatchSummary {
  return withCalendarResult(toSummary(startProgress(), match), match);
}

// ---------------------------------------------------------------------------------------------------------
// What one event means

type Reading = { post: true; detail: MatchEventDetail } | { post: false; unknown: boolean };

const IGNORED: Reading = { post: false, unknown: false };

/** What an event says, given the match's progress before it (`before`) and right after it (`after`). */
function readEvent(
  event: TimelineEvent,
  before: Pick<Progress, 'score'>,
  after: Progress,
  match: CalendarMatch,
  options: TrackerOptions,
): Reading {
  const side = sideOfTeam(match, event.teamId);
  const player = event.player?.name ?? null;
  switch (event.kind) {
    case 'shootout-kick': {
      const kicks = { home: [...after.kicks.home], away: [...after.kicks.away] };
      return post({ kind: 'shootout-kick', side, player, scored: event.scored, outcome: event.outcome, kicks, penalties: eventPenalties(event) });
    }
    case 'goal': {
      const goalSide = event.method === 'own-goal' ? sideThatScored(before.score, event) : side;
      return post({ kind: 'goal', side: goalSide, player, method: event.method, score: eventScore(event) });
    }
    case 'penalty-missed':
      return post({ kind: 'penalty-missed', side, player, outcome: event.outcome });
    case 'penalty-awarded':
      return post({ kind: 'penalty-awarded', side });
    case 'card':
      return post({ kind: 'card', side, player, card: event.card });
    case 'substitution':
      if (!options.includeSubstitutions) return IGNORED;
      return post({ kind: 'substitution', side, playerOn: player, playerOff: event.otherPlayer?.name ?? null });
    case 'period-start':
      return post({ kind: 'period-start', period: event.period });
    case 'period-end': {
      const period = event.period;
      const score = period === 'shootout' ? (after.score ?? eventScore(event)) : eventScore(event);
      const finalWhistle = isFinalWhistle(period, score.home === score.away, isKnockout(match));
      const penalties = period === 'shootout' ? eventPenalties(event) : null;
      return post({ kind: 'period-end', period, score, penalties, finalWhistle });
    }
    case 'match-end': {
      const score = after.score ?? eventScore(event);
      const penalties = after.penalties;
      return post({ kind: 'match-end', score, penalties, winner: winnerOf(score, penalties), extraTime: after.extraTime });
    }
    case 'noise':
    case 'review':
    case 'pending':
      return IGNORED;
    case 'unknown':
      return { post: false, unknown: true };
  }
}

function post(detail: MatchEventDetail): Reading {
  return { post: true, detail };
}

/** Own goals: providers disagree on the team they name, so the credited side is the one whose goal count went up. */
function sideThatScored(previous: Score | null, event: TimelineEvent): Side | null {
  const was = previous ?? { home: 0, away: 0 };
  const home = event.score.home > was.home;
  const away = event.score.away > was.away;
  if (home === away) return null;
  return home ? 'home' : 'away';
}

/** Reads every included event with the progress of the included events before it. */
function readAll(
  match: CalendarMatch,
  ordered: readonly TimelineEvent[],
  include: readonly boolean[],
  options: TrackerOptions,
): (Reading | null)[] {
  const progress = startProgress();
  return ordered.map((event, i) => {
    if (!include[i]) return null;
    // advance() replaces the score object rather than changing it, so holding the reference is enough.
    const before = { score: progress.score };
    advance(progress, event, match);
    return readEvent(event, before, progress, match, options);
  });
}

// ---------------------------------------------------------------------------------------------------------
// Alerts

const BASE_KEYS = new Set(['source', 'id', 'matchKey', 'revision', 'at', 'match', 'eventId']);

/** JSON with sorted keys, skipping undefined: the same content gives the same text, even after a JSON round trip. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

const fingerprints = new WeakMap<StoredAlert, string>();

/**
 * What a reader sees in a reply (detail and minute), not the context it was posted in. Remembered per
 * stored alert: the state stays in memory between polls, and every posted alert is compared each poll.
 */
function fingerprint(alert: StoredAlert): string {
  let print = fingerprints.get(alert);
  if (print === undefined) {
    print = canonicalJson(Object.fromEntries(Object.entries(alert).filter(([key]) => !BASE_KEYS.has(key))));
    fingerprints.set(alert, print);
  }
  return print;
}

function eventAlert(
  matchKey: string,
  event: TimelineEvent,
  detail: MatchEventDetail,
  revision: number,
  match: MatchSummary,
): MatchEventAlert {
  return {
    source: 'match',
    id: `${matchKey}/${event.id}`,
    matchKey,
    revision,
    minute: event.minute === '' ? null : event.minute,
    at: event.at,
    match,
    ...detail,
    eventId: event.id,
  };
}

function correctionOf(posted: StoredAlert, revision: number, match: MatchSummary): CorrectionAlert {
  return {
    source: 'match',
    kind: 'correction',
    id: `${posted.id}/correction`,
    matchKey: posted.matchKey,
    revision,
    minute: posted.minute,
    at: posted.at,
    match,
    original: { ...posted, match } as MatchEventAlert,
  };
}

function stored(alert: MatchEventAlert): StoredAlert {
  const { match: _match, ...rest } = alert;
  return rest;
}

/** Builds a record without undefined fields, so the persisted JSON stays minimal. */
function record(fields: EventRecord): EventRecord {
  const out: EventRecord = {};
  if (fields.a !== undefined) out.a = fields.a;
  if (fields.r !== undefined) out.r = fields.r;
  if (fields.c !== undefined && fields.c > 0) out.c = fields.c;
  if (fields.t !== undefined) out.t = fields.t;
  return out;
}

/** Handled in an earlier run, and still standing in that run's timeline (not a tombstone). */
function wasSeen(rec: EventRecord | undefined): boolean {
  return rec !== undefined && (rec.a !== undefined || rec.t !== undefined);
}

function isKickOff(reading: Reading | null): boolean {
  return reading !== null && reading.post && reading.detail.kind === 'period-start' && reading.detail.period === 'first-half';
}

// ---------------------------------------------------------------------------------------------------------
// The tracker

export function trackMatch(prev: MatchState | undefined, snapshot: NeutralSnapshot, options: TrackerOptions): TrackResult {
  const match = snapshot.match;
  const matchKey = neutralKeyString(match.key);
  // A state from another format version is not trusted: the match is then seen afresh (catch-up, no replay).
  const previous = prev !== undefined && prev.v === 1 ? prev : undefined;
  const records = new Map<string, EventRecord>(Object.entries(previous?.events ?? {}));

  // A timeline that comes back empty after events were seen is a feed hiccup, not a VAR wiping the match.
  if (previous !== undefined && snapshot.events.length === 0 && records.size > 0) {
    const summary = withCalendarResult(previous.summary, match);
    return { state: { ...previous, summary }, alerts: [], unknownEvents: [], summary };
  }

  const ordered = withoutDisallowedGoals(orderEvents(snapshot.events));
  const firstPending = ordered.findIndex((event) => event.kind === 'pending');
  const holdFrom = firstPending === -1 ? ordered.length : firstPending;
  // Events after a pending one wait with it, except those already handled (they stand as posted).
  const accepted = ordered.map(
    (event, i) => event.kind !== 'pending' && (i < holdFrom || wasSeen(records.get(event.id))),
  );
  const actionable = (i: number): boolean => i < holdFrom && accepted[i] === true;
  const readings = readAll(match, ordered, accepted, options);
  const finalSummary = (): MatchSummary => withCalendarResult(summarize(match, ordered, accepted), match);
  const unknownEvents: TimelineEvent[] = [];

  if (previous === undefined) {
    const underWay = readings.some((reading, i) => actionable(i) && reading !== null && reading.post && !isKickOff(reading));
    if (underWay) return catchUp(matchKey, ordered, readings, actionable, finalSummary());
  }

  const alerts: MatchAlert[] = [];
  const known = ordered.map((event, i) => accepted[i] === true && wasSeen(records.get(event.id)));

  // Corrections first: they fix what the thread already says.
  const present = new Set(ordered.map((event) => event.id));
  const vanished = [...records].filter(([id]) => !present.has(id));
  const gone = vanished
    .filter(([, rec]) => rec.a !== undefined)
    .sort(([, x], [, y]) => parseTimestamp(x.a?.at ?? '') - parseTimestamp(y.a?.at ?? '') || 0);
  const summaryNow = gone.length > 0 ? summarize(match, ordered, known) : null;
  for (const [id, rec] of gone) {
    const original = rec.a as StoredAlert;
    alerts.push(correctionOf(original, rec.c ?? 0, { ...(summaryNow as MatchSummary) }));
    records.set(id, record({ r: original.revision, c: (rec.c ?? 0) + 1 }));
  }
  for (const [id, rec] of vanished) {
    if (rec.a !== undefined) continue;
    // Vanished noise is forgotten; a tombstone keeps the revision and correction count for a come-back.
    if (rec.r === undefined) records.delete(id);
    else records.set(id, record({ r: rec.r, c: rec.c }));
  }

  const summaryAfter = (i: number): MatchSummary => {
    known[i] = true;
    return summarize(match, ordered, known);
  };

  ordered.forEach((event, i) => {
    const reading = readings[i];
    if (!actionable(i) || reading === null || reading === undefined) return;
    const rec = records.get(event.id);
    known[i] = true;

    if (rec === undefined) {
      if (reading.post) {
        const alert = eventAlert(matchKey, event, reading.detail, 0, summaryAfter(i));
        alerts.push(alert);
        records.set(event.id, record({ a: stored(alert) }));
      } else {
        records.set(event.id, record({ t: event.code }));
        if (reading.unknown) unknownEvents.push(event);
      }
      return;
    }

    if (rec.a !== undefined) {
      const posted = rec.a;
      if (reading.post) {
        // The summary is only worked out when there is an edit to post.
        const candidate = eventAlert(matchKey, event, reading.detail, posted.revision + 1, previous?.summary as MatchSummary);
        if (fingerprint(stored(candidate)) !== fingerprint(posted)) {
          candidate.match = summaryAfter(i);
          alerts.push(candidate);
          records.set(event.id, record({ a: stored(candidate), c: rec.c }));
        }
      } else if (!(event.kind === 'substitution' && posted.kind === 'substitution')) {
        // Re-typed into something not posted (e.g. a goal turned into a save): what was posted no longer stands.
        // A substitution merely switched off keeps its reply.
        alerts.push(correctionOf(posted, rec.c ?? 0, summaryAfter(i)));
        records.set(event.id, record({ t: event.code, r: posted.revision, c: (rec.c ?? 0) + 1 }));
      }
      return;
    }

    // Handled without a standing alert: noise, absorbed by a catch-up, corrected, or a vanished one come back.
    const retyped = rec.t === undefined || String(rec.t) !== event.code;
    if (reading.post && retyped) {
      const revision = rec.r === undefined ? 0 : rec.r + 1;
      const alert = eventAlert(matchKey, event, reading.detail, revision, summaryAfter(i));
      alerts.push(alert);
      records.set(event.id, record({ a: stored(alert), c: rec.c }));
    } else if (retyped) {
      records.set(event.id, record({ ...rec, t: event.code }));
    }
  });

  const summary = finalSummary();
  return { state: { v: 1, summary, events: Object.fromEntries(records) }, alerts, unknownEvents, summary };
}

/** First sight of a match under way (SPEC M5): one summary reply, and every current event counts as handled. */
function catchUp(
  matchKey: string,
  ordered: readonly TimelineEvent[],
  readings: readonly (Reading | null)[],
  actionable: (i: number) => boolean,
  summary: MatchSummary,
): TrackResult {
  const goals: GoalLine[] = [];
  const cards: CardLine[] = [];
  const unknownEvents: TimelineEvent[] = [];
  const records = new Map<string, EventRecord>();
  let at = '';
  ordered.forEach((event, i) => {
    const reading = readings[i];
    if (!actionable(i) || reading === null || reading === undefined) return;
    records.set(event.id, record({ t: event.code }));
    at = event.at;
    if (!reading.post) {
      if (reading.unknown) unknownEvents.push(event);
      return;
    }
    const detail = reading.detail;
    const minute = event.minute;
    if (detail.kind === 'goal') goals.push({ side: detail.side, player: detail.player, minute, method: detail.method });
    if (detail.kind === 'card') cards.push({ side: detail.side, player: detail.player, minute, card: detail.card });
  });
  const alert: CatchUpAlert = {
    source: 'match',
    kind: 'catch-up',
    id: `${matchKey}/catch-up`,
    matchKey,
    revision: 0,
    minute: summary.minute,
    at,
    match: { ...summary },
    score: { ...summary.score },
    penalties: summary.penalties === null ? null : { ...summary.penalties },
    goals,
    cards,
  };
  return {
    state: { v: 1, summary, events: Object.fromEntries(records) },
    alerts: [alert],
    unknownEvents,
    summary,
  };
}
