/**
 * `/fanfare dm streamers on|off` and `/fanfare sms streamers on|off` (SPEC P1): whether streamers going live
 * or offline reach the member on that sink. A member sets only their own; the answer is ephemeral, in their
 * language. As for the SMS level, a member without a number has no SMS choice to make.
 */
import { catalogue } from '../../../alerts/i18n/index.js';
import type { FanfareCommand } from '../../command-parser.js';
import type { MemberDeps } from '../../members.js';
import { smsUnavailableMessage } from '../../views/messages.js';

type Say = (reply: { text: string }) => Promise<unknown>;

/** True when the member's choice changed. */
export async function setStreams(deps: MemberDeps, userId: string, parsed: Extract<FanfareCommand, { kind: 'streams' }>, say: Say): Promise<boolean> {
  const words = catalogue(deps.locale).dm;
  if (parsed.on === null) {
    await say({ text: words.levelUsage(parsed.sink) });
    return false;
  }
  if (parsed.sink === 'dm') {
    await deps.prefs.patch(userId, { streamsOnDm: parsed.on });
    await say({ text: parsed.on ? words.streamsOn : words.streamsOff });
    return true;
  }
  if (!deps.sms) {
    await say(smsUnavailableMessage(deps.locale));
    return false;
  }
  if (!(await deps.subscribers.get(userId))) {
    await say({ text: words.smsNotSubscribed });
    return false;
  }
  await deps.prefs.patch(userId, { streamsOnSms: parsed.on });
  await say({ text: parsed.on ? words.smsStreamsOn : words.smsStreamsOff });
  return true;
}
