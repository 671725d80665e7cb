/**
 * The words Fanfare says, per language. Every language file implements this whole interface, so a phrase
 * missing from one of them is a compile error. Sections (`common`, `match`) leave room for SMS and App Home.
 *
 * Parameters arrive display-ready: the renderer has already escaped external text (team and player names)
 * for its medium, so a phrase only arranges them. Phrases themselves must not contain `&`, `<` or `>`,
 * since Slack would read those as markup.
 */
import type { AlertLevel as SmsAlertLevel } from '../levels.js';
import type { UtcDateParts } from '../mrkdwn.js';
import type { CardKind, GoalMethod, MatchPhase, PenaltyMissOutcome, PlayPeriod } from '../types.js';
import type { Locale } from './locales.js';

export interface Catalogue {
  locale: Locale;
  /** BCP 47 tag handed to `Intl` for month and weekday names. */
  intlLocale: string;
  common: CommonPhrases;
  match: MatchPhrases;
  slack: SlackPhrases;
  members: MemberPhrases;
  sms: SmsPhrases;
  stream: StreamPhrases;
  // ---- issue 8: admin notices (one block, to ease merges) ----
  adminNotices: AdminNoticePhrases;
  // ---- issue 9: competitions (one block, to ease merges) ----
  competitions: CompetitionPhrases;
  // ---- issue 10: personal DMs (one block, to ease merges) ----
  dm: DmPhrases;
  // ---- issue 10: quiet hours and kick-off reminders (one block, to ease merges) ----
  quiet: QuietPhrases;
  // ---- issue 10: language (one block, to ease merges) ----
  language: LanguagePhrases;
}

/** The member's choice of language (SPEC P3): `/fanfare language …` and the App Home picker. */
export interface LanguagePhrases {
  /** This language's own name, as its speakers write it ("Português (Brasil)"). */
  name: string;
  /** The picker's option for "no choice": Slack's language, else the workspace's. */
  slackLanguage: string;
  /** App Home: the picker's label. */
  homeLabel: string;
  /** Answers, written in the newly chosen language. */
  chosen: string;
  auto: string;
  usage: string;
  /** The help line for `/fanfare language …`. */
  help: string;
}

/** Personal alerts by DM and the member's choices for them (SPEC P1, P2). */
export interface DmPhrases {
  /** The link under a DM to the match thread. */
  openThread: string;
  /** Option text (≤ 75 characters) for each DM level. */
  levels: Record<'off' | SmsAlertLevel, string>;
  /** Ephemeral answers to `/fanfare dm …` and `/fanfare sms …`; `level` is one of `levels` or alertLevels. */
  dmLevelSet(level: string): string;
  smsLevelSet(level: string): string;
  /** `/fanfare sms …` from a member without a number. */
  smsNotSubscribed: string;
  /** The command's usage line (levels, and `streamers on|off`). */
  levelUsage(command: 'dm' | 'sms'): string;
  /** The help lines for `/fanfare dm …` and `/fanfare sms …`, and for their `streamers on|off`. */
  helpDm: string;
  helpSms: string;
  helpDmStreams: string;
  helpSmsStreams: string;
  /** App Home: the DM section's header and the streams switch (also the answer to `/fanfare dm streamers …`). */
  homeHeader: string;
  streamsOn: string;
  streamsOff: string;
  /** The SMS section's streams switch, as for DMs (also the answer to `/fanfare sms streamers …`). */
  smsStreamsOn: string;
  smsStreamsOff: string;
  /** The answer to `/fanfare sms off`: nothing is texted, the number is kept, `/fanfare stop` deletes it. */
  smsOffSet: string;
  /** App Home: the SMS state at level Off (mrkdwn): nothing is texted, the number is kept; `phone` is masked. */
  smsOffHome(phone: string): string;
  /** `/fanfare status` at SMS off; `phone` is masked. */
  statusSmsOff(phone: string): string;
}

/** One-sentence DMs to the admins when Slack stops taking Fanfare's posts (sent once per reason per day). */
export interface AdminNoticePhrases {
  /** `channel` is a ready `<#C…>` mention, `reason` Slack's escaped error code. */
  channelHeld(channel: string, reason: string): string;
  /** Slack refuses Fanfare's token or scopes everywhere. */
  authHeld(reason: string): string;
}
// ---- end of issue 8: admin notices ----

