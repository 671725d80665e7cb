import { LogLevel, type Logger as SlackLogger } from '@slack/bolt';
import type { Logger } from '../log.js';

/**
 * The SDK's debug lines quote whole payloads (what members typed: phone numbers, codes). Only the words
 * before the payload are kept, so even LOG_LEVEL=debug never writes them (SPEC X1).
 */
export function withoutPayload(text: string): string {
  const payload = text.search(/[{[]/);
  return payload === -1 ? text : `${text.slice(0, payload).trimEnd()} [payload omitted]`;
}

/** Bolt and the Slack SDK log through pino, so their lines share Fanfare's format and redaction. */
export function slackLogger(logger: Logger, name = 'slack'): SlackLogger {
  let child = logger.child({ component: name });
  let level = LogLevel.INFO;
  return {
    debug: (...msg: unknown[]) => child.debug(withoutPayload(msg.map(String).join(' '))),
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
