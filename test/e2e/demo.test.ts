/** Without Slack tokens, `npm start` says it runs the offline demo and shows the match thread. */
import { afterEach, describe, expect, it } from 'vitest';
import { startApp, tempDir } from './harness.js';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((c) => c()));
});

describe('npm start without Slack tokens', () => {
  it('runs the offline demo: says so, then shows the thread as a reader sees it', async () => {
    const { dir, remove } = await tempDir();
    cleanups.push(remove);
    const app = startApp({ LOG_LEVEL: 'info' }, dir);
    cleanups.push(async () => {
      await app.kill('SIGKILL');
    });
    await app.waitForOutput('offline demo');
    await app.waitForOutput('Argentina', 20_000);
    await app.waitForOutput('Kick-off', 20_000);
    expect(app.stdout()).not.toContain('"level"');
    expect(app.stderr()).toBe('');
  }, 60_000);
});
