/**
 * What the member-facing listeners need, gathered once in main.ts, and the few Slack calls they share:
 * publishing a member's App Home and telling them something by DM.
 */
import type { webApi } from '@slack/bolt';
import type { Locale } from '../alerts/i18n/locales.js';
import type { CompetitionCatalog } from '../football/catalog.js';
import type { FootballDirectory } from '../football/directory.js';
import type { Logger } from '../log.js';
import type { CountryCode } from '../sms/phone.js';
import type { Allowance } from '../sms/allowance.js';
import type { OutboxItem } from '../sms/outbox.js';
import type { Verifier } from '../sms/verify.js';
import type { CompetitionRepo } from '../store/competitions.js';
import type { MemberPrefsRepo } from '../store/member-prefs.js';
import type { FollowRepo } from '../store/follows.js';
import type { SettingsRepo } from '../store/settings.js';
import type { StreamerRepo } from '../store/streamers.js';
import type { SubscriberRepo } from '../store/subscribers.js';
import type { HelixClient, TwitchUser } from '../twitch/helix-client.js';
import { memberProfile } from './member-profile.js';
import { buildHome } from './views/home.js';
import { errorMessage } from './views/messages.js';
import { metrics } from '../ops/metrics.js';
import { classifySlackError, SlackOutcomeUnknown, SlackRefusal } from './slack-calls.js';

type WebClient = webApi.WebClient;
type Twilio = import('twilio').Twilio;

export interface SmsServices {
  client: Twilio;
  verifier: Verifier;
  messagingServiceSid: string;
  /** Lookups and codes per member and per number (SPEC S6); the verifier shares it. */
  allowance: Allowance;
  /** SMS_COUNTRIES; null: any country. */
  countries: CountryCode[] | null;
  /** The SMS outbox, once it runs (it starts after Slack connects). */
  queue: SmsQueue | null;
}

/** What members' flows need of the SMS outbox. */
export interface SmsQueue {
  enqueue(alertId: string, items: OutboxItem[]): Promise<void>;
  purge(userId: string): Promise<void>;
  purgeAll(): Promise<void>;
}

/** The DM outbox, as members' flows need it: a member who leaves takes their queued DMs with them. */
export interface DmServices {
  /** Set once it exists (after Slack connects); a holder, as the listeners keep their own copy of the deps. */
  queue: { purge(userId: string): Promise<void> } | null;
}

export interface MemberDeps {
  /**
   * The language of Fanfare's own words: LOCALE as main.ts gives it; the member's own language (SPEC P3)
   * once a listener has taken it from the member context (forMember).
   */
  locale: Locale;
  logger: Logger;
  follows: FollowRepo;
  /** The member's personal-alert choices (DM level, streams on DM/SMS). */
  prefs: MemberPrefsRepo;
  streamers: StreamerRepo;
  subscribers: SubscriberRepo;
  settings: SettingsRepo;
  /** The followed competitions (SPEC C4), changed by admins. */
  competitions: CompetitionRepo;
  /** What is known of them: matches, teams, provider failures. */
  directory: FootballDirectory;
  /** Competitions an admin can add, by name. */
  catalog: CompetitionCatalog;
  /** null: Twitch is not configured. */
  twitch: HelixClient | null;
  /** null: SMS is not configured. */
  sms: SmsServices | null;
  /** SLACK_CHANNEL, used until an admin picks a channel. */
  defaultChannel: string | null;
  /** The DM outbox, for forgetting a member; absent where none runs. */
  dms?: DmServices;
}

/** Remembers the streamer by their stable user id (SPEC T5) and adds them to the member's follows. */
export async function followStreamer(deps: MemberDeps, userId: string, user: TwitchUser): Promise<void> {
  await deps.streamers.save({ id: user.id, login: user.login, displayName: user.displayName, profileImageUrl: user.profileImageUrl });
  await deps.follows.followStreamer(userId, user.id);
  deps.logger.info({ user: userId, streamer: user.id }, 'streamer followed');
}

/** The channel that gets match threads and stream cards. */
export async function matchChannel(deps: MemberDeps): Promise<string | null> {
  return (await deps.settings.get()).channel ?? deps.defaultChannel;
}

/** Where stream cards go: the admin's pick for them, else the match channel (SPEC T8). */
export async function streamsChannel(deps: MemberDeps): Promise<string | null> {
  return (await deps.settings.get()).streamsChannel ?? (await matchChannel(deps));
}

/** Builds the member's App Home from what they follow and publishes it. */
export async function publishHome(deps: MemberDeps, client: WebClient, userId: string): Promise<void> {
  const [follows, profile, settings, subscription, pendingPhone, prefs] = await Promise.all([
    deps.follows.get(userId),
    memberProfile(client, userId),
    deps.settings.get(),
    deps.sms ? deps.subscribers.get(userId) : Promise.resolve(undefined),
    deps.sms ? deps.sms.verifier.pending(userId) : Promise.resolve(null),
    deps.prefs.get(userId),
  ]);
  const directory = await deps.directory.snapshot();
  const teams = follows.teams.map((id) => directory.team(id)).filter((team) => team !== undefined);
  const view = buildHome({
    locale: deps.locale,
    teams,
    allTeams: directory.teams(),
    nextMatches: directory.nextMatches(follows.teams),
    competitions: directory.statuses(),
    streamers: await deps.streamers.getMany(follows.streamers),
    twitchEnabled: deps.twitch !== null,
    sms: { enabled: deps.sms !== null, subscription: subscription ?? null, pendingPhone, streamsOnSms: prefs.streamsOnSms },
    dm: { level: prefs.dm, streamsOnDm: prefs.streamsOnDm },
    language: { choice: prefs.language ?? null },
    personal: { quietHours: prefs.quietHours, reminderMinutes: prefs.reminderMinutes },
    admin: profile.isAdmin
      ? { channel: settings.channel ?? deps.defaultChannel, streamsChannel: settings.streamsChannel }
      : null,
  });
  await client.views.publish({ user_id: userId, view });
}

/**
 * Runs a member's action: errors are logged with context (never a token or a number) and the member is
 * told in one sentence, by DM, since App Home actions have no channel to answer in.
 */
export async function guarded(deps: MemberDeps, client: WebClient, what: string, userId: string, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (error) {
    deps.logger.error({ err: error, user: userId, action: what }, 'member action failed');
    await tellMember(client, userId, errorMessage(deps.locale)).catch((tellError: unknown) =>
      deps.logger.warn({ err: tellError, user: userId }, 'could not tell the member'),
    );
  }
}

/** A DM from Fanfare (its Messages tab). */
export async function tellMember(client: WebClient, userId: string, message: { text: string; blocks?: unknown[] }): Promise<void> {
  try {
    await client.chat.postMessage({ channel: userId, text: message.text, ...(message.blocks ? { blocks: message.blocks as never } : {}) });
  } catch (error) {
    metrics.dmFailed(dmFailureClass(error));
    throw error;
  }
  metrics.dmSent();
}

/** For /metrics: refused for the message, the channel or the token, outcome unknown, or anything else. */
function dmFailureClass(error: unknown): string {
  const classified = classifySlackError(error);
  if (classified instanceof SlackRefusal) return classified.kind;
  return classified instanceof SlackOutcomeUnknown ? 'unknown' : 'other';
}
