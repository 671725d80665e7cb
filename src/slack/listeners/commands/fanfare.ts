import type { RespondFn } from '@slack/bolt';
import type { webApi } from '@slack/bolt';
import { catalogue } from '../../../alerts/i18n/index.js';
import { maskPhone } from '../../../sms/phone.js';
import { MAX_STREAMERS, overStreamerCap } from '../../../store/follows.js';
import { memberLocale } from '../../../alerts/i18n/member-locale.js';
import type { Locale } from '../../../alerts/i18n/locales.js';
import { parseCommand, parseLogin, type FanfareCommand } from '../../command-parser.js';
import { forgetNumber } from '../../forget.js';
import { addCompetition, followedByName, removeCompetition } from '../../competition-flow.js';
import { followStreamer, matchChannel, publishHome, type MemberDeps } from '../../members.js';
import { openSubscribeModal } from '../../subscribe-flow.js';
import type { CommandArgs } from '../args.js';
import { forMember, memberOf } from '../../member-context.js';
import { memberProfile } from '../../member-profile.js';
import {
  competitionAddedMessage,
  competitionAlreadyMessage,
  competitionNotFollowedMessage,
  competitionNotFoundMessage,
  competitionRemovedMessage,
  competitionsMessage,
} from '../../views/competition-messages.js';
import {
  errorMessage,
  followedMessage,
  helpMessage,
  noTeamMessage,
  notAllowedMessage,
  smsStoppedMessage,
  smsUnavailableMessage,
  statusMessage,
  twitchUnavailableMessage,
  streamerAddedMessage,
  streamerRemovedMessage,
  unfollowedMessage,
  unknownStreamerMessage,
} from '../../views/messages.js';
import { setQuietHours, setReminder } from './quiet-remind.js';
import { setStreams } from './streams.js';

type Reply = { text: string; blocks?: unknown[] };

/** `/fanfare …`: acked at once, answered ephemerally; every change also refreshes the member's App Home. */
export function fanfareCommand(shared: MemberDeps) {
  return async ({ ack, command, respond, client, context }: CommandArgs): Promise<void> => {
    const deps = forMember(shared, context);
    await ack();
    const userId = command.user_id;
    const say = (reply: Reply) => respond({ response_type: 'ephemeral', text: reply.text, ...(reply.blocks ? { blocks: reply.blocks as never } : {}) });
    try {
      const slack = { slackLocale: memberOf(context)?.slackLocale, workspace: shared.locale };
      const changed = await run(deps, client, userId, command.text, command.trigger_id, say, slack);
      if (changed) await publishHome(deps, client, userId).catch((error: unknown) => deps.logger.warn({ err: error, user: userId }, 'home not refreshed'));
    } catch (error) {
      deps.logger.error({ err: error, user: userId, command: command.text.split(' ')[0] }, '/fanfare failed');
      await say(errorMessage(deps.locale)).catch(() => undefined);
    }
  };
}

