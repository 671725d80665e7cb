/**
 * Slack's errors sorted once into four classes (SPEC X3), holds that keep work instead of dropping it,
 * and match posts going before stream card work in a channel's lane (audit finding 5).
 */
import { webApi } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { classifySlackError, PacedSlack, PRIORITY, SlackHeld, SlackOutcomeUnknown, SlackRefusal, type HoldNotice } from '../../src/slack/slack-calls.js';

const platform = (error: string) => Object.assign(new Error(error), { code: webApi.ErrorCode.PlatformError, data: { ok: false, error } });

describe('Slack error classes', () => {
  it.each([
    ['invalid_blocks', 'message'],
    ['msg_too_long', 'message'],
    ['invalid_metadata_format', 'message'],
    ['no_text', 'message'],
    ['message_not_found', 'message'],
    ['not_in_channel', 'channel'],
    ['is_archived', 'channel'],
    ['channel_not_found', 'channel'],
    ['restricted_action', 'channel'],
    ['invalid_auth', 'auth'],
    ['token_revoked', 'auth'],
    ['account_inactive', 'auth'],
    ['not_authed', 'auth'],
    ['missing_scope', 'auth'],
  ])('%s is a %s refusal', (error, kind) => {
    const classified = classifySlackError(platform(error));
    expect(classified).toBeInstanceOf(SlackRefusal);
    expect((classified as SlackRefusal).kind).toBe(kind);
  });

  it.each(['internal_error', 'fatal_error', 'service_unavailable', 'request_timeout'])('%s leaves the outcome unknown', (error) => {
    expect(classifySlackError(platform(error))).toBeInstanceOf(SlackOutcomeUnknown);
  });

  it('a network error or a 5xx leaves the outcome unknown', () => {
    expect(classifySlackError(Object.assign(new Error('ECONNRESET'), { code: webApi.ErrorCode.RequestError }))).toBeInstanceOf(SlackOutcomeUnknown);
    expect(classifySlackError(Object.assign(new Error('503'), { code: webApi.ErrorCode.HTTPError }))).toBeInstanceOf(SlackOutcomeUnknown);
  });
});

describe('holds', () => {
  it('a channel refusal holds that channel only, tells once, and the first write after the pause probes it', async () => {
    let now = 1_000_000;
    const held: HoldNotice[] = [];
    const resumed: HoldNotice[] = [];
    const paced = new PacedSlack({ intervalMs: 0, holdMs: 1000, now: () => now, events: { held: (n) => held.push(n), resumed: (n) => resumed.push(n) } });
    await expect(paced.write('C1', () => Promise.reject(platform('not_in_channel')))).rejects.toBeInstanceOf(SlackRefusal);
    await expect(paced.write('C1', () => Promise.resolve('sent'))).rejects.toBeInstanceOf(SlackHeld);
    await expect(paced.write('C2', () => Promise.resolve('other'))).resolves.toBe('other');
    expect(paced.isHeld('C1')).toBe(true);
    now += 1000;
    // The probe fails again: still one notice, a longer pause.
    await expect(paced.write('C1', () => Promise.reject(platform('not_in_channel')))).rejects.toBeInstanceOf(SlackRefusal);
    now += 1000;
    expect(paced.isHeld('C1')).toBe(true);
    now += 1000;
    await expect(paced.write('C1', () => Promise.resolve('sent'))).resolves.toBe('sent');
    expect(held).toEqual([{ kind: 'channel', channel: 'C1', error: 'not_in_channel' }]);
    expect(resumed).toEqual([{ kind: 'channel', channel: 'C1', error: 'not_in_channel' }]);
    expect(paced.isHeld('C1')).toBe(false);
  });

  it('an auth refusal holds every channel', async () => {
    const now = 1_000_000;
    const paced = new PacedSlack({ intervalMs: 0, holdMs: 1000, now: () => now });
    await expect(paced.write('C1', () => Promise.reject(platform('token_revoked')))).rejects.toBeInstanceOf(SlackRefusal);
    await expect(paced.write('C2', () => Promise.resolve('x'))).rejects.toBeInstanceOf(SlackHeld);
  });

  it('a message refusal holds nothing', async () => {
    const paced = new PacedSlack({ intervalMs: 0 });
    await expect(paced.write('C1', () => Promise.reject(platform('invalid_blocks')))).rejects.toBeInstanceOf(SlackRefusal);
    await expect(paced.write('C1', () => Promise.resolve('x'))).resolves.toBe('x');
  });
});

