/**
 * What each member follows (teams by FIFA team id, streamers by Twitch user id), and the reverse index
 * that routes an alert to the followers of its subject.
 */
import { KeyedLock } from './keyed-lock.js';
import type { Store, StoreArea } from './store.js';

export interface Follows {
  teams: string[];
  streamers: string[];
}

type Subject = 'team' | 'streamer';

/** SPEC T8: each followed streamer can mean a card in the shared channel and SMS every evening. */
export const MAX_STREAMERS = 25;

/** Whether following `streamerId` would take the member past MAX_STREAMERS (following one again is fine). */
export function overStreamerCap(follows: Follows, streamerId: string): boolean {
  return !follows.streamers.includes(streamerId) && follows.streamers.length >= MAX_STREAMERS;
}

export class FollowRepo {
  private readonly members: StoreArea<Follows>;
  private readonly followers: StoreArea<string[]>;
  /** One change at a time per member, so the member record and the index never disagree. */
  private readonly lock = new KeyedLock();

  constructor(store: Store) {
    this.members = store.area('follows');
    this.followers = store.area('followers');
  }

  async get(userId: string): Promise<Follows> {
    return (await this.members.get(userId)) ?? { teams: [], streamers: [] };
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

  async followersOfTeam(teamId: string): Promise<string[]> {
    return (await this.followers.get(`team:${teamId}`)) ?? [];
  }

  async followersOfStreamer(streamerId: string): Promise<string[]> {
    return (await this.followers.get(`streamer:${streamerId}`)) ?? [];
  }

  /** Every streamer someone follows (what the Twitch poll asks about). */
  async followedStreamers(): Promise<string[]> {
    return (await this.followers.get('streamers')) ?? [];
  }

  /** Forgets a member entirely (e.g. when they leave the workspace). */
  async forget(userId: string): Promise<void> {
    const follows = await this.get(userId);
    for (const teamId of follows.teams) await this.unfollowTeam(userId, teamId);
    for (const streamerId of follows.streamers) await this.unfollowStreamer(userId, streamerId);
    await this.members.delete(userId);
  }

  private change(userId: string, subject: Subject, id: string, follow: boolean): Promise<Follows> {
    return this.lock.run(userId, async () => {
      const field = subject === 'team' ? 'teams' : 'streamers';
      const current = await this.get(userId);
      const has = current[field].includes(id);
      if (has === follow) return current;
      const next: Follows = { ...current, [field]: follow ? [...current[field], id] : current[field].filter((x) => x !== id) };
      await this.members.set(userId, next);
      await this.followers.update(`${subject}:${id}`, (users = []) => {
        const rest = users.filter((u) => u !== userId);
        const after = follow ? [...rest, userId] : rest;
        return after.length > 0 ? after : undefined;
      });
      if (subject === 'streamer') await this.refreshStreamerIndex(id);
      return next;
    });
  }

  private async refreshStreamerIndex(streamerId: string): Promise<void> {
    const followed = (await this.followersOfStreamer(streamerId)).length > 0;
    await this.followers.update('streamers', (ids = []) => {
      const rest = ids.filter((x) => x !== streamerId);
      return followed ? [...rest, streamerId] : rest;
    });
  }
}