// ---- issue 9: competitions ----
/**
 * The followed competitions in the App Home and `/fanfare competitions`. `name`, `query` and `list` arrive
 * escaped; `date` is a ready Slack date token; `provider` is "FIFA" or "ESPN"; `channel` a ready `<#C…>`.
 */
export interface CompetitionPhrases {
  header: string;
  /** Nothing followed: `admin` says whether the reader can add one. */
  none(admin: boolean): string;
  liveNow(count: number): string;
  nextMatch(date: string): string;
  noMatchSoon: string;
  notChecked: string;
  failing(provider: string, since: string): string;
  /** Where the team menu would be, when no team can be offered. */
  teamsFailing(provider: string): string;
  teamsLoading: string;
  teamsNoCompetition: string;
  /** Admin section. Options ≤ 75 characters, buttons ≤ 30. */
  adminHeader: string;
  everyMatch: string;
  followedTeams: string;
  substitutions: string;
  goalsInChannel: string;
  defaultChannel: string;
  remove: string;
  removeConfirm: { title: string; text(name: string): string; confirm: string; deny: string };
  add: string;
  addPlaceholder: string;
  season(name: string): string;
  /** `/fanfare`. */
  helpArg: string;
  helpList: string;
  helpAdd: string;
  helpRemove: string;
  listTitle: string;
  added(name: string, channel: string, scope: string): string;
  alreadyFollowed(name: string): string;
  removed(name: string): string;
  notFollowed(query: string): string;
  notFound(query: string): string;
  didYouMean(list: string): string;
  /** Instead of a `<#C…>` when the competition uses the workspace match channel and none is set. */
  noChannel: string;
}
// ---- end of issue 9: competitions ----

/** What Fanfare says to members in Slack itself. */
export interface SlackPhrases {
  /** The answer to a mention: what Fanfare does, and where (`channel` is a ready `<#C…>` mention, or null). */
  mentionHelp(channel: string | null): string;
}

/**
 * What a member sees in the App Home, in modals and in Fanfare's replies and DMs. Mrkdwn parameters (names,
 * numbers, reasons) arrive escaped; `errors` are plain text and get raw parameters.
 */
export interface MemberPhrases {
  home: HomePhrases;
  modals: ModalPhrases;
  messages: MessagePhrases;
  /** Inline errors under a modal's input (`response_action: 'errors'`), or the notice of a later problem. */
  errors: MemberErrorPhrases;
  /** What comes by SMS; option text, so at most 75 characters each. Off keeps the number. */
  alertLevels: Record<'off' | SmsAlertLevel, string>;
}

/** The App Home. Button texts stay short (≤ 30 characters reads well; 75 is Slack's limit). */
export interface HomePhrases {
  teamsHeader: string;
  noTeams: string;
  /** Heading of the compact list shown when the member follows too many teams for one row each. */
  followingTeams(count: number): string;
  /** Beside the team picker. */
  follow: string;
  followPlaceholder: string;
  /** Placeholder of the type-ahead picker used for competitions of more than 100 teams. */
  searchPlaceholder: string;
  followedAll: string;
  unfollow: string;
  /** Beside the picker that unfollows, in the compact list. */
  unfollowPick: string;
  unfollowPlaceholder: string;

  matchesHeader: string;
  noMatches: string;
  /** Instead of `noMatches` when the member follows no team at all. */
  noMatchesNoTeams: string;

  streamersHeader: string;
  noStreamers: string;
  followingStreamers(count: number): string;
  addStreamer: string;
  remove: string;
  removePick: string;
  removePlaceholder: string;
  twitchOff: string;

