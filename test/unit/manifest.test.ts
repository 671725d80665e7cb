/**
 * manifest.yml against the code: every event a listener handles is subscribed, every bot scope is one
 * some code needs (SPEC: ask for nothing unused), and the slash command's usage hint lists every command.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../src/slack/command-parser.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const manifest = readFileSync(path.join(ROOT, 'manifest.yml'), 'utf8');

/** The `- item` entries of the YAML list under `key:` (comments dropped); enough for this flat file. */
function list(key: string): string[] {
  const lines = manifest.split('\n');
  const start = lines.findIndex((line) => line.trim() === `${key}:`);
  if (start === -1) throw new Error(`manifest.yml has no ${key}`);
  const items: string[] = [];
  for (const line of lines.slice(start + 1)) {
    const item = /^\s*-\s+([^\s#]+)/.exec(line);
    if (!item?.[1]) break;
    items.push(item[1]);
  }
  return items;
}

function sources(dir: string): string {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => readFileSync(path.join(entry.parentPath, entry.name), 'utf8'))
    .join('\n');
}

const code = sources(path.join(ROOT, 'src'));

/** Each bot scope and what in the code needs it. */
const NEEDED_BY: Record<string, RegExp> = {
  'app_mentions:read': /app\.event\('app_mention'/,
  'channels:history': /conversations\.(history|replies)\(/,
  'channels:join': /conversations\.join\(/,
  'chat:write': /chat\.(postMessage|update|postEphemeral)\(/,
  // Posting to the match channel before (or without) joining it.
  'chat:write.public': /chat\.postMessage\(/,
  commands: /app\.command\('\/fanfare'/,
  'groups:history': /conversations\.(history|replies)\(/,
  // Whether Fanfare is in a private channel an admin picked.
  'groups:read': /conversations\.info\(/,
  'users:read': /users\.(info|list)\(/,
};

describe('manifest.yml', () => {
  it('asks only for bot scopes that some code needs', () => {
    const scopes = list('bot');
    expect(scopes.length).toBeGreaterThan(0);
    for (const scope of scopes) {
      expect(NEEDED_BY, `${scope} is not known to be needed`).toHaveProperty([scope]);
      expect(code, `nothing in src needs ${scope}`).toMatch(NEEDED_BY[scope] as RegExp);
    }
    expect(scopes).not.toContain('channels:read');
  });

  it('subscribes to every event a listener handles, and to user_change', () => {
    const events = list('bot_events');
    const handled = [...code.matchAll(/app\.event\('([a-z_]+)'/g)].map((m) => m[1]);
    expect(handled.length).toBeGreaterThan(0);
    for (const event of handled) expect(events).toContain(event);
    expect(events).toContain('user_change');
  });

  it('lists every /fanfare command in the usage hint, each one the parser understands', () => {
    const hint = /usage_hint:\s*"([^"]+)"/.exec(manifest)?.[1] ?? '';
    const kinds = hint
      .split('|')
      .map((entry) => parseCommand(entry.trim().replace('<team>', 'argentina').replace('<login>', 'shroud')).kind);
    expect(kinds).not.toContain('unknown');
    expect(new Set(kinds)).toEqual(new Set(['help', 'follow', 'unfollow', 'streamer-add', 'streamer-remove', 'subscribe', 'status', 'stop']));
  });
});
