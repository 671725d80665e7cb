import { LogLevel, type Logger as SlackLogger } from '@slack/bolt';
import type { Logger } from '../log.js';

/** Bolt and the Slack SDK log through pino, so their lines share Fanfare's format and redaction. */
export function slackLogger(logger: Logger, name = 'slack'): SlackLogger {
  let child = logger.child({ component: name });
  let level = LogLevel.INFO;
  return {
    debug: (...msg: unknown[]) => child.debug(msg.map(String).join(' ')),
    info: (...msg: unknown[]) => child.info(msg.map(String).join(' ')),
    warn: (...msg: unknown[]) => child.warn(msg.map(String).join(' ')),
    error: (...msg: unknown[]) => child.error(msg.map(String).join(' ')),
    setLevel: (next: LogLevel) => {
      level = next;
    },
    getLevel: () => level,
    setName: (next: string) => {
      child = logger.child({ component: next });
    },
  };
}
