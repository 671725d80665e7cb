import { describe, expect, it } from 'vitest';
import { LOCALES } from '../../src/alerts/i18n/locales.js';
import { INPUTS, VIEWS } from '../../src/slack/ids.js';
import {
  addStreamerModal,
  checkingModal,
  problemModal,
  streamerAddedModal,
  subscribeCodeModal,
  subscribedModal,
  subscribeNumberModal,
} from '../../src/slack/views/modals.js';
import { blockKitProblems, shownText, walk } from '../fixtures/block-kit.js';

type Modal = ReturnType<typeof subscribeNumberModal>;

/** The input block with this id, and its element. */
function input(view: Modal, blockId: string): Record<string, unknown> & { element: Record<string, unknown> } {
  const block = view.blocks.find((b) => (b as { block_id?: string }).block_id === blockId);
  expect(block, `input block ${blockId}`).toBeDefined();
  expect((block as { type: string }).type).toBe('input');
  return block as never;
}

function valid(view: Modal): Modal {
  expect(view.type).toBe('modal');
  expect(blockKitProblems(view)).toEqual([]);
  return view;
}

const masked = '+44 ••••••• 456';

describe('subscribe: the number', () => {
  it('asks for the number, with a format hint naming the country whose national numbers are read', () => {
    const view = valid(subscribeNumberModal({ locale: 'en-GB', countryHint: 'GB' }));
    expect(view.callback_id).toBe(VIEWS.subscribeNumber);
    expect(view.submit?.text).toBe('Send code');
    const phone = input(view, INPUTS.phoneBlock);
    expect(phone.element).toMatchObject({ type: 'plain_text_input', action_id: INPUTS.phoneAction });
    expect((phone.hint as { text: string }).text).toBe('For example +44 7400 123456, or a national number in United Kingdom');
  });

  it('gives an example from the member’s own country, in the workspace language', () => {
    const view = subscribeNumberModal({ locale: 'de-DE', countryHint: 'de' });
    const hint = (input(view, INPUTS.phoneBlock).hint as { text: string }).text;
    expect(hint).toContain('+49 ');
    expect(hint).toContain('Deutschland');
  });

  it('asks for the country code when the country is unknown', () => {
    for (const countryHint of [undefined, 'LA-not-a-country', 'ZZ']) {
      const hint = (input(subscribeNumberModal({ locale: 'en-GB', countryHint }), INPUTS.phoneBlock).hint as { text: string }).text;
      expect(hint).toBe('For example +44 7400 123456, with the country code');
    }
  });

  it('shows a problem found after the ack above the number, keeping what was typed', () => {
    const view = valid(subscribeNumberModal({ locale: 'en-GB', prefill: '+44 7400 123456', notice: 'SMS checks are unavailable right now.' }));
    expect(shownText(view.blocks)).toContain('SMS checks are unavailable right now.');
    expect(input(view, INPUTS.phoneBlock).element.initial_value).toBe('+44 7400 123456');
  });

  it('prefills what the member typed in chat', () => {
    const view = subscribeNumberModal({ locale: 'en-GB', prefill: ' +44 7400 123456 ' });
    expect(input(view, INPUTS.phoneBlock).element.initial_value).toBe('+44 7400 123456');
    expect(input(subscribeNumberModal({ locale: 'en-GB' }), INPUTS.phoneBlock).element).not.toHaveProperty('initial_value');
  });
});

