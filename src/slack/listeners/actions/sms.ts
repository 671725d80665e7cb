import type { App, BlockAction } from '@slack/bolt';
import type { webApi } from '@slack/bolt';
import { countryOfSlackLocale, maskPhone } from '../../../sms/phone.js';
import type { SmsAlertLevel } from '../../../store/subscribers.js';
import { forgetNumber } from '../../forget.js';
import { ACTIONS } from '../../ids.js';
import { guarded, publishHome, type MemberDeps } from '../../members.js';
import { forMember } from '../../member-context.js';
import { memberProfile } from '../../member-profile.js';
import type { CodeStepMetadata } from '../../subscribe-flow.js';
import { subscribeCodeModal, subscribeNumberModal } from '../../views/modals.js';
import { actionValue } from './values.js';

const LEVELS: readonly SmsAlertLevel[] = ['goals', 'cards', 'everything'];

/** Opens the subscribe modal; national numbers will be read in the country of the member's Slack locale. */
export async function openSubscribeModal(deps: MemberDeps, client: webApi.WebClient, userId: string, triggerId: string, prefill?: string): Promise<void> {
  const country = countryOfSlackLocale((await memberProfile(client, userId)).locale);
  await client.views.open({
    trigger_id: triggerId,
    view: subscribeNumberModal({ locale: deps.locale, prefill, countryHint: country }),
  });
}

export function registerSmsActions(app: App, shared: MemberDeps): void {
  for (const actionId of [ACTIONS.subscribe, ACTIONS.changeNumber, ACTIONS.openSubscribe]) {
    app.action<BlockAction>(actionId, async ({ ack, body, action, client, context }) => {
      const deps = forMember(shared, context);
      await ack();
      const prefill = actionId === ACTIONS.openSubscribe ? actionValue(action) : undefined;
      await guarded(deps, client, 'open subscribe', body.user.id, () => openSubscribeModal(deps, client, body.user.id, body.trigger_id, prefill));
    });
  }

  // A code was texted but the modal was closed: back to the code step, for the number the code went to.
  app.action<BlockAction>(ACTIONS.enterCode, async ({ ack, body, client, context }) => {
    const deps = forMember(shared, context);
    await ack();
    const userId = body.user.id;
    await guarded(deps, client, 'enter code', userId, async () => {
      const e164 = deps.sms ? await deps.sms.verifier.pending(userId) : null;
      if (!e164) {
        await openSubscribeModal(deps, client, userId, body.trigger_id);
        return;
      }
      const metadata: CodeStepMetadata = { e164 };
      await client.views.open({
        trigger_id: body.trigger_id,
        view: subscribeCodeModal({ locale: deps.locale, maskedPhone: maskPhone(e164), privateMetadata: JSON.stringify(metadata) }),
      });
    });
  });

  app.action<BlockAction>(ACTIONS.stopSms, async ({ ack, body, client, context }) => {
    const deps = forMember(shared, context);
    await ack();
    const userId = body.user.id;
    await guarded(deps, client, 'stop SMS', userId, async () => {
      const subscription = await deps.subscribers.get(userId);
      await forgetNumber(deps, userId);
      if (subscription) deps.logger.info({ user: userId, phone: maskPhone(subscription.phone) }, 'SMS stopped; number deleted');
      await publishHome(deps, client, userId);
    });
  });

  // After texting START to the service, the member resumes here; Twilio refuses again (21610) if they did not.
  // Only an opted-out number resumes: a failed one (Twilio refused the number) needs a new number.
  app.action<BlockAction>(ACTIONS.resumeSms, async ({ ack, body, client, context }) => {
    const deps = forMember(shared, context);
    await ack();
    const userId = body.user.id;
    await guarded(deps, client, 'resume SMS', userId, async () => {
      await deps.subscribers.update(userId, { status: 'active', failure: undefined }, { status: 'opted-out' });
      await publishHome(deps, client, userId);
    });
  });

  app.action<BlockAction>(ACTIONS.smsAlertLevel, async ({ ack, body, action, client, context }) => {
    const deps = forMember(shared, context);
    await ack();
    const userId = body.user.id;
    const level = actionValue(action) as SmsAlertLevel | undefined;
    await guarded(deps, client, 'choose SMS alerts', userId, async () => {
      if (level && LEVELS.includes(level)) await deps.subscribers.update(userId, { alerts: level });
      await publishHome(deps, client, userId);
    });
  });
}
