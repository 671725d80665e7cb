/**
 * Command-line and environment → demo options. Pure, so the CLI and main.ts decide the same way.
 */
import { isLocale, LOCALES, type Locale } from '../alerts/i18n/locales.js';
import { demoPhrases } from './messages.js';

export interface DemoArgs {
  /** 1 = the default pace (about 40 s); 0 = no waiting. */
  speed: number;
  locale: Locale;
  help: boolean;
}

export type DemoArgsResult = { ok: true; args: DemoArgs } | { ok: false; error: string; locale: Locale };

type Env = Readonly<Record<string, string | undefined>>;

/** LOCALE when it names a supported locale, else en-GB (an unsupported one is reported by parseDemoArgs). */
export function envLocale(env: Env): Locale {
  const value = env.LOCALE;
  return value !== undefined && isLocale(value) ? value : 'en-GB';
}

/** `--speed 4`, `--speed=4`, `--instant`, `--locale fr-FR`, `--locale=fr-FR`, `--help`/`-h`. Later flags win. */
export function parseDemoArgs(argv: readonly string[], env: Env): DemoArgsResult {
  let locale: Locale = envLocale(env);
  let speed = 1;
  let help = false;
  const fail = (error: string): DemoArgsResult => ({ ok: false, error, locale });

  const envValue = env.LOCALE;
  let localeProblem: string | null = envValue !== undefined && envValue !== '' && !isLocale(envValue) ? envValue : null;

  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? '';
    const eq = arg.indexOf('=');
    const name = arg.startsWith('--') && eq !== -1 ? arg.slice(0, eq) : arg;
    const inline = arg.startsWith('--') && eq !== -1 ? arg.slice(eq + 1) : undefined;
    const value = (): string | undefined => {
      if (inline !== undefined) return inline;
      i += 1;
      return argv[i];
    };
    switch (name) {
      case '--help':
      case '-h':
        help = true;
        break;
      case '--instant':
        speed = 0;
        break;
      case '--speed': {
        const text = value();
        const parsed = text === undefined || text.trim() === '' ? Number.NaN : Number(text);
        if (!Number.isFinite(parsed) || parsed < 0) return fail(demoPhrases(locale).badSpeed(text ?? ''));
        speed = parsed;
        break;
      }
      case '--locale': {
        const text = value() ?? '';
        if (!isLocale(text)) return fail(demoPhrases(locale).badLocale(text, LOCALES.join(', ')));
        locale = text;
        localeProblem = null;
        break;
      }
      default:
        return fail(demoPhrases(locale).unknownOption(arg));
    }
  }
  if (localeProblem !== null && !help) return fail(demoPhrases(locale).badLocale(localeProblem, LOCALES.join(', ')));
  return { ok: true, args: { speed, locale, help } };
}

/**
 * Colour when writing to a terminal and NO_COLOR is not set (no-color.org), or whenever FORCE_COLOR asks
 * for it; FORCE_COLOR=0/false forces it off.
 */
export function shouldUseColor(stream: { isTTY?: boolean }, env: Env): boolean {
  const force = env.FORCE_COLOR;
  if (force !== undefined) return !(force === '0' || force.toLowerCase() === 'false');
  const noColor = env.NO_COLOR;
  if (noColor !== undefined && noColor !== '') return false;
  return stream.isTTY === true;
}
