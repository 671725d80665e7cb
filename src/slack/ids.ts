/**
 * Block Kit identifiers shared by the pure view builders and the listeners that answer them.
 * A button's `value` carries the one thing it acts on (a team or streamer id); never a user id:
 * listeners act only for `body.user.id`, so nobody can act on someone else's data.
 */
export const ACTIONS = {
  followTeamSelect: 'team_follow_select',
  /** external_select with type-ahead, used when the competition has more than 100 teams. */
  followTeamSearch: 'team_follow_search',
  unfollowTeam: 'team_unfollow',
  addStreamer: 'streamer_add',
  removeStreamer: 'streamer_remove',
  subscribe: 'sms_subscribe',
  changeNumber: 'sms_change_number',
  stopSms: 'sms_stop',
  resumeSms: 'sms_resume',
  /** Reopens the code step for a code already texted. */
  enterCode: 'sms_enter_code',
  smsAlertLevel: 'sms_alert_level',
  /** Streamers by SMS on/off (SPEC P1), as dmStreams: the value is the new state. */
  smsStreams: 'sms_streams',
  /** Personal DMs (SPEC P1): the level select, and the streamers on/off button (value: the new state). */
  dmLevel: 'dm_level',
  dmStreams: 'dm_streams',
  /** The member's language (SPEC P3): one of LOCALES, or `auto` for Slack's. */
  language: 'member_language',
  /** Quiet hours (SPEC P4): two time pickers (`HH:mm` on the member's clock) and an Off button; the reminder select (P5). */
  quietFrom: 'quiet_from',
  quietTo: 'quiet_to',
  quietOff: 'quiet_off',
  remind: 'remind_minutes',
  adminChannel: 'admin_channel',
  adminStreamsChannel: 'admin_streams_channel',
  /** The button under a mention's reply that opens the subscribe modal with the number filled in. */
  openSubscribe: 'sms_open_subscribe',
  // Issue 9: the admin's competitions. Per-competition elements sit in a block whose id is
  // `COMPETITION_BLOCK_PREFIX` + `provider:id[/season]`, which says which competition they change.
  competitionAdd: 'competition_add',
  competitionRemove: 'competition_remove',
  competitionChannel: 'competition_channel',
  competitionScope: 'competition_scope',
  competitionSwitches: 'competition_switches',
} as const;

export const COMPETITION_BLOCK_PREFIX = 'competition:';

export const VIEWS = {
  subscribeNumber: 'subscribe_number',
  subscribeCode: 'subscribe_code',
  addStreamer: 'streamer_add_modal',
} as const;

/** Input blocks and their elements in modals: `view.state.values[block][action]`, and inline error keys. */
export const INPUTS = {
  phoneBlock: 'phone_block',
  phoneAction: 'phone_input',
  codeBlock: 'code_block',
  codeAction: 'code_input',
  streamerBlock: 'streamer_block',
  streamerAction: 'streamer_input',
} as const;

/** Fixed option values of Home controls, for the listeners that read them. */
export const OPTION_VALUES = {
  /** A competition's switches (checkboxes), present in the selected options when ticked. */
  substitutions: 'substitutions',
  goalsInChannel: 'goals',
} as const;
