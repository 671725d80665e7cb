/**
 * The Bolt app in Socket Mode: no public URL. SLACK_API_URL reaches every Web API call and the
 * Socket Mode connection (apps.connections.open), because Bolt hands `clientOptions` to both.
 */
import { App, LogLevel, webApi, type AnyMiddlewareArgs, type Middleware, type SocketModeReceiver } from '@slack/bolt';
import type { SlackConfig } from '../config.js';
import type { Logger } from '../log.js';
import { metrics } from '../ops/metrics.js';
import { slackLogger } from './bolt-logger.js';
import { registerListeners, type ListenerDeps } from './listeners/index.js';
import { memberContext } from './member-context.js';

/** Every call answers within this, or counts as failed. The web-api default is no timeout at all. */
const TIMEOUT_MS = 10_000;
/** Issue 8: every start failure is one line and an exit within 15 s; Slack gets 10 s of them. */
const START_DEADLINE_MS = 10_000;

/** Who the bot tokens belong to, from our own auth.test (so Bolt never runs one that can reject unhandled). */
export interface SlackIdentity {
  teamId: string;
  enterpriseId: string | null;
  botUserId: string;
  botId: string;
}

/**
 * A start failure already worded for the installer: one line naming the variable or the cause.
 * `permanent`: Slack refused the token, app or workspace, so starting again cannot help until someone
 * changes something (after an uninstall, for one); main exits with EX_CONFIG so a supervisor stops retrying.
 */
export class SlackStartError extends Error {
  override readonly name = 'SlackStartError';
  constructor(message: string, readonly permanent = false) {
    super(message);
  }
}

/**
 * Checks both tokens once, then connects. Bolt alone would turn a refused bot token into an unhandled
 * rejection with a stack trace, and its Socket Mode client retries a wrong app token (or one without
 * connections:write) for ever; here each ends in a SlackStartError within START_DEADLINE_MS.
 */
export async function startSlackApp(config: SlackConfig, logger: Logger, deps: Omit<ListenerDeps, 'logger'>): Promise<App> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new SlackStartError(`Slack did not answer at ${config.apiUrl} within ${START_DEADLINE_MS / 1000} s: check the network (or SLACK_API_URL), then start again`)),
      START_DEADLINE_MS,
    );
  });
  const start = async (): Promise<App> => {
    const identity = await checkTokens(config, logger);
    const app = createSlackApp(config, logger, deps, identity);
    try {
      await app.start();
    } catch (error) {
      throw new SlackStartError(describeStartError(error, 'SLACK_APP_TOKEN', config.apiUrl), isRefusal(error));
    }
    return app;
  };
  try {
    return await Promise.race([start(), deadline]);
  } finally {
    clearTimeout(timer);
  }
}

async function checkTokens(config: SlackConfig, logger: Logger): Promise<SlackIdentity> {
  const client = (token: string) =>
    new webApi.WebClient(token, { slackApiUrl: config.apiUrl, retryConfig: { retries: 0 }, timeout: START_DEADLINE_MS, logger: slackLogger(logger, 'start') });
  let auth: webApi.AuthTestResponse;
  try {
    auth = await client(config.botToken).auth.test();
  } catch (error) {
    throw new SlackStartError(describeStartError(error, 'SLACK_BOT_TOKEN', config.apiUrl), isRefusal(error));
  }
  try {
    // The ticket this opens is never used; Slack lets it expire.
    await client(config.appToken).apps.connections.open();
  } catch (error) {
    throw new SlackStartError(describeStartError(error, 'SLACK_APP_TOKEN', config.apiUrl), isRefusal(error));
  }
  if (!auth.team_id || !auth.user_id || !auth.bot_id) {
    throw new SlackStartError('SLACK_BOT_TOKEN: this is not a bot token (auth.test names no bot): use the Bot User OAuth Token (xoxb-) from OAuth & Permissions', true);
  }
  return { teamId: auth.team_id, enterpriseId: auth.enterprise_id ?? null, botUserId: auth.user_id, botId: auth.bot_id };
}

function createSlackApp(config: SlackConfig, logger: Logger, deps: Omit<ListenerDeps, 'logger'>, identity: SlackIdentity): App {
  const app = new App({
    token: config.botToken,
    appToken: config.appToken,
    // Known already, so Bolt does not call auth.test again.
    botId: identity.botId,
    botUserId: identity.botUserId,
    socketMode: true,
    logger: slackLogger(logger, 'bolt'),
    logLevel: LogLevel.INFO,
    // Set explicitly: Socket Mode otherwise writes 100 retries into this object (slack.md §1).
    clientOptions: { slackApiUrl: config.apiUrl, retryConfig: { retries: 2, factor: 2 }, timeout: TIMEOUT_MS },
    installerOptions: { clientOptions: { slackApiUrl: config.apiUrl } },
  });
  watchConnection(app);
  app.use(onlyInstalledTeam(identity, logger));
  app.use(memberContext({ prefs: deps.prefs, locale: deps.locale, logger }));
  registerListeners(app, { ...deps, logger });
  app.error(async (error) => {
    logger.error({ err: error }, 'unhandled error in a Slack listener');
  });
  return app;
}

/** Socket Mode's connection state, for /healthz. Bolt keeps its receiver private; its client emits the states. */
function watchConnection(app: App): void {
  const client = (app as unknown as { receiver: SocketModeReceiver }).receiver.client;
  client.on('connected', () => metrics.setSlackConnected(true));
  for (const state of ['close', 'reconnecting', 'disconnecting', 'disconnected']) client.on(state, () => metrics.setSlackConnected(false));
}

