/**
 * Pure renderers: match alerts → SMS text (SPEC S5). One character outside GSM-7 would switch a whole text to
 * UCS-2 and cut a segment from 160 characters to 70, so every text leaves through `toGsm7`, and names are
 * shortened ("Lionel MESSI" → "Messi", team abbreviations in the score line) until the text fits one segment.
 * The score is never shortened: it is the news.
 *
 * Words come from the locale's catalogue (`sms.match`); this file picks and shortens the names and fits the
 * result. SMS is plain text, so nothing is escaped.
 */
import { SegmentedMessage } from 'sms-segments-calculator';
import { levelOf } from './levels.js';
import { type ShootoutKickResult, type SmsMatchPhrases, words } from './i18n/catalogue.js';
import { catalogue } from './i18n/index.js';
import type { Locale } from './i18n/locales.js';
import type { CardKind, GoalMethod, MatchAlert as Alert, MatchEventAlert, MatchSummary, Score, Side, StreamAlert } from './types.js';
import { formatDuration, sessionSeconds } from './stream-card.js';

/** GSM 03.38 basic character set (one septet each). */
const GSM_BASIC = new Set(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
);
/** The extension table: two septets each (an escape and the character). */
const GSM_EXTENDED = new Set('^{}\\[~]|€');

/** Look-alikes that decomposition can't reach. Everything else outside GSM-7 loses its accents or goes. */
const LOOKALIKES: Record<string, string> = {
  ...spread('‘’‚‛′`´ʼʻ', "'"),
  ...spread('“”„‟″«»', '"'),
  ...spread('‐‑‒–—―−', '-'),
  ...spread('\t\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000', ' '),
  ...spread('•·', '-'),
  '…': '...',
  '⁄': '/',
  '×': 'x',
  ł: 'l',
  Ł: 'L',
  đ: 'd',
  Đ: 'D',
  ð: 'd',
  Ð: 'D',
  þ: 'th',
  Þ: 'Th',
  ı: 'i',
  ħ: 'h',
  Ħ: 'H',
  ŧ: 't',
  Ŧ: 'T',
  œ: 'oe',
  Œ: 'OE',
  ĸ: 'k',
  ŋ: 'n',
  Ŋ: 'N',
  ſ: 's',
  ə: 'e',
  Ə: 'E',
  º: 'o',
  ª: 'a',
};

function spread(chars: string, to: string): Record<string, string> {
  return Object.fromEntries([...chars].map((c) => [c, to]));
}

const isGsm = (ch: string): boolean => GSM_BASIC.has(ch) || GSM_EXTENDED.has(ch);

function gsmChar(ch: string): string {
  if (isGsm(ch)) return ch;
  const lookalike = LOOKALIKES[ch];
  if (lookalike !== undefined) return lookalike;
  // ã → a + tilde, ² → 2, ﬁ → fi: keep the base letters, drop the marks and whatever is left (emoji, scripts
  // GSM-7 doesn't have). A decomposed piece may itself be a look-alike (½ → 1⁄2).
  const parts = [...ch.normalize('NFKD')];
  if (parts.length === 1 && parts[0] === ch) return '';
  return parts.map((p) => (isGsm(p) ? p : (LOOKALIKES[p] ?? ''))).join('');
}

/**
 * Text that GSM-7 can carry: characters of GSM-7 stay (é, ñ, ü, ø, ß, Ç), others become their look-alike
 * (ã → a, ç → c, ł → l, “ ” → ", – — → -, … → ...), and what has none (emoji, other scripts) is removed.
 * The spaces a removal leaves behind are tidied.
 */
export function toGsm7(text: string): string {
  let out = '';
  for (const ch of text.normalize('NFC')) out += gsmChar(ch);
  return out
    .replace(/ {2,}/g, ' ')
    .replace(/ *\n */g, '\n')
    .trim();
}

