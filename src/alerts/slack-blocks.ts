/**
 * Pure renderers: match alerts → Slack Block Kit. The thread's parent shows the live state of a match and is
 * re-rendered whole on every change; each reply narrates one alert. Words come from the locale's catalogue;
 * this file only arranges them with emoji and punctuation.
 *
 * Every string from the feed (names, competition, minute) is escaped once, in `ext()`, before it meets any
 * markup, and every mrkdwn object is `verbatim` so Slack adds no links or mentions of its own.
 */
import type { types } from '@slack/bolt';
import { flagEmoji } from './flags.js';
import { type Catalogue, type ShootoutKickResult, words } from './i18n/catalogue.js';
import { catalogue } from './i18n/index.js';
import type { Locale } from './i18n/locales.js';
import { clipMrkdwn, escapeMrkdwn, slackDate, utcDateParts } from './mrkdwn.js';
import type {
  CardKind,
  CardLine,
  CatchUpAlert,
  CorrectionAlert,
  GoalLine,
  MatchAlert,
  MatchEventAlert,
  MatchSummary,
  PenaltyMissOutcome,
  PlayPeriod,
  Score,
  Side,
  TeamRef,
} from './types.js';

type KnownBlock = types.KnownBlock;

export interface SlackMessage {
  /** Notification and screen-reader text; escaped like the blocks. */
  text: string;
  blocks: KnownBlock[];
}

/** Section text limit. */
const SECTION_MAX = 3000;
/** Top-level `text`: `chat.update` rejects more than 4000, so stay well under. */
const TEXT_MAX = 3000;
/** One feed string (a name, a stage) never needs more; a longer one is noise or an attack. */
const NAME_MAX = 150;
/** Per catch-up list; two lists plus the heading stay under Slack's ~12k undocumented total. */
const LIST_BUDGET = 2800;
/** Slack renders this per reader: "Today 15:00", "Sun, 18 Dec 15:00". */
const DATE_FORMAT = '{date_short_pretty} {time}';

const CARD_EMOJI: Record<CardKind, string> = { yellow: '🟨', red: '🟥', 'second-yellow': '🟨🟥' };
const MISS_EMOJI: Record<PenaltyMissOutcome, string> = { missed: '❌', saved: '🧤', woodwork: '🥅' };
const START_EMOJI: Record<PlayPeriod, string> = {
  'first-half': '📣',
  'second-half': '▶️',
  'extra-time-first-half': '▶️',
  'extra-time-second-half': '▶️',
  shootout: '🥅',
};

/** Escapes feed text for mrkdwn and bounds its length. */
function ext(text: string): string {
  return clipMrkdwn(escapeMrkdwn(text), NAME_MAX);
}

function extOrNull(text: string | null): string | null {
  return text ? ext(text) : null;
}

function bold(text: string): string {
  return text ? `*${text}*` : '';
}

function section(text: string): KnownBlock {
  return { type: 'section', text: { type: 'mrkdwn', text: clipMrkdwn(text, SECTION_MAX), verbatim: true } };
}

function context(text: string): KnownBlock {
  return { type: 'context', elements: [{ type: 'mrkdwn', text: clipMrkdwn(text, SECTION_MAX), verbatim: true }] };
}

function message(text: string, blocks: KnownBlock[]): SlackMessage {
  return { text: clipMrkdwn(text, TEXT_MAX), blocks };
}

interface TeamView {
  name: string;
  abbr: string;
  flag: string;
}

/**
 * A national team shows its flag; an undecided slot a neutral one. A club (a team without a country code,
 * as ESPN's clubs are) shows none: a country's flag would say the wrong thing about it.
 */
function teamView(ref: TeamRef): TeamView {
  const club = ref.id !== null && ref.countryCode === null;
  return { name: ext(ref.name), abbr: ext(ref.abbreviation || ref.name), flag: club ? '' : flagEmoji(ref.countryCode) };
}

/** A finished match that went to extra time: its score is said to be after extra time (SPEC M3). */
function finalAfterExtraTime(match: MatchSummary): boolean {
  return match.phase === 'finished' && match.wentToExtraTime;
}

/** What every renderer needs: the words and both teams, display-ready. */
class View {
  readonly c: Catalogue;
  readonly home: TeamView;
  readonly away: TeamView;

  constructor(match: MatchSummary, locale: Locale) {
    this.c = catalogue(locale);
    this.home = teamView(match.home);
    this.away = teamView(match.away);
  }

