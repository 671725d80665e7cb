/**
 * Tells the workspace admins, by DM, when Fanfare cannot do its work without them (a channel or token
 * Slack refuses, SMS paused by Twilio): one sentence, once per reason per day, whatever the number of
 * polls that meet the problem. When the notice was sent is kept in the store, so a restart loop does not
 * repeat it. Recipients: the admin who picked the match channel, else every workspace admin and owner.
 */
import type { webApi } from '@slack/bolt';
import { catalogue } from '../alerts/i18n/index.js';
import type { Locale } from '../alerts/i18n/locales.js';
import { clipMrkdwn, escapeMrkdwn } from '../alerts/mrkdwn.js';
import type { Logger } from '../log.js';
import type { SettingsRepo } from '../store/settings.js';
import type { Store, StoreArea } from '../store/store.js';
import { tellMember } from './members.js';
import type { HoldNotice } from './slack-calls.js';
import { section, SECTION_MAX } from './views/blocks.js';
import type { MemberMessage } from './views/messages.js';

type WebClient = webApi.WebClient;

const ONCE_PER_MS = 24 * 3600_000;
/** Admin rights change rarely; the list is read again after this long. */
const ADMINS_CACHE_MS = 3600_000;
const REASON_MAX = 100;

export interface AdminNoticesOptions {
  client: WebClient;
  store: Store;
  settings: SettingsRepo;
  logger: Logger;
  now?: () => number;
}

interface SlackUserRow {
  id?: string;
  deleted?: boolean;
  is_bot?: boolean;
  is_admin?: boolean;
  is_owner?: boolean;
}

export class AdminNotices {
  /** reason → when the admins were last told (ms). */
  private readonly sent: StoreArea<number>;
  private readonly now: () => number;
  private admins: { ids: string[]; at: number } | null = null;

  constructor(private readonly options: AdminNoticesOptions) {
    this.sent = options.store.area('admin-notices');
    this.now = options.now ?? Date.now;
  }

  /**
   * DMs `message` to the admins unless they were told about `reason` in the last day. Never throws: a
   * notice that cannot be sent is logged, and tried again the next time the reason comes up.
   */
  async tell(reason: string, message: MemberMessage): Promise<void> {
    const { logger, client } = this.options;
    const at = this.now();
    try {
      let claimed = false;
      await this.sent.update(reason, (last) => {
        if (last !== undefined && at - last < ONCE_PER_MS) return last;
        claimed = true;
        return at;
      });
      if (!claimed) return;
      const recipients = await this.recipients();
      let told = 0;
      for (const user of recipients) {
        await tellMember(client, user, message).then(
          () => told++,
          (error: unknown) => logger.warn({ err: error, user, reason }, 'could not tell an admin'),
        );
      }
      if (told > 0) {
        logger.info({ reason, admins: told }, 'admins told');
        return;
      }
      logger.warn({ reason }, 'no admin could be told (no admin found, or Slack refused the DMs)');
      // Unsent: the next occurrence tries again.
      await this.sent.update(reason, (last) => (last === at ? undefined : last));
    } catch (error) {
      logger.warn({ err: error, reason }, 'admin notice not sent');
    }
  }

  /** The admin who picked the match channel; nobody picked one: the workspace admins and owners. */
  private async recipients(): Promise<string[]> {
    const picker = (await this.options.settings.get()).channelPickedBy;
    if (picker) return [picker];
    if (this.admins && this.now() - this.admins.at < ADMINS_CACHE_MS) return this.admins.ids;
    const ids: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.options.client.users.list({ limit: 200, cursor });
      for (const user of (page.members ?? []) as SlackUserRow[]) {
        if (user.id && !user.deleted && !user.is_bot && user.id !== 'USLACKBOT' && (user.is_admin || user.is_owner)) ids.push(user.id);
      }
      cursor = page.response_metadata?.next_cursor || undefined;
    } while (cursor);
    this.admins = { ids, at: this.now() };
    return ids;
  }
}

/** The notice for a held channel or token: its once-a-day key and its words. */
export function holdNotice(locale: Locale, notice: HoldNotice): { reason: string; message: MemberMessage } {
  const c = catalogue(locale).adminNotices;
  const reason = clipMrkdwn(escapeMrkdwn(notice.error), REASON_MAX);
  if (notice.kind === 'auth' || !notice.channel) return { reason: `slack-auth:${notice.error}`, message: simple(`⚠️ ${c.authHeld(reason)}`) };
  return {
    reason: `slack-channel:${notice.channel}:${notice.error}`,
    message: simple(`⚠️ ${c.channelHeld(`<#${notice.channel}>`, reason)}`),
  };
}

function simple(text: string): MemberMessage {
  const clipped = clipMrkdwn(text, SECTION_MAX);
  return { text: clipped, blocks: [section(undefined, clipped)] };
}
