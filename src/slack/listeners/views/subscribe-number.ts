/** The subscribe modal's number step: parsed locally at once, then checked with Lookup and sent a code. */
import type { CountryCode } from 'libphonenumber-js';
import { answerInTime } from '../../ack-in-time.js';
import { INPUTS } from '../../ids.js';
import { forMember } from '../../member-context.js';
import type { MemberDeps } from '../../members.js';
import { checkNumber, parseNumberInput } from '../../subscribe-flow.js';
import { subscribeNumberModal } from '../../views/modals.js';
import type { ViewArgs } from '../args.js';
import { checkOptions, problemView, viewAck } from './checks.js';

export function subscribeNumber(shared: MemberDeps) {
  return async ({ ack, body, view, client, context }: ViewArgs): Promise<void> => {
    const deps = forMember(shared, context);
    const userId = body.user.id;
    const sms = deps.sms;
    const answer = viewAck(ack);
    if (!sms) {
      await answer({ response_action: 'update', view: problemView(deps) });
      return;
    }
    const input = view.state.values[INPUTS.phoneBlock]?.[INPUTS.phoneAction]?.value ?? '';
    const country = readCountry(view.private_metadata);
    const parsed = parseNumberInput(deps, input, country);
    if (!('e164' in parsed)) {
      if ('errors' in parsed) await answer({ response_action: 'errors', errors: parsed.errors });
      return;
    }
    await answerInTime(
      checkOptions(deps, 'subscribe: checking the number', userId, { ack, client, viewId: view.id }, (errors) =>
        subscribeNumberModal({ locale: deps.locale, prefill: input, countryHint: country, notice: Object.values(errors)[0] }),
      ),
      checkNumber(deps, sms, userId, parsed.e164),
    );
  };
}

function readCountry(privateMetadata: string): CountryCode | undefined {
  try {
    const parsed = JSON.parse(privateMetadata || '{}') as { country?: string };
    return typeof parsed.country === 'string' ? (parsed.country as CountryCode) : undefined;
  } catch {
    return undefined;
  }
}