  team(side: Side | null): string | null {
    return side ? this[side].name : null;
  }

  /** "Lionel MESSI (Argentina)", or whichever half is known. */
  who(player: string | null, side: Side | null): string {
    const name = extOrNull(player);
    const team = this.team(side);
    if (name && team) return `${name} (${team})`;
    return name ?? team ?? this.c.common.unknownPlayer;
  }

  score(score: Score): string {
    return this.c.match.score(score.home, score.away);
  }

  /** What follows the score: "a.e.t." on a final score after extra time, then the shoot-out's "(4–2 pens)". */
  private tail(penalties: Score | null, afterExtraTime: boolean): string {
    const pens = penalties ? this.c.match.penaltiesSuffix(penalties.home, penalties.away) : null;
    return words(afterExtraTime && this.c.match.extraTimeTag, pens);
  }

  /** Compact line for a reply's context: "🇦🇷 ARG 3–3 FRA 🇫🇷 a.e.t. (4–2 pens)". */
  scoreLine(score: Score, penalties: Score | null = null, afterExtraTime = false): string {
    const { home, away } = this;
    return words(home.flag, home.abbr, this.score(score), away.abbr, away.flag, this.tail(penalties, afterExtraTime));
  }

  /** Full names for notification text: "Argentina 3–3 France a.e.t. (4–2 pens)". */
  namesScore(score: Score, penalties: Score | null = null, afterExtraTime = false): string {
    return words(this.home.name, this.score(score), this.away.name, this.tail(penalties, afterExtraTime));
  }

  /** The score as the match stands, with the shoot-out's when one is under way (a booking between kicks). */
  nowLine(now: MatchSummary): string {
    return this.scoreLine(now.score, now.penalties, finalAfterExtraTime(now));
  }

  nowNames(now: MatchSummary): string {
    return this.namesScore(now.score, now.penalties, finalAfterExtraTime(now));
  }

  /** Parent headline: "🇦🇷 *Argentina 2–1 France* 🇫🇷", or "v" before kick-off. */
  headline(summary: MatchSummary): string {
    const middle = summary.phase === 'pre-match' ? this.c.match.versus : this.score(summary.score);
    const { home, away } = this;
    const tail = this.tail(summary.penalties, finalAfterExtraTime(summary));
    return words(home.flag, bold(words(home.name, middle, away.name)), away.flag, tail);
  }

  /** Winner-first shoot-out score for a result line, e.g. "4–2" when the away side won 2–4. */
  winnerFirst(penalties: Score, winner: Side | null): string {
    return winner === 'away'
      ? this.c.match.score(penalties.away, penalties.home)
      : this.c.match.score(penalties.home, penalties.away);
  }

  /** The state of play: an emoji for the blocks and the words shared with the notification text. */
  status(summary: MatchSummary, minute: string | null): { emoji: string; words: string[] } | null {
    const m = this.c.match;
    const live = (extra: string[]): { emoji: string; words: string[] } => ({
      emoji: '🟢',
      words: [words(m.live, extOrNull(minute)), ...extra],
    });
    switch (summary.phase) {
      case 'pre-match':
        return null;
      case 'first-half':
      case 'second-half':
        return live(minute ? [] : [m.phase[summary.phase]]);
      case 'extra-time-first-half':
      case 'extra-time-second-half':
        return live([m.phase[summary.phase]]);
      case 'shootout':
        return { emoji: '🟢', words: [m.phase.shootout] };
      case 'half-time':
      case 'before-extra-time':
      case 'extra-time-break':
      case 'before-shootout':
        return { emoji: '⏸️', words: [m.phase[summary.phase]] };
      case 'finished': {
        if (summary.penalties) {
          const score = this.winnerFirst(summary.penalties, summary.winner);
          return { emoji: '🏁', words: [m.wonOnPenalties(this.team(summary.winner), score)] };
        }
        return { emoji: '🏁', words: [summary.wentToExtraTime ? m.afterExtraTime : m.phase.finished] };
      }
    }
  }

  /** Kick-off as a per-reader date token whose fallback says the time in UTC. */
  kickoff(iso: string): { token: string; utc: string } {
    const parts = utcDateParts(iso, this.c.intlLocale);
    const utc = parts ? this.c.common.dateTimeUtc(parts) : iso;
    return { token: slackDate(iso, DATE_FORMAT, utc), utc: escapeMrkdwn(utc) };
  }
}

