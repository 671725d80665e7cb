/** The subscribe modal's code step, for the number the code went to (carried in private_metadata). */
import { maskPhone } from '../../../sms/phone.js';
import { answerInTime } from '../../ack-in-time.js';
import { INPUTS } from '../../ids.js';
import { forMember } from '../../member-context.js';
import { publishHome, type MemberDeps } from '../../members.js';
import { checkCode, type CodeStepMetadata } from '../../subscribe-flow.js';
import { subscribeCodeModal } from '../../views/modals.js';
import type { ViewArgs } from '../args.js';
import { checkOptions, problemView, viewAck } from './checks.js';

export function subscribeCode(shared: MemberDeps) {
  return async ({ ack, body, view, client, context }: ViewArgs): Promise<void> => {
    const deps = forMember(shared, context);
    const userId = body.user.id;
    const sms = deps.sms;
    const metadata = readCodeMetadata(view.private_metadata);
    if (!sms || !metadata) {
      await viewAck(ack)({ response_action: 'update', view: problemView(deps) });
      return;
    }
    const code = view.state.values[INPUTS.codeBlock]?.[INPUTS.codeAction]?.value ?? '';
    await answerInTime(
      checkOptions(deps, 'subscribe: checking the code', userId, { ack, client, viewId: view.id }, (errors) =>
        subscribeCodeModal({
          locale: deps.locale,
          maskedPhone: maskPhone(metadata.e164),
          privateMetadata: view.private_metadata,
          notice: Object.values(errors)[0],
        }),
      ),
      checkCode(deps, sms, userId, metadata.e164, code).then(async (answer) => {
        if ('view' in answer) await publishHome(deps, client, userId).catch((error: unknown) => deps.logger.warn({ err: error, user: userId }, 'home not refreshed'));
        return answer;
      }),
    );
  };
}

function readCodeMetadata(privateMetadata: string): CodeStepMetadata | null {
  try {
    const parsed = JSON.parse(privateMetadata || '{}') as Partial<CodeStepMetadata>;
    return typeof parsed.e164 === 'string' && parsed.e164.startsWith('+') ? { e164: parsed.e164 } : null;
  } catch {
    return null;
  }
}