/** Septets a GSM-7 text takes (extended characters cost two). */
function septets(text: string): number {
  let n = 0;
  for (const ch of text) n += GSM_EXTENDED.has(ch) ? 2 : 1;
  return n;
}

/** Segments and encoding as Twilio bills them. */
export function smsSegments(text: string): { segments: number; encoding: 'GSM-7' | 'UCS-2' } {
  const message = new SegmentedMessage(text, 'auto');
  return { segments: message.segmentsCount, encoding: message.encodingName };
}

const ONE_SEGMENT = 160;
const PER_SEGMENT = 153;
/** The worst case a burst may take (the brief's ceiling, and what a phone shows as one message anyway). */
const MAX_SEGMENTS = 2;

/** Whether a GSM-7 text fits `segments` segments. */
function fits(text: string, segments: number): boolean {
  const n = septets(text);
  if (segments === 1) return n <= ONE_SEGMENT;
  // An escape pair is never split between segments, so one may push a septet into the next segment.
  const slack = [...text].some((ch) => GSM_EXTENDED.has(ch)) ? segments - 1 : 0;
  return n <= PER_SEGMENT * segments - slack;
}

/** The longest start of `text` that takes at most `max` septets. */
function cut(text: string, max: number): string {
  let out = '';
  let n = 0;
  for (const ch of text) {
    n += GSM_EXTENDED.has(ch) ? 2 : 1;
    if (n > max) break;
    out += ch;
  }
  return out;
}

/** Shortens a name to `max` septets, marking the cut with a full stop: "Aubameyang" → "Aubamey.". */
function clipName(name: string, max: number): string {
  if (septets(name) <= max) return name;
  return `${cut(name, max - 1).replace(/[\s\-'.,]+$/u, '')}.`;
}

/** Feed text as one GSM-7 line, or null when nothing of it survives. */
function plain(text: string | null | undefined): string | null {
  if (!text) return null;
  const line = toGsm7(text.replace(/\s+/gu, ' '));
  return line || null;
}

const hasLetters = (word: string): boolean => (word.match(/\p{L}/gu)?.length ?? 0) >= 2;
const isAllCaps = (word: string): boolean =>
  hasLetters(word) && word === word.toUpperCase() && word !== word.toLowerCase();
