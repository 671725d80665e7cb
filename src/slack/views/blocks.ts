/**
 * Small Block Kit constructors shared by the member views, each clipping to Slack's limits so that no name,
 * however long, can make Slack reject a whole view. Mrkdwn is always `verbatim`: callers escape external
 * text, and Slack must not add links or mentions of its own.
 */
import type { types } from '@slack/bolt';
import { clipMrkdwn } from '../../alerts/mrkdwn.js';

type KnownBlock = types.KnownBlock;

/** Section text and context element text. */
export const SECTION_MAX = 3000;
export const HEADER_MAX = 150;
/** Button text, option text, checkbox text. */
export const LABEL_MAX = 75;
export const PLACEHOLDER_MAX = 150;
/** Modal title, submit and close. */
export const MODAL_BUTTON_MAX = 24;
export const BUTTON_VALUE_MAX = 2000;

const ELLIPSIS = '…';

/** Shortens plain text to `max` UTF-16 units (never more than Slack's character count), never splitting a surrogate pair. */
export function clipPlain(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = Math.max(0, max - ELLIPSIS.length);
  const last = text.charCodeAt(cut - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut -= 1;
  return text.slice(0, cut) + ELLIPSIS;
}

export function plain(text: string, max = SECTION_MAX): types.PlainTextElement {
  return { type: 'plain_text', text: clipPlain(text, max), emoji: true };
}

export function mrkdwn(text: string): types.MrkdwnElement {
  return { type: 'mrkdwn', text: clipMrkdwn(text, SECTION_MAX), verbatim: true };
}

export function header(blockId: string, text: string): KnownBlock {
  return { type: 'header', block_id: blockId, text: plain(text, HEADER_MAX) };
}

export function section(blockId: string | undefined, text: string, accessory?: types.SectionBlockAccessory): KnownBlock {
  return {
    type: 'section',
    ...(blockId ? { block_id: blockId } : {}),
    text: mrkdwn(text),
    ...(accessory ? { accessory } : {}),
  };
}

export function context(blockId: string | undefined, text: string): KnownBlock {
  return { type: 'context', ...(blockId ? { block_id: blockId } : {}), elements: [mrkdwn(text)] };
}

export function divider(blockId: string): KnownBlock {
  return { type: 'divider', block_id: blockId };
}

export function actions(blockId: string | undefined, elements: types.ActionsBlockElement[]): KnownBlock {
  return { type: 'actions', ...(blockId ? { block_id: blockId } : {}), elements };
}

export interface ButtonOptions {
  value?: string;
  style?: 'primary' | 'danger';
  confirm?: types.ConfirmationDialog;
}

export function button(actionId: string, text: string, options: ButtonOptions = {}): types.Button {
  return {
    type: 'button',
    action_id: actionId,
    text: plain(text, LABEL_MAX),
    ...(options.value !== undefined ? { value: options.value } : {}),
    ...(options.style ? { style: options.style } : {}),
    ...(options.confirm ? { confirm: options.confirm } : {}),
  };
}

export function option(text: string, value: string): types.PlainTextOption {
  return { text: plain(text, LABEL_MAX), value };
}
