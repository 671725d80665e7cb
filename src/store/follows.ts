/**
 * What each member follows (teams by team key `provider:id`, streamers by Twitch user id), and the index
 * that routes an alert to the followers of its subject.
 *
 * Layout (SPEC P1, issue 10 "Scale"): a follow writes the member's own record, one relation record and one
 * small index page; nothing grows with the number of followers except the number of pages.
 * - `follows:<userId>`: the member's own record `{ teams, streamers }` (what the App Home shows); team
 *   ids as the caller gave them (team keys; bare FIFA ids from before are migrated on start).
 * - `follower:<subject>:<id>:<userId>`: the relation, naming the index page that lists the member.
 * - `follower-index:<subject>:<id>`: the subject's head `{ pages, count }`;
 *   `follower-index:<subject>:<id>#<n>`: page n, up to PAGE_SIZE member ids.
 * - `follower-index:streamers`: the streamers someone follows (what every Twitch poll asks about).
 * Reading a subject's followers is two round trips (head, then every page at once), whatever their number.
 *
 * Writes go index first, member record last: a follow or unfollow cut short by a crash is finished by
 * doing it again, because the member record still says it has not happened.
 */
import { KeyedLock } from './keyed-lock.js';
import type { Store, StoreArea } from './store.js';

export interface Follows {
  teams: string[];
  streamers: string[];
}

type Subject = 'team' | 'streamer';

interface Head {
  pages: number;
  count: number;
}

interface Relation {
  page: number;
}

/** SPEC T8: each followed streamer can mean a card in the shared channel and SMS every evening. */
export const MAX_STREAMERS = 25;

/** Member ids per index page: about 3 kB, so a follow rewrites a few kB whatever the team's size. */
export const PAGE_SIZE = 200;

const STREAMERS_KEY = 'streamers';
const MIGRATION_KEY = 'follows-team-keys';

/** Whether following `streamerId` would take the member past MAX_STREAMERS (following one again is fine). */
export function overStreamerCap(follows: Follows, streamerId: string): boolean {
  return !follows.streamers.includes(streamerId) && follows.streamers.length >= MAX_STREAMERS;
}

/**
 * A team's key. A bare id is a FIFA team id (follows written before providers existed, and alerts from a
 * feed that does not name its provider yet): `43922` is `fifa:43922`.
 */
export function teamKeyOf(id: string): string {
  return id.includes(':') ? id : `fifa:${id}`;
}

export class FollowRepo {
  private readonly members: StoreArea<Follows>;
  private readonly relations: StoreArea<Relation>;
  private readonly heads: StoreArea<Head>;
  private readonly pages: StoreArea<string[]>;
  private readonly streamerIndex: StoreArea<string[]>;
  /** One change at a time per member, and per subject, so the records and the index never disagree. */
  private readonly memberLock = new KeyedLock();
  private readonly subjectLock = new KeyedLock();

  constructor(private readonly store: Store) {
    this.members = store.area('follows');
    this.relations = store.area('follower');
    this.heads = store.area('follower-index');
    this.pages = store.area('follower-index');
    this.streamerIndex = store.area('follower-index');
  }

  async get(userId: string): Promise<Follows> {
    return (await this.members.get(userId)) ?? { teams: [], streamers: [] };
  }

  /** Several members' records in one round trip (absent: follows nothing). */
  async getMany(userIds: readonly string[]): Promise<Follows[]> {
    return (await this.members.getMany(userIds)).map((follows) => follows ?? { teams: [], streamers: [] });
  }

  followTeam(userId: string, teamId: string): Promise<Follows> {
    return this.change(userId, 'team', teamId, true);
  }

  unfollowTeam(userId: string, teamId: string): Promise<Follows> {
    return this.change(userId, 'team', teamId, false);
  }

  followStreamer(userId: string, streamerId: string): Promise<Follows> {
    return this.change(userId, 'streamer', streamerId, true);
  }

  unfollowStreamer(userId: string, streamerId: string): Promise<Follows> {
    return this.change(userId, 'streamer', streamerId, false);
  }

  followersOfTeam(teamId: string): Promise<string[]> {
    return this.followersOf('team', teamKeyOf(teamId));
  }

  followersOfStreamer(streamerId: string): Promise<string[]> {
    return this.followersOf('streamer', streamerId);
  }

  /** Every streamer someone follows (what the Twitch poll asks about): one small record. */
  async followedStreamers(): Promise<string[]> {
    return (await this.streamerIndex.get(STREAMERS_KEY)) ?? [];
  }

  /** Forgets a member entirely (e.g. when they leave the workspace). */
  async forget(userId: string): Promise<void> {
    const follows = await this.get(userId);
    for (const teamId of follows.teams) await this.unfollowTeam(userId, teamId);
    for (const streamerId of follows.streamers) await this.unfollowStreamer(userId, streamerId);
    await this.members.delete(userId);
  }

