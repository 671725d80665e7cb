/**
 * The real app narrates the whole 2022 World Cup final (extra time and a shoot-out) from a fake FIFA feed
 * into a fake Slack: the exact replies in order, one parent kept current, nothing twice, through FIFA
 * 500s, malformed and wrongly shaped answers, and a Slack 429.
 */
import { describe, expect, it } from 'vitest';
import { MATCH_KEY, serveRecordingAt, steps } from './recorded-match.js';
import { CHANNEL, EXPECTED_REPLIES, FINAL_PARENT_TEXT, fifa, launch, parents, play, replyTexts, slack, useMatchStage, waitForReplies } from './match-stage.js';

useMatchStage();

describe('a whole match with extra time and a shoot-out', () => {
  it('is narrated in one thread: exact replies in order, the parent shows the result, nothing twice, despite faults', async () => {
    const moments = steps(6);
    serveRecordingAt(fifa, moments[0] as number);
    const app = launch();
    await slack.waitForConnection();

    // Socket Mode works both ways: a mention arrives as an envelope, is acked, and answered to its author.
    await slack.sendEvent({ type: 'app_mention', user: 'U0MEMBER', text: `<@${slack.botUserId}> hello`, ts: '1671375000.000100', channel: 'C0CHAT', event_ts: '1671375000.000100' });
    await slack.waitFor(() => slack.ephemerals.some((m) => m.channel === 'C0CHAT'), 10_000);
    const answer = slack.ephemerals.find((m) => m.channel === 'C0CHAT');
    expect(answer?.user).toBe('U0MEMBER');
    expect(answer?.text).toContain(`<#${CHANNEL}>`);

    await play(moments.slice(0, 4));
    slack.rateLimit('chat.postMessage', 1, 1);
    fifa.fault('/timelines/', 'status500', 4);
    await play(moments.slice(4, 7));
    fifa.fault('/timelines/', 'malformed', 2);
    await play(moments.slice(7, 10));
    fifa.fault('/timelines/', 'schema', 2);
    await play(moments.slice(10));
    await waitForReplies(EXPECTED_REPLIES.length);
    // Lingering polls must not add anything.
    await new Promise((resolve) => setTimeout(resolve, 1500));

    expect(replyTexts()).toEqual(EXPECTED_REPLIES);
    expect(parents()).toHaveLength(1);
    const [parent] = parents();
    expect(parent?.text).toBe(FINAL_PARENT_TEXT);
    expect(JSON.stringify(parent?.blocks)).toContain('<!date^1671375600^');
    expect(parent?.edits).toBeGreaterThan(5);
    expect(parent?.metadata).toEqual({ event_type: 'fanfare_match', event_payload: { match_key: MATCH_KEY } });

    const thread = slack.thread(parent?.channel as string, parent?.ts as string);
    const goals = thread.filter((m) => m.text.startsWith('GOAL!'));
    expect(goals).toHaveLength(6);
    expect(goals.every((m) => m.reply_broadcast === true)).toBe(true);
    expect(thread.filter((m) => !m.text.startsWith('GOAL!')).some((m) => m.reply_broadcast)).toBe(false);
    expect(new Set(thread.map((m) => m.metadata?.event_payload.alert_id)).size).toBe(thread.length);

    // Every fault was noticed, logged with its URL, and survived.
    const warnings = app.logs.filter((line) => line.level >= 40).map((line) => JSON.stringify(line));
    expect(warnings.some((w) => w.includes('/timelines/') && w.includes('500'))).toBe(true);
    expect(warnings.some((w) => w.includes('/timelines/') && /JSON|malformed/i.test(w))).toBe(true);
    expect(app.process.exitCode).toBeNull();

    // SIGTERM stops it promptly and cleanly (SPEC O2), and no token ever reached a log line (X1).
    const stopped = Date.now();
    const exit = await app.kill('SIGTERM');
    expect(exit.code).toBe(0);
    expect(Date.now() - stopped).toBeLessThan(10_000);
    const output = app.stdout() + app.stderr();
    expect(output).not.toContain(slack.botToken);
    expect(output).not.toContain(slack.appToken);
  }, 240_000);

});