/** The workspace of the member behind a payload, where Slack says it: events carry `user_team`, interactions `user.team_id`. */
function memberTeamOf(body: unknown): string | undefined {
  const payload = body as { event?: { user_team?: unknown; team?: unknown }; user?: { team_id?: unknown }; user_team?: unknown };
  const team = payload.event?.user_team ?? payload.event?.team ?? payload.user?.team_id ?? payload.user_team;
  return typeof team === 'string' && team !== '' ? team : undefined;
}

/**
 * Audit finding 18: in a Slack Connect channel a member of another workspace could open the subscribe
 * modal and spend this workspace's Lookups and SMS. Their payloads are acknowledged and otherwise ignored.
 */
function onlyInstalledTeam(identity: SlackIdentity, logger: Logger): Middleware<AnyMiddlewareArgs> {
  return async (args) => {
    const team = memberTeamOf(args.body);
    if (team === undefined || team === identity.teamId || team === identity.enterpriseId) {
      await args.next();
      return;
    }
    logger.info({ team }, 'ignored a payload from a member of another workspace');
    if ('ack' in args && typeof args.ack === 'function') await (args.ack as () => Promise<void>)();
  };
}

/**
 * The background poster's own client: a 429 on a busy match channel must not stall the App Home for
 * everyone, and a timed-out post must not be retried blindly (it may have gone through).
 */
export function createPosterClient(config: SlackConfig, logger: Logger): webApi.WebClient {
  return new webApi.WebClient(config.botToken, {
    slackApiUrl: config.apiUrl,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: TIMEOUT_MS,
    logger: slackLogger(logger, 'poster'),
  });
}

/** What to do about each answer Slack gives at start; every one needs the installer, no retry fixes it. */
const TOKEN_PROBLEMS: Record<string, (variable: string, code: string) => string> = {
  invalid_auth: rejected,
  not_authed: rejected,
  token_revoked: rejected,
  token_expired: rejected,
  not_allowed_token_type: (variable) =>
    variable === 'SLACK_APP_TOKEN'
      ? 'SLACK_APP_TOKEN: Slack says this is not an app-level token (not_allowed_token_type): create one with the connections:write scope under Basic Information → App-Level Tokens (it starts with xapp-)'
      : 'SLACK_BOT_TOKEN: Slack says this is not a bot token (not_allowed_token_type): copy the Bot User OAuth Token (xoxb-) from OAuth & Permissions',
  missing_scope: (variable) =>
    variable === 'SLACK_APP_TOKEN'
      ? 'SLACK_APP_TOKEN: the app-level token lacks the connections:write scope (missing_scope): add it under Basic Information → App-Level Tokens, or create a new token with it'
      : 'SLACK_BOT_TOKEN: the bot token lacks a scope (missing_scope): reinstall the app from manifest.yml',
  account_inactive: disabled,
  team_disabled: disabled,
  user_removed_from_team: disabled,
  app_missing_action_url: () => 'Slack: Socket Mode is off for this app: turn it on under Socket Mode (manifest.yml does), then start again',
};

function rejected(variable: string, code: string): string {
  return variable === 'SLACK_APP_TOKEN'
    ? `SLACK_APP_TOKEN: Slack rejected the token (${code}): create a new app-level token with connections:write under Basic Information → App-Level Tokens`
    : `SLACK_BOT_TOKEN: Slack rejected the token (${code}): copy the Bot User OAuth Token (xoxb-) from OAuth & Permissions, reinstalling the app if it was removed`;
}

function disabled(_variable: string, code: string): string {
  return `Slack: the workspace, the app or its bot user is disabled (${code}): reinstall the app, then start again`;
}

/** Slack refused the token or the app for a reason the installer must fix (as listed in TOKEN_PROBLEMS). */
function isRefusal(error: unknown): boolean {
  return error instanceof webApi.WebAPIPlatformError && Object.hasOwn(TOKEN_PROBLEMS, error.data.error);
}

/** Slack's answer at start, turned into one line for the installer. */
export function describeStartError(error: unknown, variable: 'SLACK_BOT_TOKEN' | 'SLACK_APP_TOKEN', apiUrl: string): string {
  if (error instanceof SlackStartError) return error.message;
  if (error instanceof webApi.WebAPIPlatformError) {
    const code = error.data.error;
    return TOKEN_PROBLEMS[code]?.(variable, code) ?? `${variable}: Slack refused to start (${code}): check the app's settings against manifest.yml`;
  }
  if (error instanceof webApi.WebAPIHTTPError) {
    return `Slack answered HTTP ${error.statusCode} at ${apiUrl}: check SLACK_API_URL (or leave it unset), then start again`;
  }
  if (error instanceof webApi.WebAPIRateLimitedError) {
    return `Slack is rate limiting this app (retry after ${error.retryAfter} s): start again in a minute`;
  }
  return `Slack could not be reached at ${apiUrl} (${networkCause(error)}): check the network (or SLACK_API_URL), then start again`;
}

/** The system error code (ECONNREFUSED, ENOTFOUND…) under the SDK's and fetch's wrappers, else the message. */
function networkCause(error: unknown): string {
  let current: unknown = error instanceof webApi.WebAPIRequestError ? error.original : error;
  for (let depth = 0; depth < 4 && current instanceof Error; depth += 1) {
    const code = (current as NodeJS.ErrnoException).code;
    if (typeof code === 'string' && /^E[A-Z_]+$/.test(code)) return code;
    if (current.cause === undefined) break;
    current = current.cause;
  }
  return current instanceof Error ? current.message : String(current);
}
