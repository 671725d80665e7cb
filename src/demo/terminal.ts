/**
 * Slack Block Kit → terminal lines, the way a channel reader would see the message: formatting applied,
 * entities decoded, `<!date^…>` shown in the viewer's own zone, links reduced to their labels.
 * Pure: no I/O, no clock (pass `now` for the `_pretty`/`{ago}` date tokens).
 */
import { DateTime } from 'luxon';

/** What renderParent/renderReply produce and chat.postMessage takes. Blocks are read structurally. */
export interface SlackMessageLike {
  text: string;
  blocks?: readonly unknown[];
}

export interface TerminalOptions {
  /** ANSI styling; false gives plain text. */
  color: boolean;
  /** IANA zone for `<!date^…>` tokens; defaults to the machine's zone. */
  zone?: string;
  /** BCP 47 locale for dates; defaults to en-GB. */
  locale?: string;
  /** Base for today/yesterday/tomorrow and `{ago}`; without it dates are always absolute. */
  now?: Date;
  /** Width of a divider line. */
  width?: number;
}

const ANSI = {
  bold: ['\u001b[1m', '\u001b[22m'],
  italic: ['\u001b[3m', '\u001b[23m'],
  strike: ['\u001b[9m', '\u001b[29m'],
  dim: ['\u001b[2m', '\u001b[22m'],
  underline: ['\u001b[4m', '\u001b[24m'],
  code: ['\u001b[36m', '\u001b[39m'],
} as const;

type Style = keyof typeof ANSI;

/**
 * Private-use code points stand in for style boundaries and `<…>` tokens while the emphasis rules run,
 * so that escape codes and token text can never be mistaken for word characters or delimiters.
 */
const MARK_BASE = 0xe000;
const TOKEN_BASE = 0xe100;
const STYLES: readonly Style[] = ['bold', 'italic', 'strike', 'dim', 'underline', 'code'];

function open(style: Style): string {
  return String.fromCharCode(MARK_BASE + STYLES.indexOf(style) * 2);
}
function close(style: Style): string {
  return String.fromCharCode(MARK_BASE + STYLES.indexOf(style) * 2 + 1);
}
function wrap(style: Style, text: string): string {
  return `${open(style)}${text}${close(style)}`;
}

/** Slack's shortcodes for the emoji Fanfare's renderers use, plus the common ones. Others stay as typed. */
const EMOJI: Record<string, string> = {
  soccer: '⚽',
  goal_net: '🥅',
  trophy: '🏆',
  stadium: '🏟️',
  stopwatch: '⏱️',
  alarm_clock: '⏰',
  hourglass: '⌛',
  hourglass_flowing_sand: '⏳',
  calendar: '📆',
  date: '📅',
  clock3: '🕒',
  large_yellow_square: '🟨',
  large_red_square: '🟥',
  yellow_card: '🟨',
  red_card: '🟥',
  white_check_mark: '✅',
  heavy_check_mark: '✔️',
  x: '❌',
  no_entry_sign: '🚫',
  warning: '⚠️',
  rotating_light: '🚨',
  arrows_counterclockwise: '🔄',
  repeat: '🔁',
  arrow_right: '➡️',
  arrow_left: '⬅️',
  arrow_up: '⬆️',
  arrow_down: '⬇️',
  whistle: '📣',
  loudspeaker: '📢',
  mega: '📣',
  tv: '📺',
  red_circle: '🔴',
  large_green_circle: '🟢',
  white_circle: '⚪',
  black_circle: '⚫',
  goalkeeper: '🧤',
  gloves: '🧤',
  raised_hand: '✋',
  pencil2: '✏️',
  memo: '📝',
  tada: '🎉',
  fire: '🔥',
  eyes: '👀',
  zap: '⚡',
  star: '⭐',
  bangbang: '‼️',
  heavy_minus_sign: '➖',
  information_source: 'ℹ️',
  checkered_flag: '🏁',
  vs: '🆚',
  'flag-england': '🏴󠁧󠁢󠁥󠁮󠁧󠁿',
  'flag-scotland': '🏴󠁧󠁢󠁳󠁣󠁴󠁿',
  'flag-wales': '🏴󠁧󠁢󠁷󠁬󠁳󠁿',
};

function emoji(name: string): string | null {
  const known = EMOJI[name];
  if (known !== undefined) return known;
  // `:flag-ar:`: two regional indicator letters make the flag.
  const flag = /^flag-([a-z]{2})$/.exec(name);
  if (flag?.[1] !== undefined) return regionalIndicators(flag[1]);
  return null;
}

function regionalIndicators(code: string): string {
  return [...code.toUpperCase()].map((c) => String.fromCodePoint(0x1f1e6 + c.charCodeAt(0) - 65)).join('');
}