describe('lane priority', () => {
  it('a match post queued behind stream card work goes first', async () => {
    const paced = new PacedSlack({ intervalMs: 0 });
    const order: string[] = [];
    let release: () => void = () => undefined;
    const first = paced.write('C1', () => new Promise<void>((resolve) => (release = resolve)).then(() => order.push('card 1')));
    const later = [
      paced.write('C1', () => Promise.resolve(order.push('card 2'))),
      paced.write('C1', () => Promise.resolve(order.push('card 3'))),
      paced.write('C1', () => Promise.resolve(order.push('goal')), PRIORITY.match),
    ];
    await new Promise((resolve) => setTimeout(resolve, 10));
    release();
    await Promise.all([first, ...later]);
    expect(order).toEqual(['card 1', 'goal', 'card 2', 'card 3']);
  });
});

describe('lanes', () => {
  const rateLimited = () => Object.assign(new Error('ratelimited'), { code: webApi.ErrorCode.RateLimitedError, retryAfter: 1 });

  it("a channel's posts wait for its own pace only: another channel's post and an edit go meanwhile", async () => {
    const paced = new PacedSlack({ intervalMs: 500, editIntervalMs: 500 });
    const order: string[] = [];
    const run = (what: string) => () => Promise.resolve(order.push(what));
    await Promise.all([
      paced.write('C1', run('C1 post 1')),
      paced.write('C1', run('C1 post 2')),
      paced.write('C2', run('C2 post')),
      paced.edit('C1', run('C1 edit')),
    ]);
    expect(order).toEqual(['C1 post 1', 'C2 post', 'C1 edit', 'C1 post 2']);
  });

  it('edits share one lane whatever the channel (chat.update is limited per workspace), and posts do not wait for it', async () => {
    const paced = new PacedSlack({ intervalMs: 0, editIntervalMs: 500 });
    const order: string[] = [];
    const run = (what: string) => () => Promise.resolve(order.push(what));
    await Promise.all([paced.edit('C1', run('C1 edit')), paced.edit('C2', run('C2 edit')), paced.write('C1', run('C1 post'))]);
    expect(order).toEqual(['C1 edit', 'C1 post', 'C2 edit']);
  });

  it('an edit waiting out a 429 delays no post', async () => {
    const paced = new PacedSlack({ intervalMs: 0, editIntervalMs: 0 });
    const order: string[] = [];
    let tries = 0;
    const edit = paced.edit('C1', () => (tries++ === 0 ? Promise.reject(rateLimited()) : Promise.resolve(order.push('edit'))));
    await new Promise((resolve) => setTimeout(resolve, 10));
    await Promise.all([paced.write('C1', () => Promise.resolve(order.push('post 1'))), paced.write('C1', () => Promise.resolve(order.push('post 2')))]);
    await edit;
    expect(order).toEqual(['post 1', 'post 2', 'edit']);
    expect(tries).toBe(2);
  });

  it('a match edit queued behind stream card refreshes goes first', async () => {
    const paced = new PacedSlack({ intervalMs: 0, editIntervalMs: 0 });
    const order: string[] = [];
    let release: () => void = () => undefined;
    const first = paced.edit('C1', () => new Promise<void>((resolve) => (release = resolve)).then(() => order.push('card 1')));
    const later = [
      paced.edit('C2', () => Promise.resolve(order.push('card 2'))),
      paced.edit('C1', () => Promise.resolve(order.push('parent')), PRIORITY.match),
    ];
    await new Promise((resolve) => setTimeout(resolve, 10));
    release();
    await Promise.all([first, ...later]);
    expect(order).toEqual(['card 1', 'parent', 'card 2']);
  });

  it("a channel refusing an edit holds that channel's posts too", async () => {
    const now = 1_000_000;
    const paced = new PacedSlack({ intervalMs: 0, holdMs: 1000, now: () => now });
    await expect(paced.edit('C1', () => Promise.reject(platform('channel_not_found')))).rejects.toBeInstanceOf(SlackRefusal);
    await expect(paced.write('C1', () => Promise.resolve('x'))).rejects.toBeInstanceOf(SlackHeld);
    await expect(paced.write('C2', () => Promise.resolve('y'))).resolves.toBe('y');
  });
});
