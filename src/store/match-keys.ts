/**
 * Records written before providers existed are keyed by FIFA's bare `competition/season/match`
 * (`17/285023/400021476`). On start they move to their neutral key (`fifa:17/285023/400021476`): the match
 * record, its thread, the index of matches still followed, and the alerts waiting for the SMS fan-out.
 * Inside them, alert ids and match keys get the same prefix and teams shown to readers get their team key
 * (`fifa:43922`), so a posted reply is still edited in place and a follower is still found. Idempotent.
 */
import type { Logger } from '../log.js';
import { fifaMatchToNeutral } from '../football/fifa-neutral.js';
import type { NeutralMatch } from '../football/model.js';
import type { CalendarMatch } from '../football/types.js';
import type { MatchRecord } from './matches.js';
import { FINISHED_RETENTION_MS, type Store } from './store.js';
import type { ThreadRecord } from './threads.js';

const FANOUT_KEY = 'match-alerts';

function isOldKey(key: string): boolean {
  return !key.includes(':');
}

/** Every string naming the match (`17/…/…`, `17/…/…/eventId`) gets the prefix; teams shown get their team key. */
function rewrite<T>(value: T, oldKey: string): T {
  const text = JSON.stringify(value).split(`"${oldKey}`).join(`"fifa:${oldKey}`);
  return withTeamKeys(JSON.parse(text) as T);
}

/** A `TeamRef` (id, name, abbreviation, countryCode) with a bare FIFA id. */
function withTeamKeys<T>(value: T): T {
  if (Array.isArray(value)) return value.map(withTeamKeys) as T;
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, withTeamKeys(v)] as const);
  const object = Object.fromEntries(entries) as Record<string, unknown>;
  const isTeamRef = 'abbreviation' in object && 'countryCode' in object && !('logo' in object);
  if (isTeamRef && typeof object.id === 'string' && !object.id.includes(':')) object.id = `fifa:${object.id}`;
  return object as T;
}

function neutralMatch(match: NeutralMatch | CalendarMatch): NeutralMatch {
  return 'competitionId' in match.key ? fifaMatchToNeutral(match as CalendarMatch) : (match as NeutralMatch);
}

/** Moves the records of followed matches from old FIFA keys to `fifa:` keys; returns how many matches moved. */
export async function migrateMatchKeys(store: Store, logger: Logger): Promise<number> {
  const index = store.area<string[]>('match-index');
  const records = store.area<MatchRecord>('match');
  const threads = store.area<ThreadRecord>('thread');
  const oldKeys = ((await index.get('active')) ?? []).filter(isOldKey);
  for (const oldKey of oldKeys) {
    const newKey = `fifa:${oldKey}`;
    const record = await records.get(oldKey);
    if (record !== undefined) {
      const { match, ...rest } = record;
      const moved: MatchRecord = { ...rewrite(rest, oldKey), match: neutralMatch(match) };
      await records.set(newKey, moved, moved.done ? FINISHED_RETENTION_MS : undefined);
      await records.delete(oldKey);
    }
    const thread = await threads.get(oldKey);
    if (thread !== undefined) {
      await threads.set(newKey, rewrite(thread, oldKey), thread.retired ? FINISHED_RETENTION_MS : undefined);
      await threads.delete(oldKey);
    }
  }
  if (oldKeys.length > 0) {
    await index.update('active', (keys = []) => [...new Set(keys.map((key) => (isOldKey(key) ? `fifa:${key}` : key)))]);
  }
  const fanout = store.area<{ matchKey?: string }[]>('fanout');
  const queued = await fanout.get(FANOUT_KEY);
  if (queued !== undefined && queued.some((alert) => typeof alert.matchKey === 'string' && isOldKey(alert.matchKey))) {
    await fanout.update(FANOUT_KEY, (current = []) =>
      current.map((alert) => (typeof alert.matchKey === 'string' && isOldKey(alert.matchKey) ? rewrite(alert, alert.matchKey) : alert)),
    );
  }
  if (oldKeys.length > 0) logger.info({ matches: oldKeys.length }, 'match records moved to provider keys (fifa:…)');
  return oldKeys.length;
}