/** `&amp;` `&lt;` `&gt;` are the only entities Slack defines; anything else stays literal. */
export function unescapeMrkdwn(text: string): string {
  return text.replace(/&(amp|lt|gt);/g, (_, name: string) => (name === 'amp' ? '&' : name === 'lt' ? '<' : '>'));
}

/** Render one `<…>` token (without the brackets) as a reader sees it. */
function renderToken(body: string, options: TerminalOptions): string {
  if (body.startsWith('!date^')) return renderDate(body, options);
  const bar = body.indexOf('|');
  const target = bar === -1 ? body : body.slice(0, bar);
  const label = bar === -1 ? null : body.slice(bar + 1);
  if (target.startsWith('!')) {
    // <!here>, <!channel>, <!everyone>, <!subteam^ID|@team>
    return label ?? `@${target.slice(1).split('^')[0]}`;
  }
  if (target.startsWith('@')) return `@${label ?? target.slice(1)}`;
  if (target.startsWith('#')) return `#${label ?? target.slice(1)}`;
  return wrap('underline', label ?? target);
}

/** `!date^UNIX^format[^link]|fallback`: Slack's per-reader date, here in the configured zone. */
function renderDate(body: string, options: TerminalOptions): string {
  const bar = body.indexOf('|');
  const spec = bar === -1 ? body : body.slice(0, bar);
  const fallback = bar === -1 ? '' : body.slice(bar + 1);
  const [, seconds, format] = spec.split('^');
  const unix = Number(seconds);
  if (seconds === undefined || format === undefined || !Number.isFinite(unix)) return fallback;
  let at = DateTime.fromSeconds(unix, { zone: options.zone ?? 'local' }).setLocale(options.locale ?? 'en-GB');
  if (!at.isValid) return fallback;
  const now = options.now ? DateTime.fromJSDate(options.now, { zone: at.zone }).setLocale(at.locale ?? 'en-GB') : null;
  at = at.set({ millisecond: 0 });
  return format.replace(/\{(\w+)\}/g, (whole, token: string) => formatDateToken(at, token, now) ?? whole);
}

