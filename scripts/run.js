/**
 * `npm start` and `npm run demo`: runs the compiled app in dist/, in this process (so signals from a
 * supervisor reach it directly). A checkout builds itself first when dist/ is missing or older than
 * src/ and TypeScript is installed, so `npm install && npm start` just works; a production install
 * (`npm ci --omit=dev`) has no TypeScript and runs the dist/ it was built with, or says how to get one.
 * Plain JavaScript: it must run before anything is compiled.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** 'missing' (no dist/main.js), 'stale' (a file under src/ is newer), or 'fresh'. */
export function buildState(root) {
  const built = path.join(root, 'dist', 'main.js');
  if (!existsSync(built)) return 'missing';
  const builtAt = statSync(built).mtimeMs;
  return newestIn(path.join(root, 'src')) > builtAt ? 'stale' : 'fresh';
}

function newestIn(folder) {
  if (!existsSync(folder)) return 0;
  let newest = 0;
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const full = path.join(folder, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestIn(full) : statSync(full).mtimeMs);
  }
  return newest;
}

export function typescriptInstalled(root) {
  try {
    createRequire(path.join(root, 'package.json')).resolve('typescript');
    return true;
  } catch {
    return false;
  }
}

/** What to do: 'run' dist/ as it is, 'build' first, run a 'stale' build with a warning, or 'fail'. */
export function decide(state, typescript) {
  if (state === 'fresh') return 'run';
  if (typescript) return 'build';
  return state === 'stale' ? 'stale' : 'fail';
}

function build(root) {
  // Under npm, the npm that started us; otherwise the one on PATH.
  const npm = process.env.npm_execpath;
  const result = npm
    ? spawnSync(process.execPath, [npm, 'run', 'build', '--silent'], { cwd: root, stdio: 'inherit' })
    : spawnSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  if (result.status !== 0) {
    process.stderr.write('fanfare: the build failed (see above)\n');
    process.exit(1);
  }
}

async function main() {
  const entry = process.argv[2] ?? 'main.js';
  const action = decide(buildState(ROOT), typescriptInstalled(ROOT));
  if (action === 'fail') {
    process.stderr.write('fanfare: dist/ is missing: run `npm run build` first (it needs the dev dependencies: `npm ci`), or install dev dependencies and `npm start` builds it\n');
    process.exit(1);
  }
  if (action === 'stale') process.stderr.write('fanfare: dist/ is older than src/ and TypeScript is not installed to rebuild it; running dist/ as it is\n');
  if (action === 'build') build(ROOT);
  const script = path.join(ROOT, 'dist', entry);
  // What the app sees is what `node dist/<entry> args…` would give it.
  process.argv.splice(1, 2, script);
  process.setSourceMapsEnabled(true);
  await import(pathToFileURL(script).href);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