  /**
   * Brings follows written by earlier versions to this layout, once: member records with bare FIFA team
   * ids get team keys, and the shared `followers` lists are replaced by the index, rebuilt from the member
   * records (the source of truth). Safe to run again after a crash half-way: it starts over.
   */
  async migrate(): Promise<{ members: number } | null> {
    const done = this.store.area<{ at: string }>('migration');
    if (await done.get(MIGRATION_KEY)) return null;
    const userIds = await this.store.keys('follows');
    const records = await this.members.getMany(userIds);
    await this.store.deleteArea('follower');
    await this.store.deleteArea('follower-index');
    const bySubject = new Map<string, string[]>();
    const add = (subject: string, userId: string) => bySubject.set(subject, [...(bySubject.get(subject) ?? []), userId]);
    for (const [i, userId] of userIds.entries()) {
      const record = records[i];
      if (!record) continue;
      const next: Follows = { teams: [...new Set(record.teams.map(teamKeyOf))], streamers: [...new Set(record.streamers)] };
      if (next.teams.join() !== record.teams.join() || next.streamers.join() !== record.streamers.join()) await this.members.set(userId, next);
      for (const team of next.teams) add(`team:${team}`, userId);
      for (const streamer of next.streamers) add(`streamer:${streamer}`, userId);
    }
    for (const [subject, users] of bySubject) {
      const pageCount = Math.ceil(users.length / PAGE_SIZE);
      for (let page = 0; page < pageCount; page += 1) {
        const members = users.slice(page * PAGE_SIZE, (page + 1) * PAGE_SIZE);
        await this.pages.set(pageKey(subject, page), members);
        await Promise.all(members.map((userId) => this.relations.set(`${subject}:${userId}`, { page })));
      }
      await this.heads.set(subject, { pages: pageCount, count: users.length });
    }
    const streamers = [...bySubject.keys()].filter((s) => s.startsWith('streamer:')).map((s) => s.slice('streamer:'.length));
    await this.streamerIndex.set(STREAMERS_KEY, streamers);
    // The lists of the old layout (`followers:team:<id>`, `followers:streamers`) are now the index.
    await this.store.deleteArea('followers');
    await done.set(MIGRATION_KEY, { at: new Date().toISOString() });
    return { members: userIds.length };
  }

  private async followersOf(subject: Subject, id: string): Promise<string[]> {
    const key = `${subject}:${id}`;
    const head = await this.heads.get(key);
    if (!head) return [];
    const pages = await this.pages.getMany(Array.from({ length: head.pages }, (_, page) => pageKey(key, page)));
    return pages.flatMap((members) => members ?? []);
  }

  /**
   * `id` is kept in the member record as given (what the App Home and commands use to find the team);
   * the index is keyed by the team key, so a bare FIFA id and `fifa:<id>` are the same follow.
   */
  private change(userId: string, subject: Subject, id: string, follow: boolean): Promise<Follows> {
    return this.memberLock.run(userId, async () => {
      const field = subject === 'team' ? 'teams' : 'streamers';
      const keyOf = subject === 'team' ? teamKeyOf : (x: string) => x;
      const indexId = keyOf(id);
      const current = await this.get(userId);
      if (current[field].some((x) => keyOf(x) === indexId) === follow) return current;
      const key = `${subject}:${indexId}`;
      const { before, after } = await this.subjectLock.run(key, () => (follow ? this.addToIndex(key, userId) : this.removeFromIndex(key, userId)));
      if (subject === 'streamer' && (before === 0) !== (after === 0)) await this.refreshStreamerIndex(id, after > 0);
      const next: Follows = { ...current, [field]: follow ? [...current[field], id] : current[field].filter((x) => keyOf(x) !== indexId) };
      await this.members.set(userId, next);
      return next;
    });
  }

  /** Adds the member to the subject's last page, or a new page when it is full. Answers the follower counts. */
  private async addToIndex(key: string, userId: string): Promise<{ before: number; after: number }> {
    const head = (await this.heads.get(key)) ?? { pages: 0, count: 0 };
    const relationKey = `${key}:${userId}`;
    const relation = await this.relations.get(relationKey);
    if (relation) {
      // A follow cut short after its relation was written: make sure the page lists the member.
      await this.pages.update(pageKey(key, relation.page), (members = []) => (members.includes(userId) ? members : [...members, userId]));
      return { before: head.count, after: head.count };
    }
    const last = head.pages - 1;
    const lastPage = last >= 0 ? ((await this.pages.get(pageKey(key, last))) ?? []) : [];
    const page = last >= 0 && lastPage.length < PAGE_SIZE ? last : head.pages;
    await this.pages.update(pageKey(key, page), (members = []) => (members.includes(userId) ? members : [...members, userId]));
    await this.relations.set(relationKey, { page });
    const next = { pages: Math.max(head.pages, page + 1), count: head.count + 1 };
    await this.heads.set(key, next);
    return { before: head.count, after: next.count };
  }

  private async removeFromIndex(key: string, userId: string): Promise<{ before: number; after: number }> {
    const head = await this.heads.get(key);
    const relationKey = `${key}:${userId}`;
    const relation = await this.relations.get(relationKey);
    if (!head || !relation) return { before: head?.count ?? 0, after: head?.count ?? 0 };
    await this.pages.update(pageKey(key, relation.page), (members = []) => {
      const rest = members.filter((u) => u !== userId);
      return rest.length > 0 ? rest : undefined;
    });
    await this.relations.delete(relationKey);
    const count = Math.max(0, head.count - 1);
    if (count === 0) {
      await Promise.all(Array.from({ length: head.pages }, (_, page) => this.pages.delete(pageKey(key, page))));
      await this.heads.delete(key);
    } else {
      await this.heads.set(key, { ...head, count });
    }
    return { before: head.count, after: count };
  }

  private async refreshStreamerIndex(streamerId: string, followed: boolean): Promise<void> {
    await this.streamerIndex.update(STREAMERS_KEY, (ids = []) => {
      const rest = ids.filter((x) => x !== streamerId);
      return followed ? [...rest, streamerId] : rest;
    });
  }
}

function pageKey(subject: string, page: number): string {
  return `${subject}#${page}`;
}
