/**
 * What each member chose for their personal alerts (SPEC P1), one small record per member. The SMS level
 * is not here: it belongs to the SMS subscription (`Subscription.alerts`), its one source of truth.
 * Language, Slack locale and time zone (P3) are read by the member context and the audience; quiet hours
 * and the kick-off reminder (P4, P5) by the audience, the quiet-hours summary and the reminders.
 */
import type { AlertLevel, SinkLevel } from '../alerts/levels.js';
import type { PersonalChoices } from '../alerts/audience.js';
import type { QuietHours } from '../alerts/quiet-hours.js';
import type { Store, StoreArea } from './store.js';

export type { AlertLevel, SinkLevel };

/** Quiet hours in the member's time zone, `HH:MM` 24-hour; `from` after `to` spans midnight. */
export type { QuietHours };

export interface MemberPrefs extends PersonalChoices {
  /** P5: minutes before kick-off; absent: no reminder. */
  reminderMinutes?: 15 | 60;
}

export const DEFAULT_PREFS: Readonly<MemberPrefs> = { dm: 'goals', streamsOnDm: true, streamsOnSms: true };

/** Only what the member changed is stored, so a later default change reaches everyone who never chose. */
type StoredPrefs = Partial<MemberPrefs>;

export class MemberPrefsRepo {
  private readonly area: StoreArea<StoredPrefs>;

  constructor(store: Store) {
    this.area = store.area('member-prefs');
  }

  async get(userId: string): Promise<MemberPrefs> {
    return { ...DEFAULT_PREFS, ...(await this.area.get(userId)) };
  }

  /** Many members' choices in one batched read (the audience of one alert). */
  async getMany(userIds: readonly string[]): Promise<MemberPrefs[]> {
    return (await this.area.getMany(userIds)).map((stored) => ({ ...DEFAULT_PREFS, ...stored }));
  }

  /**
   * Many members' choices, undefined for a member with none stored (Fanfare never heard of them): the
   * Slack profile backfill writes only for members Fanfare knows.
   */
  async getStoredMany(userIds: readonly string[]): Promise<(MemberPrefs | undefined)[]> {
    return (await this.area.getMany(userIds)).map((stored) => (stored ? { ...DEFAULT_PREFS, ...stored } : undefined));
  }

  async patch(userId: string, patch: Partial<MemberPrefs>): Promise<MemberPrefs> {
    const next = await this.area.update(userId, (current = {}) => ({ ...current, ...patch }));
    return { ...DEFAULT_PREFS, ...next };
  }

  /** The member left (SPEC O6). */
  async forget(userId: string): Promise<void> {
    await this.area.delete(userId);
  }
}
