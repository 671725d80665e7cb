/**
 * The real app mid-match while another connection (a backup, the sqlite3 CLI) holds its SQLite file
 * locked past the busy timeout: polls and posts fail for that while and are retried, nothing already in
 * the store is overwritten, so the thread ends with one parent and every reply once.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { openRawSqlite } from '../fixtures/sqlite-file.js';
import { serveRecordingAt, steps } from './recorded-match.js';
import { EXPECTED_REPLIES, FINAL_PARENT_TEXT, fifa, launch, parents, play, replyTexts, useMatchStage, waitForReplies } from './match-stage.js';

useMatchStage();

describe('a locked store file', () => {
  it('holds the match thread back while locked, then finishes it with one parent and no reply lost or doubled', async () => {
    const moments = steps(6);
    serveRecordingAt(fifa, moments[0] as number);
    const app = launch();
    const opened = await app.waitForLog((line) => line.msg === 'store open');
    const file = String(opened.store).replace(/^sqlite:\/\//, '');
    await play(moments.slice(0, 4));
    await waitForReplies(7);

    const other = await openRawSqlite(file);
    await other.exec('BEGIN EXCLUSIVE');
    serveRecordingAt(fifa, moments[6] as number);
    // Longer than the app's 5 s busy timeout: its reads and writes fail with SQLITE_BUSY meanwhile.
    await sleep(8000);
    await other.exec('ROLLBACK');
    await other.close();

    await play(moments.slice(6));
    await waitForReplies(EXPECTED_REPLIES.length);
    await sleep(1500);
    expect(replyTexts()).toEqual(EXPECTED_REPLIES);
    expect(parents()).toHaveLength(1);
    expect(parents()[0]?.text).toBe(FINAL_PARENT_TEXT);
    expect(app.logs.some((line) => line.level >= 50 && /SQLITE_BUSY/.test(JSON.stringify(line.err)))).toBe(true);
  }, 240_000);
});
