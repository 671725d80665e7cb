/**
 * Part 5: the store's size over a season (SPEC O5). A World Cup of 104 matches with 2,000 SMS subscribers
 * is written through the real repositories into a real SQLite file, on a simulated clock: each match's
 * record and thread (with its replies), its SMS alerts' outbox records with one delivery per follower,
 * and each member's sign-up (pending code, send allowance, subscription, follows; some never type the
 * code). The sweep runs every simulated hour, as in production. Reported: bytes of live data (keys and
 * values) and pages in use; the file itself is not vacuumed, so it keeps its high-water mark.
 */
import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { MatchAlert } from '../src/alerts/types.js';
import type { Locale } from '../src/alerts/i18n/locales.js';
import { toCalendarMatch, toTimelineEvents } from '../src/football/feed.js';
import { RawCalendarMatchSchema, RawTimelineSchema } from '../src/football/fifa-schemas.js';
import { trackMatch } from '../src/football/tracker.js';
import { fifaMatchToNeutral, fifaToNeutral } from '../src/football/fifa-neutral.js';
import { neutralKeyString } from '../src/football/model.js';
import { createLogger } from '../src/log.js';
import { createAllowance } from '../src/sms/allowance.js';
import { CODE_TTL_MS } from '../src/sms/verify.js';
import { FollowRepo } from '../src/store/follows.js';
import { MatchRepo } from '../src/store/matches.js';
import { CHUNK_SIZE, OutboxRepo, type OutboxChunk } from '../src/store/outbox-repo.js';
import { FINISHED_RETENTION_MS, openStore, type Store } from '../src/store/store.js';
import { SubscriberRepo } from '../src/store/subscribers.js';
import { ThreadRepo } from '../src/store/threads.js';
import { openRawSqlite, type RawSqlite } from '../test/fixtures/sqlite-file.js';
import { info, kb, mb, thousands, type Row } from './report.js';
import { buildMatch, seededRng } from './synthetic-matches.js';

const MATCHES = 104;
const SUBSCRIBERS = 2_000;
/** A sign-up in five never types the code: its pending code is left for the sweep. */
const ABANDONED_EVERY = 5;
const HOUR_MS = 3600_000;
const DAY_MS = 24 * HOUR_MS;
const SEASON_START = Date.parse('2026-06-11T16:00:00Z');
/** 104 matches in 39 days. */
const MATCH_EVERY_MS = 9 * HOUR_MS;
const MATCH_LENGTH_MS = 2 * HOUR_MS;
const LINGER_MS = 15 * 60_000;
const VALIDITY_MS = 600_000;
/** What goes by SMS (the default "goals" level plus kick-off and the final score). */
const SMS_KINDS = new Set(['goal', 'match-end', 'period-start']);
/** Once the season's records are pruned, what is left is the members' own (number, follows): flat. */
const FLAT_BYTES_PER_SUBSCRIBER = 1000;

export interface StoreSizeFigures {
  matches: number;
  subscribers: number;
  deliveries: number;
  smsAlerts: number;
  replies: number;
  sweptRows: number;
  /** Data the sweep removed: what the store would hold on top without it. */
  sweptBytes: number;
  peak: Usage;
  endOfSeason: Usage;
  afterRetention: Usage;
  fileBytes: number;
}

interface Usage {
  rows: number;
  /** Keys and values as stored. */
  dataBytes: number;
  /** (page_count - freelist_count) × page_size. */
  pagesInUseBytes: number;
}

interface Timed {
  at: number;
  run: () => Promise<void>;
}

export async function runStoreSize(): Promise<{ rows: Row[]; figures: StoreSizeFigures }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'fanfare-bench-store-'));
  const file = path.join(dir, 'fanfare.sqlite');
  const realNow = Date.now;
  let clock = SEASON_START - 14 * DAY_MS;
  // keyv stamps and checks expiry with Date.now(): the season runs on the simulated clock.
  Date.now = () => clock;
  let store: Store | null = null;
  let raw: RawSqlite | null = null;
  try {
    store = await openStore(`sqlite://${file}`);
    raw = await openRawSqlite(file);
    const counts = { deliveries: 0, smsAlerts: 0, replies: 0, sweptRows: 0, sweptBytes: 0 };
    const played = Array.from({ length: MATCHES }, (_, index) => playMatch(index));
    const teams = [...new Set(played.flatMap((m) => [m.finished.home?.id, m.finished.away?.id]).filter((id): id is string => id !== undefined))];
    const events = [...signUps(store, teams), ...season(store, played, counts)].sort((a, b) => a.at - b.at);
    const seasonEnd = SEASON_START + (MATCHES - 1) * MATCH_EVERY_MS + MATCH_LENGTH_MS + LINGER_MS;
    const until = seasonEnd + FINISHED_RETENTION_MS + 2 * DAY_MS;
    let next = 0;
    let peak: Usage = { rows: 0, dataBytes: 0, pagesInUseBytes: 0 };
    let endOfSeason: Usage | null = null;
    for (; clock <= until; clock += HOUR_MS) {
      while (next < events.length && (events[next] as Timed).at <= clock) await (events[next++] as Timed).run();
      const before = await usage(raw);
      counts.sweptRows += await store.sweep(clock);
      const now = await usage(raw);
      counts.sweptBytes += before.dataBytes - now.dataBytes;
      if (now.dataBytes > peak.dataBytes) peak = now;
      if (!endOfSeason && clock >= seasonEnd) endOfSeason = now;
    }
    const afterRetention = await usage(raw);
    const figures: StoreSizeFigures = {
      matches: MATCHES,
      subscribers: SUBSCRIBERS,
      ...counts,
      peak,
      endOfSeason: endOfSeason ?? afterRetention,
      afterRetention,
      fileBytes: (await stat(file)).size,
    };
    return { rows: rowsOf(figures), figures };
  } finally {
    Date.now = realNow;
    await raw?.close();
    await store?.close();
    await rm(dir, { recursive: true, force: true });
  }
}

