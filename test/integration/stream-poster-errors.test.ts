/**
 * Stream cards under Slack errors (audit findings 4 and 11), through the real @slack/web-api client
 * against the fake Slack and a real SQLite store: Fanfare joins the channel before its first card, a
 * refused read-back re-posts instead of dropping the card, and a refusing channel holds the card.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { webApi } from '@slack/bolt';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PacedSlack } from '../../src/slack/slack-calls.js';
import { CARD_END_EVENT_TYPE, CARD_EVENT_TYPE, StreamPoster } from '../../src/slack/stream-poster.js';
import { openStore, type Store } from '../../src/store/store.js';
import { StreamCardRepo } from '../../src/store/stream-cards.js';
import type { ObservedStream, StreamAlert, StreamerRef } from '../../src/twitch/types.js';
import { startFakeSlack, type FakeSlack } from '../fakes/slack.js';

const CHANNEL = 'C0MATCHES';
const SESSION = '41375541868';
const logger = pino({ level: 'silent' });

const shroud: StreamerRef = { id: '37402112', login: 'shroud', displayName: 'shroud', profileImageUrl: null };
const stream: ObservedStream = {
  id: SESSION,
  userId: shroud.id,
  title: 'Ranked grind',
  gameName: 'VALORANT',
  viewerCount: 12345,
  startedAt: new Date(Date.now() - 60_000).toISOString(),
  thumbnailUrl: 'https://static-cdn.jtvnw.net/previews-ttv/live_user_shroud-{width}x{height}.jpg',
};

function alert(kind: StreamAlert['kind']): StreamAlert {
  return {
    source: 'stream',
    id: `stream/${shroud.id}/${SESSION}/${kind === 'stream-live' ? 'live' : 'offline'}`,
    kind,
    revision: 0,
    streamer: shroud,
    stream,
    sessionId: SESSION,
    at: new Date().toISOString(),
    ...(kind === 'stream-offline' ? { durationSeconds: 3600 } : {}),
  };
}

let slack: FakeSlack;
let store: Store;
let dir: string;

beforeEach(async () => {
  slack = await startFakeSlack();
  dir = await mkdtemp(path.join(os.tmpdir(), 'fanfare-cards-'));
  store = await openStore(`sqlite://${path.join(dir, 'store.sqlite')}`);
  // A public channel Fanfare was never added to: posting works (chat:write.public), reading needs a join.
  slack.channels.set(CHANNEL, { id: CHANNEL, name: 'world-cup', is_member: false });
});

afterEach(async () => {
  await store.close();
  await slack.close();
  await rm(dir, { recursive: true, force: true });
});

function poster(options: { channel?: () => Promise<string | null>; holdMs?: number } = {}) {
  const client = new webApi.WebClient(slack.botToken, { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true, timeout: 300 });
  const cards = new StreamCardRepo(store);
  const paced = new PacedSlack({ intervalMs: 0, holdMs: options.holdMs ?? 0 });
  return { cards, poster: new StreamPoster({ client, cards, locale: 'en-GB', logger, slack: paced, ...(options.channel ? { channel: options.channel } : {}) }) };
}

const cardsPosted = () => slack.channelMessages(CHANNEL).filter((m) => m.metadata?.event_type === CARD_EVENT_TYPE);
const endReplies = () => slack.messages.filter((m) => m.metadata?.event_type === CARD_END_EVENT_TYPE);

describe('stream cards under Slack errors', () => {
  it('joins the channel before the first card', async () => {
    const p = poster();
    await p.cards.enqueue(SESSION, CHANNEL, { kind: 'live', alert: alert('stream-live') });
    await p.poster.flushAll();
    const methods = slack.calls.map((c) => c.method);
    expect(methods.indexOf('conversations.join')).toBeGreaterThanOrEqual(0);
    expect(methods.indexOf('conversations.join')).toBeLessThan(methods.indexOf('chat.postMessage'));
    expect(cardsPosted()).toHaveLength(1);
  });

  it('a card whose post timed out and whose read-back Slack refuses is posted again, not dropped', async () => {
    const p = poster();
    await p.cards.enqueue(SESSION, CHANNEL, { kind: 'live', alert: alert('stream-live') });
    slack.hang('chat.postMessage', 1);
    await p.poster.flushAll();
    expect(cardsPosted()).toHaveLength(0);
    slack.fail('conversations.history', 'not_in_channel', 1);
    await p.poster.flushAll();
    expect(cardsPosted()).toHaveLength(1);
    expect((await p.cards.get(SESSION))?.ts).toBe(cardsPosted()[0]?.ts);
  });

  it('an ended reply whose read-back Slack refuses is posted, not dropped', async () => {
    const p = poster();
    await p.cards.enqueue(SESSION, CHANNEL, { kind: 'live', alert: alert('stream-live') });
    await p.poster.flushAll();
    await p.cards.enqueue(SESSION, CHANNEL, { kind: 'ended', alert: alert('stream-offline') });
    slack.hang('chat.postMessage', 1);
    await p.poster.flushAll();
    slack.fail('conversations.replies', 'thread_not_found', 1);
    await p.poster.flushAll();
    expect(endReplies()).toHaveLength(1);
    expect((await p.cards.get(SESSION))?.pending).toEqual([]);
  });

  it('a channel that refuses the card holds it until the channel accepts posts again', async () => {
    const p = poster();
    (slack.channels.get(CHANNEL) as { is_archived?: boolean }).is_archived = true;
    await p.cards.enqueue(SESSION, CHANNEL, { kind: 'live', alert: alert('stream-live') });
    await p.poster.flushAll();
    await p.poster.flushAll();
    expect(cardsPosted()).toHaveLength(0);
    expect((await p.cards.get(SESSION))?.pending).toHaveLength(1);
    (slack.channels.get(CHANNEL) as { is_archived?: boolean }).is_archived = false;
    await p.poster.flushAll();
    expect(cardsPosted()).toHaveLength(1);
  });

  it('a revoked token holds the card; it goes out once the token works', async () => {
    const p = poster();
    await p.cards.enqueue(SESSION, CHANNEL, { kind: 'live', alert: alert('stream-live') });
    slack.fail('chat.postMessage', 'token_revoked', 2);
    await p.poster.flushAll();
    await p.poster.flushAll();
    expect(cardsPosted()).toHaveLength(0);
    await p.poster.flushAll();
    expect(cardsPosted()).toHaveLength(1);
  });

  it('a card held in a refusing channel goes to the channel an admin picks instead', async () => {
    let picked = CHANNEL;
    const p = poster({ channel: () => Promise.resolve(picked), holdMs: 60_000 });
    (slack.channels.get(CHANNEL) as { is_archived?: boolean }).is_archived = true;
    await p.cards.enqueue(SESSION, CHANNEL, { kind: 'live', alert: alert('stream-live') });
    await p.poster.flushAll();
    expect(cardsPosted()).toHaveLength(0);
    picked = 'C0STREAMS';
    await p.poster.flushAll();
    expect(slack.channelMessages('C0STREAMS').filter((m) => m.metadata?.event_type === CARD_EVENT_TYPE)).toHaveLength(1);
    expect(cardsPosted()).toHaveLength(0);
  });
});
