import pino, { type Logger } from 'pino';

export type { Logger };

/**
 * Paths whose values never reach a log line (SPEC X1). Phone numbers are masked where they are logged
 * (see maskPhone); these cover tokens and codes that might ride along in an object.
 */
const REDACT = [
  '*.token', '*.botToken', '*.appToken', '*.authToken', '*.clientSecret', '*.accessToken', '*.code',
  '*.password', 'headers.authorization', '*.headers.authorization', 'config.slack', 'config.twilio', 'config.twitch',
];

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino({ level, base: { app: 'fanfare' }, redact: { paths: REDACT, censor: '[redacted]' } }, destination);
}
