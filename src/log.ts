import { createRequire } from 'node:module';
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

/**
 * JSON lines for log collectors; readable lines (pino-pretty) for a person at a terminal. By default a
 * terminal is stdout being a TTY: under systemd, Docker or a pipe the logs stay JSON.
 */
export function createLogger(level: string, destination?: pino.DestinationStream, options: { readable?: boolean } = {}): Logger {
  const readable = options.readable ?? (destination === undefined && process.stdout.isTTY === true);
  const out = readable
    ? // Colours follow pino-pretty's own terminal check (NO_COLOR turns them off); never in a given stream.
      // Loaded only for a terminal: a service writing JSON never pays for it (about 10 MB of RSS).
      loadPretty()({ destination: destination ?? 1, ...(destination ? { colorize: false } : {}), translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname,app', sync: true })
    : destination;
  return pino({ level, base: { app: 'fanfare' }, redact: { paths: REDACT, censor: '[redacted]' } }, out);
}

function loadPretty(): typeof import('pino-pretty') {
  return createRequire(import.meta.url)('pino-pretty') as typeof import('pino-pretty');
}
