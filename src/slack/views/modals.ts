/**
 * Modals: subscribing a number (number → checking → code → done) and adding a streamer. Pure builders; the
 * listeners open, update or answer with them. Inline errors under an input come straight from
 * `catalogue(locale).members.errors`, keyed by the INPUTS block ids used here.
 */
import type { types } from '@slack/bolt';
import { getExampleNumber, isSupportedCountry } from 'libphonenumber-js/max';
import examples from 'libphonenumber-js/mobile/examples';
import { catalogue } from '../../alerts/i18n/index.js';
import type { Locale } from '../../alerts/i18n/locales.js';
import { escapeMrkdwn } from '../../alerts/mrkdwn.js';
import { INPUTS, VIEWS } from '../ids.js';
import type { Streamer } from '../../store/streamers.js';
import { clipPlain, context, MODAL_BUTTON_MAX, plain, PLACEHOLDER_MAX, section } from './blocks.js';

type ModalView = types.ModalView;

/** Slack's limit on private_metadata. */
export const PRIVATE_METADATA_MAX = 3000;
/** E.164 allows 15 digits; room for spaces, brackets and a leading 00. */
const PHONE_INPUT_MAX = 32;
const CODE_MIN = 4;
const CODE_MAX = 10;
/** Twitch logins are 4 to 25 characters; a pasted channel address may be longer and is trimmed by the listener. */
const LOGIN_INPUT_MAX = 64;
/** The example shown when the member's country is unknown. */
const DEFAULT_EXAMPLE = '+44 7400 123456';
/** A Twitch display name is at most 25 characters; anything longer is not from Twitch. */
const NAME_MAX = 100;

function modal(
  parts: { title: string; blocks: types.KnownBlock[]; callbackId?: string; submit?: string; close: string; privateMetadata?: string },
): ModalView {
  return {
    type: 'modal',
    ...(parts.callbackId ? { callback_id: parts.callbackId } : {}),
    title: plain(parts.title, MODAL_BUTTON_MAX),
    ...(parts.submit ? { submit: plain(parts.submit, MODAL_BUTTON_MAX) } : {}),
    close: plain(parts.close, MODAL_BUTTON_MAX),
    ...(parts.privateMetadata !== undefined ? { private_metadata: parts.privateMetadata } : {}),
    blocks: parts.blocks,
  };
}

/** "+49 1512 3456789" and "Germany" for a supported country hint; the default example and no country otherwise. */
function numberExample(locale: Locale, countryHint: string | undefined): { example: string; country: string | null } {
  const code = countryHint?.trim().toUpperCase();
  if (!code || !isSupportedCountry(code)) return { example: DEFAULT_EXAMPLE, country: null };
  const example = getExampleNumber(code, examples)?.formatInternational() ?? DEFAULT_EXAMPLE;
  let country: string | null = null;
  try {
    country = new Intl.DisplayNames([catalogue(locale).intlLocale], { type: 'region' }).of(code) ?? null;
  } catch {
    country = null;
  }
  return { example, country: country && country !== code ? country : null };
}

/**
 * Step 1: the number. `prefill` is what the member typed (in chat, or before a later problem); `countryHint`
 * (e.g. "GB") is where national numbers are read; `notice` is a problem found after the ack, shown above the input.
 */
export function subscribeNumberModal(p: { locale: Locale; prefill?: string; countryHint?: string; notice?: string }): ModalView {
  const m = catalogue(p.locale).members.modals;
  const { example, country } = numberExample(p.locale, p.countryHint);
  const prefill = p.prefill?.trim().slice(0, PHONE_INPUT_MAX);
  return modal({
    callbackId: VIEWS.subscribeNumber,
    title: m.subscribeTitle,
    submit: m.sendCode,
    close: m.cancel,
    // The submission reads national numbers in this country.
    ...(p.countryHint ? { privateMetadata: JSON.stringify({ country: p.countryHint }) } : {}),
    blocks: [
      section('phone-intro', escapeMrkdwn(m.numberIntro)),
      ...(p.notice ? [context('phone-notice', `⚠️ ${escapeMrkdwn(p.notice)}`)] : []),
      {
        type: 'input',
        block_id: INPUTS.phoneBlock,
        label: plain(m.numberLabel, 2000),
        hint: plain(m.numberHint(example, country), 2000),
        element: {
          type: 'plain_text_input',
          action_id: INPUTS.phoneAction,
          placeholder: plain(example, PLACEHOLDER_MAX),
          max_length: PHONE_INPUT_MAX,
          ...(prefill ? { initial_value: prefill } : {}),
        },
      },
    ],
  });
}

