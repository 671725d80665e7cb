/**
 * What Fanfare deletes, and when (SPEC O6). A number goes with every copy of it: the subscription, the
 * code waiting to be typed, and the texts still queued for it. Store failures are thrown to the caller,
 * which tells the member: a number that is said to be gone must be gone.
 */
import type { MemberDeps } from './members.js';

type ForgetDeps = Pick<MemberDeps, 'subscribers' | 'follows' | 'sms'> & Partial<Pick<MemberDeps, 'prefs' | 'dms'>>;

/** `/fanfare stop` or Stop in the App Home. */
export async function forgetNumber(deps: ForgetDeps, userId: string): Promise<void> {
  await deps.subscribers.remove(userId);
  await deps.sms?.verifier.forget(userId);
  await deps.sms?.queue?.purge(userId);
}

/**
 * The member was deactivated in Slack: their number, the DMs still queued for them (Slack would refuse
 * them), what they follow and what they chose.
 */
export async function forgetMember(deps: ForgetDeps, userId: string): Promise<void> {
  await forgetNumber(deps, userId);
  await deps.dms?.queue?.purge(userId);
  await deps.follows.forget(userId);
  await deps.prefs?.forget(userId);
}

/** The app was uninstalled: every number and every code waiting to be typed. */
export async function forgetAllNumbers(deps: ForgetDeps): Promise<void> {
  await deps.subscribers.removeAll();
  await deps.sms?.verifier.forgetAll();
  await deps.sms?.queue?.purgeAll();
}
