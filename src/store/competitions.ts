/**
 * The competitions the workspace follows (SPEC C4): `COMPETITIONS` until an admin chooses in the App Home,
 * then the admin's list, each with its own channel and switches.
 */
import type { CompetitionRef } from '../football/provider.js';
import type { Store, StoreArea } from './store.js';

/** "every match" gets a thread for each match; "followed teams" only for matches of a team a member follows. */
export type CompetitionScope = 'every-match' | 'followed-teams';

export interface FollowedCompetition extends CompetitionRef {
  /** Display name ("Premier League"); '' until a provider named it. External text: escape before Slack. */
  name: string;
  /** null: the workspace's match channel (the admin's pick, else SLACK_CHANNEL). */
  channel: string | null;
  scope: CompetitionScope;
  /** Substitutions are posted in this competition's threads. */
  substitutions: boolean;
  /** Goals are also shown in the channel (reply_broadcast). */
  goalsInChannel: boolean;
}

/**
 * ESPN slugs of tournaments between national teams: like FIFA's, they get every match by default; club
 * leagues and cups get followed teams only (SPEC C4).
 */
const NATIONAL_TOURNAMENT = /^(fifa\.|uefa\.euro|uefa\.nations|conmebol\.america|caf\.nations|afc\.asian|concacaf\.gold)/;

export function defaultScope(ref: CompetitionRef): CompetitionScope {
  return ref.provider === 'fifa' || NATIONAL_TOURNAMENT.test(ref.id) ? 'every-match' : 'followed-teams';
}

export function withDefaults(ref: CompetitionRef, name = ''): FollowedCompetition {
  return { ...ref, name, channel: null, scope: defaultScope(ref), substitutions: false, goalsInChannel: true };
}

/** The same competition (a pinned season is part of the choice, so `fifa:17` and `fifa:17/285023` differ). */
export function sameCompetition(a: CompetitionRef, b: CompetitionRef): boolean {
  return a.provider === b.provider && a.id === b.id && a.season === b.season;
}

export class CompetitionRepo {
  private readonly area: StoreArea<FollowedCompetition[]>;

  /** `defaults` is COMPETITIONS, used until an admin first changes the list. */
  constructor(
    store: Store,
    private readonly defaults: readonly CompetitionRef[],
  ) {
    this.area = store.area('competitions');
  }

  async list(): Promise<FollowedCompetition[]> {
    return (await this.area.get('workspace')) ?? this.defaults.map((ref) => withDefaults(ref));
  }

  /** Adds a competition (or changes it when already followed); the list keeps its order. */
  async save(competition: FollowedCompetition): Promise<FollowedCompetition[]> {
    return this.change((list) => {
      const index = list.findIndex((c) => sameCompetition(c, competition));
      return index === -1 ? [...list, competition] : list.map((c, i) => (i === index ? competition : c));
    });
  }

  async remove(ref: CompetitionRef): Promise<FollowedCompetition[]> {
    return this.change((list) => list.filter((c) => !sameCompetition(c, ref)));
  }

  /** Changes one followed competition's settings; unknown competitions are left alone. */
  async patch(ref: CompetitionRef, patch: Partial<Omit<FollowedCompetition, keyof CompetitionRef>>): Promise<FollowedCompetition[]> {
    return this.change((list) => list.map((c) => (sameCompetition(c, ref) ? { ...c, ...patch } : c)));
  }

  private async change(edit: (list: FollowedCompetition[]) => FollowedCompetition[]): Promise<FollowedCompetition[]> {
    const next = await this.area.update('workspace', (current) => edit(current ?? this.defaults.map((ref) => withDefaults(ref))));
    return next ?? [];
  }
}
