/**
 * `npm run demo -- [--speed N | --instant] [--locale LOCALE]`: the offline demo from the command line.
 * Exits 0 when the replay ends; on a bad option or a failure, one line on stderr and a non-zero exit.
 */
import pino from 'pino';
import { loadEnvFile } from '../env-file.js';
import { createLogger } from '../log.js';
import { demoPhrases } from './messages.js';
import { parseDemoArgs, shouldUseColor } from './options.js';
import { runDemo } from './run.js';

const PREFIX = 'fanfare demo: ';
const LEVELS = new Set(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']);

function fail(line: string, code: number): void {
  process.stderr.write(`${PREFIX}${line}\n`);
  process.exitCode = code;
}

async function main(): Promise<void> {
  // The same .env as `npm start`, so LOCALE and LOG_LEVEL set there apply here too.
  const envProblems = loadEnvFile('.env');
  if (envProblems.length > 0) {
    for (const line of envProblems) fail(line, 1);
    return;
  }
  const parsed = parseDemoArgs(process.argv.slice(2), process.env);
  if (!parsed.ok) return fail(parsed.error, 2);
  const { args } = parsed;
  const words = demoPhrases(args.locale);
  if (args.help) {
    process.stdout.write(`${words.usage('npm run demo --')}\n`);
    return;
  }

  // A reader closing the pipe (`| head`) is the end of the show, not an error.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') process.stderr.write(`${PREFIX}${words.failed(error.message)}\n`);
    process.exit(error.code === 'EPIPE' ? 0 : 1);
  });

  // Logs go to stderr so they never interleave with the thread on stdout; quiet unless asked for.
  const requested = (process.env.LOG_LEVEL ?? '').toLowerCase();
  const logger = createLogger(LEVELS.has(requested) ? requested : 'warn', pino.destination(2));
  try {
    await runDemo({
      speed: args.speed,
      locale: args.locale,
      out: process.stdout,
      color: shouldUseColor(process.stdout, process.env),
      logger,
    });
  } catch (error) {
    fail(words.failed(error instanceof Error ? error.message : String(error)), 1);
  }
}

await main();
