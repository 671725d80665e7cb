/**
 * Composition root: configuration → store → clients → Bolt app → loops. Nothing else wires things together.
 */
import pino from 'pino';
import { describeFeatures, describeRisks, loadConfig, type Config } from './config.js';
import { loadEnvFile } from './env-file.js';
import { FifaClient } from './football/fifa-client.js';
import { FifaProvider } from './football/fifa/provider.js';
import { EspnClient, EspnProvider } from './football/espn/index.js';
import { CompetitionRepo } from './store/competitions.js';
import { migrateMatchKeys } from './store/match-keys.js';
import { FootballLoop } from './football/loop.js';
import { createLogger, type Logger } from './log.js';
import { createPosterClient, SlackStartError, startSlackApp } from './slack/app.js';
import { MatchPoster } from './slack/poster.js';
import { MatchRepo } from './store/matches.js';
import { SettingsRepo } from './store/settings.js';
import { describeStore, openStore, startSweeper, type Store } from './store/store.js';
import { ThreadRepo } from './store/threads.js';
import { catalogue } from './alerts/i18n/index.js';
import { CompetitionCatalog } from './football/catalog.js';
import { FootballDirectory } from './football/directory.js';
import type { DmServices, SmsServices } from './slack/members.js';
import { createTwilioClient } from './sms/twilio-client.js';
import { createAllowance } from './sms/allowance.js';
import { createVerifier } from './sms/verify.js';
import { FollowRepo } from './store/follows.js';
import { StreamerRepo } from './store/streamers.js';
import { SubscriberRepo } from './store/subscribers.js';
import { HelixClient, TwitchConfigError } from './twitch/helix-client.js';
import type { App, webApi } from '@slack/bolt';
import { publishHome, streamsChannel, tellMember, type MemberDeps } from './slack/members.js';
import { PacedSlack } from './slack/slack-calls.js';
import { StreamPoster } from './slack/stream-poster.js';
import { StreamCardRepo } from './store/stream-cards.js';
import { EventSub } from './twitch/eventsub/index.js';
import { TwitchLoop } from './twitch/loop.js';
import { numberRejectedDm, smsPausedDm } from './slack/views/messages.js';
import { combineSmsTexts } from './sms/combine.js';
import { SmsFanout } from './sms/fanout.js';
import { Audience } from './alerts/audience.js';
import { allSinks } from './alerts/types.js';
import { audienceReader } from './store/audience-reader.js';
import { MemberPrefsRepo } from './store/member-prefs.js';
import { DmSink } from './slack/sinks/dm-sink.js';
import { MemberBackfill } from './slack/member-backfill.js';
import { threadLinks } from './slack/sinks/thread-links.js';
import { QuietDigestSink } from './slack/sinks/quiet-digest.js';
import { QuietHeldRepo } from './store/quiet-held.js';
import { KickoffReminders } from './football/reminders.js';
import { SmsOutbox } from './sms/outbox.js';
import { maskPhone } from './sms/phone.js';
import { AdminNotices, holdNotice } from './slack/admin-notices.js';
import { startHealthServer, type HealthServer } from './ops/health-server.js';
import { metrics } from './ops/metrics.js';
import { LeaderLease } from './store/lease.js';

/** The reasons to stop that mean Fanfare is no longer wanted in the workspace. */
const UNINSTALLED = new Set(['app_uninstalled', 'tokens_revoked']);

/** SPEC O2: stop within 10 s; whatever has not finished by then stays queued in the store. */
const SHUTDOWN_DEADLINE_MS = 9_000;

/**
 * sysexits' EX_CONFIG: the configuration is wrong or Slack refuses the app (after an uninstall, say), so
 * starting again cannot help; deploy/fanfare.service tells systemd not to restart on it.
 */
const EX_CONFIG = 78;

/**
 * sysexits' EX_TEMPFAIL: this replica lost the leader lease (the store stopped answering, or it paused
 * too long). It stops and exits so its supervisor restarts it, as a follower.
 */
