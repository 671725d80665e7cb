import type { App } from '@slack/bolt';
import type { CountryCode } from 'libphonenumber-js';
import { answerInTime } from '../../ack-in-time.js';
import { INPUTS, VIEWS } from '../../ids.js';
import { publishHome, type MemberDeps } from '../../members.js';
import { forMember } from '../../member-context.js';
import { checkCode, checkNumber, parseNumberInput, type CodeStepMetadata } from '../../subscribe-flow.js';
import { subscribeCodeModal, subscribeNumberModal } from '../../views/modals.js';
import { checkOptions, problemView, viewAck } from './checks.js';
import { maskPhone } from '../../../sms/phone.js';

/** The number step, then the code step, of the subscribe modal. */
export function registerSubscribeViews(app: App, shared: MemberDeps): void {
  app.view(VIEWS.subscribeNumber, async ({ ack, body, view, client, context }) => {
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
  });

  app.view(VIEWS.subscribeCode, async ({ ack, body, view, client, context }) => {
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
  });
}

function readCountry(privateMetadata: string): CountryCode | undefined {
  try {
    const parsed = JSON.parse(privateMetadata || '{}') as { country?: string };
    return typeof parsed.country === 'string' ? (parsed.country as CountryCode) : undefined;
  } catch {
    return undefined;
  }
}

function readCodeMetadata(privateMetadata: string): CodeStepMetadata | null {
  try {
    const parsed = JSON.parse(privateMetadata || '{}') as Partial<CodeStepMetadata>;
    return typeof parsed.e164 === 'string' && parsed.e164.startsWith('+') ? { e164: parsed.e164 } : null;
  } catch {
    return null;
  }
}