  smsHeader: string;
  smsOff: string;
  /** Invites a member without a number to subscribe. */
  smsPitch: string;
  subscribe: string;
  /** `phone` is masked: "+44 ••••••• 123". */
  smsActive(phone: string): string;
  /** A code was texted and not typed in yet. */
  smsWaiting(phone: string): string;
  enterCode: string;
  /** The member texted STOP: how to get alerts back. */
  smsOptedOut(phone: string): string;
  /** Sending failed for good; `reason` is Twilio's (escaped), or null. */
  smsFailed(phone: string, reason: string | null): string;
  changeNumber: string;
  stopSms: string;
  resume: string;
  /** The dialog before Stop SMS: title ≤ 100, text ≤ 300, buttons ≤ 30 characters. */
  stopConfirm: { title: string; text: string; confirm: string; deny: string };
  alertLevelLabel: string;

  adminHeader: string;
  adminChannel: string;
  channelPlaceholder: string;
  /** Under the channel picker when no channel is set at all. */
  channelUnset: string;
  adminStreamsChannel: string;
  streamsChannelUnset: string;
}

/** Modals: titles, submit and close texts at most 24 characters (Slack rejects the view otherwise). */
export interface ModalPhrases {
  subscribeTitle: string;
  numberIntro: string;
  numberLabel: string;
  /** Format hint under the number: `example` is international, `country` where national numbers are read (or null). */
  numberHint(example: string, country: string | null): string;
  sendCode: string;
  cancel: string;
  /** While Fanfare checks the number with Twilio. */
  checking: string;
  /** `phone` is masked. */
  codeSent(phone: string): string;
  codeLabel: string;
  codeHint: string;
  confirm: string;
  subscribed(phone: string): string;
  done: string;
  problemTitle: string;
  close: string;
  streamerTitle: string;
  streamerIntro: string;
  loginLabel: string;
  loginHint: string;
  add: string;
}

/** Replies to `/fanfare` and mentions, and DMs. */
export interface MessagePhrases {
  helpIntro: string;
  /** Argument names shown in the command syntax: `/fanfare follow <team>`. Single words. */
  helpArgs: { team: string; login: string; number: string };
  helpCommands: Record<'help' | 'follow' | 'unfollow' | 'streamerAdd' | 'streamerRemove' | 'subscribe' | 'status' | 'stop', string>;
  statusTitle: string;
  /** `list` is already joined ("Brazil, France and Japan"). */
  statusTeams(list: string): string;
  statusNoTeams: string;
  statusStreamers(list: string): string;
  statusNoStreamers: string;
  /** `level` is one of `alertLevels`. */
  statusSmsActive(phone: string, level: string): string;
  statusSmsOptedOut(phone: string): string;
  statusSmsFailed(phone: string): string;
  statusSmsNone: string;
  /**
   * `team` arrives decorated ("🇦🇷 *Argentine*"), so no article can go before it: a language whose countries take
   * one says it as a label ("Vous suivez maintenant cette équipe : …").
   */
  followed(team: string): string;
  unfollowed(team: string): string;
  noTeam(query: string): string;
  /** `list` is already joined with "or". */
  didYouMean(list: string): string;
  subscribePrompt: string;
  subscribeButton: string;
  smsStopped: string;
  smsNotSubscribed: string;
  streamerAdded(name: string): string;
  streamerRemoved(name: string): string;
  notAllowed: string;
  error: string;
  /** `channel` is a ready `<#C…>` mention. */
  channelJoin(channel: string): string;
  /** DM after a permanent SMS failure; `reason` escaped, or null. */
  numberRejected(phone: string, reason: string | null): string;
  /** To the admin who picked the channel: Twilio refused Fanfare's own settings, so no SMS goes out. */
  smsPaused(reason: string): string;
}

export interface MemberErrorPhrases {
  unparsable: string;
  landline: string;
  notMobile: string;
  voip: string;
  invalidNumber: string;
  /** `attemptsLeft` may be 0 (then say only that the code is wrong). */
  wrongCode(attemptsLeft: number): string;
  tooManyAttempts: string;
  expired: string;
  // --- issue 8: SMS limits (SPEC S6) ---
  /** The member's own allowance of codes or Lookups is spent; `minutes` until one is free again. */
  tooManyCodes(minutes: number): string;
  /** This number has had its codes for the hour, whoever asked for them. */
  numberTooManyCodes(minutes: number): string;
  /** The number's country is not in SMS_COUNTRIES; `countries` is a ready list of country names. */
  countryNotAllowed(countries: string): string;
  // --- end issue 8: SMS limits ---
  blocked: string;
  unavailable: string;
  unknownStreamer(login: string): string;
  // --- issue 8: streamer cap (SPEC T8) ---
  /** A member already follows the most streamers allowed. */
  tooManyStreamers(max: number): string;
  // --- end issue 8: streamer cap ---
  invalidLogin: string;
}

