import { describe, expect, it } from 'vitest';
import { fanfareLocaleOf, memberLocale } from '../../src/alerts/i18n/member-locale.js';

describe('memberLocale', () => {
  it('a member’s own choice wins over their Slack locale', () => {
    expect(memberLocale('de-DE', 'pt-BR', 'en-GB')).toBe('de-DE');
  });

  it('else their Slack locale, read as the same language in Fanfare’s variant', () => {
    expect(memberLocale(null, 'pt-BR', 'en-GB')).toBe('pt-BR');
    expect(memberLocale(null, 'en-US', 'fr-FR')).toBe('en-GB');
    expect(memberLocale(null, 'es-LA', 'en-GB')).toBe('es-ES');
    expect(memberLocale(undefined, 'fr_CA', 'en-GB')).toBe('fr-FR');
  });

  it('else the workspace’s LOCALE, for a language Fanfare does not speak or no locale', () => {
    expect(memberLocale(null, 'ja-JP', 'fr-FR')).toBe('fr-FR');
    expect(memberLocale(null, undefined, 'de-DE')).toBe('de-DE');
    expect(fanfareLocaleOf('')).toBeNull();
  });
});
