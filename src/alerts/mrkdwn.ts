/**
 * Slack mrkdwn helpers: escaping external text, per-reader date tokens, and clipping text to Block Kit limits
 * without breaking an entity or a `<…>` token.
 */

/**
 * Makes external text inert in mrkdwn: `<!channel>` or `<https://evil|x>` become plain text.
 * Slack decodes only these three entities, so nothing else may be touched (`&#39;` would show literally),
 * and `&` must go first or the other two would be double-escaped.
 */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * `<!date^UNIX^{format}|fallback>`: Slack renders it in each reader's own time zone; the fallback shows
 * wherever rendering fails (notifications, old clients), so callers should make it say UTC explicitly.
 * An unparsable time yields the fallback alone rather than a token Slack would reject.
 */
export function slackDate(iso: string, format: string, fallback: string): string {
  const ms = Date.parse(iso);
  const safeFallback = escapeMrkdwn(fallback);
  if (Number.isNaN(ms)) return safeFallback;
  return `<!date^${Math.floor(ms / 1000)}^${format}|${safeFallback}>`;
}

/** The pieces of a UTC date-time in a language's own words, for a catalogue to arrange. */
export interface UtcDateParts {
  weekday: string;
  day: string;
  month: string;
  year: string;
  /** `HH:mm`, 24-hour. */
  time: string;
}

const utcDateFormats = new Map<string, Intl.DateTimeFormat>();

/** Building a formatter costs far more than using one, and every parent render needs one. */
function utcDateFormat(intlLocale: string): Intl.DateTimeFormat {
  let format = utcDateFormats.get(intlLocale);
  if (!format) {
    format = new Intl.DateTimeFormat(intlLocale, { timeZone: 'UTC', weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' });
    utcDateFormats.set(intlLocale, format);
  }
  return format;
}

/** Splits an ISO time into localised UTC parts (`Sun`, `18`, `Dec`, `2022`, `15:00`); null when unparsable. */
export function utcDateParts(iso: string, intlLocale: string): UtcDateParts | null {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return null;
  const parts = utcDateFormat(intlLocale).formatToParts(date);
  const pick = (type: Intl.DateTimeFormatPartTypes): string => parts.find((p) => p.type === type)?.value ?? '';
  const pad = (n: number): string => String(n).padStart(2, '0');
  return {
    weekday: pick('weekday'),
    day: pick('day'),
    month: pick('month'),
    year: pick('year'),
    time: `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}`,
  };
}

const ELLIPSIS = '…';

/**
 * Shortens mrkdwn to at most `max` UTF-16 units (Slack counts characters, which is never more), ending in "…".
 * The cut backs off so it never splits an escaped entity (`&amp;`), a `<!date…>` token or a surrogate pair:
 * a broken token would either fail the post or show raw syntax.
 */
export function clipMrkdwn(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = Math.max(0, max - ELLIPSIS.length);
  const openToken = text.lastIndexOf('<', cut - 1);
  if (openToken !== -1) {
    const close = text.indexOf('>', openToken);
    if (close === -1 || close >= cut) cut = openToken;
  }
  const amp = text.lastIndexOf('&', cut - 1);
  if (amp !== -1 && !text.slice(amp, cut).includes(';') && /^&(amp|lt|gt);/.test(text.slice(amp))) cut = amp;
  const last = text.charCodeAt(cut - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut -= 1;
  return text.slice(0, cut) + ELLIPSIS;
}
