/**
 * Fanfare's replies to `/fanfare` and mentions (ephemeral) and its DMs. Each is `{ text, blocks }`: the text
 * is the notification and screen-reader version, the blocks carry the same words in `verbatim` mrkdwn so
 * Slack adds no links or mentions of its own. External text (names, queries, logins) is escaped here.
 */
import type { types } from '@slack/bolt';
import { teamFlag } from '../../alerts/flags.js';
import type { Catalogue } from '../../alerts/i18n/catalogue.js';
import { catalogue } from '../../alerts/i18n/index.js';
import type { Locale } from '../../alerts/i18n/locales.js';
import { clipMrkdwn, escapeMrkdwn } from '../../alerts/mrkdwn.js';
import { formatQuietHours } from '../../alerts/quiet-hours.js';
import type { Team } from '../../football/types.js';
import { maskPhone } from '../../sms/phone.js';
import type { MemberPrefs } from '../../store/member-prefs.js';
import type { Streamer } from '../../store/streamers.js';
import type { Subscription } from '../../store/subscribers.js';
import { ACTIONS } from '../ids.js';
import { actions, button, section, SECTION_MAX } from './blocks.js';

export interface MemberMessage {
  text: string;
  blocks?: types.KnownBlock[];
}

const COMMAND = '/fanfare';
/** Names listed in a status reply before "… and N more". */
const LIST_MAX = 30;
const SUGGESTIONS_MAX = 5;
const NAME_MAX = 150;
/** A typed number longer than this is not a phone number; the modal then opens empty. */
const PREFILL_MAX = 64;

function ext(text: string): string {
  return clipMrkdwn(escapeMrkdwn(text), NAME_MAX);
}

/** A club comes with its competition ("*Arsenal* (Premier League)"), as it does in the App Home. */
function teamName(team: Team & { competitions?: readonly string[] }): string {
  const name = `${teamFlag(team.countryCode)} *${ext(team.name)}*`.trim();
  const competition = team.competitions?.[0];
  return competition ? `${name} (${ext(competition)})` : name;
}

/** Only what a link needs, so a freshly looked-up Twitch user works as well as a stored Streamer. */
type StreamerName = Pick<Streamer, 'login' | 'displayName'>;

function streamerLink(streamer: StreamerName): string {
  return `<https://www.twitch.tv/${encodeURIComponent(streamer.login)}|${ext(streamer.displayName || streamer.login)}>`;
}

/** "A, B and C" in the locale's own words; past `max` names, "… and N more". */
function joined(c: Catalogue, names: string[], type: 'conjunction' | 'disjunction', max = LIST_MAX): string {
  const shown = names.slice(0, max);
  const list = new Intl.ListFormat(c.intlLocale, { style: 'long', type }).format(shown);
  return names.length > max ? `${list} ${c.common.andMore(names.length - max)}` : list;
}

/** One mrkdwn text as both the notification text and a single verbatim section. */
function simple(text: string): MemberMessage {
  const clipped = clipMrkdwn(text, SECTION_MAX);
  return { text: clipped, blocks: [section(undefined, clipped)] };
}

function code(text: string): string {
  return `\`${escapeMrkdwn(text)}\``;
}