function formatDateToken(at: DateTime, token: string, now: DateTime | null): string | null {
  const pretty = token.endsWith('_pretty');
  const base = pretty ? token.slice(0, -'_pretty'.length) : token;
  if (pretty && now !== null) {
    const days = Math.round(at.startOf('day').diff(now.startOf('day'), 'days').days);
    if (Math.abs(days) <= 1) return at.toRelativeCalendar({ base: now, unit: 'days' });
  }
  switch (base) {
    case 'date_num':
      return at.toFormat('yyyy-MM-dd');
    case 'date':
      return at.toLocaleString(DateTime.DATE_FULL);
    case 'date_short':
      return at.toLocaleString({ weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' });
    case 'date_long':
      return at.toLocaleString({ weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
    case 'time':
      return at.toLocaleString(DateTime.TIME_SIMPLE);
    case 'time_secs':
      return at.toLocaleString(DateTime.TIME_WITH_SECONDS);
    case 'ago':
      return at.toRelative(now !== null ? { base: now } : {});
    default:
      return null;
  }
}

/**
 * Slack's emphasis: the opening delimiter follows the start or a non-word character and precedes a
 * non-space; the closing one follows a non-space and precedes the end or a non-word character. So
 * `snake_case_name` and `2*3*4` stay as typed.
 */
function emphasisRule(delimiter: '*' | '_' | '~'): RegExp {
  const d = delimiter === '*' ? '\\*' : delimiter;
  return new RegExp(`(^|[^\\p{L}\\p{N}${d}])${d}(?=\\S)([^${d}\\n]*?\\S)${d}(?![\\p{L}\\p{N}${d}])`, 'gu');
}

const EMPHASIS: readonly [RegExp, Style][] = [
  [emphasisRule('*'), 'bold'],
  [emphasisRule('_'), 'italic'],
  [emphasisRule('~'), 'strike'],
];

function applyEmphasis(text: string): string {
  return EMPHASIS.reduce(
    (work, [rule, style]) => work.replace(rule, (_, before: string, inner: string) => `${before}${wrap(style, inner)}`),
    text,
  );
}

/** One mrkdwn string → display text (may contain newlines). */
export function mrkdwnToTerminal(text: string, options: TerminalOptions): string {
  const tokens: string[] = [];
  const hold = (rendered: string): string => {
    tokens.push(rendered);
    return String.fromCharCode(TOKEN_BASE + tokens.length - 1);
  };

  // Code first: nothing inside backticks is formatted or parsed.
  let work = text.replace(/```([\s\S]*?)```/g, (_, code: string) => hold(wrap('code', code)));
  work = work.replace(/`([^`\n]+)`/g, (_, code: string) => hold(wrap('code', code)));
  work = work.replace(/<([^<>\n]+)>/g, (_, body: string) => hold(renderToken(body, options)));
  work = work.replace(/:([a-z0-9_+-]+):/g, (whole, name: string) => emoji(name) ?? whole);
  work = applyEmphasis(work);
  return finish(restoreTokens(work, tokens), options);
}

/** plain_text objects: only emoji shortcodes are interpreted (as Slack does with `emoji: true`). */
function plainToTerminal(text: string, options: TerminalOptions): string {
  return finish(text.replace(/:([a-z0-9_+-]+):/g, (whole, name: string) => emoji(name) ?? whole), options);
}

function restoreTokens(text: string, tokens: readonly string[]): string {
  return text.replace(/[\ue100-\ue8ff]/g, (c) => tokens[c.charCodeAt(0) - TOKEN_BASE] ?? '');
}

/** Style marks → ANSI (or nothing), then entities decoded last so `&lt;b&gt;` can never become markup. */
function finish(text: string, options: TerminalOptions): string {
  const styled = text.replace(/[\ue000-\ue0ff]/g, (c) => {
    const index = c.charCodeAt(0) - MARK_BASE;
    const style = STYLES[Math.floor(index / 2)];
    if (style === undefined) return '';
    if (options.color) return ANSI[style][index % 2] ?? '';
    // Without colour a strike-through would silently vanish; keep Slack's own tildes so it still reads as struck.
    return style === 'strike' ? '~' : '';
  });
  return unescapeMrkdwn(styled);
}

function style(text: string, s: Style, options: TerminalOptions): string {
  return options.color ? `${ANSI[s][0]}${text}${ANSI[s][1]}` : text;
}

interface TextObject {
  type?: unknown;
  text?: unknown;
}

function textObject(value: unknown, options: TerminalOptions): string | null {
  if (typeof value !== 'object' || value === null) return null;
  const { type, text } = value as TextObject;
  if (typeof text !== 'string') return null;
  return type === 'plain_text' ? plainToTerminal(text, options) : mrkdwnToTerminal(text, options);
}

function field<T = unknown>(value: unknown, name: string): T | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  return (value as Record<string, unknown>)[name] as T | undefined;
}

function richTextToString(value: unknown): string {
  if (typeof value !== 'object' || value === null) return '';
  const text = field<string>(value, 'text');
  if (field(value, 'type') === 'text' && typeof text === 'string') return text;
  if (field(value, 'type') === 'emoji') return `:${String(field(value, 'name') ?? '')}:`;
  const elements = field<unknown[]>(value, 'elements');
  return Array.isArray(elements) ? elements.map(richTextToString).join('') : '';
}

function splitLines(text: string): string[] {
  return text.split('\n');
}

/** One block → its lines; unknown block types and images render as nothing, as they carry no reading text. */
function blockToLines(block: unknown, options: TerminalOptions): string[] {
  switch (field(block, 'type')) {
    case 'header': {
      const text = textObject(field(block, 'text'), options);
      return text === null ? [] : splitLines(text).map((line) => style(line, 'bold', options));
    }
    case 'section': {
      const lines: string[] = [];
      const text = textObject(field(block, 'text'), options);
      if (text !== null) lines.push(...splitLines(text));
      const fields = field<unknown[]>(block, 'fields');
      if (Array.isArray(fields)) {
        for (const f of fields) {
          const t = textObject(f, options);
          if (t !== null) lines.push(...splitLines(t));
        }
      }
      return lines;
    }
    case 'context': {
      const elements = field<unknown[]>(block, 'elements');
      if (!Array.isArray(elements)) return [];
      const parts = elements.map((e) => textObject(e, options)).filter((t): t is string => t !== null && t !== '');
      return parts.length === 0 ? [] : splitLines(parts.join('  ')).map((line) => style(line, 'dim', options));
    }
    case 'divider':
      return [style('─'.repeat(options.width ?? 40), 'dim', options)];
    case 'rich_text':
      return splitLines(plainToTerminal(richTextToString(block), options));
    case 'actions': {
      const elements = field<unknown[]>(block, 'elements');
      if (!Array.isArray(elements)) return [];
      const labels = elements.map((e) => textObject(field(e, 'text'), options)).filter((t): t is string => t !== null);
      return labels.length === 0 ? [] : [labels.map((l) => `[ ${l} ]`).join(' ')];
    }
    default:
      return [];
  }
}

/**
 * A message as terminal lines (no trailing newlines, no indentation). Without blocks Slack shows the
 * top-level `text` as mrkdwn, so that is what is rendered then.
 */
export function messageToLines(message: SlackMessageLike, options: TerminalOptions): string[] {
  const blocks = message.blocks ?? [];
  if (blocks.length === 0) return splitLines(mrkdwnToTerminal(message.text, options));
  return blocks.flatMap((block) => blockToLines(block, options));
}

/** Strips ANSI escape codes: for tests and width calculations. */
export function stripAnsi(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\u001b\[[0-9;]*m/g, '');
}
