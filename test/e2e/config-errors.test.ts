import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startApp, tempDir } from './harness.js';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((c) => c()));
});

async function run(env: Record<string, string>, dotEnv?: string) {
  const { dir, remove } = await tempDir();
  cleanups.push(remove);
  if (dotEnv !== undefined) await writeFile(path.join(dir, '.env'), dotEnv);
  const app = startApp(env, dir);
  const exit = await app.exited;
  return { exit, stderr: app.stderr(), stdout: app.stdout() };
}

describe('starting with a bad configuration', () => {
  it('prints one line per bad variable, no stack trace, and exits non-zero', async () => {
    const { exit, stderr } = await run({
      SLACK_BOT_TOKEN: 'xoxb-1',
      SLACK_APP_TOKEN: 'xapp-1',
      LOCALE: 'it-IT',
      MATCH_POLL_SECONDS: '0',
      TWILIO_ACCOUNT_SID: `AC${'1'.repeat(32)}`,
    });
    expect(exit.code).not.toBe(0);
    const lines = stderr.trim().split('\n');
    expect(lines).toEqual(
      expect.arrayContaining([
        'fanfare: LOCALE: must be one of en-GB, pt-BR, fr-FR, es-ES, de-DE, got "it-IT"',
        'fanfare: MATCH_POLL_SECONDS: must be at least 0.2, got 0',
        expect.stringMatching(/^fanfare: TWILIO_AUTH_TOKEN: missing/),
        expect.stringMatching(/^fanfare: TWILIO_MESSAGING_SERVICE_SID: missing/),
      ]),
    );
    expect(lines).toHaveLength(4);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('says clearly when the store cannot be opened', async () => {
    const { exit, stderr } = await run({
      SLACK_BOT_TOKEN: 'xoxb-1',
      SLACK_APP_TOKEN: 'xapp-1',
      STORE_URL: 'sqlite:///dev/null/fanfare.sqlite',
    });
    expect(exit.code).not.toBe(0);
    expect(stderr).toMatch(/^fanfare: STORE_URL: /);
    expect(stderr.trim().split('\n')).toHaveLength(1);
  });

  it('names the .env line it cannot read, without quoting it', async () => {
    const { exit, stderr } = await run({}, 'SLACK_APP_TOKEN=xapp-1\nSLACK_BOT_TOKEN: xoxb-secret\nLOCALE=en-GB\n');
    expect(exit.code).not.toBe(0);
    expect(stderr.trimEnd().split('\n')).toEqual(['fanfare: .env line 2: write NAME=value, with "=" rather than ":"']);
  });

  it('says which Slack token goes where when they are swapped in .env', async () => {
    const { exit, stderr } = await run({}, 'SLACK_BOT_TOKEN=xapp-1-A1-2\nSLACK_APP_TOKEN=xoxb-1-2-3\n');
    expect(exit.code).not.toBe(0);
    expect(stderr.trimEnd().split('\n')).toEqual([
      expect.stringMatching(/^fanfare: SLACK_BOT_TOKEN: .*app-level token \(xapp…\), which goes in SLACK_APP_TOKEN/),
      expect.stringMatching(/^fanfare: SLACK_APP_TOKEN: .*bot token \(xoxb…\), which goes in SLACK_BOT_TOKEN/),
    ]);
    expect(stderr).not.toMatch(/A1-2|1-2-3/);
  });
});