export function helpMessage(locale: Locale): MemberMessage {
  const c = catalogue(locale);
  const m = c.members.messages;
  const arg = (name: string): string => `<${name}>`;
  const lines: [string, string][] = [
    [`${COMMAND} help`, m.helpCommands.help],
    [`${COMMAND} follow ${arg(m.helpArgs.team)}`, m.helpCommands.follow],
    [`${COMMAND} unfollow ${arg(m.helpArgs.team)}`, m.helpCommands.unfollow],
    [`${COMMAND} streamer add ${arg(m.helpArgs.login)}`, m.helpCommands.streamerAdd],
    [`${COMMAND} streamer remove ${arg(m.helpArgs.login)}`, m.helpCommands.streamerRemove],
    [`${COMMAND} subscribe [${arg(m.helpArgs.number)}]`, m.helpCommands.subscribe],
    [`${COMMAND} status`, m.helpCommands.status],
    [`${COMMAND} stop`, m.helpCommands.stop],
    [`${COMMAND} competitions`, c.competitions.helpList],
    [`${COMMAND} competition add ${arg(c.competitions.helpArg)}`, c.competitions.helpAdd],
    [`${COMMAND} competition remove ${arg(c.competitions.helpArg)}`, c.competitions.helpRemove],
    [`${COMMAND} dm off|goals|cards|all`, c.dm.helpDm],
    [`${COMMAND} dm streamers on|off`, c.dm.helpDmStreams],
    [`${COMMAND} sms off|goals|cards|all`, c.dm.helpSms],
    [`${COMMAND} sms streamers on|off`, c.dm.helpSmsStreams],
    [`${COMMAND} language en-GB|pt-BR|fr-FR|es-ES|de-DE|auto`, c.language.help],
    [`${COMMAND} quiet HH:MM-HH:MM|off`, c.quiet.helpQuiet],
    [`${COMMAND} remind off|15|60`, c.quiet.helpRemind],
  ];
  return simple([m.helpIntro, ...lines.map(([syntax, what]) => `• ${code(syntax)} – ${what}`)].join('\n'));
}

export interface StatusInput {
  teams: Team[];
  streamers: Streamer[];
  subscription: Subscription | null;
  /** false: SMS is not set up in this workspace (no Twilio). */
  smsEnabled?: boolean;
  /** The member's DM level, streamers by DM and SMS, quiet hours and kick-off reminder (SPEC P1, P4, P5). */
  personal?: Pick<MemberPrefs, 'dm' | 'streamsOnDm' | 'streamsOnSms' | 'quietHours' | 'reminderMinutes'>;
}

export function statusMessage(locale: Locale, s: StatusInput): MemberMessage {
  const c = catalogue(locale);
  const m = c.members.messages;
  const lines = [
    `*${m.statusTitle}*`,
    s.teams.length > 0 ? m.statusTeams(joined(c, s.teams.map(teamName), 'conjunction')) : m.statusNoTeams,
    s.streamers.length > 0 ? m.statusStreamers(joined(c, s.streamers.map(streamerLink), 'conjunction')) : m.statusNoStreamers,
    smsLine(c, s),
    ...(s.personal ? personalLines(c, s.personal, s.subscription !== null && s.smsEnabled !== false) : []),
  ];
  return simple(lines.join('\n'));
}

/** `subscribed`: the member has a number, so their choice of streamers by SMS means something. */
function personalLines(c: Catalogue, p: NonNullable<StatusInput['personal']>, subscribed: boolean): string[] {
  return [
    c.dm.dmLevelSet(c.dm.levels[p.dm]),
    p.streamsOnDm ? c.dm.streamsOn : c.dm.streamsOff,
    ...(subscribed ? [p.streamsOnSms ? c.dm.smsStreamsOn : c.dm.smsStreamsOff] : []),
    p.quietHours ? c.quiet.quietSet(formatQuietHours(p.quietHours)) : c.quiet.quietOff,
    p.reminderMinutes ? c.quiet.remindSet(p.reminderMinutes) : c.quiet.remindOff,
  ];
}

function smsLine(c: Catalogue, s: StatusInput): string {
  const m = c.members.messages;
  if (s.smsEnabled === false) return c.members.home.smsOff;
  const sub = s.subscription;
  if (!sub) return m.statusSmsNone;
  const phone = escapeMrkdwn(maskPhone(sub.phone));
  switch (sub.status) {
    case 'active':
      return sub.alerts === 'off' ? c.dm.statusSmsOff(phone) : m.statusSmsActive(phone, c.members.alertLevels[sub.alerts]);
    case 'opted-out':
      return m.statusSmsOptedOut(phone);
    case 'failed':
      return m.statusSmsFailed(phone);
  }
}

export function followedMessage(locale: Locale, team: Team): MemberMessage {
  return simple(`✅ ${catalogue(locale).members.messages.followed(teamName(team))}`);
}

export function unfollowedMessage(locale: Locale, team: Team): MemberMessage {
  return simple(catalogue(locale).members.messages.unfollowed(teamName(team)));
}

