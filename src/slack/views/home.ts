/**
 * The App Home: what a member follows, the next matches of their teams, their SMS state, and (for workspace
 * admins only) the match channel. A pure function of what the caller read from the store.
 *
 * A Home holds at most 100 blocks, so lists are laid out in one of two ways: a row per item with its own
 * Unfollow button while everything fits, or, for long lists, the names in one text block plus pickers that
 * unfollow (one static_select per 100 items). Either way every element that unfollows a team uses
 * `ACTIONS.unfollowTeam` with the team id as its value (a button's `value`, a select's option `value`), and
 * likewise `ACTIONS.removeStreamer` for streamers.
 */
import type { types } from '@slack/bolt';
import { teamFlag } from '../../alerts/flags.js';
import type { SinkLevel } from '../../alerts/levels.js';
import type { Catalogue } from '../../alerts/i18n/catalogue.js';
import { catalogue } from '../../alerts/i18n/index.js';
import { LOCALES, type Locale } from '../../alerts/i18n/locales.js';
import { formatQuietHours, type QuietHours } from '../../alerts/quiet-hours.js';
import { clipMrkdwn, escapeMrkdwn, slackDate, utcDateParts } from '../../alerts/mrkdwn.js';
import type { CompetitionStatus, DirectoryMatch } from '../../football/directory.js';
import { competitionRefString } from '../../football/provider.js';
import type { Team } from '../../football/types.js';
import type { FollowedCompetition } from '../../store/competitions.js';
import { maskPhone } from '../../sms/phone.js';
import type { Streamer } from '../../store/streamers.js';
import type { SmsAlertLevel, Subscription } from '../../store/subscribers.js';
import { ACTIONS, COMPETITION_BLOCK_PREFIX, OPTION_VALUES } from '../ids.js';
import {
  actions,
  button,
  context,
  divider,
  header,
  option,
  plain,
  PLACEHOLDER_MAX,
  section,
  SECTION_MAX,
} from './blocks.js';

type KnownBlock = types.KnownBlock;

/** A team with the competitions it is shown with ("Arsenal · Premier League"). */
export type HomeTeam = Team & { competitions?: readonly string[] };

export interface HomeInput {
  locale: Locale;
  /** The member's followed teams. */
  teams: HomeTeam[];
  /** Every team of every followed competition (to follow). */
  allTeams: HomeTeam[];
  /** Up to 5, live first (already chosen by the caller), each with its competition's name. */
  nextMatches: DirectoryMatch[];
  /** Every followed competition as it stands: what a newcomer sees first. */
  competitions: CompetitionStatus[];
  /** Followed streamers. */
  streamers: Streamer[];
  twitchEnabled: boolean;
  /** `pendingPhone`: a code was texted to this number (E.164) and not typed in yet. */
  /** `streamsOnSms`: streamers by SMS (SPEC P1); absent: the switch is not shown. */
  sms: { enabled: boolean; subscription: Subscription | null; pendingPhone?: string | null; streamsOnSms?: boolean };
  /** The member's DM choices (SPEC P1); absent: the DM section is not shown. */
  dm?: { level: SinkLevel; streamsOnDm: boolean };
  /** The member's own choice of language (SPEC P3), null: Slack's; absent: the picker is not shown. */
  language?: { choice: Locale | null };
  /** The member's quiet hours and kick-off reminder (SPEC P4, P5); absent: not shown. */
  personal?: { quietHours?: QuietHours; reminderMinutes?: 15 | 60 };
  /** null: not a workspace admin or owner, so no admin controls at all. */
  admin: { channel: string | null; streamsChannel: string | null } | null;
}

const MAX_BLOCKS = 100;
/** Options in one static_select. */
const SELECT_MAX = 100;
/** Unfollow pickers per compact list: 500 followed items is far beyond any real member; the rest stay listed. */
const PICKERS_MAX = 5;
/** One name from a feed or from Twitch never needs more; a longer one is noise or an attack. */
const NAME_MAX = 150;
const DATE_FORMAT = '{date_short_pretty} {time}';
const ALERT_LEVELS: readonly SmsAlertLevel[] = ['off', 'goals', 'cards', 'everything'];
const DM_LEVELS: readonly SinkLevel[] = ['off', 'goals', 'cards', 'everything'];
const SEPARATOR = ' · ';

