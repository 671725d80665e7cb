import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { demoPhrases } from '../../src/demo/messages.js';
import { parseDemoArgs, shouldUseColor } from '../../src/demo/options.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

interface Exit {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in `cwd` (by absolute paths, so a temp directory with its own .env works). */
function demo(args: string[], env: Record<string, string> = {}, cwd = ROOT): Promise<Exit> {
  return new Promise((resolve) => {
    const clean = Object.fromEntries(
      Object.entries(process.env).filter(([name]) => !['LOCALE', 'FORCE_COLOR', 'NO_COLOR', 'LOG_LEVEL'].includes(name)),
    );
    execFile(
      process.execPath,
      ['--import', pathToFileURL(path.join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href, path.join(ROOT, 'src/demo/cli.ts'), ...args],
      { cwd, env: { ...clean, ...env }, timeout: 15_000 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : null;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

describe('npm run demo', () => {
  it('replays the whole match and exits 0 with --instant', async () => {
    const run = await demo(['--instant']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout.split('\n')[0]).toBe(demoPhrases('en-GB').intro);
    expect(run.stdout).toContain('Argentina 3–3 France');
    expect(run.stdout.trimEnd().endsWith(demoPhrases('en-GB').done)).toBe(true);
    // Not a terminal and no FORCE_COLOR: plain text.
    expect(run.stdout).not.toContain('\u001b[');
  });

  it('takes its language from LOCALE and colour from FORCE_COLOR', async () => {
    const run = await demo(['--speed', '0'], { LOCALE: 'es-ES', FORCE_COLOR: '1' });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(demoPhrases('es-ES').done);
    expect(run.stdout).toContain('\u001b[1m');
  });

  it('refuses a bad option with one line on stderr and a non-zero exit', async () => {
    const run = await demo(['--speed', 'fast']);
    expect(run.code).not.toBe(0);
    expect(run.stdout).toBe('');
    expect(run.stderr.trimEnd().split('\n')).toEqual([`fanfare demo: ${demoPhrases('en-GB').badSpeed('fast')}`]);
  });

  it('reads .env like npm start: its LOCALE applies, and a bad line is named', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'fanfare-demo-'));
    try {
      await writeFile(path.join(dir, '.env'), 'LOCALE=es-ES\n');
      const run = await demo(['--instant'], {}, dir);
      expect(run.code).toBe(0);
      expect(run.stdout).toContain(demoPhrases('es-ES').done);

      await writeFile(path.join(dir, '.env'), 'LOCALE es-ES\n');
      const bad = await demo(['--instant'], {}, dir);
      expect(bad.code).not.toBe(0);
      expect(bad.stderr.trimEnd().split('\n')).toEqual(['fanfare demo: .env line 1: not a NAME=value line (no "=")']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('prints its usage with --help and exits 0', async () => {
    const run = await demo(['--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('--speed');
    expect(run.stdout).toContain('--instant');
    expect(run.stdout).toContain('--locale');
  });
});

describe('demo options', () => {
  it('defaults to speed 1 in the LOCALE language, else British English', () => {
    expect(parseDemoArgs([], {})).toEqual({ ok: true, args: { speed: 1, locale: 'en-GB', help: false } });
    expect(parseDemoArgs([], { LOCALE: 'pt-BR' })).toEqual({ ok: true, args: { speed: 1, locale: 'pt-BR', help: false } });
  });

  it('reads --speed, --instant and --locale in both spellings', () => {
    expect(parseDemoArgs(['--speed', '4'], {})).toMatchObject({ ok: true, args: { speed: 4 } });
    expect(parseDemoArgs(['--speed=2.5'], {})).toMatchObject({ ok: true, args: { speed: 2.5 } });
    expect(parseDemoArgs(['--speed', '0'], {})).toMatchObject({ ok: true, args: { speed: 0 } });
    expect(parseDemoArgs(['--instant'], {})).toMatchObject({ ok: true, args: { speed: 0 } });
    expect(parseDemoArgs(['--locale', 'fr-FR'], { LOCALE: 'de-DE' })).toMatchObject({ ok: true, args: { locale: 'fr-FR' } });
    expect(parseDemoArgs(['--locale=de-DE'], {})).toMatchObject({ ok: true, args: { locale: 'de-DE' } });
    expect(parseDemoArgs(['-h'], {})).toMatchObject({ ok: true, args: { help: true } });
  });

  it('rejects what it cannot use, in the language it knows so far', () => {
    expect(parseDemoArgs(['--speed', '-1'], {})).toMatchObject({ ok: false, error: demoPhrases('en-GB').badSpeed('-1') });
    expect(parseDemoArgs(['--speed'], {})).toMatchObject({ ok: false });
    expect(parseDemoArgs(['--speed', 'Infinity'], {})).toMatchObject({ ok: false });
    expect(parseDemoArgs(['--locale', 'it-IT'], {})).toMatchObject({ ok: false });
    expect(parseDemoArgs(['--fast'], { LOCALE: 'fr-FR' })).toMatchObject({ ok: false, error: demoPhrases('fr-FR').unknownOption('--fast') });
    expect(parseDemoArgs([], { LOCALE: 'xx' })).toMatchObject({ ok: false });
    // A valid --locale overrides an unusable LOCALE.
    expect(parseDemoArgs(['--locale', 'en-GB'], { LOCALE: 'xx' })).toMatchObject({ ok: true });
  });

  it('uses colour on a terminal unless NO_COLOR, and whenever FORCE_COLOR says so', () => {
    expect(shouldUseColor({ isTTY: true }, {})).toBe(true);
    expect(shouldUseColor({ isTTY: false }, {})).toBe(false);
    expect(shouldUseColor({}, {})).toBe(false);
    expect(shouldUseColor({ isTTY: true }, { NO_COLOR: '1' })).toBe(false);
    expect(shouldUseColor({ isTTY: true }, { NO_COLOR: '' })).toBe(true);
    expect(shouldUseColor({ isTTY: false }, { FORCE_COLOR: '1' })).toBe(true);
    expect(shouldUseColor({ isTTY: false }, { FORCE_COLOR: '' })).toBe(true);
    expect(shouldUseColor({ isTTY: true }, { FORCE_COLOR: '0' })).toBe(false);
    expect(shouldUseColor({ isTTY: true }, { NO_COLOR: '1', FORCE_COLOR: '1' })).toBe(true);
  });
});
