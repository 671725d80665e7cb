/**
 * The Bolt app in Socket Mode: no public URL. SLACK_API_URL reaches every Web API call and the
 * Socket Mode connection (apps.connections.open), because Bolt hands `clientOptions` to both.
 */
import { App, LogLevel, webApi } from '@slack/bolt';
import type { SlackConfig } from '../config.js';
import type { Logger } from '../log.js';
import { slackLogger } from './bolt-logger.js';
import { registerListeners, type ListenerDeps } from './listeners/index.js';

/** Every call answers within this, or counts as failed. The web-api default is no timeout at all. */
const TIMEOUT_MS = 10_000;

export function createSlackApp(config: SlackConfig, logger: Logger, deps: Omit<ListenerDeps, 'logger'>): App {
  const app = new App({
    token: config.botToken,
    appToken: config.appToken,
    socketMode: true,
    logger: slackLogger(logger, 'bolt'),
    logLevel: LogLevel.INFO,
    // Set explicitly: Socket Mode otherwise writes 100 retries into this object (slack.md §1).
    clientOptions: { slackApiUrl: config.apiUrl, retryConfig: { retries: 2, factor: 2 }, timeout: TIMEOUT_MS },
    installerOptions: { clientOptions: { slackApiUrl: config.apiUrl } },
  });
  registerListeners(app, { ...deps, logger });
  app.error(async (error) => {
    logger.error({ err: error }, 'unhandled error in a Slack listener');
  });
  return app;
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

/** Slack's answers at start that no retry will fix, turned into one line for the installer. */
export function describeStartError(error: unknown): string | null {
  const code = (error as { data?: { error?: string } })?.data?.error ?? (error as { code?: string })?.code;
  switch (code) {
    case 'invalid_auth':
    case 'not_authed':
    case 'account_inactive':
    case 'token_revoked':
      return `SLACK_BOT_TOKEN or SLACK_APP_TOKEN: Slack rejected the token (${code})`;
    case 'not_allowed_token_type':
      return 'SLACK_APP_TOKEN: not an app-level token with connections:write';
    case 'team_disabled':
    case 'user_removed_from_team':
      return `Slack: the workspace or app is disabled (${code})`;
    default:
      return null;
  }
}
