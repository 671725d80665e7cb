/**
 * Pure renderers: a Twitch stream → its channel card (SPEC T1–T3). The card is posted when the streamer goes
 * live, re-rendered whole on refreshes (viewers, title, game), and edited to "ended" when the session is over;
 * the thread reply gives the duration. Words come from the locale's catalogue (`stream`).
 *
 * Every string from Twitch (name, title, game) is escaped once, in `ext()`, before it meets any markup, and
 * every mrkdwn object is `verbatim`. Images are optional (`withImages`): Slack fails the whole post when it
 * can't download one (a thumbnail may 404 in a stream's first minute), so the poster retries without them.
 */
import type { types } from '@slack/bolt';
import { Duration } from 'luxon';
import { catalogue } from './i18n/index.js';
import type { Catalogue } from './i18n/catalogue.js';
import type { Locale } from './i18n/locales.js';
import { clipMrkdwn, escapeMrkdwn, slackDate, utcDateParts } from './mrkdwn.js';
import type { SlackMessage } from './slack-blocks.js';
import type { ObservedStream, StreamAlert, StreamerRef } from './types.js';

type KnownBlock = types.KnownBlock;

export interface StreamCardInput {
  streamer: StreamerRef;
  stream: ObservedStream;
  live: boolean;
  /** For an ended card: how long the session lasted (unknown: the card says "Ended" alone). */
  endedDurationSeconds?: number;
  withImages: boolean;
  /** Unix ms of the render, for the thumbnail's cache-buster. */
  now: number;
}

const SECTION_MAX = 3000;
/** Top-level `text`: `chat.update` rejects more than 4000. */
const TEXT_MAX = 3000;
/** A title or game never needs more (Twitch caps titles at 140); a longer one is noise or an attack. */
const NAME_MAX = 150;
/** image_url and alt_text limits. */
const URL_MAX = 3000;
const ALT_MAX = 2000;
const THUMB_WIDTH = 1280;
const THUMB_HEIGHT = 720;
/** Slack renders this per reader: "18:04". */
const TIME_FORMAT = '{time}';

/** Collapses whitespace (a title's line breaks would break the card's layout), escapes and bounds. */
function ext(text: string): string {
  return clipMrkdwn(escapeMrkdwn(text.replace(/\s+/gu, ' ').trim()), NAME_MAX);
}

function mrkdwn(text: string): types.MrkdwnElement {
  return { type: 'mrkdwn', text: clipMrkdwn(text, SECTION_MAX), verbatim: true };
}

/** Only an https URL of sane length goes to Slack: anything else fails the post for nothing. */
function imageUrl(url: string | null | undefined): string | null {
  return url && url.startsWith('https://') && url.length <= URL_MAX ? url : null;
}

/**
 * The live preview at 1280×720. Twitch serves every stream of a channel under one URL, so a cache-buster
 * (`t`, unix seconds floored to the minute) makes Slack fetch a fresh frame at most once a minute.
 */
function thumbnailUrl(template: string, now: number): string | null {
  const url = template.replace(/\{width\}/g, String(THUMB_WIDTH)).replace(/\{height\}/g, String(THUMB_HEIGHT));
  const t = Math.floor(now / 60_000) * 60;
  return imageUrl(`${url}${url.includes('?') ? '&' : '?'}t=${t}`);
}

/** "2 h 13 min", "45 min", "25 h": whole minutes, floored; nothing negative or unknown goes below "0 min". */
export function formatDuration(seconds: number, locale: Locale): string {
  const minutes = Number.isFinite(seconds) ? Math.max(0, Math.floor(seconds / 60)) : 0;
  const parts = Duration.fromObject({ minutes }).shiftTo('hours', 'minutes');
  return catalogue(locale).stream.duration(parts.hours, parts.minutes);
}

/** Who, display-ready: the escaped name and the bold link to the channel. */
function who(streamer: StreamerRef): { name: string; link: string } {
  const name = ext(streamer.displayName || streamer.login);
  return { name, link: `*<https://www.twitch.tv/${encodeURIComponent(streamer.login)}|${name}>*` };
}

/** The start as a per-reader time whose fallback says the UTC time; null when Twitch sent no usable time. */
function startedAt(c: Catalogue, iso: string): string | null {
  const parts = utcDateParts(iso, c.intlLocale);
  return parts ? c.stream.started(slackDate(iso, TIME_FORMAT, c.stream.timeUtc(parts.time))) : null;
}

function viewers(c: Catalogue, count: number): string {
  const n = Number.isFinite(count) ? Math.max(0, Math.round(count)) : 0;
  return c.stream.viewers(new Intl.NumberFormat(c.intlLocale).format(n), new Intl.PluralRules(c.intlLocale).select(n));
}

/** The live card, or the same card once the stream has ended. */
export function renderStreamCard(input: StreamCardInput, locale: Locale): SlackMessage {
  const { streamer, stream, live, withImages } = input;
  const c = catalogue(locale);
  const s = c.stream;
  const { name, link } = who(streamer);
  const title = ext(stream.title) || s.untitled;
  const duration = input.endedDurationSeconds === undefined ? null : formatDuration(input.endedDurationSeconds, locale);
  const badge = live ? `🔴 *${s.live}*` : `⚫ *${s.ended(duration)}*`;

  const headline: types.SectionBlock = { type: 'section', text: mrkdwn(`${badge} · ${link}\n${title}`) };
  const profile = withImages ? imageUrl(streamer.profileImageUrl) : null;
  if (profile) headline.accessory = { type: 'image', image_url: profile, alt_text: clipMrkdwn(name, ALT_MAX) };

  const game = ext(stream.gameName);
  const facts = [game ? `🎮 ${game}` : null, live ? `👀 ${viewers(c, stream.viewerCount)}` : null, startedAt(c, stream.startedAt)];
  const blocks: KnownBlock[] = [headline];
  const factLine = facts.filter((f): f is string => !!f).join(' · ');
  if (factLine) blocks.push({ type: 'context', elements: [mrkdwn(factLine)] });

  const thumbnail = live && withImages ? thumbnailUrl(stream.thumbnailUrl, input.now) : null;
  if (thumbnail) blocks.push({ type: 'image', image_url: thumbnail, alt_text: clipMrkdwn(s.thumbnailAlt(name), ALT_MAX) });

  const text = live ? s.isLive(name, title) : s.wasLive(name, duration);
  return { text: clipMrkdwn(text, TEXT_MAX), blocks };
}

/** How long a session lasted: the alert's own figure, else from the stream's start to the alert. */
export function sessionSeconds(alert: StreamAlert): number | null {
  if (alert.durationSeconds !== undefined) return alert.durationSeconds;
  const ms = Date.parse(alert.at) - Date.parse(alert.stream.startedAt);
  return Number.isFinite(ms) && ms >= 0 ? ms / 1000 : null;
}

/** The thread reply when a session ends: "Stream ended after 2 h 13 min". */
export function renderStreamEndedReply(alert: StreamAlert, locale: Locale): SlackMessage {
  const seconds = sessionSeconds(alert);
  const text = catalogue(locale).stream.endedAfter(seconds === null ? null : formatDuration(seconds, locale));
  return { text, blocks: [{ type: 'section', text: mrkdwn(`⚫ ${text}`) }] };
}
