/**
 * Composition root: configuration → store → clients → Bolt app → loops. Nothing else wires things together.
 */
import { existsSync } from 'node:fs';
import pino from 'pino';
import { describeFeatures, loadConfig, type Config } from './config.js';
import { FifaClient } from './football/fifa-client.js';
import { FootballFeed } from './football/feed.js';
import { FootballLoop } from './football/loop.js';
import { createLogger, type Logger } from './log.js';
import { createPosterClient, createSlackApp, describeStartError } from './slack/app.js';
import { MatchPoster } from './slack/poster.js';
import { MatchRepo } from './store/matches.js';
import { SettingsRepo } from './store/settings.js';
import { describeStore, openStore, type Store } from './store/store.js';
import { ThreadRepo } from './store/threads.js';
import { catalogue } from './alerts/i18n/index.js';
import { Competition } from './football/competition.js';
import type { SmsServices } from './slack/members.js';
import { createTwilioClient } from './sms/twilio-client.js';
import { createVerifier } from './sms/verify.js';
import { FollowRepo } from './store/follows.js';
import { StreamerRepo } from './store/streamers.js';
import { SubscriberRepo } from './store/subscribers.js';
import { HelixClient, TwitchConfigError } from './twitch/helix-client.js';

/** SPEC O2: stop within 10 s; whatever has not finished by then stays queued in the store. */
const SHUTDOWN_DEADLINE_MS = 9_000;

function fail(lines: string[]): never {
  for (const line of lines) process.stderr.write(`fanfare: ${line}\n`);
  process.exit(1);
}

async function main(): Promise<void> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  const result = loadConfig(process.env);
  if (!result.ok) fail(result.errors);
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
  for (const line of describeFeatures(config)) logger.info(line);

  let store: Store;
  try {
    store = await openStore(config.storeUrl);
  } catch (error) {
    fail([`STORE_URL: ${(error as Error).message}`]);
  }
  logger.info({ store: describeStore(config.storeUrl) }, 'store open');
  await run(config, config.slack, store, logger);
}

async function run(config: Config, slack: NonNullable<Config['slack']>, store: Store, logger: Logger): Promise<void> {
  const settings = new SettingsRepo(store);
  const matches = new MatchRepo(store);
  const threads = new ThreadRepo(store);
  const competition = new Competition();
  const twitch = config.twitch ? await startTwitch(config.twitch, logger) : null;
  const sms = config.twilio ? startSms(config.twilio, store, logger) : null;

  let stop: (reason: string) => Promise<void> = async () => undefined;
  const app = createSlackApp(slack, logger, {
    locale: config.locale,
    follows: new FollowRepo(store),
    streamers: new StreamerRepo(store),
    subscribers: new SubscriberRepo(store),
    settings,
    competition,
    twitch,
    sms,
    defaultChannel: slack.channel,
    stop: (reason) => void stop(reason),
  });
  try {
    await app.start();
  } catch (error) {
    const line = describeStartError(error);
    if (line) fail([line]);
    throw error;
  }
  logger.info('connected to Slack (Socket Mode)');

  const poster = new MatchPoster({ client: createPosterClient(slack, logger), threads, settings, locale: config.locale, logger });
  const fifa = new FifaClient({ baseUrl: config.fifa.apiUrl, language: config.locale, logger });
  const feed = new FootballFeed({ client: fifa, competitionId: config.fifa.competitionId, seasonId: config.fifa.seasonId, locale: config.locale, logger });
  const football = new FootballLoop({
    feed,
    matches,
    threads,
    settings,
    poster,
    defaultChannel: slack.channel,
    matchPollSeconds: config.fifa.matchPollSeconds,
    calendarPollSeconds: config.fifa.calendarPollSeconds,
    matchLingerSeconds: config.fifa.matchLingerSeconds,
    onCalendar: (calendar) => competition.update(calendar),
    logger,
  });
  void football.start();

  let stopping = false;
  stop = async (reason: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ reason }, 'stopping');
    setTimeout(() => {
      logger.warn('stop deadline reached; unfinished work stays queued for the next start');
      process.exit(0);
    }, SHUTDOWN_DEADLINE_MS).unref();
    await Promise.all([football.stop(), poster.drain()]);
    await app.stop().catch(() => undefined);
    await store.close().catch(() => undefined);
    logger.info('stopped');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

/** Twitch credentials are checked at start, so a wrong id or secret is a clear error now, not at the first poll. */
async function startTwitch(config: NonNullable<Config['twitch']>, logger: Logger): Promise<HelixClient> {
  const client = new HelixClient({ clientId: config.clientId, clientSecret: config.clientSecret, apiUrl: config.apiUrl, authUrl: config.authUrl, logger });
  try {
    await client.start();
  } catch (error) {
    if (error instanceof TwitchConfigError) fail([error.message]);
    fail([`Twitch: ${(error as Error).message}`]);
  }
  return client;
}

function startSms(config: NonNullable<Config['twilio']>, store: Store, logger: Logger): SmsServices {
  const client = createTwilioClient(config);
  const verifier = createVerifier({ client, config, store, logger, codeText: (code, locale) => catalogue(locale).sms.code(code) });
  return { client, verifier, messagingServiceSid: config.messagingServiceSid };
}

main().catch((error: unknown) => {
  process.stderr.write(`fanfare: ${(error as Error)?.message ?? String(error)}\n`);
  process.exit(1);
});