/** Does what the command says; true when the member's follows or SMS changed. */
async function run(
  deps: MemberDeps,
  client: webApi.WebClient,
  userId: string,
  text: string,
  triggerId: string,
  say: (reply: Reply) => ReturnType<RespondFn>,
  slack: LanguageFallback,
): Promise<boolean> {
  const { locale } = deps;
  const parsed = parseCommand(text);
  switch (parsed.kind) {
    case 'help':
    case 'unknown':
    case 'missing-argument':
      await say(helpMessage(locale));
      return false;
    case 'follow':
    case 'unfollow': {
      // Across every followed competition; a club is followed by its team key (`espn:359`).
      const found = (await deps.directory.snapshot()).find(parsed.team);
      if (!found.team) {
        await say(noTeamMessage(locale, parsed.team, found.suggestions));
        return false;
      }
      if (parsed.kind === 'follow') await deps.follows.followTeam(userId, found.team.id);
      else await deps.follows.unfollowTeam(userId, found.team.id);
      await say(parsed.kind === 'follow' ? followedMessage(locale, found.team) : unfollowedMessage(locale, found.team));
      return true;
    }
    case 'streamer-add': {
      const login = parseLogin(parsed.login);
      const users = login && deps.twitch ? await deps.twitch.usersByLogin([login]) : null;
      const user = users?.[0];
      if (!deps.twitch || users === null) {
        await say(twitchUnavailableMessage(locale));
        return false;
      }
      if (!user) {
        await say(unknownStreamerMessage(locale, parsed.login));
        return false;
      }
      if (overStreamerCap(await deps.follows.get(userId), user.id)) {
        await say({ text: catalogue(locale).members.errors.tooManyStreamers(MAX_STREAMERS) });
        return false;
      }
      await followStreamer(deps, userId, user);
      await say(streamerAddedMessage(locale, user));
      return true;
    }
    case 'streamer-remove': {
      const login = parseLogin(parsed.login);
      const followed = await deps.streamers.getMany((await deps.follows.get(userId)).streamers);
      const streamer = followed.find((s) => s.login === login);
      if (!streamer) {
        await say(unknownStreamerMessage(locale, parsed.login));
        return false;
      }
      await deps.follows.unfollowStreamer(userId, streamer.id);
      await say(streamerRemovedMessage(locale, streamer));
      return true;
    }
    case 'subscribe':
      if (!deps.sms) {
        await say(smsUnavailableMessage(locale));
        return false;
      }
      await openSubscribeModal(deps, client, triggerId, slack.slackLocale, parsed.number ?? undefined);
      return false;
    case 'status': {
      const follows = await deps.follows.get(userId);
      const directory = await deps.directory.snapshot();
      await say(
        statusMessage(locale, {
          teams: follows.teams.map((id) => directory.team(id)).filter((t) => t !== undefined),
          streamers: await deps.streamers.getMany(follows.streamers),
          subscription: (await deps.subscribers.get(userId)) ?? null,
          smsEnabled: deps.sms !== null,
          personal: await deps.prefs.get(userId),
        }),
      );
      return false;
    }
    case 'competitions': {
      const [snapshot, channel, profile] = await Promise.all([deps.directory.snapshot(), matchChannel(deps), memberProfile(client, userId)]);
      await say(competitionsMessage(locale, snapshot.statuses(), channel, profile.isAdmin));
      return false;
    }
    case 'competition-add':
    case 'competition-remove': {
      if (!(await memberProfile(client, userId)).isAdmin) {
        deps.logger.warn({ user: userId }, 'competition change refused: not a workspace admin');
        await say(notAllowedMessage(locale));
        return false;
      }
      if (parsed.kind === 'competition-add') {
        const resolved = await deps.catalog.resolve(parsed.query);
        if (!resolved.entry) {
          await say(competitionNotFoundMessage(locale, parsed.query, resolved.candidates));
          return false;
        }
        const added = await addCompetition(deps, resolved.entry, userId);
        const name = resolved.entry.name || parsed.query;
        if (!added) {
          await say(competitionAlreadyMessage(locale, name));
          return false;
        }
        await say(competitionAddedMessage(locale, name, added.channel ?? (await matchChannel(deps)), added.scope));
        return true;
      }
      const snapshot = await deps.directory.snapshot();
      const statuses = snapshot.statuses();
      const names = new Map(statuses.map((s) => [s.competition, s.name]));
      const target = followedByName(snapshot.competitions, names, parsed.query);
      if (!target) {
        await say(competitionNotFollowedMessage(locale, parsed.query, statuses.map((s) => s.name)));
        return false;
      }
      await removeCompetition(deps, target, userId);
      await say(competitionRemovedMessage(locale, names.get(target) ?? target.name));
      return true;
    }
    case 'dm-level':
    case 'sms-level':
      return setLevel(deps, userId, parsed, say);
    case 'streams':
      return setStreams(deps, userId, parsed, say);
    case 'language':
      await setLanguage(deps, client, userId, parsed.language, say, slack);
      return false;
    case 'quiet':
      return setQuietHours(deps, userId, parsed, say);
    case 'remind':
      return setReminder(deps, userId, parsed, say);
    case 'stop': {
      const subscription = await deps.subscribers.get(userId);
      await forgetNumber(deps, userId);
      if (subscription) deps.logger.info({ user: userId, phone: maskPhone(subscription.phone) }, 'SMS stopped; number deleted');
      await say(smsStoppedMessage(locale, subscription !== undefined));
      return true;
    }
  }
}

/** `/fanfare dm …` and `/fanfare sms …` (SPEC P1): answered in the member's language. */
async function setLevel(
  deps: MemberDeps,
  userId: string,
  parsed: Extract<FanfareCommand, { kind: 'dm-level' | 'sms-level' }>,
  say: (reply: Reply) => ReturnType<RespondFn>,
): Promise<boolean> {
  const language = deps.locale;
  const words = catalogue(language).dm;
  const command = parsed.kind === 'dm-level' ? 'dm' : 'sms';
  if (parsed.level === null) {
    await say({ text: words.levelUsage(command) });
    return false;
  }
  if (parsed.kind === 'dm-level') {
    await deps.prefs.patch(userId, { dm: parsed.level });
    await say({ text: words.dmLevelSet(words.levels[parsed.level]) });
    return true;
  }
  if (!deps.sms) {
    await say(smsUnavailableMessage(language));
    return false;
  }
  // The SMS level lives on the subscription: no number, nothing to set. Off keeps the number.
  const level = parsed.level;
  const updated = await deps.subscribers.update(userId, { alerts: level });
  await say({ text: !updated ? words.smsNotSubscribed : level === 'off' ? words.smsOffSet : words.smsLevelSet(words.levels[level]) });
  return updated !== undefined;
}

/** The member's Slack locale (`auto`'s language, and the country of national numbers), else LOCALE. */
interface LanguageFallback {
  slackLocale: string | undefined;
  workspace: Locale;
}

/**
 * `/fanfare language …` (SPEC P3): the choice is kept (auto clears it), then the answer and the App Home
 * come in the language now in force.
 */
async function setLanguage(
  deps: MemberDeps,
  client: webApi.WebClient,
  userId: string,
  choice: Locale | 'auto' | null,
  say: (reply: Reply) => ReturnType<RespondFn>,
  slack: LanguageFallback,
): Promise<void> {
  if (choice === null) {
    await say({ text: catalogue(deps.locale).language.usage });
    return;
  }
  const language = choice === 'auto' ? undefined : choice;
  await deps.prefs.patch(userId, { language });
  const locale = memberLocale(language, slack.slackLocale, slack.workspace);
  const words = catalogue(locale).language;
  await say({ text: choice === 'auto' ? words.auto : words.chosen });
  await publishHome({ ...deps, locale }, client, userId).catch((error: unknown) => deps.logger.warn({ err: error, user: userId }, 'home not refreshed'));
}
