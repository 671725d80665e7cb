/**
 * A FIFA request that never answers costs one request timeout for that match; it is tried again and the
 * match carries on with nothing lost (SPEC O1). Requests that keep failing are logged: see fifa-client tests.
 */
import { describe, expect, it } from 'vitest';
import { EXPECTED_REPLIES, fifa, launch, play, replyTexts, slack, useMatchStage, waitForReplies } from './match-stage.js';
import { serveRecordingAt, steps } from './recorded-match.js';

useMatchStage();

describe('a FIFA timeline request that hangs', () => {
  it('times out, is tried again, and the match carries on with nothing lost', async () => {
    const moments = steps(6);
    serveRecordingAt(fifa, moments[0] as number);
    const app = launch();
    await slack.waitForConnection();
    await play(moments.slice(0, 2));
    fifa.fault('/timelines/', 'hang', 1);
    await play(moments.slice(2, 4));
    await waitForReplies(7, 60_000);
    expect(replyTexts()).toEqual(EXPECTED_REPLIES.slice(0, 7));
    const hung = fifa.requests.findIndex((r) => r.path.includes('/timelines/') && r.status === 0);
    expect(hung).toBeGreaterThanOrEqual(0);
    expect(fifa.requests.slice(hung + 1).some((r) => r.path.includes('/timelines/') && (r.status === 200 || r.status === 304))).toBe(true);
    expect(app.process.exitCode).toBeNull();
  }, 120_000);
});
