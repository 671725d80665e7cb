/**
 * Replies to `/fanfare competitions` and `competition add|remove` (ephemeral). Competition names and what
 * the admin typed are external text, escaped here.
 */
import { catalogue } from '../../alerts/i18n/index.js';
import type { Locale } from '../../alerts/i18n/locales.js';
import { clipMrkdwn, escapeMrkdwn } from '../../alerts/mrkdwn.js';
import type { CatalogEntry } from '../../football/catalog.js';
import type { CompetitionStatus } from '../../football/directory.js';
import { competitionRefString } from '../../football/provider.js';
import type { CompetitionScope } from '../../store/competitions.js';
import { section, SECTION_MAX } from './blocks.js';
import { competitionLine } from './home.js';
import type { MemberMessage } from './messages.js';

const NAME_MAX = 150;
const CANDIDATES_MAX = 5;

function ext(text: string): string {
  return clipMrkdwn(escapeMrkdwn(text), NAME_MAX);
}

function simple(text: string): MemberMessage {
  const clipped = clipMrkdwn(text, SECTION_MAX);
  return { text: clipped, blocks: [section(undefined, clipped)] };
}

function channelMention(channel: string | null, fallback: string): string {
  return channel && /^[CG][A-Z0-9]{2,}$/.test(channel) ? `<#${channel}>` : fallback;
}

/** Every followed competition with its channel, and how it stands (next match, live, provider failing). */
export function competitionsMessage(locale: Locale, statuses: CompetitionStatus[], matchChannel: string | null, isAdmin: boolean): MemberMessage {
  const c = catalogue(locale);
  const k = c.competitions;
  if (statuses.length === 0) return simple(k.none(isAdmin));
  const lines = statuses.map((status) => {
    const { competition } = status;
    const channel = channelMention(competition.channel ?? matchChannel, k.noChannel);
    const scope = competition.scope === 'every-match' ? k.everyMatch : k.followedTeams;
    return `• ${competitionLine(c, status)} · \`${escapeMrkdwn(competitionRefString(competition))}\` · ${channel} · ${scope}`;
  });
  return simple([`*${k.listTitle}*`, ...lines].join('\n'));
}

export function competitionAddedMessage(locale: Locale, name: string, channel: string | null, scope: CompetitionScope): MemberMessage {
  const k = catalogue(locale).competitions;
  return simple(k.added(`*${ext(name)}*`, channelMention(channel, k.noChannel), scope === 'every-match' ? k.everyMatch : k.followedTeams));
}

export function competitionAlreadyMessage(locale: Locale, name: string): MemberMessage {
  return simple(catalogue(locale).competitions.alreadyFollowed(`*${ext(name)}*`));
}

export function competitionRemovedMessage(locale: Locale, name: string): MemberMessage {
  return simple(catalogue(locale).competitions.removed(`*${ext(name)}*`));
}

/** `competition remove` named nothing followed: the followed ones are offered. */
export function competitionNotFollowedMessage(locale: Locale, query: string, followed: string[]): MemberMessage {
  const c = catalogue(locale);
  const k = c.competitions;
  const hint = followed.length > 0 ? ` ${k.didYouMean(or(c.intlLocale, followed.slice(0, CANDIDATES_MAX).map((n) => `*${ext(n)}*`)))}` : '';
  return simple(`${k.notFollowed(ext(query.trim()))}${hint}`);
}

/** `competition add` found nothing, or several: the candidates with their `provider:id`, to type exactly. */
export function competitionNotFoundMessage(locale: Locale, query: string, candidates: CatalogEntry[]): MemberMessage {
  const c = catalogue(locale);
  const k = c.competitions;
  const names = candidates.slice(0, CANDIDATES_MAX).map((e) => `*${ext(e.name)}* (\`${escapeMrkdwn(competitionRefString(e.ref))}\`)`);
  const hint = names.length > 0 ? ` ${k.didYouMean(or(c.intlLocale, names))}` : '';
  return simple(`${k.notFound(ext(query.trim()))}${hint}`);
}

function or(intlLocale: string, names: string[]): string {
  return new Intl.ListFormat(intlLocale, { style: 'long', type: 'disjunction' }).format(names);
}
