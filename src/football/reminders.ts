/**
 * Kick-off reminders (SPEC P5). A leader-only scheduler, each minute: for every match not yet kicked off
 * that starts within the hour, the followers of either team who asked for a reminder N minutes before
 * get one DM once it is N minutes or less to kick-off; never after kick-off. Once per match × member:
 * the reminder's id (`reminder/{match}/{member}`) is taken once by the DM outbox, whose record outlives
 * the hour, so a restart (which runs a round at once, catching up) sends nothing twice.
 */
import { memberLocale } from '../alerts/i18n/member-locale.js';
import type { Locale } from '../alerts/i18n/locales.js';
import type { KickoffReminder, PersonalNotice } from '../alerts/personal.js';
import type { TeamRef } from '../alerts/types.js';
import type { Logger } from '../log.js';
import type { MemberPrefs } from '../store/member-prefs.js';
import { MinuteTicker } from '../minute-ticker.js';
import type { DirectoryMatch, DirectorySnapshot } from './directory.js';
import { neutralKeyString, type NeutralTeam } from './model.js';
import { teamKey } from './provider.js';

/** Rounds run this long after each whole minute (kick-offs are on whole minutes). */
const ROUND_OFFSET_MS = 2_000;
/** The longest reminder members can choose. */
const MAX_LEAD_MS = 60 * 60_000;

export interface KickoffRemindersOptions {
  directory: { snapshot(): Promise<Pick<DirectorySnapshot, 'nextMatches'>> };
  follows: { followersOfTeam(teamKey: string): Promise<string[]> };
  prefs: { getMany(userIds: readonly string[]): Promise<MemberPrefs[]> };
  dms: { notify(notices: readonly { notice: PersonalNotice; locale: Locale }[]): Promise<void> };
  locale: Locale;
  logger: Logger;
  /** How often rounds run (default a minute; see MinuteTicker). */
  roundMs?: number;
  now?: () => number;
}

export class KickoffReminders {
  private readonly now: () => number;
  private readonly ticker: MinuteTicker;

  constructor(private readonly options: KickoffRemindersOptions) {
    this.now = options.now ?? Date.now;
    this.ticker = new MinuteTicker(() => this.sendDue(), (error) => options.logger.error({ err: error }, 'kick-off reminders not sent; trying again'), ROUND_OFFSET_MS, this.now, options.roundMs);
  }

  /** A round at once (catching up after a restart), then one just after each minute. */
  start(): void {
    this.ticker.start();
  }

  stop(): Promise<void> {
    return this.ticker.stop();
  }

  /** Queues every reminder due now. */
  async sendDue(): Promise<void> {
    const now = this.now();
    const soon = (await this.options.directory.snapshot())
      .nextMatches([], Number.MAX_SAFE_INTEGER)
      .filter(({ match }) => match.status !== 'live' && match.status !== 'finished' && Date.parse(match.kickoff) > now && Date.parse(match.kickoff) - now <= MAX_LEAD_MS);
    for (const entry of soon) await this.remind(entry, now);
    this.options.logger.debug({ matches: soon.length }, 'kick-off reminders checked');
  }

  private async remind({ match, competition }: DirectoryMatch, now: number): Promise<void> {
    const { follows, prefs, dms, logger } = this.options;
    const kickoff = Date.parse(match.kickoff);
    const teams = [match.home, match.away].filter((t): t is NeutralTeam => t !== null).map((t) => teamKey(match.key.provider, t.id));
    const followers = [...new Set((await Promise.all(teams.map((key) => follows.followersOfTeam(key)))).flat())];
    if (followers.length === 0) return;
    const choices = await prefs.getMany(followers);
    const matchKey = neutralKeyString(match.key);
    const ref = (team: NeutralTeam | null, placeholder: string | null): TeamRef =>
      team
        ? { id: teamKey(match.key.provider, team.id), name: team.name, abbreviation: team.abbreviation, countryCode: team.countryCode }
        : { id: null, name: placeholder ?? '?', abbreviation: placeholder ?? '?', countryCode: null };
    const notices: { notice: PersonalNotice; locale: Locale }[] = [];
    followers.forEach((userId, i) => {
      const p = choices[i] as MemberPrefs;
      if (!p.reminderMinutes || kickoff - now > p.reminderMinutes * 60_000) return;
      const notice: KickoffReminder = {
        kind: 'kickoff-reminder',
        id: `reminder/${matchKey}/${userId}`,
        userId,
        matchKey,
        competitionName: competition,
        kickoff: match.kickoff,
        home: ref(match.home, match.placeholderHome),
        away: ref(match.away, match.placeholderAway),
        // Late after downtime: it says how long there really is left.
        minutes: Math.min(p.reminderMinutes, Math.ceil((kickoff - now) / 60_000)),
        ...(p.timeZone ? { timeZone: p.timeZone } : {}),
      };
      notices.push({ notice, locale: memberLocale(p.language, p.slackLocale, this.options.locale) });
    });
    if (notices.length === 0) return;
    await dms.notify(notices);
    logger.debug({ match: matchKey, members: notices.length }, 'kick-off reminders handed to the DM sink');
  }
}