export function renderParent(summary: MatchSummary, locale: Locale): SlackMessage {
  const v = new View(summary, locale);
  const status = v.status(summary, summary.minute);
  const kickoff = v.kickoff(summary.kickoff);
  const facts = [
    status ? `${status.emoji} ${status.words.join(' · ')}` : null,
    ext(summary.competitionName),
    ext(summary.stageName),
    extOrNull(summary.groupName),
    v.c.match.kickoff(kickoff.token),
  ].filter((f): f is string => !!f);

  const text =
    summary.phase === 'pre-match'
      ? `${words(v.home.name, v.c.match.versus, v.away.name)} — ${v.c.match.kickoff(kickoff.utc)}`
      : `${v.nowNames(summary)} — ${status?.words.join(' · ') ?? ''}`;
  return message(text, [section(v.headline(summary)), context(facts.join(' · '))]);
}

export function renderReply(alert: MatchAlert, locale: Locale): SlackMessage {
  const v = new View(alert.match, locale);
  switch (alert.kind) {
    case 'catch-up':
      return catchUp(v, alert);
    case 'correction':
      return correction(v, alert);
    default:
      return matchEvent(v, alert);
  }
}

/** A headline section, an optional context line, and the notification text. */
function reply(headline: string, detail: string | null, text: string): SlackMessage {
  return message(text, detail ? [section(headline), context(detail)] : [section(headline)]);
}

function matchEvent(v: View, a: MatchEventAlert): SlackMessage {
  const m = v.c.match;
  const minute = extOrNull(a.minute);
  const now = a.match;
  switch (a.kind) {
    case 'goal': {
      const scorer = words(extOrNull(a.player), minute, m.goalMethod[a.method]);
      const tail = scorer ? ` — ${scorer}` : '';
      return reply(
        `⚽ ${bold(words(m.goal, v.team(a.side)))}${tail}`,
        v.scoreLine(a.score),
        `${words(m.goal, v.namesScore(a.score))}${tail}`,
      );
    }
    case 'penalty-awarded': {
      const line = words(m.penaltyAwarded(v.team(a.side)), minute);
      return reply(`⚠️ ${line}`, v.nowLine(now), `${line} — ${v.nowNames(now)}`);
    }
    case 'penalty-missed': {
      const line = `${m.penaltyMiss[a.outcome]} — ${words(v.who(a.player, a.side), minute)}`;
      return reply(`${MISS_EMOJI[a.outcome]} ${line}`, v.nowLine(now), `${line} — ${v.nowNames(now)}`);
    }
    case 'card': {
      const line = `${m.card[a.card]} — ${words(v.who(a.player, a.side), minute)}`;
      return reply(`${CARD_EMOJI[a.card]} ${line}`, v.nowLine(now), `${line} — ${v.nowNames(now)}`);
    }
    case 'substitution': {
      const where = words(v.team(a.side), minute);
      const title = where ? `${m.substitution} — ${where}` : m.substitution;
      const on = m.playerOn(extOrNull(a.playerOn) ?? v.c.common.unknownPlayer);
      const off = m.playerOff(extOrNull(a.playerOff) ?? v.c.common.unknownPlayer);
      return reply(`🔄 ${title}\n⬆️ ${on}   ⬇️ ${off}`, null, `${title} — ${on} · ${off}`);
    }
    case 'period-start': {
      const line = m.periodStart[a.period];
      if (a.period === 'first-half') {
        const teams = words(v.home.name, m.versus, v.away.name);
        return reply(`${START_EMOJI[a.period]} ${bold(line)}`, words(v.home.flag, teams, v.away.flag), `${line} ${teams}`);
      }
      return reply(`${START_EMOJI[a.period]} ${line}`, v.nowLine(now), `${line} — ${v.nowNames(now)}`);
    }
    case 'period-end': {
      const line = m.periodEnd(a.period, a.finalWhistle);
      const emoji = a.finalWhistle ? '🏁' : a.period === 'first-half' || a.period === 'extra-time-first-half' ? '⏸️' : '⏱️';
      // The end of a shoot-out is the final score; the end of extra time already says it was extra time.
      const aet = a.period === 'shootout' && a.finalWhistle && now.wentToExtraTime;
      return reply(
        `${emoji} ${bold(line)}`,
        v.scoreLine(a.score, a.penalties, aet),
        `${line} — ${v.namesScore(a.score, a.penalties, aet)}`,
      );
    }
    case 'shootout-kick': {
      const result: ShootoutKickResult = a.scored ? 'scored' : (a.outcome ?? 'missed');
      const line = m.shootoutKick(v.who(a.player, a.side), result);
      // A team that has not kicked yet gets no row: a bare abbreviation would read as a row gone missing.
      const row = (team: TeamView, kicks: boolean[]): string | null =>
        kicks.length ? words(team.abbr, kicks.map((k) => (k ? '✅' : '❌')).join(' ')) : null;
      const rows = [row(v.home, a.kicks.home), row(v.away, a.kicks.away)].filter((r): r is string => r !== null);
      const tally = (home: string, away: string): string => words(home, v.score(a.penalties), away);
      return message(`${line} — ${m.shootoutTally(tally(v.home.name, v.away.name))}`, [
        section(`${a.scored ? '✅' : '❌'} ${line}`),
        ...(rows.length ? [section(rows.join('\n'))] : []),
        context(m.shootoutTally(tally(v.home.abbr, v.away.abbr))),
      ]);
    }
    case 'match-end': {
      const result = m.result({
        winner: v.team(a.winner),
        extraTime: a.extraTime,
        penalties: a.penalties ? v.winnerFirst(a.penalties, a.winner) : null,
      });
      return reply(
        `🏁 ${bold(m.matchOver)} — ${result}`,
        v.scoreLine(a.score, a.penalties, a.extraTime),
        `${m.matchOver} — ${v.namesScore(a.score, a.penalties, a.extraTime)} — ${result}`,
      );
    }
  }
}