const titleCase = (word: string): string =>
  word.toLowerCase().replace(/(^|[-'’.])(\p{L})/gu, (_m, sep: string, ch: string) => sep + ch.toUpperCase());

/**
 * The name a fan would text: FIFA writes the surname in capitals ("Lionel MESSI" → "Messi", "Angel DI MARIA" →
 * "Di Maria"); a name without a capitalised part gives its last word.
 */
export function shortPlayerName(name: string | null): string | null {
  if (name === null) return null;
  const parts = name.trim().split(/\s+/u).filter(Boolean);
  const last = parts.at(-1);
  if (last === undefined) return null;
  const caps = parts.filter(isAllCaps);
  return caps.length ? caps.map(titleCase).join(' ') : last;
}

/** How hard names are shortened; each step is tried only when the one before did not fit. */
interface Shortening {
  /** Longest full team name; a longer one gives way to the abbreviation (0: abbreviations only). */
  team: number;
  player: number;
  /** Whether "(pen)" and "(fk)" are said; an own goal is always said, since it changes whose player scored. */
  methodTags: boolean;
}

const SHORTENINGS: Shortening[] = [
  { team: 30, player: 20, methodTags: true },
  { team: 16, player: 12, methodTags: true },
  { team: 0, player: 8, methodTags: false },
];
const ABBR_MAX = 6;
/** "120'+15'" is the longest minute football has. */
const MINUTE_MAX = 9;

/** A piece of a list, and how much it matters: 0 goals and results, 1 cards and penalties, 2 the rest. */
interface Item {
  text: string;
  rank: number;
}

const RANK = { goals: 0, cards: 1, everything: 2 } as const;

/** Names and lines for one match, display-ready for SMS at one level of shortening. */
class View {
  readonly p: SmsMatchPhrases;
  private readonly abbrs: Record<Side, string>;
  private readonly names: Record<Side, string>;

  constructor(
    match: MatchSummary,
    locale: Locale,
    readonly short: Shortening,
  ) {
    this.p = catalogue(locale).sms.match;
    const abbr = (side: Side): string => {
      const ref = match[side];
      const given = plain(ref.abbreviation) ?? plain(ref.name)?.replace(/[^A-Za-z]/g, '').slice(0, 3).toUpperCase();
      return cut(given || (side === 'home' ? 'H' : 'A'), ABBR_MAX);
    };
    this.abbrs = { home: abbr('home'), away: abbr('away') };
    this.names = { home: plain(match.home.name) ?? this.abbrs.home, away: plain(match.away.name) ?? this.abbrs.away };
  }

  abbr(side: Side | null): string | null {
    return side ? this.abbrs[side] : null;
  }

  /** The full team name while it is short enough, otherwise the abbreviation. */
  team(side: Side | null): string | null {
    if (!side) return null;
    const name = this.names[side];
    return septets(name) <= this.short.team ? name : this.abbrs[side];
  }

  player(name: string | null): string | null {
    const short = plain(shortPlayerName(name));
    return short ? clipName(short, this.short.player) : null;
  }

  minute(minute: string | null): string | null {
    const m = plain(minute);
    return m ? cut(m, MINUTE_MAX) : null;
  }

  /** "ARG 1-0 FRA", "a.e.t." on a final score after extra time (SPEC M3), then the shoot-out when there is one. */
  line(score: Score, penalties: Score | null = null, afterExtraTime = false): string {
    const tag = afterExtraTime && this.p.extraTimeTag;
    const line = words(this.abbrs.home, this.p.score(score.home, score.away), this.abbrs.away, tag);
    return penalties ? this.p.withPenalties(line, penalties.home, penalties.away) : line;
  }

  /** The score as the match stands. */
  now(match: MatchSummary): string {
    return this.line(match.score, match.penalties, match.phase === 'finished' && match.wentToExtraTime);
  }

  versusLine(): string {
    return words(this.abbrs.home, this.p.versus, this.abbrs.away);
  }

  /** "Otamendi (ARG) 75'": the player and team, or whichever is known. */
  who(player: string | null, side: Side | null, minute: string | null): string {
    const name = this.player(player);
    const abbr = this.abbr(side);
    const person = name && abbr ? `${name} (${abbr})` : (name ?? abbr ?? this.p.unknownPlayer);
    return words(person, this.minute(minute));
  }

  /** "Messi 75'": a list item, where the team would only add length. */
  brief(player: string | null, side: Side | null, minute: string | null): string {
    return words(this.player(player) ?? this.abbr(side) ?? this.p.unknownPlayer, this.minute(minute));
  }

  /** "Messi 23' (pen)". */
  scorer(player: string | null, side: Side | null, minute: string | null, method: GoalMethod): string {
    const tag = method === 'own-goal' || this.short.methodTags ? this.p.goalMethod[method] : null;
    return words(this.brief(player, side, minute), tag);
  }

  /** The shoot-out score, winner first. */
  winnerFirst(penalties: Score, winner: Side | null): string {
    return winner === 'away' ? this.p.score(penalties.away, penalties.home) : this.p.score(penalties.home, penalties.away);
  }

  cardItem(card: CardKind, player: string | null, side: Side | null, minute: string | null): string {
    return this.p.cardItem(card, this.brief(player, side, minute));
  }
}

/**
 * The list that fits: every item if it can, else the least important go first (the latest of them first),
 * counted by a "+N more" at the end. Items ranked 0 go only when `dropTop`; null when nothing fits.
 */
function fitList(
  items: Item[],
  build: (list: string | null) => string,
  more: (n: number) => string,
  segments: number,
  dropTop: boolean,
): string | null {
  const kept = [...items];
  for (;;) {
    const dropped = items.length - kept.length;
    const pieces = kept.map((i) => i.text);
    if (dropped > 0) pieces.push(more(dropped));
    const text = toGsm7(build(pieces.length ? pieces.join(', ') : null));
    if (fits(text, segments)) return text;
    let victim = -1;
    kept.forEach((item, i) => {
      if (victim < 0 || item.rank >= kept[victim]!.rank) victim = i;
    });
    if (victim < 0 || (kept[victim]!.rank === 0 && !dropTop)) return null;
    kept.splice(victim, 1);
  }
}

function kickResult(a: Extract<MatchEventAlert, { kind: 'shootout-kick' }>): ShootoutKickResult {
  return a.scored ? 'scored' : (a.outcome ?? 'missed');
}

/** One alert as its SMS, or null when it can't fit one segment at this shortening. */
function render(alert: Alert, v: View, dropTop: boolean): string | null {
  const p = v.p;
  const now = alert.match;
  const withScore = (event: string, line = v.now(now)): string => p.withScore(event, line);
  let text: string;
  switch (alert.kind) {
    case 'catch-up': {
      const items: Item[] = [
        ...alert.goals.map((g) => ({ text: v.scorer(g.player, g.side, g.minute, g.method), rank: RANK.goals })),
        ...alert.cards.map((c) => ({ text: v.cardItem(c.card, c.player, c.side, c.minute), rank: RANK.cards })),
      ];
      const line = v.line(alert.score, alert.penalties);
      const minute = v.minute(now.minute ?? alert.minute);
      return fitList(items, (list) => p.catchUp(line, minute, list), p.more, 1, dropTop);
    }
    case 'correction':
      text = withScore(correctionEvent(alert.original, v));
      break;
    case 'goal':
      text = p.goal(v.team(alert.side), v.scorer(alert.player, alert.side, alert.minute, alert.method), v.line(alert.score));
      break;
    case 'penalty-awarded':
      text = withScore(p.penaltyAwarded(v.team(alert.side), v.minute(alert.minute)));
      break;
    case 'penalty-missed':
      text = withScore(p.penaltyMissed(alert.outcome, v.who(alert.player, alert.side, alert.minute)));
      break;
    case 'card':
      text = withScore(p.card(alert.card, v.who(alert.player, alert.side, alert.minute)));
      break;
    case 'substitution':
      text = withScore(substitution(alert, v));
      break;
    case 'period-start': {
      const beforePlay = alert.period === 'first-half' || alert.period === 'shootout';
      text = p.labelled(p.periodStart[alert.period], beforePlay ? v.versusLine() : v.now(now));
      break;
    }
    case 'period-end': {
      // The end of a shoot-out is the final score; the end of extra time already says it was extra time.
      const line = v.line(alert.score, alert.penalties, alert.period === 'shootout' && alert.finalWhistle && now.wentToExtraTime);
      text = p.labelled(p.periodEnd(alert.period, alert.finalWhistle), line);
      break;
    }
    case 'shootout-kick': {
      const tally = p.shootoutTally(v.line(alert.penalties));
      text = p.labelled(tally, p.shootoutKick(kickResult(alert), v.brief(alert.player, alert.side, null)));
      break;
    }
    case 'match-end':
      text = p.matchEnd({
        winner: v.team(alert.winner),
        penalties: alert.penalties ? v.winnerFirst(alert.penalties, alert.winner) : null,
        line: v.line(alert.score, null, alert.extraTime),
      });
      break;
  }
  const out = toGsm7(text);
  return fits(out, 1) ? out : null;
}

function substitution(a: Extract<MatchEventAlert, { kind: 'substitution' }>, v: View): string {
  return v.p.substitution(
    v.abbr(a.side),
    v.minute(a.minute),
    v.player(a.playerOn) ?? v.p.unknownPlayer,
    v.player(a.playerOff) ?? v.p.unknownPlayer,
  );
}

/** What a correction takes back, without the score. */
function correctionEvent(o: MatchEventAlert, v: View): string {
  switch (o.kind) {
    case 'goal':
      // An own goal's scorer plays for the other side: the tag, not a team, says so.
      return v.p.correctionGoal(words(v.brief(o.player, o.side, o.minute), o.method === 'own-goal' ? v.p.goalMethod['own-goal'] : null));
    case 'penalty-awarded':
      return v.p.correctionPenalty(v.team(o.side), v.minute(o.minute));
    case 'card':
      return v.p.correctionCard(o.card, v.brief(o.player, o.side, o.minute));
    default:
      return v.p.correctionOther(v.minute(o.minute));
  }
}

/** One alert as an SMS of one GSM-7 segment. */
export function smsText(alert: Alert, locale: Locale): string {
  for (const short of SHORTENINGS) {
    const text = render(alert, new View(alert.match, locale, short), false);
    if (text) return text;
  }
  const tightest = new View(alert.match, locale, SHORTENINGS.at(-1)!);
  // Only a catch-up with a very long list gets here: it keeps the first goals and counts the rest.
  return render(alert, tightest, true) ?? cut(lastResort(alert, tightest), ONE_SEGMENT);
}

/** The score alone, for text no shortening could fit (names of absurd length are all cut already). */
function lastResort(alert: Alert, v: View): string {
  return toGsm7(v.now(alert.match));
}

function rankOf(alert: Alert): number {
  // An edit is never texted on its own, but inside a burst it still says something: the least important.
  const level = levelOf(alert.revision > 0 ? ({ ...alert, revision: 0 } as Alert) : alert);
  return level ? RANK[level] : RANK.everything;
}

/** One alert as pieces of a burst's list. */
function items(alert: Alert, v: View): Item[] {
  const p = v.p;
  const rank = rankOf(alert);
  const one = (text: string): Item[] => [{ text, rank }];
  switch (alert.kind) {
    case 'catch-up':
      return [
        ...alert.goals.map((g) => ({ text: p.goalItem(v.scorer(g.player, g.side, g.minute, g.method)), rank: RANK.goals })),
        ...alert.cards.map((c) => ({ text: v.cardItem(c.card, c.player, c.side, c.minute), rank: RANK.cards })),
      ];
    case 'correction':
      return one(correctionEvent(alert.original, v));
    case 'goal':
      return one(p.goalItem(v.scorer(alert.player, alert.side, alert.minute, alert.method)));
    case 'card':
      return one(v.cardItem(alert.card, alert.player, alert.side, alert.minute));
    case 'penalty-awarded':
      return one(p.penaltyAwarded(v.abbr(alert.side), v.minute(alert.minute)));
    case 'penalty-missed':
      return one(p.penaltyMissed(alert.outcome, v.brief(alert.player, alert.side, alert.minute)));
    case 'substitution':
      return one(substitution(alert, v));
    case 'period-start':
      return one(p.periodStart[alert.period]);
    case 'period-end':
      return one(p.periodEnd(alert.period, alert.finalWhistle));
    case 'shootout-kick':
      return one(p.shootoutKick(kickResult(alert), v.brief(alert.player, alert.side, null)));
    case 'match-end':
      return one(
        p.result({
          winner: v.team(alert.winner),
          extraTime: alert.extraTime,
          penalties: alert.penalties ? v.winnerFirst(alert.penalties, alert.winner) : null,
        }),
      );
  }
}

/**
 * A burst for one member and one match (alerts queued while the sender was busy), in order, as one SMS led by
 * the latest score: "ARG 2-0 FRA: GOAL Messi 23' (pen), GOAL Di Maria 36', Yellow Fernandez 45'+7'".
 * One segment when it can be had by shortening names and dropping minor items ("+2 more"); otherwise two,
 * keeping every goal and result whenever two can hold them.
 */
export function combineSms(alerts: Alert[], locale: Locale): string {
  const latest = alerts.at(-1);
  if (!latest) return '';
  if (alerts.length === 1) return smsText(latest, locale);
  const attempt = (short: Shortening, segments: number, dropTop: boolean): string | null => {
    const v = new View(latest.match, locale, short);
    const line = v.now(latest.match);
    const list = alerts.flatMap((a) => items(a, v));
    return fitList(list, (text) => (text ? v.p.labelled(line, text) : line), v.p.more, segments, dropTop);
  };
  for (let segments = 1; segments <= MAX_SEGMENTS; segments++) {
    for (const short of SHORTENINGS) {
      const text = attempt(short, segments, false);
      if (text) return text;
    }
  }
  const tightest = SHORTENINGS.at(-1)!;
  return attempt(tightest, MAX_SEGMENTS, true) ?? cut(lastResort(latest, new View(latest.match, locale, tightest)), ONE_SEGMENT);
}

/** "Ranked grind...": the start of a title in at most `max` septets, cut after a word when one ends near. */
function clipTitle(title: string, max: number): string {
  const head = cut(title, max - 3);
  const space = head.lastIndexOf(' ');
  const wordCut = title[head.length] !== ' ' && space > 0 && head.length - space <= 15;
  return `${(wordCut ? head.slice(0, space) : head).trimEnd()}...`;
}

/**
 * A word a phone or a carrier's filter could take for a link: a scheme ("https://"), "www", a host name
 * ("evil.example", "bit.ly/x", "a@b.co"), an IP address. Deliberately broad: "grind.GG" goes too.
 */
const LINK_LIKE = /:\/\/|^www\b|[\p{L}\p{N}_-]\.\p{L}{2}|\d\.\d+\.\d+\.\d/iu;

/**
 * A stream title without the words that look like links or domains (SPEC T8): the title is the streamer's text,
 * and an SMS from the operator's number must not carry their "claim your prize: evil.example". Applied to the
 * GSM-7 text that will be sent, so look-alike dots and invisible characters are already folded or gone.
 */
function titleWithoutLinks(title: string | null): string | null {
  if (!title) return null;
  const kept = title.split(' ').filter((word) => !LINK_LIKE.test(word)).join(' ');
  return kept || null;
}

/**
 * A stream alert as one GSM-7 segment (SPEC S5): "shroud is live: Ranked grind twitch.tv/shroud", or
 * "shroud is offline after 2 h 13 min". The title gives way to fit, and loses any link or domain of its own; the
 * name and Fanfare's twitch.tv link never do. A display
 * name GSM-7 can't carry whole (이름, emoji) is replaced by the login, which always can.
 */
export function streamSmsText(alert: StreamAlert, locale: Locale): string {
  const p = catalogue(locale).sms.stream;
  const { displayName, login } = alert.streamer;
  const name = displayName && toGsm7(displayName) === displayName ? displayName : toGsm7(login);
  if (alert.kind === 'stream-offline') {
    const seconds = sessionSeconds(alert);
    return cut(toGsm7(p.offline(name, seconds === null ? null : formatDuration(seconds, locale))), ONE_SEGMENT);
  }
  const link = `twitch.tv/${toGsm7(login)}`;
  const title = titleWithoutLinks(plain(alert.stream.title));
  const untitled = toGsm7(p.live(name, null, link));
  if (!title) return cut(untitled, ONE_SEGMENT);
  const full = toGsm7(p.live(name, title, link));
  if (fits(full, 1)) return full;
  // What the phrase costs around a one-septet title, so the first try is usually the one that fits.
  const room = ONE_SEGMENT - (septets(toGsm7(p.live(name, 'x', link))) - 1);
  for (let max = Math.min(room, septets(title) - 1); max > 3; max--) {
    const text = toGsm7(p.live(name, clipTitle(title, max), link));
    if (fits(text, 1)) return text;
  }
  return cut(untitled, ONE_SEGMENT);
}