const EX_TEMPFAIL = 75;

function fail(lines: string[], code = 1): never {
  for (const line of lines) process.stderr.write(`fanfare: ${line}\n`);
  process.exit(code);
}

async function main(): Promise<void> {
  const envProblems = loadEnvFile('.env');
  if (envProblems.length > 0) fail(envProblems, EX_CONFIG);
  const result = loadConfig(process.env);
  if (!result.ok) fail(result.errors, EX_CONFIG);
  const { config } = result;

  if (!config.slack) {
    // The demo says itself that it is the demo and how to connect to Slack instead.
    const { runDemo } = await import('./demo/run.js');
    const { shouldUseColor } = await import('./demo/options.js');
    // Logs go to stderr so they never interleave with the thread on stdout.
    const logger = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel, pino.destination(2));
    await runDemo({ speed: 1, locale: config.locale, out: process.stdout, color: shouldUseColor(process.stdout, process.env), logger });
    return;
  }
  const logger = createLogger(config.logLevel);
  for (const line of [...result.notices, ...describeFeatures(config)]) logger.info(line);
  for (const line of describeRisks(config)) logger.warn(line);

  let store: Store;
  try {
    store = await openStore(config.storeUrl);
  } catch (error) {
    fail([`STORE_URL: ${(error as Error).message}`]);
  }
  logger.info({ store: describeStore(config.storeUrl) }, 'store open');
  const lease = await takeLease(config.storeUrl, config.leaseSeconds * 1000, store, logger);
  await run(config, config.slack, store, logger, lease);
}

/**
 * Every replica tries for the leader lease (SPEC O3). SQLite serves one process: there the lease must be
 * ours, and a second process exits. It waits out one lease first, so a restart after a crash (the dead
 * process's lease still in the file) is not mistaken for a second process.
 */
async function takeLease(storeUrl: string, durationMs: number, store: Store, logger: Logger): Promise<LeaderLease> {
  const sqlite = storeUrl.startsWith('sqlite://');
  const lease = new LeaderLease({ store, logger, alone: sqlite, durationMs });
  lease.whenLeading(
    () => metrics.setLeader(true),
    () => metrics.setLeader(false),
  );
  const leading = await lease.start();
  if (!sqlite || leading) return lease;
  logger.info('another process holds the SQLite store; waiting for its lease to expire in case it has stopped');
  // One lease and one more try (tries come every third of a lease): 21 s for the default 15 s lease.
  const deadline = Date.now() + durationMs + durationMs / 3 + 1_000;
  while (!lease.isLeader() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 500));
  if (lease.isLeader()) return lease;
  fail([`another Fanfare process is using ${describeStore(storeUrl)}; SQLite serves one process (use PostgreSQL or Redis for replicas)`], EX_CONFIG);
}