/** Texts Fanfare sends by SMS itself: GSM-7 only (no emoji, curly quotes or most accents) and ≤ 160 characters. */
export interface SmsPhrases {
  /** The ownership code when Fanfare sends its own (no Twilio Verify). */
  code(code: string, minutes?: number): string;
  /** After the code is confirmed. */
  welcome(): string;
  /** Match alerts as texts. */
  match: SmsMatchPhrases;
  /** Stream alerts as texts. */
  stream: SmsStreamPhrases;
}

/**
 * Stream alerts by SMS (SPEC S5): GSM-7 only, one segment. Parameters arrive as GSM-7 plain text: `name` the
 * streamer's name, `title` the stream title (already shortened to fit), `link` "twitch.tv/shroud", `duration`
 * "2 h 13 min".
 */
export interface SmsStreamPhrases {
  /** "shroud is live: Ranked grind twitch.tv/shroud"; `title` null when the stream has none. */
  live(name: string, title: string | null, link: string): string;
  /** "shroud is offline after 2 h 13 min"; `duration` null when unknown. */
  offline(name: string, duration: string | null): string;
}

/**
 * Match alerts by SMS (SPEC S5): one 160-character GSM-7 segment each, so phrases are terse, keep to GSM-7
 * (no emoji, curly quotes, `…`, dashes, or accents outside GSM-7 such as ã ç ê á í ó ú), and put the score
 * last. Parameters arrive as GSM-7 plain text, already shortened: `team` a team name ("Argentina"), `abbr`
 * a team abbreviation ("ARG"), `who` a short player name with team and minute ("Otamendi (ARG) 75'"),
 * `minute` "45'+2'", `line` a score line ("ARG 1-0 FRA") or the two teams before play ("ARG v FRA").
 */
export interface SmsMatchPhrases {
  /** A score in a score line: "2-1". */
  score(home: number, away: number): string;
  /** Between abbreviations before play: "v". */
  versus: string;
  /** A score line with the shoot-out tally: "ARG 3-3 FRA (pens 4-2)". */
  withPenalties(line: string, home: number, away: number): string;
  /** After the final score of a match that went to extra time, before any shoot-out: "a.e.t." (SPEC M3). */
  extraTimeTag: string;
  /** Stands in for a player the feed did not name (substitutions). */
  unknownPlayer: string;
  /** A label before a score line or an event: "Half-time: ARG 2-0 FRA". */
  labelled(label: string, text: string): string;
  /** An event followed by the score: "Red card: Otamendi (ARG) 75'. ARG 1-0 FRA". */
  withScore(event: string, line: string): string;

  /** Tag after a scorer: "(pen)"; null says nothing (open play). */
  goalMethod: Record<GoalMethod, string | null>;
  /** "GOAL Argentina! Messi 23' (pen) ARG 1-0 FRA"; `scorer` is "Messi 23' (pen)" or null. */
  goal(team: string | null, scorer: string | null, line: string): string;
  /** "Penalty to Argentina 22'" (a team name or an abbreviation). */
  penaltyAwarded(team: string | null, minute: string | null): string;
  /** "Penalty saved: Messi (ARG) 24'". */
  penaltyMissed(outcome: PenaltyMissOutcome, who: string): string;
  /** "Red card: Otamendi (ARG) 75'". */
  card(card: CardKind, who: string): string;
  /** "Sub ARG 60': Dybala on, Di Maria off". */
  substitution(abbr: string | null, minute: string | null, on: string, off: string): string;
  /** Label of a period start: "Kick-off", "Second half". */
  periodStart: Record<PlayPeriod, string>;
  /** Label of a period end: "Half-time", "Full-time" (`finalWhistle`: no more play follows). */
  periodEnd(period: PlayPeriod, finalWhistle: boolean): string;
  /** Label of a shoot-out kick: "Pens ARG 3-2 FRA". */
  shootoutTally(line: string): string;
  /** "Montiel scores". */
  shootoutKick(result: ShootoutKickResult, who: string): string;
  /** The result alone: "Argentina win 4-2 on pens", "Draw"; `penalties` is winner-first. */
  result(p: { winner: string | null; extraTime: boolean; penalties: string | null }): string;
  /** The match-end SMS: "Argentina win 4-2 on pens. ARG 3-3 FRA a.e.t.", "Final: ARG 2-1 FRA"; `line` carries `extraTimeTag`. */
  matchEnd(p: { winner: string | null; penalties: string | null; line: string }): string;
  /** First sight of a match under way: "Live ARG 1-0 FRA 40': Messi 23' (pen)"; `list` may be null. */
  catchUp(line: string, minute: string | null, list: string | null): string;

