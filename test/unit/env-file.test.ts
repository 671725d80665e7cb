import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { envFileProblems, loadEnvFile } from '../../src/env-file.js';

describe('.env lines', () => {
  it('accepts NAME=value, export, quotes (multi-line too), comments and blank lines', () => {
    const text = [
      '# Slack',
      'SLACK_BOT_TOKEN=xoxb-1-2-abc',
      'export LOCALE=fr-FR',
      '  SLACK_CHANNEL = C0123456789  ',
      'TITLE="a # b"',
      "KEY='-----BEGIN",
      "line two'",
      'EMPTY=',
      '',
    ].join('\n');
    expect(envFileProblems(text)).toEqual([]);
  });

  it('names the line and what is wrong, without quoting it', () => {
    const text = ['LOCALE=en-GB', 'SLACK_BOT_TOKEN: xoxb-secret', 'xapp-secret', 'MY VAR=1', 'NOTE="unclosed', 'LATER=1'].join('\n');
    const problems = envFileProblems(text);
    expect(problems).toEqual([
      '.env line 2: write NAME=value, with "=" rather than ":"',
      '.env line 3: not a NAME=value line (no "=")',
      '.env line 4: the part before "=" is not a variable name (letters, digits and _ only, no spaces)',
      '.env line 5: the value opens a quote (") that is never closed',
    ]);
    expect(problems.join('\n')).not.toMatch(/secret/);
  });
});

describe('loading .env', () => {
  let dir = '';
  afterEach(async () => {
    delete process.env.FANFARE_ENV_TEST;
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('loads a clean file, leaves a set variable alone, and loads nothing from a file with a bad line', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'fanfare-env-'));
    const good = path.join(dir, 'good.env');
    await writeFile(good, 'FANFARE_ENV_TEST=from-file\n');
    expect(loadEnvFile(good)).toEqual([]);
    expect(process.env.FANFARE_ENV_TEST).toBe('from-file');

    process.env.FANFARE_ENV_TEST = 'from-shell';
    expect(loadEnvFile(good)).toEqual([]);
    expect(process.env.FANFARE_ENV_TEST).toBe('from-shell');

    delete process.env.FANFARE_ENV_TEST;
    const bad = path.join(dir, 'bad.env');
    await writeFile(bad, 'FANFARE_ENV_TEST=from-bad-file\nOOPS\n');
    expect(loadEnvFile(bad)).toEqual([`${bad} line 2: not a NAME=value line (no "=")`]);
    expect(process.env.FANFARE_ENV_TEST).toBeUndefined();
    expect(loadEnvFile(path.join(dir, 'absent.env'))).toEqual([]);
  });
});
