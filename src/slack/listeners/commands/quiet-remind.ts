/**
 * `/fanfare quiet HH:MM-HH:MM|off` and `/fanfare remind off|15|60` (SPEC P4, P5): a member sets only their
 * own choice; the answer is ephemeral, in their language. Quiet hours are read on their Slack time zone.
 */
import { catalogue } from '../../../alerts/i18n/index.js';
import { memberLocale } from '../../../alerts/i18n/member-locale.js';
import { formatQuietHours } from '../../../alerts/quiet-hours.js';
import type { FanfareCommand } from '../../command-parser.js';
import type { MemberDeps } from '../../members.js';

type Say = (reply: { text: string }) => Promise<unknown>;

/** True when the member's choice changed. */
export async function setQuietHours(deps: MemberDeps, userId: string, parsed: Extract<FanfareCommand, { kind: 'quiet' }>, say: Say): Promise<boolean> {
  const prefs = await deps.prefs.get(userId);
  const words = catalogue(memberLocale(prefs.language, prefs.slackLocale, deps.locale)).quiet;
  if (parsed.hours === null) {
    await say({ text: words.quietUsage });
    return false;
  }
  await deps.prefs.patch(userId, { quietHours: parsed.hours === 'off' ? undefined : parsed.hours });
  await say({ text: parsed.hours === 'off' ? words.quietOff : words.quietSet(formatQuietHours(parsed.hours)) });
  return true;
}

/** True when the member's choice changed. */
export async function setReminder(deps: MemberDeps, userId: string, parsed: Extract<FanfareCommand, { kind: 'remind' }>, say: Say): Promise<boolean> {
  const prefs = await deps.prefs.get(userId);
  const words = catalogue(memberLocale(prefs.language, prefs.slackLocale, deps.locale)).quiet;
  if (parsed.minutes === null) {
    await say({ text: words.remindUsage });
    return false;
  }
  await deps.prefs.patch(userId, { reminderMinutes: parsed.minutes === 'off' ? undefined : parsed.minutes });
  await say({ text: parsed.minutes === 'off' ? words.remindOff : words.remindSet(parsed.minutes) });
  return true;
}
