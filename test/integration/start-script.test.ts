/**
 * `npm start` the way installs run it: a production install (no TypeScript) runs the dist/ it has, or
 * says in one line how to get one, never `tsc: not found`; a newcomer's checkout builds itself first.
 */
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
// @ts-expect-error: plain JavaScript without declarations (it runs before anything is compiled)
import { buildState, decide } from '../../scripts/run.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const roots: string[] = [];

afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

/** An install folder holding this repository's package.json and start script, and what `files` adds. */
function install(files: Record<string, string> = {}): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'fanfare-start-'));
  roots.push(root);
  cpSync(path.join(ROOT, 'package.json'), path.join(root, 'package.json'));
  cpSync(path.join(ROOT, 'scripts'), path.join(root, 'scripts'), { recursive: true });
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  }
  return root;
}

/** `npm <args>` in `root`, with only node and npm on PATH (no node_modules/.bin, as in a production install). */
function npm(root: string, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn('npm', args, {
      cwd: root,
      env: { PATH: path.dirname(process.execPath) + path.delimiter + '/usr/bin:/bin', HOME: process.env.HOME ?? '', NODE_ENV: 'production' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

const FAKE_MAIN = "console.log('fanfare ran', JSON.stringify(process.argv.slice(2)));\n";

describe('npm start in a production install (no dev dependencies)', () => {
  it('runs the built app in dist/, passing arguments on', async () => {
    const root = install({ 'dist/main.js': FAKE_MAIN });
    const result = await npm(root, ['start', '--silent', '--', '--flag']);
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain('fanfare ran ["--flag"]');
    expect(result.code).toBe(0);
  }, 60_000);

  it('without dist/, says in one line to build first, and exits non-zero (not "tsc: not found")', async () => {
    const root = install({ 'src/main.ts': 'export {};\n' });
    const result = await npm(root, ['start', '--silent']);
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toEqual([expect.stringContaining('run `npm run build` first')]);
    expect(result.stderr).not.toContain('tsc');
  }, 60_000);

  it('with a dist/ older than src/, runs it and says so', async () => {
    const root = install({ 'dist/main.js': FAKE_MAIN, 'src/main.ts': 'export {};\n' });
    const later = new Date(Date.now() + 60_000);
    utimesSync(path.join(root, 'src/main.ts'), later, later);
    const result = await npm(root, ['start', '--silent']);
    expect(result.stdout).toContain('fanfare ran');
    expect(result.stderr).toContain('older than src/');
    expect(result.code).toBe(0);
  }, 60_000);
});

describe('npm run demo in a newcomer’s checkout (dev dependencies installed)', () => {
  it('builds dist/ first when it is missing, then runs it; the next start does not build again', async () => {
    const root = install();
    for (const file of ['src', 'tsconfig.json', 'tsconfig.build.json']) cpSync(path.join(ROOT, file), path.join(root, file), { recursive: true });
    symlinkSync(path.join(ROOT, 'node_modules'), path.join(root, 'node_modules'), 'dir');

    const first = await npm(root, ['run', 'demo', '--silent', '--', '--help']);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('--speed');
    const builtAt = statSync(path.join(root, 'dist/main.js')).mtimeMs;

    const second = await npm(root, ['run', 'demo', '--silent', '--', '--help']);
    expect(second.code).toBe(0);
    expect(statSync(path.join(root, 'dist/main.js')).mtimeMs).toBe(builtAt);
  }, 180_000);
});

describe('the start decision', () => {
  it('builds only when it can, and runs an old build rather than none', () => {
    expect(decide('fresh', false)).toBe('run');
    expect(decide('fresh', true)).toBe('run');
    expect(decide('stale', true)).toBe('build');
    expect(decide('missing', true)).toBe('build');
    expect(decide('stale', false)).toBe('stale');
    expect(decide('missing', false)).toBe('fail');
  });

  it('reads the build state from dist/main.js and src/', () => {
    const root = install();
    expect(buildState(root)).toBe('missing');
    mkdirSync(path.join(root, 'dist'));
    mkdirSync(path.join(root, 'src/deep'), { recursive: true });
    writeFileSync(path.join(root, 'src/deep/a.ts'), '');
    const earlier = new Date(Date.now() - 60_000);
    utimesSync(path.join(root, 'src/deep/a.ts'), earlier, earlier);
    writeFileSync(path.join(root, 'dist/main.js'), '');
    expect(buildState(root)).toBe('fresh');
    const later = new Date(Date.now() + 60_000);
    utimesSync(path.join(root, 'src/deep/a.ts'), later, later);
    expect(buildState(root)).toBe('stale');
  });
});

