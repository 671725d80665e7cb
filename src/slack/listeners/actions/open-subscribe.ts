/** Subscribe, Change number, and the button under a mention's reply (its value: the number to fill in). */
import { forMember, memberOf } from '../../member-context.js';
import { guarded, type MemberDeps } from '../../members.js';
import { openSubscribeModal } from '../../subscribe-flow.js';
import type { ActionArgs } from '../args.js';
import { actionValue } from './values.js';

export function openSubscribe(shared: MemberDeps, withPrefill: boolean) {
  return async ({ ack, body, action, client, context }: ActionArgs): Promise<void> => {
    const deps = forMember(shared, context);
    await ack();
    const prefill = withPrefill ? actionValue(action) : undefined;
    await guarded(deps, client, 'open subscribe', body.user.id, () => openSubscribeModal(deps, client, body.trigger_id, memberOf(context)?.slackLocale, prefill));
  };
}
