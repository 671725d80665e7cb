/**
 * Issue 8, "a clear line for every start failure": whatever Slack answers at start (or if it never
 * answers), the installer reads one line naming the variable or the cause, and Fanfare exits non-zero
 * in good time instead of printing a stack trace or retrying for ever.
 */
import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeSlack, type FakeSlack } from '../fakes/slack.js';
import { startApp, tempDir } from './harness.js';

/** The requirement is 15 s; the app's own deadline is 10 s; this leaves room for a slow machine. */
const EXIT_WITHIN_MS = 20_000;

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((c) => c()));
});

async function fakeSlack(): Promise<FakeSlack> {
  const slack = await startFakeSlack();
  cleanups.push(() => slack.close());
  return slack;
}

/** Starts Fanfare against `apiUrl` and waits for it to exit (or gives up after EXIT_WITHIN_MS). */
async function start(apiUrl: string, tokens: { bot: string; app: string }) {
  const { dir, remove } = await tempDir();
  const app = startApp(
    { SLACK_BOT_TOKEN: tokens.bot, SLACK_APP_TOKEN: tokens.app, SLACK_API_URL: apiUrl, STORE_URL: `sqlite://${dir}/store.sqlite`, FIFA_API_URL: 'http://127.0.0.1:9/' },
    dir,
  );
  cleanups.push(async () => {
    await app.kill('SIGKILL');
    await remove();
  });
  const timeout = new Promise<'still running'>((resolve) => setTimeout(() => resolve('still running'), EXIT_WITHIN_MS));
  const exit = await Promise.race([app.exited, timeout]);
  return { exit, stderr: app.stderr(), stdout: app.stdout() };
}

function expectOneLine(result: Awaited<ReturnType<typeof start>>, pattern: RegExp): void {
  expect(result.exit).not.toBe('still running');
  expect(result.exit).toMatchObject({ code: expect.any(Number) });
  expect((result.exit as { code: number }).code).not.toBe(0);
  expect(result.stderr).not.toMatch(/^\s+at /m);
  const lines = result.stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(pattern);
}

/** A TCP server that accepts connections and never says a word. */
async function silentServer(): Promise<string> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => sockets.add(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => server.close(resolve));
  });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/`;
}

/** A port nothing listens on (bound once, then closed). */
async function closedPort(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}/api/`;
}

describe('starting against a Slack that says no', () => {
  it('names SLACK_BOT_TOKEN when Slack rejects the bot token (invalid_auth)', async () => {
    const slack = await fakeSlack();
    const result = await start(slack.apiUrl, { bot: 'xoxb-revoked', app: slack.appToken });
    expectOneLine(result, /^fanfare: SLACK_BOT_TOKEN: Slack rejected the token \(invalid_auth\): .*OAuth & Permissions/);
    expect(slack.connectionsOpened).toBe(0);
  });

  it('names SLACK_APP_TOKEN when it is not an app-level token (not_allowed_token_type)', async () => {
    const slack = await fakeSlack();
    slack.fail('apps.connections.open', 'not_allowed_token_type', 1000);
    const result = await start(slack.apiUrl, { bot: slack.botToken, app: slack.appToken });
    expectOneLine(result, /^fanfare: SLACK_APP_TOKEN: .*not_allowed_token_type.*connections:write/);
  });

  it('names SLACK_APP_TOKEN and connections:write when the scope is missing (missing_scope)', async () => {
    const slack = await fakeSlack();
    slack.fail('apps.connections.open', 'missing_scope', 1000);
    const result = await start(slack.apiUrl, { bot: slack.botToken, app: slack.appToken });
    expectOneLine(result, /^fanfare: SLACK_APP_TOKEN: .*connections:write scope \(missing_scope\)/);
    // One look, not a retry loop.
    expect(slack.calls.filter((c) => c.method === 'apps.connections.open')).toHaveLength(1);
  });

  it('says Slack did not answer when nothing answers at SLACK_API_URL', async () => {
    const apiUrl = await silentServer();
    const result = await start(apiUrl, { bot: 'xoxb-1', app: 'xapp-1' });
    expectOneLine(result, /^fanfare: Slack did not answer at http:\/\/127\.0\.0\.1:\d+\/api\/ within 10 s: check the network/);
  });

  it('says Slack cannot be reached when the connection is refused', async () => {
    const apiUrl = await closedPort();
    const result = await start(apiUrl, { bot: 'xoxb-1', app: 'xapp-1' });
    expectOneLine(result, /^fanfare: Slack could not be reached at http:\/\/127\.0\.0\.1:\d+\/api\/ \(ECONNREFUSED\)/);
  });
});