/** Members sign up over the fortnight before and the first week of the season, two of the season's teams each. */
function signUps(store: Store, seasonTeams: string[]): Timed[] {
  const subscribers = new SubscriberRepo(store);
  const follows = new FollowRepo(store);
  const pending = store.area<{ via: string; e164: string; attempts: number; expiresAt: number }>('verification');
  const allowance = createAllowance({ store, logger: createLogger('silent') });
  const rng = seededRng(2026);
  return Array.from({ length: SUBSCRIBERS }, (_, i) => {
    const userId = `U${String(100_000 + i)}`;
    const phone = `+4474${String(10_000_000 + i)}`;
    const teams = [0, 1].map(() => seasonTeams[Math.floor(rng() * seasonTeams.length)] as string);
    return {
      at: SEASON_START - 14 * DAY_MS + Math.floor((i / SUBSCRIBERS) * 21 * DAY_MS),
      run: async () => {
        const now = Date.now();
        await allowance.lookup(userId, phone);
        await allowance.code(userId, phone);
        await pending.set(userId, { via: 'verify', e164: phone, attempts: 0, expiresAt: now + CODE_TTL_MS }, CODE_TTL_MS);
        if (i % ABANDONED_EVERY === 0) return;
        await pending.delete(userId);
        await subscribers.activate(userId, phone, 'goals', new Date(now));
        for (const team of new Set(teams)) await follows.followTeam(userId, team);
      },
    };
  });
}

/** Each match: followed, tracked to the end, its thread posted, its SMS sent and settled, then retired. */
function season(store: Store, played: PlayedMatch[], counts: { deliveries: number; smsAlerts: number; replies: number }): Timed[] {
  const matches = new MatchRepo(store);
  const threads = new ThreadRepo(store);
  const follows = new FollowRepo(store);
  const outbox = new OutboxRepo(store, VALIDITY_MS);
  return played.flatMap((game, index) => {
    const kickoff = SEASON_START + index * MATCH_EVERY_MS;
    const key = neutralKeyString(fifaMatchToNeutral(game.finished).key);
    return [
      {
        at: kickoff + MATCH_LENGTH_MS,
        run: async () => {
          await matches.update(key, () => ({ match: fifaMatchToNeutral(game.finished), tracker: game.state, summary: game.summary, finishedAt: new Date(Date.now()).toISOString() }));
          await threads.enqueue(key, 'C0123456789', game.alerts);
          const replies = Object.fromEntries(game.alerts.map((a, i) => [a.id, { ts: `${Date.now() / 1000}.${String(i).padStart(6, '0')}`, revision: a.revision }]));
          await threads.update(key, (t) => ({ ...t, parentTs: `${Date.now() / 1000}.000000`, parentRendered: JSON.stringify(game.summary), replies, pending: [] }));
          counts.replies += game.alerts.length;
          const recipients = await followersOf(follows, game.finished.home?.id, game.finished.away?.id);
          for (const alert of game.alerts.filter((a) => SMS_KINDS.has(a.kind))) {
            counts.smsAlerts += 1;
            counts.deliveries += await sendAlert(outbox, alert, recipients);
          }
        },
      },
      {
        at: kickoff + MATCH_LENGTH_MS + LINGER_MS,
        run: async () => {
          // As FootballLoop.retireIfLingered does.
          await threads.retire(key);
          await matches.update(key, (current) => ({ ...current!, done: true }));
          await matches.removeActive(key);
        },
      },
    ];
  });
}

async function followersOf(follows: FollowRepo, ...teams: (string | undefined)[]): Promise<string[]> {
  const all = await Promise.all(teams.map((t) => (t ? follows.followersOfTeam(t) : [])));
  return [...new Set(all.flat())];
}