/** While Fanfare checks the number with Twilio (after the ack): nothing to submit. */
export function checkingModal(p: { locale: Locale }): ModalView {
  const m = catalogue(p.locale).members.modals;
  return modal({
    title: m.subscribeTitle,
    close: m.cancel,
    blocks: [section('checking', `⏳ ${escapeMrkdwn(m.checking)}`)],
  });
}

/**
 * Step 2: the code. `privateMetadata` carries what the listener needs to check it (never shown);
 * `notice` is a problem found after an async check (e.g. Twilio unavailable), shown above the input.
 * Throws a RangeError when the metadata exceeds Slack's 3000 characters: a bug in the caller, not a member's doing.
 */
export function subscribeCodeModal(p: { locale: Locale; maskedPhone: string; privateMetadata: string; notice?: string }): ModalView {
  if (p.privateMetadata.length > PRIVATE_METADATA_MAX) {
    throw new RangeError(`private_metadata is ${p.privateMetadata.length} characters; Slack allows ${PRIVATE_METADATA_MAX}`);
  }
  const m = catalogue(p.locale).members.modals;
  return modal({
    callbackId: VIEWS.subscribeCode,
    title: m.subscribeTitle,
    submit: m.confirm,
    close: m.cancel,
    privateMetadata: p.privateMetadata,
    blocks: [
      section('code-sent', `📱 ${m.codeSent(escapeMrkdwn(p.maskedPhone))}`),
      ...(p.notice ? [context('code-notice', `⚠️ ${escapeMrkdwn(p.notice)}`)] : []),
      {
        type: 'input',
        block_id: INPUTS.codeBlock,
        label: plain(m.codeLabel, 2000),
        hint: plain(m.codeHint, 2000),
        element: {
          type: 'plain_text_input',
          action_id: INPUTS.codeAction,
          placeholder: plain('123456', PLACEHOLDER_MAX),
          min_length: CODE_MIN,
          max_length: CODE_MAX,
        },
      },
    ],
  });
}

/** Step 3: done. Only a close button ("Done"). */
export function subscribedModal(p: { locale: Locale; maskedPhone: string }): ModalView {
  const m = catalogue(p.locale).members.modals;
  return modal({
    title: m.subscribeTitle,
    close: m.done,
    blocks: [section('subscribed', `✅ ${m.subscribed(escapeMrkdwn(p.maskedPhone))}`)],
  });
}

/** The streamer is followed: their name, linked to their channel, and a close button ("Done"). */
export function streamerAddedModal(p: { locale: Locale; streamer: Pick<Streamer, 'login' | 'displayName'> }): ModalView {
  const c = catalogue(p.locale).members;
  const name = escapeMrkdwn(clipPlain(p.streamer.displayName || p.streamer.login, NAME_MAX));
  const link = `<https://www.twitch.tv/${encodeURIComponent(p.streamer.login)}|${name}>`;
  return modal({
    title: c.modals.streamerTitle,
    close: c.modals.done,
    blocks: [section('streamer-added', `✅ ${c.messages.streamerAdded(link)}`)],
  });
}

/** Something went wrong after the ack: one short sentence (from the catalogue), and a close button. */
export function problemModal(p: { locale: Locale; message: string }): ModalView {
  const m = catalogue(p.locale).members.modals;
  return modal({
    title: m.problemTitle,
    close: m.close,
    blocks: [section('problem', `⚠️ ${escapeMrkdwn(p.message)}`)],
  });
}

/** A Twitch login to follow. `prefill` and `notice` let a listener show the modal again after a later problem. */
export function addStreamerModal(p: { locale: Locale; prefill?: string; notice?: string }): ModalView {
  const m = catalogue(p.locale).members.modals;
  const prefill = p.prefill?.trim().slice(0, LOGIN_INPUT_MAX);
  return modal({
    callbackId: VIEWS.addStreamer,
    title: m.streamerTitle,
    submit: m.add,
    close: m.cancel,
    blocks: [
      section('streamer-intro', escapeMrkdwn(m.streamerIntro)),
      ...(p.notice ? [context('streamer-notice', `⚠️ ${escapeMrkdwn(p.notice)}`)] : []),
      {
        type: 'input',
        block_id: INPUTS.streamerBlock,
        label: plain(m.loginLabel, 2000),
        hint: plain(m.loginHint, 2000),
        element: {
          type: 'plain_text_input',
          action_id: INPUTS.streamerAction,
          placeholder: plain('shroud', PLACEHOLDER_MAX),
          max_length: LOGIN_INPUT_MAX,
          ...(prefill ? { initial_value: prefill } : {}),
        },
      },
    ],
  });
}