  /** "VAR: goal by Messi 23' ruled out"; `who` is "Messi 23'". */
  correctionGoal(who: string): string;
  correctionPenalty(team: string | null, minute: string | null): string;
  correctionCard(card: CardKind, who: string): string;
  /** Any other event that vanished. */
  correctionOther(minute: string | null): string;

  /** A goal in a list of several alerts: "GOAL Messi 23' (pen)". */
  goalItem(scorer: string): string;
  /** A card in a list: "Yellow Fernandez 45'+7'"; `who` has no team. */
  cardItem(card: CardKind, who: string): string;
  /** Closes a shortened list: "+3 more". */
  more(count: number): string;
}

/**
 * Stream cards in the channel and their thread replies (SPEC T1–T3). `name` and `title` arrive escaped for
 * mrkdwn; `time` is a ready date token or plain text; `duration` is "2 h 13 min" from `duration()`.
 */
export interface StreamPhrases {
  /** Badge on a live card: "LIVE". */
  live: string;
  /** Badge on the card once the stream is over: "Ended · 2 h 13 min"; `duration` null when unknown. */
  ended(duration: string | null): string;
  /** Stands in for an empty title. */
  untitled: string;
  /** "12,345 viewers": `count` is formatted for the language, `plural` is Intl's category for it. */
  viewers(count: string, plural: Intl.LDMLPluralRule): string;
  /** "Started 18:04". */
  started(time: string): string;
  /** A time of day in UTC, the fallback where Slack can't localise it: "18:04 UTC". */
  timeUtc(time: string): string;
  /** The thread reply when the stream ends: "Stream ended after 2 h 13 min". */
  endedAfter(duration: string | null): string;
  /** Notification text of a live card: "shroud is live: Ranked grind". */
  isLive(name: string, title: string): string;
  /** Notification text of an ended card: "shroud was live for 2 h 13 min". */
  wasLive(name: string, duration: string | null): string;
  /** A session's length: "2 h 13 min", "45 min" (`hours` 0), "25 h" (`minutes` 0 and `hours` not). */
  duration(hours: number, minutes: number): string;
  /** Alt text of the stream preview image (plain text). */
  thumbnailAlt(name: string): string;
}

export interface CommonPhrases {
  /** "Sun 18 Dec 2022 15:00 UTC". Shown when Slack can't localise a date, so it must say UTC. */
  dateTimeUtc(parts: UtcDateParts): string;
  /** Closes a truncated list: "… and 3 more". */
  andMore(count: number): string;
  /** Stands in for a name the feed did not give. */
  unknownPlayer: string;
}

export type ShootoutKickResult = 'scored' | PenaltyMissOutcome;

export interface MatchPhrases {
  /** A match score: "2–1" (de "2:1", pt-BR "2 x 1"). */
  score(home: number, away: number): string;
  /** The shoot-out score after a match score: "(4–2 pens)". */
  penaltiesSuffix(home: number, away: number): string;
  /** Between two team names before kick-off: "Argentina v France". */
  versus: string;
  /** Badge while the ball is in play, before the minute: "LIVE". */
  live: string;
  /** The state of play as the parent message shows it: "Half-time", "Extra time, 1st half". */
  phase: Record<MatchPhase, string>;
  /** Status of a finished match that went to extra time and no further. */
  afterExtraTime: string;
  /** After the final score of a match that went to extra time, before any shoot-out score: "a.e.t." (SPEC M3). */
  extraTimeTag: string;
  /** Status of a finished match decided by a shoot-out; `score` is already winner-first. */
  wonOnPenalties(team: string | null, score: string): string;
  /** "Kick-off <date>"; `date` is a ready mrkdwn date token or plain text. */
  kickoff(date: string): string;

