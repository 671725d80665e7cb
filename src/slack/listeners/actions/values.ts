import type { BlockElementAction } from '@slack/bolt';

/** The one value an element carries: a button's value, a select's chosen option, a picked conversation. */
export function actionValue(action: BlockElementAction): string | undefined {
  switch (action.type) {
    case 'button':
      return action.value;
    case 'static_select':
    case 'external_select':
    case 'radio_buttons':
      return action.selected_option?.value;
    case 'conversations_select':
      return action.selected_conversation ?? undefined;
    case 'checkboxes':
      return action.selected_options.map((option) => option.value).join(',');
    default:
      return undefined;
  }
}