/** Lines that fit `budget` characters, closed by "… and N more" when some had to go. */
function fitLines(lines: string[], budget: number, andMore: (n: number) => string): string {
  const reserve = andMore(lines.length).length + 1;
  const kept: string[] = [];
  let used = 0;
  for (const line of lines) {
    const cost = line.length + 1;
    const isLast = kept.length === lines.length - 1;
    if (used + cost + (isLast ? 0 : reserve) > budget) break;
    kept.push(line);
    used += cost;
  }
  if (kept.length < lines.length) kept.push(andMore(lines.length - kept.length));
  return kept.join('\n');
}

function catchUp(v: View, a: CatchUpAlert): SlackMessage {
  const m = v.c.match;
  const status = v.status(a.match, a.match.minute ?? a.minute);
  const scoreboard = v.headline({ ...a.match, score: a.score, penalties: a.penalties });
  const heading = `📋 ${bold(m.catchUp)} — ${scoreboard}${status ? `\n${status.emoji} ${status.words.join(' · ')}` : ''}`;

  const abbr = (side: Side | null): string | null => (side ? v[side].abbr : null);
  const goal = (g: GoalLine): string =>
    words('⚽', extOrNull(g.minute), abbr(g.side), g.player ? `· ${ext(g.player)}` : null, m.goalMethod[g.method]);
  const card = (c: CardLine): string =>
    words(CARD_EMOJI[c.card], extOrNull(c.minute), abbr(c.side), c.player ? `· ${ext(c.player)}` : null);

  const blocks = [section(heading)];
  if (a.goals.length) blocks.push(section(fitLines(a.goals.map(goal), LIST_BUDGET, v.c.common.andMore)));
  if (a.cards.length) blocks.push(section(fitLines(a.cards.map(card), LIST_BUDGET, v.c.common.andMore)));
  const text = [m.catchUp, v.nowNames({ ...a.match, score: a.score, penalties: a.penalties }), status?.words.join(' · ')].filter(Boolean).join(' — ');
  return message(text, blocks);
}

function correction(v: View, a: CorrectionAlert): SlackMessage {
  const m = v.c.match;
  const o = a.original;
  const minute = extOrNull(o.minute);
  let line: string;
  switch (o.kind) {
    case 'goal': {
      // An own goal's scorer plays for the other side, so naming the credited team beside him would mislead.
      const ownGoalBy = o.player ? words(ext(o.player), m.goalMethod['own-goal']) : null;
      const who = o.method !== 'own-goal' ? v.who(o.player, o.side) : (ownGoalBy ?? v.who(null, o.side));
      line = m.correctionGoal(who, minute);
      break;
    }
    case 'penalty-awarded':
      line = m.correctionPenalty(v.team(o.side), minute);
      break;
    case 'card':
      line = m.correctionCard(o.card, v.who(o.player, o.side), minute);
      break;
    default:
      line = m.correctionOther(minute);
  }
  const now = a.match;
  return reply(`↩️ ${line}`, m.scoreNow(v.nowLine(now)), `${line} — ${m.scoreNow(v.nowNames(now))}`);
}
