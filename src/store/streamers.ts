import type { Store, StoreArea } from './store.js';

/** A Twitch streamer as Fanfare knows it. Keyed by the stable user id: a renamed login keeps its followers (SPEC T5). */
export interface Streamer {
  id: string;
  login: string;
  displayName: string;
  profileImageUrl: string | null;
}

export class StreamerRepo {
  private readonly area: StoreArea<Streamer>;

  constructor(store: Store) {
    this.area = store.area('streamer');
  }

  get(id: string): Promise<Streamer | undefined> {
    return this.area.get(id);
  }

  async getMany(ids: string[]): Promise<Streamer[]> {
    const found = await Promise.all(ids.map((id) => this.area.get(id)));
    return found.filter((s): s is Streamer => s !== undefined);
  }

  async save(streamer: Streamer): Promise<void> {
    await this.area.set(streamer.id, streamer);
  }
}
