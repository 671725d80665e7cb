/** Binds each App Home element's action id to its handler (one handler per file, as in Slack's template). */
import type { App, BlockAction } from '@slack/bolt';
import { ACTIONS } from '../../ids.js';
import type { MemberDeps } from '../../members.js';
import type { ActionArgs } from '../args.js';
import { addCompetition } from './add-competition.js';
import { openAddStreamer } from './add-streamer.js';
import { pickCompetitionChannel } from './competition-channel.js';
import { chooseCompetitionScope } from './competition-scope.js';
import { switchCompetitionOptions } from './competition-switches.js';
import { chooseDmLevel } from './dm-level.js';
import { switchStreamDms } from './dm-streams.js';
import { enterCode } from './enter-code.js';
import { chooseTeam } from './follow-team.js';
import { pickLanguage } from './language.js';
import { openSubscribe } from './open-subscribe.js';
import { pickChannel } from './pick-channel.js';
import { setQuietHoursFromHome } from './quiet-hours.js';
import { chooseReminder } from './reminder.js';
import { removeCompetition } from './remove-competition.js';
import { removeStreamer } from './remove-streamer.js';
import { resumeSms } from './resume-sms.js';
import { searchCompetitions } from './search-competitions.js';
import { searchTeams } from './search-teams.js';
import { chooseSmsLevel } from './sms-level.js';
import { switchStreamSms } from './sms-streams.js';
import { stopSms } from './stop-sms.js';

export function register(app: App, deps: MemberDeps): void {
  const action = (actionId: string, handler: (args: ActionArgs) => Promise<void>) => app.action<BlockAction>(actionId, handler);
  // Teams: acts only for the member who clicked.
  action(ACTIONS.followTeamSelect, chooseTeam(deps, true));
  action(ACTIONS.followTeamSearch, chooseTeam(deps, true));
  action(ACTIONS.unfollowTeam, chooseTeam(deps, false));
  app.options(ACTIONS.followTeamSearch, searchTeams(deps));
  // Streamers.
  action(ACTIONS.addStreamer, openAddStreamer(deps));
  action(ACTIONS.removeStreamer, removeStreamer(deps));
  // SMS.
  action(ACTIONS.subscribe, openSubscribe(deps, false));
  action(ACTIONS.changeNumber, openSubscribe(deps, false));
  action(ACTIONS.openSubscribe, openSubscribe(deps, true));
  action(ACTIONS.enterCode, enterCode(deps));
  action(ACTIONS.stopSms, stopSms(deps));
  action(ACTIONS.resumeSms, resumeSms(deps));
  action(ACTIONS.smsAlertLevel, chooseSmsLevel(deps));
  action(ACTIONS.smsStreams, switchStreamSms(deps));
  // Personal DMs and language (SPEC P1, P3).
  action(ACTIONS.dmLevel, chooseDmLevel(deps));
  action(ACTIONS.dmStreams, switchStreamDms(deps));
  action(ACTIONS.language, pickLanguage(deps));
  // Quiet hours and kick-off reminders (SPEC P4, P5).
  action(ACTIONS.quietFrom, setQuietHoursFromHome(deps));
  action(ACTIONS.quietTo, setQuietHoursFromHome(deps));
  action(ACTIONS.quietOff, setQuietHoursFromHome(deps));
  action(ACTIONS.remind, chooseReminder(deps));
  // Admins only: workspace channels and competitions (SPEC C4).
  action(ACTIONS.adminChannel, pickChannel(deps, 'match channel', (channel, userId) => ({ channel, channelPickedBy: userId })));
  action(ACTIONS.adminStreamsChannel, pickChannel(deps, 'stream cards channel', (streamsChannel) => ({ streamsChannel })));
  action(ACTIONS.competitionChannel, pickCompetitionChannel(deps));
  action(ACTIONS.competitionScope, chooseCompetitionScope(deps));
  action(ACTIONS.competitionSwitches, switchCompetitionOptions(deps));
  action(ACTIONS.competitionRemove, removeCompetition(deps));
  action(ACTIONS.competitionAdd, addCompetition(deps));
  app.options(ACTIONS.competitionAdd, searchCompetitions(deps));
}
