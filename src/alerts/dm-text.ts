/**
 * A personal DM (SPEC P1, P2): the alerts of one match waiting for a member, in their language, as one
 * message, with a link to the match thread when it exists; or one stream alert. Pure: the words are the
 * catalogue's and the thread replies' own renderings, so a DM says what the thread says.
 */
import type { types } from '@slack/bolt';
import { catalogue } from './i18n/index.js';
import type { Locale } from './i18n/locales.js';
import { escapeMrkdwn } from './mrkdwn.js';
import { renderParent, renderReply, type SlackMessage } from './slack-blocks.js';
import { renderStreamCard } from './stream-card.js';
import type { MatchAlert, StreamAlert } from './types.js';

/** A message holds at most 50 blocks; a burst never needs more than the newest few. */
const MAX_ALERT_BLOCKS = 40;

/** `alerts`: one match's, oldest first; `threadUrl`: the thread's permalink, when it exists. */
export function renderMatchDm(alerts: readonly MatchAlert[], locale: Locale, threadUrl: string | null): SlackMessage {
  const newest = alerts[alerts.length - 1];
  if (!newest) throw new Error('a DM needs at least one alert');
  const replies = alerts.map((alert) => renderReply(alert, locale));
  const parent = renderParent(newest.match, locale);
  const blocks: types.KnownBlock[] = [...replies.slice(-MAX_ALERT_BLOCKS / 2).flatMap((reply) => reply.blocks), ...parent.blocks.slice(1)];
  if (threadUrl) blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: `<${threadUrl}|${escapeMrkdwn(catalogue(locale).dm.openThread)}>`, verbatim: true }] });
  return { text: replies.map((reply) => reply.text).join('\n'), blocks };
}

export function renderStreamDm(alert: StreamAlert, locale: Locale, now: number): SlackMessage {
  return renderStreamCard(
    { streamer: alert.streamer, stream: alert.stream, live: alert.kind === 'stream-live', endedDurationSeconds: alert.durationSeconds, withImages: false, now },
    locale,
  );
}
