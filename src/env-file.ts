/**
 * The `.env` file, loaded like `process.loadEnvFile` but checked first. Node's parser passes over a line
 * it cannot read without a word, or worse folds it into the next variable's name (`NAME: value` on one
 * line makes the next variable vanish), so a newcomer's slip would look like a variable never set.
 */
import { existsSync, readFileSync } from 'node:fs';

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const QUOTES = ['"', "'", '`'];

/** One line per line that is not `NAME=value`, a comment or blank; never quotes the line (it may hold a secret). */
export function envFileProblems(text: string, file = '.env'): string[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const problems: string[] = [];
  for (let i = 0; i < lines.length; i += 1) {
    const line = (lines[i] ?? '').trim();
    const at = `${file} line ${i + 1}`;
    if (line === '' || line.startsWith('#')) continue;
    const eq = line.indexOf('=');
    if (eq === -1) {
      problems.push(/^(export\s+)?[A-Za-z_][A-Za-z0-9_]*\s*:/.test(line) ? `${at}: write NAME=value, with "=" rather than ":"` : `${at}: not a NAME=value line (no "=")`);
      continue;
    }
    const name = line.slice(0, eq).trim().replace(/^export\s+/, '');
    if (!NAME.test(name)) {
      problems.push(`${at}: the part before "=" is not a variable name (letters, digits and _ only, no spaces)`);
      continue;
    }
    const value = line.slice(eq + 1).trim();
    const quote = QUOTES.find((q) => value.startsWith(q));
    if (quote === undefined || value.indexOf(quote, 1) !== -1) continue;
    // A quoted value may span lines; it must close somewhere.
    const closing = lines.findIndex((next, j) => j > i && next.includes(quote));
    if (closing === -1) {
      problems.push(`${at}: the value opens a quote (${quote}) that is never closed`);
      break;
    }
    i = closing;
  }
  return problems;
}

/** Loads `path` into process.env (set variables win) when it exists and reads cleanly; returns the problems otherwise. */
export function loadEnvFile(path = '.env'): string[] {
  if (!existsSync(path)) return [];
  try {
    const problems = envFileProblems(readFileSync(path, 'utf8'), path);
    if (problems.length === 0) process.loadEnvFile(path);
    return problems;
  } catch (error) {
    return [`${path}: cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`];
  }
}