  /** The goal shout: "GOAL!". */
  goal: string;
  /** Short tag after the scorer: "(pen.)"; null says nothing (open play). */
  goalMethod: Record<GoalMethod, string | null>;
  /** "Penalty to Argentina"; `team` null: "Penalty awarded". */
  penaltyAwarded(team: string | null): string;
  /** "Penalty saved". */
  penaltyMiss: Record<PenaltyMissOutcome, string>;
  /** "Yellow card". */
  card: Record<CardKind, string>;
  substitution: string;
  /** "On: Paulo DYBALA". */
  playerOn(player: string): string;
  /** "Off: Ángel DI MARÍA". */
  playerOff(player: string): string;

  /** Reply when a period starts; `first-half` is the kick-off. */
  periodStart: Record<PlayPeriod, string>;
  /** Reply when a period ends; `finalWhistle` says no more play follows it. */
  periodEnd(period: PlayPeriod, finalWhistle: boolean): string;
  /** One shoot-out kick: "Lionel MESSI (Argentina) scores". */
  shootoutKick(who: string, result: ShootoutKickResult): string;
  /** The running shoot-out tally; `line` is "ARG 3–2 FRA". */
  shootoutTally(line: string): string;
  /** Heading of the match-end reply. */
  matchOver: string;
  /** The result of a finished match; `penalties` is the winner-first shoot-out score when there was one. */
  result(p: { winner: string | null; extraTime: boolean; penalties: string | null }): string;
  /** Heading of the catch-up reply for a match first seen under way. */
  catchUp: string;

  /** A posted goal vanished: "Correction: the goal by X at 23' was ruled out after review". */
  correctionGoal(who: string, minute: string | null): string;
  correctionPenalty(team: string | null, minute: string | null): string;
  correctionCard(card: CardKind, who: string, minute: string | null): string;
  /** Any other posted event that vanished. */
  correctionOther(minute: string | null): string;
  /** The score after a correction; `line` is "ARG 0–0 FRA". */
  scoreNow(line: string): string;
}

/** Joins the present pieces with single spaces; lets phrases drop a missing team or minute cleanly. */
export function words(...pieces: (string | null | undefined | false)[]): string {
  return pieces.filter((p): p is string => typeof p === 'string' && p.length > 0).join(' ');
}

// ---- issue 10: quiet hours and kick-off reminders ----
/**
 * Quiet hours and kick-off reminders (SPEC P4, P5). `teams` arrives escaped ("Brazil v Argentina"), `time`
 * the kick-off on the member's clock ("15:00"), `day` its date there ("Sat 13 Jun"), `zone` their offset
 * ("GMT-3"), `window` "23:00–07:00". `digestSms` and `smsSeparator` are GSM-7 (see SmsMatchPhrases).
 */
export interface QuietPhrases {
  /** Heading of the one DM that sums up the results missed during quiet hours. */
  digestTitle: string;
  /** Starts the summary SMS: "Quiet hours: ARG 2-1 FRA; BRA 0-0 GER". */
  digestSms: string;
  /** The reminder DM, `minutes` 15 or 60. */
  reminder(teams: string, minutes: number, time: string, day: string, zone: string): string;
  /** Ephemeral answers to `/fanfare quiet …` and `/fanfare remind …`. */
  quietSet(window: string): string;
  quietOff: string;
  quietUsage: string;
  remindSet(minutes: number): string;
  remindOff: string;
  remindUsage: string;
  /** Help lines. */
  helpQuiet: string;
  helpRemind: string;
  /** App Home: quiet hours (two time pickers and an Off button) and the reminder select (options ≤ 75 characters). */
  homeQuiet: string;
  homeQuietNone: string;
  homeQuietOff: string;
  homeRemind: string;
  remindOptions: Record<'off' | '15' | '60', string>;
}
// ---- end of issue 10: quiet hours and kick-off reminders ----
