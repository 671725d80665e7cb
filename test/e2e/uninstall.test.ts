/**
 * Under a supervisor, an uninstall must not become a restart loop: Fanfare exits 0 when the app is
 * uninstalled (Restart=on-failure leaves it down), and if started again anyway it stops at once with
 * exit 78 (EX_CONFIG, which deploy/fanfare.service tells systemd not to restart on). A failure that a
 * restart may cure (Slack unreachable) keeps exit 1.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeSlack, type FakeSlack } from '../fakes/slack.js';
import { startApp, tempDir, type RunningApp } from './harness.js';

const EX_CONFIG = 78;
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((c) => c()));
});

async function fakeSlack(): Promise<FakeSlack> {
  const slack = await startFakeSlack();
  cleanups.push(() => slack.close());
  return slack;
}

async function launch(env: Record<string, string>, dir?: string): Promise<{ app: RunningApp; dir: string }> {
  const work = dir ? { dir, remove: async () => undefined } : await tempDir();
  const app = startApp({ STORE_URL: `sqlite://${work.dir}/store.sqlite`, FIFA_API_URL: 'http://127.0.0.1:9/', ...env }, work.dir);
  cleanups.push(async () => {
    await app.kill('SIGKILL');
    await work.remove();
  });
  return { app, dir: work.dir };
}

function within<T>(promise: Promise<T>, ms = 30_000): Promise<T | 'still running'> {
  return Promise.race([promise, new Promise<'still running'>((resolve) => setTimeout(() => resolve('still running'), ms))]);
}

const slackEnv = (slack: FakeSlack) => ({ SLACK_BOT_TOKEN: slack.botToken, SLACK_APP_TOKEN: slack.appToken, SLACK_API_URL: slack.apiUrl });

describe('uninstalling under a supervisor', () => {
  it('stops with exit 0; started again, it says why in one line and exits 78 after one call to Slack', async () => {
    const slack = await fakeSlack();
    const { app, dir } = await launch(slackEnv(slack));
    await slack.waitForConnection(20_000);
    await slack.sendEvent({ type: 'app_uninstalled' });
    expect(await within(app.exited)).toEqual({ code: 0, signal: null });

    // Slack now refuses the revoked token; a supervisor restarts Fanfare anyway.
    slack.fail('auth.test', 'account_inactive', 1000);
    const callsBefore = slack.calls.filter((c) => c.method === 'auth.test').length;
    const { app: again } = await launch(slackEnv(slack), dir);
    expect(await within(again.exited)).toEqual({ code: EX_CONFIG, signal: null });
    expect(again.stderr().trimEnd().split('\n')).toEqual([expect.stringContaining('account_inactive')]);
    expect(slack.calls.filter((c) => c.method === 'auth.test').length - callsBefore).toBe(1);
  }, 90_000);

  it('exits 78 on a rejected token, and 1 when Slack cannot be reached (a restart may cure that)', async () => {
    const slack = await fakeSlack();
    slack.fail('auth.test', 'invalid_auth', 1000);
    const { app: rejected } = await launch(slackEnv(slack));
    expect(await within(rejected.exited)).toEqual({ code: EX_CONFIG, signal: null });

    const { app: unreachable } = await launch({ ...slackEnv(slack), SLACK_API_URL: 'http://127.0.0.1:9/api/' });
    expect(await within(unreachable.exited)).toEqual({ code: 1, signal: null });
  }, 90_000);

  it('exits 78 on a configuration error', async () => {
    const { app } = await launch({ HEALTH_PORT: 'http' });
    expect(await within(app.exited)).toEqual({ code: EX_CONFIG, signal: null });
    expect(app.stderr()).toContain('HEALTH_PORT');
  }, 60_000);
});
