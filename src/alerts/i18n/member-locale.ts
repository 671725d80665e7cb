/**
 * Which of Fanfare's languages a member reads (SPEC P3): their own choice, else their Slack locale when
 * Fanfare speaks that language, else the workspace's `LOCALE`.
 */
import { LOCALES, type Locale } from './locales.js';

/**
 * Slack's locale (`en-US`, `es-LA`, `pt-BR`, `fr-FR`, `ja-JP`…) as one of Fanfare's: the same language in
 * another country reads Fanfare's variant of it (an `en-US` member reads `en-GB`, `es-LA` reads `es-ES`);
 * null for a language Fanfare does not speak.
 */
export function fanfareLocaleOf(slackLocale: string | null | undefined): Locale | null {
  if (!slackLocale) return null;
  const tag = slackLocale.replace('_', '-');
  const exact = LOCALES.find((locale) => locale.toLowerCase() === tag.toLowerCase());
  if (exact) return exact;
  const language = tag.split('-')[0]?.toLowerCase();
  return LOCALES.find((locale) => locale.split('-')[0] === language) ?? null;
}

export function memberLocale(choice: Locale | null | undefined, slackLocale: string | null | undefined, workspace: Locale): Locale {
  return choice ?? fanfareLocaleOf(slackLocale) ?? workspace;
}
