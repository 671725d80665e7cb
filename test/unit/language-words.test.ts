/** The words of the language choice (SPEC P3) in all five catalogues: each answers in its own language. */
import { describe, expect, it } from 'vitest';
import { catalogue } from '../../src/alerts/i18n/index.js';
import { LOCALES } from '../../src/alerts/i18n/locales.js';
import { helpMessage } from '../../src/slack/views/messages.js';

const CHOSEN: Record<(typeof LOCALES)[number], RegExp> = {
  'en-GB': /in English/,
  'pt-BR': /em português/,
  'fr-FR': /en français/,
  'es-ES': /en español/,
  'de-DE': /auf Deutsch/,
};

describe('language words', () => {
  for (const locale of LOCALES) {
    it(`${locale}: the answer names its own language, and the help lists the command`, () => {
      const words = catalogue(locale).language;
      expect(words.chosen).toMatch(CHOSEN[locale]);
      expect(words.usage).toContain('/fanfare language en-GB|pt-BR|fr-FR|es-ES|de-DE|auto');
      expect(helpMessage(locale).text).toContain(words.help);
      // No two languages share the "auto" answer: each is written in its own language.
      expect(LOCALES.filter((other) => catalogue(other).language.auto === words.auto)).toEqual([locale]);
    });
  }
});
