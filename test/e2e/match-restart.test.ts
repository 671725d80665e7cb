/**
 * The real app killed with SIGKILL mid-match, between Slack taking a post and Fanfare recording it, then
 * started again on the same store after the match moved on: nothing repeated, nothing lost.
 */
import { describe, expect, it } from 'vitest';
import { serveRecordingAt, steps } from './recorded-match.js';
import { EXPECTED_REPLIES, FINAL_PARENT_TEXT, fifa, launch, parents, play, replyTexts, slack, useMatchStage, waitForReplies } from './match-stage.js';

useMatchStage();

describe('a restart mid-match', () => {
  it('after SIGKILL between a post and its record, finds the post instead of repeating it, and catches up once', async () => {
    const moments = steps(6);
    serveRecordingAt(fifa, moments[0] as number);
    let app = launch();
    await slack.waitForConnection();
    await play(moments.slice(0, 4));
    await waitForReplies(7);

    // Slack takes the next post but the answer never comes back; Fanfare dies waiting for it.
    const before = replyTexts().length;
    slack.hang('chat.postMessage', 1, { thenRecord: true });
    serveRecordingAt(fifa, moments[6] as number);
    await waitForReplies(before + 1);
    await app.kill('SIGKILL');
    expect(replyTexts()).toEqual(EXPECTED_REPLIES.slice(0, before + 1));

    // The match goes on while Fanfare is down; then it starts again on the same store.
    serveRecordingAt(fifa, moments[9] as number);
    app = launch();
    await play(moments.slice(9));
    await waitForReplies(EXPECTED_REPLIES.length);
    await new Promise((resolve) => setTimeout(resolve, 1500));

    expect(replyTexts()).toEqual(EXPECTED_REPLIES);
    expect(parents()).toHaveLength(1);
    expect(parents()[0]?.text).toBe(FINAL_PARENT_TEXT);
    expect(app.logs.some((line) => line.msg === 'reply was already in the thread; not posting it again')).toBe(true);
  }, 240_000);
});