describe('subscribe: checking, code, done', () => {
  it('shows a checking view with nothing to submit', () => {
    const view = valid(checkingModal({ locale: 'en-GB' }));
    expect(view.submit).toBeUndefined();
    expect(shownText(view.blocks)).toContain('Checking your number…');
  });

  it('asks for the code sent to the masked number, carrying the metadata', () => {
    const view = valid(subscribeCodeModal({ locale: 'en-GB', maskedPhone: masked, privateMetadata: '{"e164":"+447400123456"}' }));
    expect(view.callback_id).toBe(VIEWS.subscribeCode);
    expect(view.private_metadata).toBe('{"e164":"+447400123456"}');
    expect(view.submit?.text).toBe('Confirm');
    expect(shownText(view.blocks)).toContain(`We texted a code to ${masked}.`);
    expect(shownText(view.blocks)).not.toContain('7400123456');
    expect(input(view, INPUTS.codeBlock).element).toMatchObject({ action_id: INPUTS.codeAction, min_length: 4, max_length: 10 });
  });

  it('shows a problem found after the ack above the code input', () => {
    const view = valid(subscribeCodeModal({ locale: 'en-GB', maskedPhone: masked, privateMetadata: '{}', notice: 'Twilio <is> down' }));
    expect(shownText(view.blocks)).toContain('Twilio &lt;is&gt; down');
  });

  it('refuses metadata Slack would reject', () => {
    expect(() => subscribeCodeModal({ locale: 'en-GB', maskedPhone: masked, privateMetadata: 'x'.repeat(3001) })).toThrow(RangeError);
  });

  it('confirms the subscription with only a Done button', () => {
    const view = valid(subscribedModal({ locale: 'en-GB', maskedPhone: masked }));
    expect(view.submit).toBeUndefined();
    expect(view.close?.text).toBe('Done');
    expect(shownText(view.blocks)).toContain(masked);
  });

  it('tells the member about a problem in one sentence', () => {
    const view = valid(problemModal({ locale: 'en-GB', message: 'Something went wrong on our side; please try again.' }));
    expect(view.submit).toBeUndefined();
    expect(shownText(view.blocks)).toContain('Something went wrong on our side; please try again.');
  });
});

describe('add a streamer', () => {
  it('asks for a Twitch login, submit "Add"', () => {
    const view = valid(addStreamerModal({ locale: 'en-GB' }));
    expect(view.callback_id).toBe(VIEWS.addStreamer);
    expect(view.submit?.text).toBe('Add');
    expect(input(view, INPUTS.streamerBlock).element).toMatchObject({ type: 'plain_text_input', action_id: INPUTS.streamerAction });
  });

  it('confirms the new streamer by name, linked to their channel, escaped', () => {
    const view = valid(streamerAddedModal({ locale: 'en-GB', streamer: { login: 'gaules', displayName: '<!channel>' } }));
    expect(view.submit).toBeUndefined();
    expect(shownText(view.blocks)).toContain('You now follow <https://www.twitch.tv/gaules|&lt;!channel&gt;> on Twitch.');
  });
});

describe.each(LOCALES)('%s', (locale) => {
  const views: [string, Modal][] = [
    ['number', subscribeNumberModal({ locale, prefill: '07400 123456', countryHint: 'BR' })],
    ['checking', checkingModal({ locale })],
    ['code', subscribeCodeModal({ locale, maskedPhone: masked, privateMetadata: '{}', notice: 'notice' })],
    ['subscribed', subscribedModal({ locale, maskedPhone: masked })],
    ['problem', problemModal({ locale, message: 'x' })],
    ['streamer', addStreamerModal({ locale, prefill: 'gaules', notice: 'notice' })],
    ['streamer added', streamerAddedModal({ locale, streamer: { login: 'gaules', displayName: 'Gaules' } })],
    ['number with notice', subscribeNumberModal({ locale, notice: 'notice' })],
  ];

  it.each(views)('builds the %s modal within Slack’s limits (title, submit and close ≤ 24)', (_name, view) => {
    valid(view);
    for (const key of ['title', 'submit', 'close'] as const) {
      const text = view[key]?.text;
      // Clipping would hide a too-long phrase, so an ellipsis here means the catalogue needs a shorter one.
      if (text !== undefined) expect(text.endsWith('…') && text.length === 24, `${key} "${text}" was clipped`).toBe(false);
    }
    walk(view.blocks, (node) => {
      if (node.type === 'input') expect((node.label as { text: string }).text.length).toBeLessThanOrEqual(2000);
    });
  });
});
