export const LOCALES = ['en-GB', 'pt-BR', 'fr-FR', 'es-ES', 'de-DE'] as const;
export type Locale = (typeof LOCALES)[number];

export function isLocale(value: string): value is Locale {
  return (LOCALES as readonly string[]).includes(value);
}
