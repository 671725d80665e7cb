/**
 * SPEC O6, through the real app: stopping SMS deletes the number, the code waiting to be typed and the
 * texts still queued for it; a member deactivated in Slack loses their number and follows; uninstalling
 * deletes every number. "Deleted" means no trace in the SQLite file, whose bytes are scanned.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log.js';
import { SmsOutbox } from '../../src/sms/outbox.js';
import { createTwilioClient } from '../../src/sms/twilio-client.js';
import { FollowRepo } from '../../src/store/follows.js';
import { openStore } from '../../src/store/store.js';
import { SubscriberRepo } from '../../src/store/subscribers.js';
import { startFakeFifa, type FakeFifa } from '../fakes/fifa.js';
import { startFakeSlack, type FakeSlack } from '../fakes/slack.js';
import { startFakeTwilio, type FakeTwilio } from '../fakes/twilio.js';
import { storeFileBytes } from '../fixtures/sqlite-file.js';
import { slashCommand, startApp, tempDir, type RunningApp } from './harness.js';

const STOPPER = { id: 'U0STOPPER', phone: '+447400200001', digits: '7400200001' };
/** The number STOPPER asked a code for and never confirmed. */
const PENDING_DIGITS = '7400200011';
const LEAVER = { id: 'U0LEAVER', phone: '+447400200002', digits: '7400200002' };
const STAYER = { id: 'U0STAYER', phone: '+447400200003', digits: '7400200003' };
const ARG = '43922';

let slack: FakeSlack;
let twilio: FakeTwilio;
let fifa: FakeFifa;
let app: RunningApp;
let workdir: { dir: string; remove: () => Promise<void> };
let file: string;

/** The store file and any journal beside it, as text. */
async function storeBytes(): Promise<string> {
  return (await storeFileBytes(file)).toString('latin1');
}

beforeAll(async () => {
  [slack, twilio, fifa, workdir] = await Promise.all([startFakeSlack(), startFakeTwilio(), startFakeFifa(), tempDir()]);
  file = path.join(workdir.dir, 'store.sqlite');
  const store = await openStore(`sqlite://${file}`);
  const subscribers = new SubscriberRepo(store);
  const follows = new FollowRepo(store);
  for (const member of [STOPPER, LEAVER, STAYER]) await subscribers.activate(member.id, member.phone, 'everything');
  await follows.followTeam(LEAVER.id, ARG);
  await store.area('verification').set(STOPPER.id, { via: 'own', e164: `+44${PENDING_DIGITS}`, attempts: 0, expiresAt: Date.now() + 600_000 }, 600_000);
  // A text for STOPPER left queued by the last run; Twilio keeps answering 429, so it stays queued.
  const outbox = new SmsOutbox({
    client: createTwilioClient(twilio.config()),
    messagingServiceSid: twilio.messagingServiceSid,
    store,
    subscribers,
    logger: createLogger('silent'),
    ratePerSecond: 10,
    validitySeconds: 600,
    combine: (texts) => texts.join(' / '),
    events: { optedOut() {}, numberRejected() {}, paused() {}, resumed() {} },
  });
  await outbox.enqueue('m1/goal-1', [{ userId: STOPPER.id, to: STOPPER.phone, text: 'GOAL Argentina! ARG 1-0 FRA', coalesceKey: 'm1' }]);
  await outbox.stop();
  await store.close();
  twilio.rateLimit(`/2010-04-01/Accounts/${twilio.accountSid}/Messages.json`, 10_000);
  expect(await storeBytes()).toContain(STOPPER.digits);

  app = startApp(
    {
      SLACK_BOT_TOKEN: slack.botToken,
      SLACK_APP_TOKEN: slack.appToken,
      SLACK_API_URL: slack.apiUrl,
      SLACK_CHANNEL: 'C0MATCHES',
      FIFA_API_URL: fifa.url,
      TWILIO_ACCOUNT_SID: twilio.accountSid,
      TWILIO_AUTH_TOKEN: twilio.authToken,
      TWILIO_MESSAGING_SERVICE_SID: twilio.messagingServiceSid,
      TWILIO_API_URL: twilio.url,
      STORE_URL: `sqlite://${file}`,
    },
    workdir.dir,
  );
  await slack.waitForConnection(20_000);
  await app.waitForLog((line) => line.msg === 'connected to Slack (Socket Mode)');
  // The outbox has adopted the queued text and is being told 429.
  await slack.waitFor(() => twilio.requests.some((r) => r.method === 'POST' && r.form.To === STOPPER.phone), 20_000);
});

afterAll(async () => {
  await app?.kill('SIGKILL');
  await Promise.all([slack?.close(), twilio?.close(), fifa?.close()]);
  await workdir?.remove();
});

describe("a member's data", () => {
  it('`/fanfare stop` deletes the number, the pending code and the queued text: no trace in the store file', async () => {
    await slashCommand(slack, STOPPER.id, 'stop');
    const bytes = await storeBytes();
    expect(bytes).not.toContain(STOPPER.digits);
    expect(bytes).not.toContain(PENDING_DIGITS);
    expect(bytes).not.toContain('GOAL Argentina! ARG 1-0 FRA');
    expect(bytes).toContain(STAYER.digits);
  });

  it('a member deactivated in Slack loses their number and follows', async () => {
    await slack.sendEvent({ type: 'user_change', user: { id: LEAVER.id, name: 'leaver', deleted: true, team_id: slack.teamId } });
    await app.waitForLog((line) => /member deactivated in Slack/.test(line.msg), 10_000);
    expect(await storeBytes()).not.toContain(LEAVER.digits);
  });

  it('uninstalling deletes every number, then Fanfare stops', async () => {
    await slack.sendEvent({ type: 'app_uninstalled' });
    const exit = await app.exited;
    expect(exit.code).toBe(0);
    const bytes = await storeBytes();
    for (const member of [STOPPER, LEAVER, STAYER]) expect(bytes).not.toContain(member.digits);
    const store = await openStore(`sqlite://${file}`);
    try {
      expect(await new FollowRepo(store).get(LEAVER.id)).toEqual({ teams: [], streamers: [] });
      expect(await new FollowRepo(store).followersOfTeam(ARG)).toEqual([]);
    } finally {
      await store.close();
    }
  });
});
