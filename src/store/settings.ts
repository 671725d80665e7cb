import type { Store, StoreArea } from './store.js';

/** Workspace-wide choices an admin makes in the App Home. */
export interface Settings {
  /** Channel for match threads and stream cards; null until picked (then SLACK_CHANNEL is used). */
  channel: string | null;
  /** Goals are also shown in the channel (reply_broadcast). */
  broadcastGoals: boolean;
  /** Substitutions are posted in match threads. */
  postSubstitutions: boolean;
  /** The admin who picked the channel: told when SMS sending has to pause. */
  channelPickedBy: string | null;
  /** Channel for stream cards; null: the match channel (SPEC T8). */
  streamsChannel: string | null;
}

const DEFAULTS: Settings = { channel: null, broadcastGoals: true, postSubstitutions: false, channelPickedBy: null, streamsChannel: null };

export class SettingsRepo {
  private readonly area: StoreArea<Partial<Settings>>;

  constructor(store: Store) {
    this.area = store.area('settings');
  }

  async get(): Promise<Settings> {
    return { ...DEFAULTS, ...(await this.area.get('workspace')) };
  }

  async change(patch: Partial<Settings>): Promise<Settings> {
    const next = await this.area.update('workspace', (current) => ({ ...current, ...patch }));
    return { ...DEFAULTS, ...next };
  }
}
