/** The App Home's language picker (SPEC P3): the member's own choice, or Slack's language. */
import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { isLocale } from '../../../alerts/i18n/locales.js';
import { memberLocale } from '../../../alerts/i18n/member-locale.js';
import { memberOf } from '../../member-context.js';
import { guarded, publishHome, type MemberDeps } from '../../members.js';
import { actionValue } from './values.js';

/** The Home is published again at once in the language now in force. */
export function pickLanguage(deps: MemberDeps) {
  return async ({ ack, body, action, client, context }: AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockAction>): Promise<void> => {
    await ack();
    const userId = body.user.id;
    const value = actionValue(action) ?? '';
    const member = memberOf(context);
    await guarded({ ...deps, locale: member?.locale ?? deps.locale }, client, 'choose language', userId, async () => {
      const language = isLocale(value) ? value : undefined;
      if (language === undefined && value !== 'auto') return;
      await deps.prefs.patch(userId, { language });
      const locale = memberLocale(language, member?.slackLocale, deps.locale);
      await publishHome({ ...deps, locale }, client, userId);
    });
  };
}
