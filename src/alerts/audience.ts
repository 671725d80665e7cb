/**
 * Who gets an alert on a personal sink (SPEC P1, S1): the followers of its subject, each at the level
 * they chose for that sink. One module for the DM and SMS sinks alike. It knows the store only through
 * the reader it is given, which answers in batches: an alert costs a few round trips whatever the
 * number of followers, never one per follower.
 *
 * Quiet hours (SPEC P4) are decided here too, once per alert and for every sink at the same instant: a
 * member in their quiet hours is left out of every sink's audience, and `held` names them, so the results
 * they miss can be summed up when their quiet hours end.
 */
import type { Locale } from './i18n/locales.js';
import { quietEnd, type QuietHours } from './quiet-hours.js';
import { levelIncludes, levelOf, teamsOf, type SinkLevel } from './levels.js';
import type { Alert } from './types.js';

export type PersonalSink = 'dm' | 'sms';

/** A member's choices for personal alerts (the store's MemberPrefs extends it). */
export interface PersonalChoices {
  /** DM level; SPEC P1 default: goals and results. */
  dm: SinkLevel;
  /** Streamer live/offline alerts by DM (default on). */
  streamsOnDm: boolean;
  /** Streamer live/offline alerts by SMS, for a subscribed member (default on). */
  streamsOnSms: boolean;
  /** The member's own choice of language (P3); absent: their Slack locale, else LOCALE. */
  language?: Locale;
  /**
   * What Slack last said of the member (users.info), kept so alerts to thousands of members need no
   * users.info each: their Slack locale (P3: used when they chose no language) and IANA time zone.
   */
  slackLocale?: string;
  timeZone?: string;
  /** P4, on the member's clock; absent: none. */
  quietHours?: QuietHours;
}

/** A member's SMS subscription as the audience needs it. */
export interface SmsChoice {
  phone: string;
  status: 'active' | 'opted-out' | 'failed';
  /** off: the number is kept but nothing is texted, streamers included. */
  alerts: SinkLevel;
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

/** A member in their quiet hours who would have got an alert, and when their quiet hours end (epoch ms). */
export interface HeldMember {
  userId: string;
  until: number;
}

/** Alerts whose quiet-hours instant is remembered: far more than one batch of one loop round. */
const DECIDED_CACHE = 2000;

export class Audience {
  /** Alert id → the instant its quiet hours were decided, so the DM and SMS sinks decide alike. */
  private readonly decided = new Map<string, number>();
  private readonly now: () => number;

  constructor(
    private readonly reader: AudienceReader,
    options: { now?: () => number } = {},
  ) {
    this.now = options.now ?? Date.now;
  }

  /** The followers of the alert's subject who get it on `sink`, leaving out those in their quiet hours. */
  async of(alert: Alert, sink: PersonalSink): Promise<Recipient[]> {
    const at = this.decidedAt(alert);
    return (await this.wanting(alert, sink)).filter((w) => quietEnd(w.choices.quietHours, at, w.choices.timeZone) === null).map((w) => w.recipient);
  }

  /** The followers who would get the alert on a DM or an SMS but are in their quiet hours now (SPEC P4). */
  async held(alert: Alert): Promise<HeldMember[]> {
    const at = this.decidedAt(alert);
    const [dm, sms] = await Promise.all([this.wanting(alert, 'dm'), this.wanting(alert, 'sms')]);
    const out = new Map<string, number>();
    for (const w of [...dm, ...sms]) {
      const until = quietEnd(w.choices.quietHours, at, w.choices.timeZone);
      if (until !== null) out.set(w.recipient.userId, until);
    }
    return [...out].map(([userId, until]) => ({ userId, until }));
  }

  /** Everyone whose level on `sink` takes the alert, quiet or not. */
  private async wanting(alert: Alert, sink: PersonalSink): Promise<{ recipient: Recipient; choices: PersonalChoices }[]> {
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
        return gets ? [{ recipient: recipient(userId, c), choices: c }] : [];
      });
    }
    const subscriptions = await this.reader.subscriptions(followers);
    const out: { recipient: Recipient; choices: PersonalChoices }[] = [];
    followers.forEach((userId, i) => {
      const c = choices[i] as PersonalChoices;
      const s = subscriptions[i];
      // SMS off means off, streamers included, as for DMs.
      if (s?.status !== 'active' || s.alerts === 'off') return;
      if (needed === 'stream' ? !c.streamsOnSms : !levelIncludes(s.alerts, needed)) return;
      out.push({ recipient: { ...recipient(userId, c), phone: s.phone }, choices: c });
    });
    return out;
  }

  /**
   * The first time any sink asked about this alert: a member whose quiet hours end between the DM sink's
   * question and the SMS sink's must not get the SMS yet miss the DM, nor be summed up and texted too.
   */
  private decidedAt(alert: Alert): number {
    let at = this.decided.get(alert.id);
    if (at === undefined) {
      at = this.now();
      this.decided.set(alert.id, at);
      if (this.decided.size > DECIDED_CACHE) this.decided.delete(this.decided.keys().next().value as string);
    }
    return at;
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