/** No team matched what the member typed; `suggestions` (the closest teams, best first) are offered by name. */
export function noTeamMessage(locale: Locale, query: string, suggestions: Team[]): MemberMessage {
  const c = catalogue(locale);
  const m = c.members.messages;
  const names = suggestions.slice(0, SUGGESTIONS_MAX).map(teamName);
  const hint = names.length > 0 ? ` ${m.didYouMean(joined(c, names, 'disjunction', SUGGESTIONS_MAX))}` : '';
  return simple(`${m.noTeam(ext(query.trim()))}${hint}`);
}

/**
 * Invites the member to subscribe by SMS; the button opens the subscribe modal. `number` is what they typed
 * (e.g. after `@Fanfare subscribe`), carried in the button's value to prefill the modal.
 */
export function subscribePrompt(locale: Locale, number: string | null): MemberMessage {
  const m = catalogue(locale).members.messages;
  const typed = number?.trim() ?? '';
  const value = typed.length > 0 && typed.length <= PREFILL_MAX ? typed : undefined;
  return {
    text: m.subscribePrompt,
    blocks: [
      section(undefined, `📱 ${m.subscribePrompt}`),
      actions('subscribe-prompt', [
        button(ACTIONS.openSubscribe, m.subscribeButton, { style: 'primary', ...(value ? { value } : {}) }),
      ]),
    ],
  };
}

/** After `/fanfare stop` or the Stop button; `wasSubscribed` false says there was nothing to stop. */
export function smsStoppedMessage(locale: Locale, wasSubscribed = true): MemberMessage {
  const m = catalogue(locale).members.messages;
  return simple(wasSubscribed ? m.smsStopped : m.smsNotSubscribed);
}

/** SMS is not set up in this workspace (no Twilio credentials). */
export function smsUnavailableMessage(locale: Locale): MemberMessage {
  return simple(catalogue(locale).members.home.smsOff);
}

/** Twitch is not set up in this workspace. */
export function twitchUnavailableMessage(locale: Locale): MemberMessage {
  return simple(catalogue(locale).members.home.twitchOff);
}

export function streamerAddedMessage(locale: Locale, streamer: StreamerName): MemberMessage {
  return simple(`✅ ${catalogue(locale).members.messages.streamerAdded(streamerLink(streamer))}`);
}

export function streamerRemovedMessage(locale: Locale, streamer: StreamerName): MemberMessage {
  return simple(catalogue(locale).members.messages.streamerRemoved(streamerLink(streamer)));
}

export function unknownStreamerMessage(locale: Locale, login: string): MemberMessage {
  return simple(catalogue(locale).members.errors.unknownStreamer(ext(login.trim())));
}

/** An admin-only control used by someone who is not a workspace admin or owner. */
export function notAllowedMessage(locale: Locale): MemberMessage {
  return simple(catalogue(locale).members.messages.notAllowed);
}

/** One short sentence for an unexpected failure; details go to the log, never to the member. */
export function errorMessage(locale: Locale): MemberMessage {
  return simple(catalogue(locale).members.messages.error);
}

/** Fanfare cannot post in the match channel: ask for an invite. `channel` is a channel id (C…, G…). */
export function channelJoinProblem(locale: Locale, channel: string): MemberMessage {
  const mention = /^[CG][A-Z0-9]{2,}$/.test(channel) ? `<#${channel}>` : ext(channel);
  return simple(catalogue(locale).members.messages.channelJoin(mention));
}

/** DM after a permanent SMS failure (SPEC S4): which number, why (Twilio's reason, or null), what to do. */
/** To the admin who picked the match channel, when Twilio refuses Fanfare's credentials or settings. */
export function smsPausedDm(locale: Locale, reason: string): MemberMessage {
  return simple(`⚠️ ${catalogue(locale).members.messages.smsPaused(ext(reason))}`);
}

export function numberRejectedDm(locale: Locale, maskedPhone: string, reason: string | null): MemberMessage {
  return simple(`⚠️ ${catalogue(locale).members.messages.numberRejected(escapeMrkdwn(maskedPhone), reason ? ext(reason) : null)}`);
}
