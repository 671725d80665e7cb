/** A code was texted but the modal was closed: back to the code step, for the number the code went to. */
import { maskPhone } from '../../../sms/phone.js';
import { forMember, memberOf } from '../../member-context.js';
import { guarded, type MemberDeps } from '../../members.js';
import { openSubscribeModal, type CodeStepMetadata } from '../../subscribe-flow.js';
import { subscribeCodeModal } from '../../views/modals.js';
import type { ActionArgs } from '../args.js';

export function enterCode(shared: MemberDeps) {
  return async ({ ack, body, client, context }: ActionArgs): Promise<void> => {
    const deps = forMember(shared, context);
    await ack();
    const userId = body.user.id;
    await guarded(deps, client, 'enter code', userId, async () => {
      const e164 = deps.sms ? await deps.sms.verifier.pending(userId) : null;
      if (!e164) {
        await openSubscribeModal(deps, client, body.trigger_id, memberOf(context)?.slackLocale);
        return;
      }
      const metadata: CodeStepMetadata = { e164 };
      await client.views.open({
        trigger_id: body.trigger_id,
        view: subscribeCodeModal({ locale: deps.locale, maskedPhone: maskPhone(e164), privateMetadata: JSON.stringify(metadata) }),
      });
    });
  };
}
