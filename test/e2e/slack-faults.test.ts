/**
 * The real app narrates the 2022 final while the fake Slack refuses its channel for a while (archived)
 * and answers internal_error (after taking the post), service_unavailable and fatal_error: the final thread
 * is exactly right, nothing twice, and the workspace admin gets one DM about the channel.
 */
import { describe, expect, it } from 'vitest';
import { serveRecordingAt, steps } from './recorded-match.js';
import { CHANNEL, EXPECTED_REPLIES, FINAL_PARENT_TEXT, fifa, launch, parents, play, replyTexts, slack, useMatchStage, waitForReplies } from './match-stage.js';

useMatchStage();

const ADMIN = 'U0ADMIN';

describe('a match while Slack refuses the channel and fails', () => {
  it('holds the thread while the channel is archived, tells the admin once, then posts everything exactly once', async () => {
    slack.users.set(ADMIN, { id: ADMIN, name: 'ada', tz: 'UTC', is_admin: true });
    slack.users.set('U0MEMBER', { id: 'U0MEMBER', name: 'max', tz: 'UTC' });
    slack.channels.set(CHANNEL, { id: CHANNEL, name: 'world-cup', is_member: true });
    const adminDms = () => slack.messages.filter((m) => m.channel === `D${ADMIN.slice(1)}`);

    const moments = steps(6);
    serveRecordingAt(fifa, moments[0] as number);
    const app = launch();
    await slack.waitForConnection();
    await play(moments.slice(0, 3));
    await waitForReplies(4);

    // Someone archives the match channel mid-match: replies wait, the admin is told.
    const channel = slack.channels.get(CHANNEL) as { is_archived?: boolean };
    channel.is_archived = true;
    const held = replyTexts().length;
    await play(moments.slice(3, 6));
    await slack.waitFor(() => adminDms().length > 0, 30_000);
    expect(replyTexts().length).toBeLessThanOrEqual(held + 1);
    channel.is_archived = false;

    // Slack's own failures: one post lands although Slack answers internal_error, two do not land.
    slack.fail('chat.postMessage', 'internal_error', 1, { thenRecord: true });
    await play(moments.slice(6, 9));
    slack.fail('chat.postMessage', 'service_unavailable', 1);
    await play(moments.slice(9, 11));
    slack.fail('chat.postMessage', 'fatal_error', 1);
    await play(moments.slice(11));
    await waitForReplies(EXPECTED_REPLIES.length, 120_000);
    await new Promise((resolve) => setTimeout(resolve, 1500));

    expect(replyTexts()).toEqual(EXPECTED_REPLIES);
    expect(parents()).toHaveLength(1);
    expect(parents()[0]?.text).toBe(FINAL_PARENT_TEXT);
    expect(adminDms()).toHaveLength(1);
    expect(adminDms()[0]?.text).toContain(`<#${CHANNEL}>`);
    expect(slack.messages.filter((m) => m.channel === 'D0MEMBER')).toHaveLength(0);
    // The post Slack took despite internal_error was found by reading the thread back, not posted twice.
    expect(app.logs.some((line) => line.msg === 'reply was already in the thread; not posting it again')).toBe(true);
    expect(app.logs.filter((line) => line.level >= 50 && /refuses Fanfare/.test(line.msg))).toHaveLength(1);
    expect(app.process.exitCode).toBeNull();
  }, 240_000);
});
