/**
 * Who gets an alert on a personal sink (SPEC P1, S1): the followers of its subject, each at the level
 * they chose for that sink. One module for the DM and SMS sinks alike. It knows the store only through
 * the reader it is given, which answers in batches: an alert costs a few round trips whatever the
 * number of followers, never one per follower.
 */
import type { Locale } from './i18n/locales.js';
import { levelIncludes, levelOf, teamsOf, type AlertLevel, type SinkLevel } from './levels.js';
import type { Alert } from './types.js';

export type PersonalSink = 'dm' | 'sms';

/** A member's choices as the audience needs them (the store's MemberPrefs has this shape). */
export interface PersonalChoices {
  dm: SinkLevel;
  streamsOnDm: boolean;
  streamsOnSms: boolean;
  language?: Locale;
  slackLocale?: string;
  timeZone?: string;
}

/** A member's SMS subscription as the audience needs it. */
export interface SmsChoice {
  phone: string;
  status: 'active' | 'opted-out' | 'failed';
  alerts: AlertLevel;
}

export interface AudienceReader {
  followersOfTeam(teamKey: string): Promise<string[]>;
  followersOfStreamer(streamerId: string): Promise<string[]>;
  /** In the order asked, one batched read. */
  choices(userIds: readonly string[]): Promise<PersonalChoices[]>;
  /** In the order asked, one batched read; undefined: not subscribed. */
  subscriptions(userIds: readonly string[]): Promise<(SmsChoice | undefined)[]>;
}

export interface Recipient {
  userId: string;
  /** The member's chosen language, when they chose one. */
  language?: Locale;
  /** Slack's locale for them, as last seen by the member context: their language when they chose none. */
  slackLocale?: string;
  /** IANA; absent: UTC. */
  timeZone?: string;
  /** SMS only: E.164. */
  phone?: string;
}

export class Audience {
  constructor(private readonly reader: AudienceReader) {}

  /** The followers of the alert's subject who get it on `sink`. */
  async of(alert: Alert, sink: PersonalSink): Promise<Recipient[]> {
    const needed = alert.source === 'match' ? levelOf(alert) : 'stream';
    if (needed === null) return [];
    const followers = await this.followers(alert);
    if (followers.length === 0) return [];
    const choices = await this.reader.choices(followers);
    if (sink === 'dm') {
      return followers.flatMap((userId, i) => {
        const c = choices[i] as PersonalChoices;
        // DMs off means off, streamers included.
        const gets = needed === 'stream' ? c.dm !== 'off' && c.streamsOnDm : levelIncludes(c.dm, needed);
        return gets ? [recipient(userId, c)] : [];
      });
    }
    const subscriptions = await this.reader.subscriptions(followers);
    const out: Recipient[] = [];
    followers.forEach((userId, i) => {
      const c = choices[i] as PersonalChoices;
      const s = subscriptions[i];
      if (s?.status !== 'active') return;
      if (needed === 'stream' ? !c.streamsOnSms : !levelIncludes(s.alerts, needed)) return;
      out.push({ ...recipient(userId, c), phone: s.phone });
    });
    return out;
  }

  private async followers(alert: Alert): Promise<string[]> {
    if (alert.source === 'stream') return this.reader.followersOfStreamer(alert.streamer.id);
    const lists = await Promise.all(teamsOf(alert).map((team) => this.reader.followersOfTeam(team)));
    return [...new Set(lists.flat())];
  }
}

/** Only what is known: a member who never chose or was never seen by Slack's users.info has fewer fields. */
function recipient(userId: string, c: PersonalChoices): Recipient {
  return {
    userId,
    ...(c.language ? { language: c.language } : {}),
    ...(c.slackLocale ? { slackLocale: c.slackLocale } : {}),
    ...(c.timeZone ? { timeZone: c.timeZone } : {}),
  };
}