async function run(config: Config, slack: NonNullable<Config['slack']>, store: Store, logger: Logger, lease: LeaderLease): Promise<void> {
  let stopSweeper: () => void = () => undefined;
  const settings = new SettingsRepo(store);
  // The loops' records are written only while this process leads, with its lease token (fencing).
  const leading = lease.fence(store);
  const matches = new MatchRepo(leading);
  const threads = new ThreadRepo(leading);
  const competitions = new CompetitionRepo(store, config.competitions);
  const fifa = new FifaClient({ baseUrl: config.fifa.apiUrl, language: config.locale, logger });
  const providers = {
    fifa: new FifaProvider({ client: fifa, locale: config.locale, logger }),
    // A league's live matches share one scoreboard per poll round.
    espn: new EspnProvider({ source: new EspnClient({ baseUrl: config.espn.apiUrl, logger }), logger, scoreboardShareMs: config.fifa.matchPollSeconds * 500 }),
  };
  // The leader shares what its loop reports, so the App Home shows matches on every replica.
  const directory = new FootballDirectory({ providers: Object.values(providers), competitions, logger, locale: catalogue(config.locale).intlLocale, store: leading });
  const catalog = new CompetitionCatalog({ fifaApiUrl: config.fifa.apiUrl, locale: config.locale, logger });
  const twitch = config.twitch ? startTwitch(config.twitch, logger) : null;
  const sms = config.twilio ? startSms(config.twilio, config.smsCountries, store, logger) : null;

  // An uninstall can arrive with the very first Socket Mode frames, before the loops exist: it is kept.
  let stopEarly: string | null = null;
  let stop: (reason: string, code?: number) => Promise<void> = async (reason) => void (stopEarly ??= reason);
  const follows = new FollowRepo(store);
  // Follows written by earlier versions move to the per-member layout and team keys, once, before anything
  // reads them; the leader does it (a replica starting later finds it done).
  const migrated = lease.isLeader() ? await follows.migrate() : null;
  if (migrated) logger.info(migrated, 'follows moved to the per-member layout');
  const dmQueue: DmServices = { queue: null };
  const members: MemberDeps = {
    locale: config.locale,
    logger,
    follows,
    prefs: new MemberPrefsRepo(store),
    streamers: new StreamerRepo(store),
    subscribers: new SubscriberRepo(store),
    settings,
    competitions,
    directory,
    catalog,
    twitch,
    sms,
    defaultChannel: slack.channel,
    dms: dmQueue,
  };
  // Up before Slack connects, so a supervisor sees 503 (not silence) while it does.
  const health = config.healthPort === null ? null : await startHealth(config.healthPort, store, logger);
  let app: App;
  try {
    app = await startSlackApp(slack, logger, { ...members, stop: (reason) => void stop(reason) });
  } catch (error) {
    if (error instanceof SlackStartError) fail([error.message], error.permanent ? EX_CONFIG : 1);
    throw error;
  }
  logger.info('connected to Slack (Socket Mode)');
  const notices = new AdminNotices({ client: app.client, store, settings, logger });
  const outbox = sms && config.twilio ? startOutbox(config, sms, store, members, app.client, notices) : null;
  if (outbox) metrics.watchOutbox(() => outbox.depth);
  if (sms) sms.queue = outbox;

  // Match threads and stream cards share one client, one pace per channel for posts (about one a second)
  // and one for edits (Slack's chat.update limit, per workspace).
  // A channel or token Slack refuses holds the posts (nothing is dropped) and the admins are told once.
  const posterClient = createPosterClient(slack, logger);
  const paced = new PacedSlack({
    logger,
    intervalMs: config.slackPostIntervalMs,
    events: {
      held: (notice) => {
        const { reason, message } = holdNotice(config.locale, notice);
        void notices.tell(reason, message);
      },
    },
  });
  const poster = new MatchPoster({ client: posterClient, threads, settings, locale: config.locale, logger, slack: paced });
  // Personal alerts (SPEC P1, P2): one audience for the DM and SMS sinks, behind the loops' one sink option.
  const audience = new Audience(audienceReader(members.follows, members.prefs, members.subscribers));
  const dms = new DmSink({
    client: posterClient,
    slack: new PacedSlack({ logger, intervalMs: config.slackPostIntervalMs }),
    store,
    audience,
    threadUrl: threadLinks(posterClient, threads),
    locale: config.locale,
    logger,
  });
  metrics.watchDmOutbox(() => dms.depth);
  dmQueue.queue = dms;
  // Members' Slack locale and time zone for their alerts, also for those who have not interacted since (P3).
  const backfill = new MemberBackfill({ client: posterClient, slack: new PacedSlack({ logger }), follows: members.follows, prefs: members.prefs, logger });
  const smsSink = outbox ? new SmsFanout({ outbox, audience, locale: config.locale, logger }) : null;
  // Quiet hours (P4) hold results for a summary at their end; reminders (P5) go before kick-off.
  const quietDigest = new QuietDigestSink({ audience, held: new QuietHeldRepo(store), prefs: members.prefs, subscribers: members.subscribers, dms, sms: outbox, locale: config.locale, logger, roundMs: config.clockRoundSeconds * 1000 });
  const reminders = new KickoffReminders({ directory, follows: members.follows, prefs: members.prefs, dms, locale: config.locale, logger, roundMs: config.clockRoundSeconds * 1000 });
  const fanout = allSinks([...(smsSink ? [dms, smsSink] : [dms]), quietDigest]);
  const football = new FootballLoop({
    providers,
    competitions,
    follows: members.follows,
    matches,
    threads,
    settings,
    poster,
    sms: fanout,
    store,
    defaultChannel: slack.channel,
    matchPollSeconds: config.fifa.matchPollSeconds,
    calendarPollSeconds: config.fifa.calendarPollSeconds,
    matchLingerSeconds: config.fifa.matchLingerSeconds,
    onMatches: directory.report,
    logger,
  });
  for (const provider of new Set(config.competitions.map((c) => c.provider))) metrics.watchSource(provider);
  void directory.start();
  const cards = new StreamCardRepo(store);
  const streams =
    twitch && config.twitch
      ? new TwitchLoop({
          helix: twitch,
          follows: members.follows,
          streamers: members.streamers,
          cards,
          store,
          poster: new StreamPoster({ client: posterClient, cards, locale: config.locale, logger, slack: paced, channel: () => streamsChannel(members) }),
          sms: fanout,
          channel: () => streamsChannel(members),
          pollSeconds: config.twitch.pollSeconds,
          offlineGraceSeconds: config.twitch.offlineGraceSeconds,
          logger,
        })
      : null;
  if (streams) metrics.watchSource('twitch');
  // EventSub is a second input to the same loop (T6/T7); polls go on alone if it fails.
  const eventsub =
    twitch && streams && config.twitch?.eventsubUrl
      ? new EventSub({ url: config.twitch.eventsubUrl, helix: twitch, store, followed: () => members.follows.followedStreamers(), onEvent: (event) => streams.onEvent(event), logger })
      : null;

  // Every replica serves Slack events; only the leader polls, posts and sends (SPEC O3).
  lease.whenLeading(
    () => {
      metrics.setLeader(true);
      stopSweeper = startSweeper(store, logger);
      // Records under the keys of before providers existed move to `fifa:` keys before the loop reads them.
      void migrateMatchKeys(leading, logger)
        .then(() => football.start())
        .catch((error: unknown) => logger.error({ err: error }, 'match keys not migrated; football waits for the next start'));
      void streams?.start();
      eventsub?.start();
      void outbox?.start().catch((error: unknown) => logger.error({ err: error }, 'SMS outbox did not start'));
      void dms.start().catch((error: unknown) => logger.error({ err: error }, 'the DM outbox could not start'));
      quietDigest.start();
      reminders.start();
      backfill.start();
    },
    (reason) => {
      metrics.setLeader(false);
      void stop(`leader lease lost: ${reason}`, EX_TEMPFAIL);
    },
  );

  let stopping = false;
  stop = async (reason: string, code = 0) => {
    if (stopping) return;
    stopping = true;
    logger.info({ reason }, 'stopping');
    setTimeout(() => {
      logger.warn('stop deadline reached; unfinished work stays queued for the next start');
      process.exit(code);
    }, SHUTDOWN_DEADLINE_MS).unref();
    await Promise.all([football.stop(), eventsub?.stop(), streams?.stop(), poster.drain(), outbox?.stop(), dms.stop(), quietDigest.stop(), reminders.stop(), backfill.stop()]);
    // Given up, not left to expire: another replica takes over at its next try.
    await lease.stop();
    // Uninstalled: the texts still in the outbox (in flight ones included) go with the numbers (SPEC O6).
    if (UNINSTALLED.has(reason)) await store.deleteArea('outbox').catch((error: unknown) => logger.error({ err: error }, 'could not empty the SMS outbox'));
    await app.stop().catch(() => undefined);
    stopSweeper();
    await health?.close();
    await store.close().catch(() => undefined);
    logger.info('stopped');
    process.exit(code);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  if (stopEarly) void stop(stopEarly);
}

/** /healthz and /metrics (SPEC O4); the store check is one cheap read. */
async function startHealth(port: number, store: Store, logger: Logger): Promise<HealthServer> {
  const probe = store.area<never>('health');
  try {
    const server = await startHealthServer({ port, metrics, checkStore: () => probe.get('check') });
    logger.info({ port: server.port }, 'serving /healthz and /metrics');
    return server;
  } catch (error) {
    fail([(error as Error).message]);
  }
}

/**
 * Twitch credentials are checked at start, so a wrong id or secret is a clear error now, not at the first
 * poll. The check runs while Slack connects, so a slow Twitch delays nothing; Twitch unreachable is no
 * reason to stop (SPEC O2): football goes on, and the client mints its token on the first poll that reaches Twitch.
 */
function startTwitch(config: NonNullable<Config['twitch']>, logger: Logger): HelixClient {
  const client = new HelixClient({ clientId: config.clientId, clientSecret: config.clientSecret, apiUrl: config.apiUrl, authUrl: config.authUrl, logger });
  client.start().catch((error: unknown) => {
    if (error instanceof TwitchConfigError) fail([error.message], EX_CONFIG);
    logger.warn({ problem: (error as Error).message }, 'Twitch is unreachable: matches go on, streamers start once Twitch answers');
  });
  return client;
}

/**
 * The SMS outbox, with what members are told when Twilio refuses: an opt-out shows in their App Home, a
 * rejected number gets a DM, and a paused outbox tells the admin who picked the match channel.
 */
function startOutbox(config: Config, sms: SmsServices, store: Store, members: MemberDeps, client: webApi.WebClient, notices: AdminNotices): SmsOutbox {
  const { logger, locale } = members;
  const refreshHome = (userId: string) =>
    publishHome(members, client, userId).catch((error: unknown) => logger.warn({ err: error, user: userId }, 'home not refreshed'));
  const outbox = new SmsOutbox({
    client: sms.client,
    messagingServiceSid: sms.messagingServiceSid,
    store,
    subscribers: members.subscribers,
    logger,
    ratePerSecond: config.sms.ratePerSecond,
    validitySeconds: config.sms.validitySeconds,
    combine: combineSmsTexts,
    events: {
      optedOut: (userId) => void refreshHome(userId),
      numberRejected: (userId, reason) =>
        void (async () => {
          const subscription = await members.subscribers.get(userId);
          const masked = subscription ? maskPhone(subscription.phone) : '';
          await tellMember(client, userId, numberRejectedDm(locale, masked, reason)).catch((error: unknown) =>
            logger.warn({ err: error, user: userId }, 'could not tell the member their number was rejected'),
          );
          await refreshHome(userId);
        })(),
      paused: (reason) => void notices.tell(`sms-paused:${reason}`, smsPausedDm(locale, reason)),
    },
  });
  return outbox;
}

function startSms(config: NonNullable<Config['twilio']>, countries: Config['smsCountries'], store: Store, logger: Logger): SmsServices {
  const client = createTwilioClient(config);
  const allowance = createAllowance({ store, logger });
  const verifier = createVerifier({ client, config, store, logger, allowance, codeText: (code, locale) => catalogue(locale).sms.code(code) });
  return { client, verifier, messagingServiceSid: config.messagingServiceSid, allowance, countries, queue: null };
}

main().catch((error: unknown) => {
  process.stderr.write(`fanfare: ${(error as Error)?.message ?? String(error)}\n`);
  process.exit(1);
});
