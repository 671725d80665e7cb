/**
 * The App Home's quiet-hours controls (SPEC P4): either time picker sets that end of the member's own window
 * (the other end keeps its value, or the usual night's), Off clears it. Times are on the member's clock.
 */
import type { QuietHours } from '../../../alerts/quiet-hours.js';
import { ACTIONS } from '../../ids.js';
import { forMember } from '../../member-context.js';
import { guarded, publishHome, type MemberDeps } from '../../members.js';
import type { ActionArgs } from '../args.js';

const NIGHT: QuietHours = { from: '23:00', to: '07:00' };
const CLOCK = /^([01]\d|2[0-3]):[0-5]\d$/;

export function setQuietHoursFromHome(shared: MemberDeps) {
  return async ({ ack, body, action, client, context }: ActionArgs): Promise<void> => {
    const deps = forMember(shared, context);
    await ack();
    const userId = body.user.id;
    await guarded(deps, client, 'set quiet hours', userId, async () => {
      const current = (await deps.prefs.get(userId)).quietHours;
      const next = nextWindow(current, action.action_id, action.type === 'timepicker' ? action.selected_time : null);
      if (next !== current) await deps.prefs.patch(userId, { quietHours: next ?? undefined });
      await publishHome(deps, client, userId);
    });
  };
}

/** The window after this action; `current` itself when the action changes nothing (an empty window). */
function nextWindow(current: QuietHours | undefined, actionId: string, time: string | null | undefined): QuietHours | undefined | null {
  if (actionId === ACTIONS.quietOff) return null;
  if (!time || !CLOCK.test(time)) return current;
  const base = current ?? NIGHT;
  const next = actionId === ACTIONS.quietFrom ? { ...base, from: time } : { ...base, to: time };
  return next.from === next.to ? current : next;
}
