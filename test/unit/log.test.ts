import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log.js';

describe('logger', () => {
  it('never writes a token, secret or code that rides along in a logged object (SPEC X1)', () => {
    const lines: string[] = [];
    const logger = createLogger('info', { write: (line: string) => lines.push(line) });
    logger.info(
      {
        slack: { botToken: 'xoxb-secret-1', appToken: 'xapp-secret-2' },
        twilio: { authToken: 'tw-secret-3' },
        verify: { code: '123456' },
        request: { headers: { authorization: 'Bearer xoxb-secret-4' } },
        config: { slack: { botToken: 'xoxb-secret-5' } },
      },
      'something happened',
    );
    const output = lines.join('');
    expect(output).toContain('something happened');
    for (const secret of ['xoxb-secret-1', 'xapp-secret-2', 'tw-secret-3', '123456', 'xoxb-secret-4', 'xoxb-secret-5']) {
      expect(output).not.toContain(secret);
    }
  });
});
