import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log.js';

const SECRETS = {
  slack: { botToken: 'xoxb-secret-1', appToken: 'xapp-secret-2' },
  twilio: { authToken: 'tw-secret-3' },
  verify: { code: '123456' },
  request: { headers: { authorization: 'Bearer xoxb-secret-4' } },
  config: { slack: { botToken: 'xoxb-secret-5' } },
};

function capture(readable: boolean): { lines: string[]; logger: ReturnType<typeof createLogger> } {
  const lines: string[] = [];
  const out = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  const logger = createLogger('info', out, { readable });
  return { lines, logger };
}

describe('logger', () => {
  it.each([false, true])('never writes a token, secret or code that rides along in a logged object (SPEC X1), readable: %s', (readable) => {
    const { lines, logger } = capture(readable);
    logger.info(SECRETS, 'something happened');
    const output = lines.join('');
    expect(output).toContain('something happened');
    for (const secret of ['xoxb-secret-1', 'xapp-secret-2', 'tw-secret-3', '123456', 'xoxb-secret-4', 'xoxb-secret-5']) {
      expect(output).not.toContain(secret);
    }
  });

  it('writes JSON lines for collectors', () => {
    const { lines, logger } = capture(false);
    logger.warn({ match: 'm1' }, 'match poll failed');
    expect(JSON.parse(lines.join(''))).toMatchObject({ level: 40, msg: 'match poll failed', match: 'm1' });
  });

  it('writes a readable line for a terminal: level, message and fields, not JSON', () => {
    const { lines, logger } = capture(true);
    logger.warn({ match: 'm1' }, 'match poll failed');
    const output = lines.join('');
    expect(() => JSON.parse(output)).toThrow();
    expect(output).toMatch(/WARN.*match poll failed/);
    expect(output).toContain('match: "m1"');
  });
});