/** The outbox's records for one alert once every delivery settled, as OutboxRepo writes them. */
async function sendAlert(outbox: OutboxRepo, alert: MatchAlert, recipients: string[]): Promise<number> {
  const now = Date.now();
  const chunks: OutboxChunk[] = [];
  for (let i = 0; i < recipients.length; i += CHUNK_SIZE) {
    const deliveries = recipients.slice(i, i + CHUNK_SIZE).map((userId, j) => ({
      userId,
      to: `+4474${String(10_000_000 + Number(userId.slice(1)) - 100_000)}`,
      text: `GOAL ${alert.minute ?? ''} Argentina 2-1 France. Lionel Martínez. Reply STOP to stop.`,
      coalesceKey: `${alert.matchKey}:${userId}`,
      enqueuedAt: now,
      state: 'sent' as const,
      attemptedAt: now,
      unit: `${alert.id}#${i + j}`,
      sid: `SM${String(i + j).padStart(32, '0')}`,
    }));
    chunks.push({ alertId: alert.id, index: chunks.length, deliveries });
  }
  await outbox.saveAlert(alert.id, { chunks: chunks.length, enqueuedAt: now });
  await outbox.saveChunks(chunks);
  await outbox.saveIndex(() => ({}));
  return recipients.length;
}

const LOCALES: readonly Locale[] = ['en-GB', 'pt-BR', 'fr-FR', 'es-ES', 'de-DE'];

type PlayedMatch = ReturnType<typeof playMatch>;

/** The real tracker over a synthetic match, followed from kick-off: its final state, summary and alerts. */
function playMatch(index: number) {
  const raw = buildMatch(index);
  const locale = LOCALES[index % LOCALES.length] as Locale;
  const events = toTimelineEvents(RawTimelineSchema.parse({ Event: raw.events }).Event, locale);
  for (const event of events) {
    if (event.playerId !== null) event.playerName = raw.players.get(event.playerId) ?? null;
    if (event.subPlayerId !== null) event.subPlayerName = raw.players.get(event.subPlayerId) ?? null;
  }
  const live = toCalendarMatch(RawCalendarMatchSchema.parse(raw.calendarLive), locale);
  const finished = toCalendarMatch(RawCalendarMatchSchema.parse(raw.calendarFinished), locale);
  const kickoff = events.findIndex((e) => e.type === 7 && e.period === 3) + 1;
  const options = { includeSubstitutions: false };
  const first = trackMatch(undefined, fifaToNeutral({ match: live, events: events.slice(0, kickoff) }), options);
  const last = trackMatch(first.state, fifaToNeutral({ match: finished, events }), options);
  return { finished, state: last.state, summary: last.summary, alerts: [...first.alerts, ...last.alerts] };
}

async function usage(raw: RawSqlite): Promise<Usage> {
  const [data] = await raw.all<{ rows: number; bytes: number | null }>('SELECT count(*) AS rows, sum(length(key) + length(value)) AS bytes FROM keyv');
  const [pages] = await raw.all<{ n: number }>('PRAGMA page_count');
  const [free] = await raw.all<{ n: number }>('PRAGMA freelist_count');
  const [size] = await raw.all<{ n: number }>('PRAGMA page_size');
  const pageSize = Object.values(size ?? {})[0] as number;
  const inUse = ((Object.values(pages ?? {})[0] as number) - (Object.values(free ?? {})[0] as number)) * pageSize;
  return { rows: data?.rows ?? 0, dataBytes: data?.bytes ?? 0, pagesInUseBytes: inUse };
}

function rowsOf(f: StoreSizeFigures): Row[] {
  const describe = (u: Usage) => `${mb(u.dataBytes)} data, ${mb(u.pagesInUseBytes)} in pages, ${thousands(u.rows)} rows`;
  return [
    info(
      `season store (${f.matches} matches, ${thousands(f.subscribers)} subscribers, ${thousands(f.replies)} replies, ${thousands(f.deliveries)} SMS)`,
      `peak ${describe(f.peak)}`,
    ),
    info('  at the end of the season (hourly sweep)', describe(f.endOfSeason)),
    {
      metric: '  30 days later (finished matches pruned)',
      value: `${describe(f.afterRetention)}; ${kb(f.afterRetention.dataBytes / f.subscribers)} per subscriber`,
      target: `≤ ${kb(FLAT_BYTES_PER_SUBSCRIBER)} per subscriber`,
      ok: f.afterRetention.dataBytes / f.subscribers <= FLAT_BYTES_PER_SUBSCRIBER,
    },
    info('  removed by the sweep (kept for ever without it)', `${mb(f.sweptBytes)} data, ${thousands(f.sweptRows)} rows`),
    info('  SQLite file (not vacuumed: its high-water mark)', mb(f.fileBytes)),
  ];
}

// `npx tsx bench/store-size.ts` runs this part alone.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { formatTable } = await import('./report.js');
  const { rows, figures } = await runStoreSize();
  process.stdout.write(`${formatTable(rows)}\n${JSON.stringify(figures, null, 2)}\n`);
}
