/** Picks a language's catalogue. The Record over `Locale` makes a locale without a catalogue a compile error. */
import type { Catalogue } from './catalogue.js';
import { deDE } from './de-DE.js';
import { enGB } from './en-GB.js';
import { esES } from './es-ES.js';
import { frFR } from './fr-FR.js';
import type { Locale } from './locales.js';
import { ptBR } from './pt-BR.js';

export type { Catalogue } from './catalogue.js';

const CATALOGUES: Record<Locale, Catalogue> = {
  'en-GB': enGB,
  'pt-BR': ptBR,
  'fr-FR': frFR,
  'es-ES': esES,
  'de-DE': deDE,
};

export function catalogue(locale: Locale): Catalogue {
  return CATALOGUES[locale];
}
