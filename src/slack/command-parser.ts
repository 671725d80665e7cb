/**
 * What members type after `/fanfare` or `@Fanfare`, turned into a command. Pure: no lookup, no validation
 * beyond shape. Team names and phone numbers are returned as typed; the flows resolve and check them.
 */
import type { SinkLevel } from '../alerts/levels.js';
import { LOCALES, type Locale } from '../alerts/i18n/locales.js';
import { parseQuietHours, type QuietHours } from '../alerts/quiet-hours.js';

export type FanfareCommand =
  | { kind: 'help' }
  | { kind: 'follow'; team: string }
  | { kind: 'unfollow'; team: string }
  | { kind: 'streamer-add'; login: string }
  | { kind: 'streamer-remove'; login: string }
  | { kind: 'subscribe'; number: string | null }
  | { kind: 'status' }
  | { kind: 'stop' }
  | { kind: 'competitions' }
  | { kind: 'competition-add'; query: string }
  | { kind: 'competition-remove'; query: string }
  | { kind: 'unknown'; text: string }
  | { kind: 'missing-argument'; command: 'follow' | 'unfollow' | 'streamer add' | 'streamer remove' | 'competition add' | 'competition remove' }
  /** `/fanfare dm off|goals|cards|all`, `/fanfare sms off|goals|cards|all` (SPEC P1); level null: not one of those. */
  | { kind: 'dm-level'; level: SinkLevel | null }
  | { kind: 'sms-level'; level: SinkLevel | null }
  /** `/fanfare dm streamers on|off`, `/fanfare sms streamers on|off` (SPEC P1); on null: neither. */
  | { kind: 'streams'; sink: 'dm' | 'sms'; on: boolean | null }
  /** `/fanfare language en-GB|pt-BR|fr-FR|es-ES|de-DE|auto` (SPEC P3); `auto` clears the choice, null: none of those. */
  | { kind: 'language'; language: Locale | 'auto' | null }
  /** `/fanfare quiet HH:MM-HH:MM|off` (SPEC P4); null: neither. */
  | { kind: 'quiet'; hours: QuietHours | 'off' | null }
  /** `/fanfare remind off|15|60` (SPEC P5); null: none of those. */
  | { kind: 'remind'; minutes: 15 | 60 | 'off' | null };

/** What members type for each level; `all` is what the help shows, `everything` what the App Home says. */
const LEVEL_WORDS: Record<string, SinkLevel> = { off: 'off', goals: 'goals', cards: 'cards', all: 'everything', everything: 'everything' };

const HELP = new Set(['help', '?', '-h', '--help']);
const STREAMER = new Set(['streamer', 'streamers', 'twitch']);
const STREAMER_ADD = new Set(['add', 'follow', '+']);
const STREAMER_REMOVE = new Set(['remove', 'rm', 'delete', 'del', 'unfollow', '-']);
const STOP = new Set(['stop', 'unsubscribe']);
const COMPETITION = new Set(['competition', 'competitions', 'league', 'leagues']);
const OFF = new Set(['off', 'none', 'no', 'stop']);
const ON = new Set(['on', 'yes']);

/**
 * Slack escapes `&`, `<` and `>` in message and command text, and may wrap phone numbers and links
 * as `<tel:+44…|+44 …>` / `<https://…|label>`. Unwrap to what the member typed.
 */
