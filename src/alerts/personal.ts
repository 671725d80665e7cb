/**
 * Personal notices (SPEC P4, P5): messages addressed to one member that no feed event carries by itself,
 * the summary of results missed during quiet hours and the kick-off reminder, and their words. Pure:
 * locale and time zone come in; the kick-off is written on the member's own clock (luxon), never the machine's.
 */
import type { types } from '@slack/bolt';
import { DateTime } from 'luxon';
import { flagEmoji } from './flags.js';
import { words } from './i18n/catalogue.js';
import { catalogue } from './i18n/index.js';
import type { Locale } from './i18n/locales.js';
import { escapeMrkdwn } from './mrkdwn.js';
import { zoneOf } from './quiet-hours.js';
import type { SlackMessage } from './slack-blocks.js';
import { toGsm7 } from './sms-text.js';
import type { MatchSummary, Score, TeamRef } from './types.js';

/** One finished match as the summary lists it. */
export interface HeldResult {
  matchKey: string;
  competitionName: string;
  home: TeamRef;
  away: TeamRef;
  score: Score;
  penalties: Score | null;
  extraTime: boolean;
}

/** The one DM (and SMS) at the end of a member's quiet hours. Identity: `quiet/${userId}/${until}`. */
export interface QuietDigest {
  kind: 'quiet-digest';
  id: string;
  userId: string;
  results: HeldResult[];
}

/** A reminder before a followed team's match. Identity: `reminder/${matchKey}/${userId}`. */
export interface KickoffReminder {
  kind: 'kickoff-reminder';
  id: string;
  userId: string;
  matchKey: string;
  competitionName: string;
  /** ISO-8601 UTC. */
  kickoff: string;
  home: TeamRef;
  away: TeamRef;
  minutes: number;
  /** The member's IANA zone (absent: UTC). */
  timeZone?: string;
}

export type PersonalNotice = QuietDigest | KickoffReminder;

/** A finished match's result from the alert that ended it. */
export function heldResultOf(match: MatchSummary, extraTime: boolean): HeldResult {
  const { key, competitionName, home, away, score, penalties } = match;
  return { matchKey: key, competitionName, home, away, score, penalties, extraTime };
}

/** A club shows no flag (a country's would mislead); a national team its own. */
function flag(team: TeamRef): string {
  return team.id !== null && team.countryCode === null ? '' : flagEmoji(team.countryCode);
}

export function renderDigestDm(results: readonly HeldResult[], locale: Locale): SlackMessage {
  const c = catalogue(locale);
  const lines = results.map((r) => {
    const pens = r.penalties ? c.match.penaltiesSuffix(r.penalties.home, r.penalties.away) : null;
    const teams = words(flag(r.home), `*${words(escapeMrkdwn(r.home.name), c.match.score(r.score.home, r.score.away), escapeMrkdwn(r.away.name))}*`, flag(r.away));
    return `${words(teams, r.extraTime && c.match.extraTimeTag, pens)} · _${escapeMrkdwn(r.competitionName)}_`;
  });
  const title = c.quiet.digestTitle;
  const blocks: types.KnownBlock[] = [
    { type: 'section', text: { type: 'mrkdwn', text: `*${escapeMrkdwn(title)}*`, verbatim: true } },
    // 3,000 characters per section: a night's results are far fewer, but a section per 20 stays safe.
    ...chunk(lines, 20).map((part): types.KnownBlock => ({ type: 'section', text: { type: 'mrkdwn', text: part.join('\n'), verbatim: true } })),
  ];
  return { text: `${title}: ${results.map((r) => `${escapeMrkdwn(r.home.name)} ${c.match.score(r.score.home, r.score.away)} ${escapeMrkdwn(r.away.name)}`).join(', ')}`.slice(0, 3000), blocks };
}

/** "Quiet hours: ARG 2-1 FRA; BRA 0-0 GER a.e.t. (pens 4-2)": GSM-7, kept to two segments at most. */
export function renderDigestSms(results: readonly HeldResult[], locale: Locale): string {
  const c = catalogue(locale);
  const p = c.sms.match;
  const lines = results.map((r) => {
    const abbr = (t: TeamRef) => toGsm7(t.abbreviation || t.name).slice(0, 6);
    const line = words(abbr(r.home), p.score(r.score.home, r.score.away), abbr(r.away), r.extraTime && p.extraTimeTag);
    return r.penalties ? p.withPenalties(line, r.penalties.home, r.penalties.away) : line;
  });
  let text = `${toGsm7(c.quiet.digestSms)} ${lines.join('; ')}`;
  // Two segments of GSM-7 hold 306 characters; the newest results are the ones cut.
  while (text.length > 306 && lines.length > 1) {
    lines.pop();
    text = `${toGsm7(c.quiet.digestSms)} ${lines.join('; ')} +`;
  }
  return text.slice(0, 306);
}

/** The kick-off on the member's clock: "15:00", "Sat 13 Jun", "GMT-3". */
export function localKickoff(kickoff: string, locale: Locale, timeZone: string | null | undefined): { time: string; day: string; zone: string } {
  const at = DateTime.fromISO(kickoff, { zone: 'utc' }).setZone(zoneOf(timeZone)).setLocale(catalogue(locale).intlLocale);
  return { time: at.toFormat('HH:mm'), day: at.toLocaleString({ weekday: 'short', day: 'numeric', month: 'short' }), zone: at.offsetNameShort ?? at.toFormat('ZZ') };
}

export function renderReminderDm(reminder: KickoffReminder, locale: Locale, threadUrl: string | null): SlackMessage {
  const c = catalogue(locale);
  const { time, day, zone } = localKickoff(reminder.kickoff, locale, reminder.timeZone);
  const teams = words(flag(reminder.home), `*${escapeMrkdwn(reminder.home.name)} ${c.match.versus} ${escapeMrkdwn(reminder.away.name)}*`, flag(reminder.away));
  const line = c.quiet.reminder(teams, reminder.minutes, time, escapeMrkdwn(day), escapeMrkdwn(zone));
  const facts = [escapeMrkdwn(reminder.competitionName), threadUrl ? `<${threadUrl}|${escapeMrkdwn(c.dm.openThread)}>` : null].filter((f): f is string => !!f);
  const blocks: types.KnownBlock[] = [{ type: 'section', text: { type: 'mrkdwn', text: line, verbatim: true } }];
  if (facts.length > 0) blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: facts.join(' · '), verbatim: true }] });
  const plain = c.quiet.reminder(`${escapeMrkdwn(reminder.home.name)} ${c.match.versus} ${escapeMrkdwn(reminder.away.name)}`, reminder.minutes, time, escapeMrkdwn(day), escapeMrkdwn(zone));
  return { text: plain, blocks };
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
