/** Direct messages to members are counted on /metrics: sent, and failed by class (SPEC O4). */
import { webApi } from '@slack/bolt';
import { afterEach, describe, expect, it } from 'vitest';
import { metrics } from '../../src/ops/metrics.js';
import { tellMember } from '../../src/slack/members.js';
import { startFakeSlack, type FakeSlack } from '../fakes/slack.js';

let slack: FakeSlack | undefined;
afterEach(async () => {
  await slack?.close();
});

async function sample(series: string): Promise<number> {
  const text = await metrics.registry.metrics();
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line ? Number(line.split(' ')[1]) : 0;
}

describe('direct messages on /metrics', () => {
  it('counts a DM sent, and a refused one by its class', async () => {
    slack = await startFakeSlack();
    const client = new webApi.WebClient(slack.botToken, { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 } });
    const sent = await sample('fanfare_dms_sent_total');
    const refused = await sample('fanfare_dms_failed_total{class="auth"}');

    await tellMember(client, 'U0MEMBER', { text: 'Your number was rejected' });
    slack.fail('chat.postMessage', 'token_revoked');
    await expect(tellMember(client, 'U0MEMBER', { text: 'again' })).rejects.toThrow();

    expect(await sample('fanfare_dms_sent_total')).toBe(sent + 1);
    expect(await sample('fanfare_dms_failed_total{class="auth"}')).toBe(refused + 1);
  });
});