function unslack(text: string): string {
  return text
    .replace(/<(?:tel:|mailto:)?([^<>|]*)\|([^<>]*)>/g, (_, _target: string, label: string) => label)
    .replace(/<(?:tel:|mailto:)?([^<>@#!][^<>]*)>/g, (_, target: string) => target)
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** Splits off the first word, lower-cased, and the rest with spacing tidied. */
function head(text: string): { word: string; rest: string } {
  const trimmed = text.trim();
  const match = /^(\S+)\s*([\s\S]*)$/.exec(trimmed);
  if (!match) return { word: '', rest: '' };
  return { word: match[1]!.toLowerCase(), rest: match[2]!.replace(/\s+/g, ' ').trim() };
}

/** `"South Korea"`, `“Brazil”`, `'France'`: quotes around the whole argument are not part of the name. */
function unquote(text: string): string {
  const match = /^["'“”‘’«»„]\s*(.*?)\s*["'“”‘’«»]$/.exec(text);
  return match ? match[1]! : text;
}

/** Twitch logins: letters, digits and underscores (4–25 today; some older accounts are shorter). */
const TWITCH_LOGIN = /^[a-z0-9_]{1,25}$/;

/**
 * A Twitch login as members paste it: `@Shroud`, `twitch.tv/Shroud`, `https://www.twitch.tv/shroud/videos`
 * → `shroud`. null when what is left cannot be a login (spaces, other punctuation, too long, empty).
 */
export function parseLogin(text: string): string | null {
  const login = unquote(unslack(text).trim())
    .replace(/^(?:https?:\/\/)?(?:(?:www|m)\.)?twitch\.tv\//i, '')
    .replace(/^@+/, '')
    .replace(/[/?#].*$/, '')
    .toLowerCase();
  return TWITCH_LOGIN.test(login) ? login : null;
}

function optionalNumber(text: string): string | null {
  const number = unquote(text).trim();
  return number.length > 0 ? number : null;
}

/** `pt-BR`, `pt-br`, `pt_BR` → 'pt-BR'; `auto` (or `slack`) → 'auto'. */
function languageWord(word: string): Locale | 'auto' | null {
  if (word === 'auto' || word === 'slack') return 'auto';
  const tag = word.replace('_', '-');
  return LOCALES.find((locale) => locale.toLowerCase() === tag) ?? null;
}

export function parseCommand(text: string): FanfareCommand {
  const original = unslack(text).trim();
  const { word, rest } = head(original);
  if (word === '' || HELP.has(word)) return { kind: 'help' };

  switch (word) {
    case 'follow':
    case 'unfollow': {
      const team = unquote(rest);
      return team.length > 0 ? { kind: word, team } : { kind: 'missing-argument', command: word };
    }
    case 'subscribe':
      return { kind: 'subscribe', number: optionalNumber(rest) };
    case 'status':
      return { kind: 'status' };
    case 'dm':
    case 'sms': {
      const choice = head(rest);
      if (STREAMER.has(choice.word)) {
        const value = head(choice.rest).word;
        return { kind: 'streams', sink: word, on: ON.has(value) ? true : OFF.has(value) ? false : null };
      }
      return { kind: word === 'dm' ? 'dm-level' : 'sms-level', level: LEVEL_WORDS[choice.word] ?? null };
    }
    case 'language':
    case 'lang':
      return { kind: 'language', language: languageWord(head(rest).word) };
    case 'quiet':
      return { kind: 'quiet', hours: OFF.has(rest.toLowerCase()) ? 'off' : parseQuietHours(rest) };
    case 'remind':
    case 'reminder':
    case 'reminders': {
      const value = head(rest).word.replace(/(?:min|mins|minutes|m)$/, '');
      return { kind: 'remind', minutes: OFF.has(value) ? 'off' : value === '15' ? 15 : value === '60' ? 60 : null };
    }
  }
  if (STOP.has(word)) return { kind: 'stop' };
  if (COMPETITION.has(word)) {
    const action = head(rest);
    if (action.word === '' || action.word === 'list') return { kind: 'competitions' };
    const kind = STREAMER_ADD.has(action.word) ? 'add' : STREAMER_REMOVE.has(action.word) ? 'remove' : null;
    if (kind) {
      const query = unquote(action.rest);
      return query.length > 0 ? { kind: `competition-${kind}`, query } : { kind: 'missing-argument', command: `competition ${kind}` };
    }
  }
  if (STREAMER.has(word)) {
    const action = head(rest);
    const kind = STREAMER_ADD.has(action.word) ? 'add' : STREAMER_REMOVE.has(action.word) ? 'remove' : null;
    if (kind) {
      // A login has no spaces: the first word is the login, whatever follows is chatter.
      const argument = action.rest.split(' ')[0] ?? '';
      if (argument === '') return { kind: 'missing-argument', command: `streamer ${kind}` };
      const login = parseLogin(argument);
      if (login) return { kind: `streamer-${kind}`, login };
    }
  }
  return { kind: 'unknown', text: original };
}

/**
 * `<@U123> subscribe +44 7400 123456`, the original bot's chat command. Mentions of Fanfare (or anyone)
 * are ignored wherever they are; anything other than `subscribe` gets the help answer.
 */
export function parseMention(text: string): { kind: 'subscribe'; number: string | null } | { kind: 'help' } {
  const withoutMentions = text.replace(/<@[^<>]*>/g, ' ');
  const { word, rest } = head(unslack(withoutMentions));
  return word === 'subscribe' ? { kind: 'subscribe', number: optionalNumber(rest) } : { kind: 'help' };
}