type Layout = 'rows' | 'compact';

/** Escapes external text for mrkdwn and bounds its length. */
function ext(text: string): string {
  return clipMrkdwn(escapeMrkdwn(text), NAME_MAX);
}

function uniqueById<T extends { id: string }>(items: T[]): T[] {
  const seen = new Set<string>();
  return items.filter((item) => !seen.has(item.id) && seen.add(item.id));
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** A team is shown with (up to two of) its competitions, since clubs of different leagues can share a name. */
function competitionsOf(team: HomeTeam): string[] {
  return (team.competitions ?? []).slice(0, 2);
}

function teamLabel(team: HomeTeam): string {
  return [`${teamFlag(team.countryCode)} ${team.name}`.trim(), ...competitionsOf(team)].join(SEPARATOR);
}

function teamMrkdwn(team: HomeTeam): string {
  const name = `${teamFlag(team.countryCode)} ${ext(team.name)}`.trim();
  const competitions = competitionsOf(team).map(ext);
  return competitions.length > 0 ? `${name}${SEPARATOR}_${competitions.join(SEPARATOR)}_` : name;
}

function streamerName(streamer: Streamer): string {
  return streamer.displayName || streamer.login;
}

function streamerLink(streamer: Streamer): string {
  return `<https://www.twitch.tv/${encodeURIComponent(streamer.login)}|${ext(streamerName(streamer))}>`;
}

/**
 * "Heading\nA · B · C", or as many names as fit in a section followed by "… and N more".
 * Whole names only: clipping mid-list could cut a link token in half.
 */
function listText(c: Catalogue, heading: string, names: string[]): string {
  let text = heading;
  for (let i = 0; i < names.length; i += 1) {
    const piece = (i === 0 ? '\n' : SEPARATOR) + names[i];
    const rest = names.length - i - 1;
    const reserve = rest > 0 ? c.common.andMore(rest).length + 1 : 0;
    if (text.length + piece.length + reserve > SECTION_MAX) {
      return `${text} ${c.common.andMore(names.length - i)}`;
    }
    text += piece;
  }
  return text;
}

/** Block count of a list in each layout: one row per item (or the "none yet" line), or text plus pickers. */
function listSize(count: number, layout: Layout): number {
  if (layout === 'rows') return Math.max(1, count);
  return 1 + Math.min(PICKERS_MAX, Math.ceil(count / SELECT_MAX));
}

/** Rows while everything fits; otherwise the longer list goes compact first. */
function chooseLayouts(teams: number, streamers: number, room: number): { teams: Layout; streamers: Layout } {
  const tries: { teams: Layout; streamers: Layout }[] = [
    { teams: 'rows', streamers: 'rows' },
    ...(teams >= streamers
      ? [{ teams: 'compact' as const, streamers: 'rows' as const }, { teams: 'rows' as const, streamers: 'compact' as const }]
      : [{ teams: 'rows' as const, streamers: 'compact' as const }, { teams: 'compact' as const, streamers: 'rows' as const }]),
  ];
  const fit = tries.find((t) => listSize(teams, t.teams) + listSize(streamers, t.streamers) <= room);
  return fit ?? { teams: 'compact', streamers: 'compact' };
}

interface RemovableList<T> {
  prefix: string;
  items: T[];
  none: string;
  heading: (count: number) => string;
  /** mrkdwn, escaped. */
  shown: (item: T) => string;
  /** plain text, for picker options. */
  label: (item: T) => string;
  action: string;
  buttonText: string;
  pick: string;
  placeholder: string;
}

function removableList<T extends { id: string }>(c: Catalogue, list: RemovableList<T>, layout: Layout): KnownBlock[] {
  if (list.items.length === 0) return [section(`${list.prefix}-none`, list.none)];
  if (layout === 'rows') {
    return list.items.map((item, i) =>
      section(`${list.prefix}-row-${i}`, list.shown(item), button(list.action, list.buttonText, { value: item.id })),
    );
  }
  const collator = new Intl.Collator(c.intlLocale);
  const sorted = [...list.items].sort((a, b) => collator.compare(list.label(a), list.label(b)));
  const pickers = chunks(sorted, SELECT_MAX).slice(0, PICKERS_MAX);
  return [
    section(`${list.prefix}-list`, listText(c, list.heading(list.items.length), list.items.map(list.shown))),
    ...pickers.map((group, i) =>
      section(`${list.prefix}-pick-${i}`, pickers.length > 1 ? `${list.pick} (${i + 1}/${pickers.length})` : list.pick, {
        type: 'static_select',
        action_id: list.action,
        placeholder: plain(list.placeholder, PLACEHOLDER_MAX),
        options: group.map((item) => option(list.label(item), item.id)),
      }),
    ),
  ];
}

/** Why no team can be offered: a provider failing, lists still loading, or nothing followed. */
function noTeamsReason(c: Catalogue, competitions: CompetitionStatus[]): string {
  const k = c.competitions;
  if (competitions.length === 0) return k.teamsNoCompetition;
  const failing = [...new Set(competitions.filter((s) => s.failingSince !== null).map((s) => providerName(s.competition)))];
  return failing.length > 0 ? k.teamsFailing(failing.join(', ')) : k.teamsLoading;
}

function followControl(c: Catalogue, followed: HomeTeam[], allTeams: HomeTeam[], competitions: CompetitionStatus[]): KnownBlock[] {
  const h = c.members.home;
  if (allTeams.length === 0) return [context('teams-follow', noTeamsReason(c, competitions))];
  const followedIds = new Set(followed.map((t) => t.id));
  const candidates = uniqueById(allTeams).filter((t) => !followedIds.has(t.id));
  if (candidates.length === 0) return [context('teams-follow', h.followedAll)];
  if (candidates.length > SELECT_MAX) {
    return [
      section('teams-follow', h.follow, {
        type: 'external_select',
        action_id: ACTIONS.followTeamSearch,
        placeholder: plain(h.searchPlaceholder, PLACEHOLDER_MAX),
        min_query_length: 1,
      }),
    ];
  }
  const collator = new Intl.Collator(c.intlLocale);
  const sorted = [...candidates].sort((a, b) => collator.compare(a.name, b.name));
  return [
    section('teams-follow', h.follow, {
      type: 'static_select',
      action_id: ACTIONS.followTeamSelect,
      placeholder: plain(h.followPlaceholder, PLACEHOLDER_MAX),
      options: sorted.map((team) => option(teamLabel(team), team.id)),
    }),
  ];
}

function providerName(competition: FollowedCompetition): string {
  return competition.provider === 'fifa' ? 'FIFA' : 'ESPN';
}

/** A kick-off or a moment in each reader's own time zone (Slack date token), UTC as the fallback. */
function when(c: Catalogue, iso: string): string {
  const parts = utcDateParts(iso, c.intlLocale);
  return slackDate(iso, DATE_FORMAT, parts ? c.common.dateTimeUtc(parts) : iso);
}

/** "*Premier League* · next match Sat 6 Dec 15:00", or why nothing can be said. */
export function competitionLine(c: Catalogue, status: CompetitionStatus): string {
  const k = c.competitions;
  const name = `*${ext(status.name)}*`;
  let state: string;
  if (status.failingSince !== null) state = k.failing(providerName(status.competition), when(c, new Date(status.failingSince).toISOString()));
  else if (!status.checked) state = k.notChecked;
  else if (status.live.length > 0) state = k.liveNow(status.live.length);
  else if (status.next) state = k.nextMatch(when(c, status.next.kickoff));
  else state = k.noMatchSoon;
  return `${name}${SEPARATOR}${state}`;
}

/** Everyone sees which competitions are followed and how each stands (issue 9: what a newcomer sees). */
function competitionBlocks(c: Catalogue, competitions: CompetitionStatus[], admin: boolean): KnownBlock[] {
  const k = c.competitions;
  const body = competitions.length === 0 ? k.none(admin) : clipMrkdwn(competitions.map((s) => competitionLine(c, s)).join('\n'), SECTION_MAX);
  return [header('competitions-header', k.header), section('competitions-list', body)];
}

function side(team: Team | null, placeholder: string | null): { flag: string | null; name: string } {
  if (team) return { flag: teamFlag(team.countryCode), name: ext(team.name) };
  return { flag: null, name: ext(placeholder ?? '?') };
}

function matchLine(c: Catalogue, { match, competition }: DirectoryMatch): string {
  const home = side(match.home, match.placeholderHome);
  const away = side(match.away, match.placeholderAway);
  const played = match.status === 'live' || match.status === 'finished';
  const middle = played ? c.match.score(match.score?.home ?? 0, match.score?.away ?? 0) : c.match.versus;
  const teams = [home.flag, `*${home.name} ${middle} ${away.name}*`, away.flag].filter(Boolean).join(' ');
  const round = [competition, match.groupName ?? match.stageName].filter(Boolean).map(ext).join(SEPARATOR);
  let state: string;
  if (match.status === 'live') {
    state = `🟢 ${[c.match.live, match.clock ? ext(match.clock) : null].filter(Boolean).join(' ')}`;
  } else if (match.status === 'finished') {
    state = `🏁 ${c.match.phase.finished}`;
  } else {
    state = when(c, match.kickoff);
  }
  return [teams, state, round ? `_${round}_` : null].filter(Boolean).join(SEPARATOR);
}

function matchBlocks(c: Catalogue, input: HomeInput): KnownBlock[] {
  const h = c.members.home;
  const lines = input.nextMatches.slice(0, 5).map((m) => matchLine(c, m));
  const body = lines.length > 0 ? lines.join('\n') : input.teams.length > 0 ? h.noMatches : h.noMatchesNoTeams;
  return [header('matches-header', h.matchesHeader), section('matches-list', body)];
}

function stopButton(c: Catalogue): types.Button {
  const h = c.members.home;
  return button(ACTIONS.stopSms, h.stopSms, {
    style: 'danger',
    confirm: {
      title: plain(h.stopConfirm.title, 100),
      text: plain(h.stopConfirm.text, 300),
      confirm: plain(h.stopConfirm.confirm, 30),
      deny: plain(h.stopConfirm.deny, 30),
      style: 'danger',
    },
  });
}

function smsBlocks(c: Catalogue, sms: HomeInput['sms'], twitchEnabled: boolean): KnownBlock[] {
  const h = c.members.home;
  const head = header('sms-header', h.smsHeader);
  if (!sms.enabled) return [head, section('sms-state', h.smsOff)];
  const sub = sms.subscription;
  const waiting: KnownBlock[] = sms.pendingPhone
    ? [
        section('sms-waiting', `⏳ ${h.smsWaiting(escapeMrkdwn(maskPhone(sms.pendingPhone)))}`),
        actions('sms-waiting-actions', [
          button(ACTIONS.enterCode, h.enterCode, { style: 'primary' }),
          button(ACTIONS.subscribe, sub ? h.changeNumber : h.subscribe),
        ]),
      ]
    : [];
  if (!sub) {
    if (waiting.length > 0) return [head, ...waiting];
    return [head, section('sms-state', h.smsPitch, button(ACTIONS.subscribe, h.subscribe, { style: 'primary' }))];
  }
  const phone = escapeMrkdwn(maskPhone(sub.phone));
  let state: KnownBlock[];
  switch (sub.status) {
    case 'active':
      state = [
        // Off keeps the number: say so, and how to delete it.
        section('sms-state', sub.alerts === 'off' ? `🔕 ${c.dm.smsOffHome(phone)}` : `✅ ${h.smsActive(phone)}`),
        actions('sms-actions', [button(ACTIONS.changeNumber, h.changeNumber), stopButton(c)]),
      ];
      break;
    case 'opted-out':
      state = [
        section('sms-state', `⏸️ ${h.smsOptedOut(phone)}`),
        actions('sms-actions', [button(ACTIONS.resumeSms, h.resume, { style: 'primary' }), stopButton(c)]),
      ];
      break;
    case 'failed':
      state = [
        section('sms-state', `⚠️ ${h.smsFailed(phone, sub.failure ? ext(sub.failure) : null)}`),
        actions('sms-actions', [button(ACTIONS.changeNumber, h.changeNumber, { style: 'primary' }), stopButton(c)]),
      ];
      break;
  }
  const levels = ALERT_LEVELS.map((level) => option(c.members.alertLevels[level], level));
  const current = levels[ALERT_LEVELS.indexOf(sub.alerts)];
  const d = c.dm;
  const streams =
    twitchEnabled && sub.status === 'active' && sms.streamsOnSms !== undefined
      ? [actions('sms-streams', [button(ACTIONS.smsStreams, sms.streamsOnSms ? d.smsStreamsOn : d.smsStreamsOff, { value: sms.streamsOnSms ? 'off' : 'on' })])]
      : [];
  return [
    head,
    ...state,
    ...waiting,
    section('sms-level', h.alertLevelLabel, {
      type: 'static_select',
      action_id: ACTIONS.smsAlertLevel,
      options: levels,
      ...(current ? { initial_option: current } : {}),
    }),
    ...streams,
  ];
}

const CHANNEL_FILTER = { include: ['public', 'private'], exclude_bot_users: true, exclude_external_shared_channels: true } as const;

/**
 * One followed competition for admins: its name with Remove, then its channel, "every match" or "followed
 * teams only", and its switches. The block id names the competition the elements change.
 */
function competitionAdminBlocks(c: Catalogue, status: CompetitionStatus, index: number): KnownBlock[] {
  const k = c.competitions;
  const { competition } = status;
  const ref = competitionRefString(competition);
  const scopes = [option(k.everyMatch, 'every-match'), option(k.followedTeams, 'followed-teams')];
  const switches = [option(k.substitutions, OPTION_VALUES.substitutions), option(k.goalsInChannel, OPTION_VALUES.goalsInChannel)];
  const ticked = switches.filter((o) => (o.value === OPTION_VALUES.substitutions ? competition.substitutions : competition.goalsInChannel));
  return [
    section(
      `competition-row-${index}`,
      `*${ext(status.name)}* \`${escapeMrkdwn(ref)}\``,
      button(ACTIONS.competitionRemove, k.remove, {
        value: ref,
        confirm: {
          title: plain(k.removeConfirm.title, 100),
          text: plain(k.removeConfirm.text(status.name), 300),
          confirm: plain(k.removeConfirm.confirm, 30),
          deny: plain(k.removeConfirm.deny, 30),
          style: 'danger',
        },
      }),
    ),
    actions(`${COMPETITION_BLOCK_PREFIX}${ref}`, [
      {
        type: 'conversations_select',
        action_id: ACTIONS.competitionChannel,
        placeholder: plain(k.defaultChannel, PLACEHOLDER_MAX),
        filter: { ...CHANNEL_FILTER, include: [...CHANNEL_FILTER.include] },
        ...(competition.channel ? { initial_conversation: competition.channel } : {}),
      },
      {
        type: 'static_select',
        action_id: ACTIONS.competitionScope,
        options: scopes,
        initial_option: competition.scope === 'every-match' ? scopes[0]! : scopes[1]!,
      },
      {
        type: 'checkboxes',
        action_id: ACTIONS.competitionSwitches,
        options: switches,
        // Slack rejects an empty initial_options, so it is left out when nothing is ticked.
        ...(ticked.length > 0 ? { initial_options: ticked } : {}),
      },
    ]),
  ];
}

/** Personal DMs (SPEC P1): the level, and streamers on or off. */
function dmBlocks(c: Catalogue, dm: NonNullable<HomeInput['dm']>, twitchEnabled: boolean): KnownBlock[] {
  const d = c.dm;
  const levels = DM_LEVELS.map((level) => option(d.levels[level], level));
  const current = levels[DM_LEVELS.indexOf(dm.level)];
  const streams = twitchEnabled
    ? [
        actions('dm-streams', [
          button(ACTIONS.dmStreams, dm.streamsOnDm ? d.streamsOn : d.streamsOff, { value: dm.streamsOnDm ? 'off' : 'on' }),
        ]),
      ]
    : [];
  return [
    divider('dm-divider'),
    section('dm-level', `*${escapeMrkdwn(d.homeHeader)}*`, {
      type: 'static_select',
      action_id: ACTIONS.dmLevel,
      options: levels,
      ...(current ? { initial_option: current } : {}),
    }),
    ...streams,
  ];
}

/** Quiet hours (two time pickers, Off) and the kick-off reminder (SPEC P4, P5). */
function personalBlocks(c: Catalogue, personal: NonNullable<HomeInput['personal']>): KnownBlock[] {
  const q = c.quiet;
  const quiet = personal.quietHours;
  const picker = (actionId: string, initial: string | undefined, fallback: string): types.Timepicker => ({
    type: 'timepicker',
    action_id: actionId,
    placeholder: plain(fallback, PLACEHOLDER_MAX),
    ...(initial ? { initial_time: initial } : {}),
  });
  const reminders = (['off', '15', '60'] as const).map((value) => option(q.remindOptions[value], value));
  const current = reminders[personal.reminderMinutes === 15 ? 1 : personal.reminderMinutes === 60 ? 2 : 0];
  return [
    divider('quiet-divider'),
    section('quiet-hours', `*${escapeMrkdwn(q.homeQuiet)}*\n${escapeMrkdwn(quiet ? formatQuietHours(quiet) : q.homeQuietNone)}`),
    actions('quiet-controls', [
      picker(ACTIONS.quietFrom, quiet?.from, '23:00'),
      picker(ACTIONS.quietTo, quiet?.to, '07:00'),
      ...(quiet ? [button(ACTIONS.quietOff, q.homeQuietOff, { value: 'off' })] : []),
    ]),
    section('remind', `*${escapeMrkdwn(q.homeRemind)}*`, {
      type: 'static_select',
      action_id: ACTIONS.remind,
      options: reminders,
      ...(current ? { initial_option: current } : {}),
    }),
  ];
}

function adminBlocks(c: Catalogue, admin: NonNullable<HomeInput['admin']>, competitions: CompetitionStatus[]): KnownBlock[] {
  const h = c.members.home;
  const k = c.competitions;
  return [
    divider('admin-divider'),
    header('admin-header', h.adminHeader),
    section('admin-channel', h.adminChannel, {
      type: 'conversations_select',
      action_id: ACTIONS.adminChannel,
      placeholder: plain(h.channelPlaceholder, PLACEHOLDER_MAX),
      filter: { include: ['public', 'private'], exclude_bot_users: true, exclude_external_shared_channels: true },
      ...(admin.channel ? { initial_conversation: admin.channel } : {}),
    }),
    ...(admin.channel ? [] : [context('admin-channel-unset', h.channelUnset)]),
    section('admin-streams-channel', h.adminStreamsChannel, {
      type: 'conversations_select',
      action_id: ACTIONS.adminStreamsChannel,
      placeholder: plain(h.channelPlaceholder, PLACEHOLDER_MAX),
      filter: { include: ['public', 'private'], exclude_bot_users: true, exclude_external_shared_channels: true },
      ...(admin.streamsChannel ? { initial_conversation: admin.streamsChannel } : {}),
    }),
    ...(admin.streamsChannel ? [] : [context('admin-streams-channel-unset', h.streamsChannelUnset)]),
    header('competitions-admin-header', k.adminHeader),
    ...competitions.flatMap((status, i) => competitionAdminBlocks(c, status, i)),
    section('competition-add', k.add, {
      type: 'external_select',
      action_id: ACTIONS.competitionAdd,
      placeholder: plain(k.addPlaceholder, PLACEHOLDER_MAX),
      min_query_length: 2,
    }),
  ];
}

export function buildHome(input: HomeInput): types.HomeView {
  const c = catalogue(input.locale);
  const h = c.members.home;
  const teams = uniqueById(input.teams);
  const streamers = uniqueById(input.streamers);

  const teamsHead = [header('teams-header', h.teamsHeader)];
  const competitions = competitionBlocks(c, input.competitions, input.admin !== null);
  const follow = followControl(c, teams, input.allTeams, input.competitions);
  const matches = [divider('matches-divider'), ...matchBlocks(c, input)];
  const streamersHead = [divider('streamers-divider'), header('streamers-header', h.streamersHeader)];
  const streamersFoot = input.twitchEnabled
    ? [actions('streamers-add', [button(ACTIONS.addStreamer, h.addStreamer)])]
    : [context('streamers-off', h.twitchOff)];
  const sms = [
    ...(input.dm ? dmBlocks(c, input.dm, input.twitchEnabled) : []),
    ...(input.personal ? personalBlocks(c, input.personal) : []),
    divider('sms-divider'),
    ...smsBlocks(c, input.sms, input.twitchEnabled),
  ];
  // ---- issue 10: language: the picker heads the member's own settings ----
  if (input.language) sms.unshift(...languageBlocks(c, input.language.choice));
  const admin = input.admin ? adminBlocks(c, input.admin, input.competitions) : [];

  const fixed = competitions.length + teamsHead.length + follow.length + matches.length + streamersHead.length + streamersFoot.length + sms.length + admin.length;
  const layout = chooseLayouts(teams.length, streamers.length, MAX_BLOCKS - fixed);

  const teamList = removableList(
    c,
    {
      prefix: 'teams',
      items: teams,
      none: h.noTeams,
      heading: h.followingTeams,
      shown: teamMrkdwn,
      label: teamLabel,
      action: ACTIONS.unfollowTeam,
      buttonText: h.unfollow,
      pick: h.unfollowPick,
      placeholder: h.unfollowPlaceholder,
    },
    layout.teams,
  );
  const streamerList = removableList(
    c,
    {
      prefix: 'streamers',
      items: streamers,
      none: h.noStreamers,
      heading: h.followingStreamers,
      shown: streamerLink,
      label: streamerName,
      action: ACTIONS.removeStreamer,
      buttonText: h.remove,
      pick: h.removePick,
      placeholder: h.removePlaceholder,
    },
    layout.streamers,
  );

  const blocks = [...competitions, ...teamsHead, ...teamList, ...follow, ...matches, ...streamersHead, ...streamerList, ...streamersFoot, ...sms, ...admin];
  return { type: 'home', blocks: blocks.slice(0, MAX_BLOCKS) };
}

// ---- issue 10: language ----

/** The value of the picker's "Slack's language" option: no choice of the member's own. */
export const SLACK_LANGUAGE = 'auto';

/** SPEC P3: each language under its own name, and Slack's language (the member chose none). */
function languageBlocks(c: Catalogue, choice: Locale | null): KnownBlock[] {
  const options = [option(c.language.slackLanguage, SLACK_LANGUAGE), ...LOCALES.map((locale) => option(catalogue(locale).language.name, locale))];
  const current = options.find((o) => o.value === (choice ?? SLACK_LANGUAGE));
  return [
    divider('language-divider'),
    section('language', `*${escapeMrkdwn(c.language.homeLabel)}*`, {
      type: 'static_select',
      action_id: ACTIONS.language,
      options,
      ...(current ? { initial_option: current } : {}),
    }),
  ];
}
