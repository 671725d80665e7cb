/** What Bolt hands each kind of listener (Slack's template types each handler this way). */
import type {
  AllMiddlewareArgs,
  BlockAction,
  SlackActionMiddlewareArgs,
  SlackCommandMiddlewareArgs,
  SlackEventMiddlewareArgs,
  SlackOptionsMiddlewareArgs,
  SlackViewMiddlewareArgs,
  ViewSubmitAction,
} from '@slack/bolt';

export type ActionArgs = AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockAction>;
export type OptionsArgs = AllMiddlewareArgs & SlackOptionsMiddlewareArgs<'block_suggestion'>;
export type ViewArgs = AllMiddlewareArgs & SlackViewMiddlewareArgs<ViewSubmitAction>;
export type CommandArgs = AllMiddlewareArgs & SlackCommandMiddlewareArgs;
export type EventArgs<EventType extends string> = AllMiddlewareArgs & SlackEventMiddlewareArgs<EventType>;
