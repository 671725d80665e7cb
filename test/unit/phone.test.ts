import { describe, expect, it } from 'vitest';
import { countryOfSlackLocale, maskPhone, parsePhone, type CountryCode } from '../../src/sms/phone.js';

describe('parsePhone', () => {
  const accepted: [string, CountryCode | undefined, string, CountryCode][] = [
    ['07400 123456', 'GB', '+447400123456', 'GB'],
    ['07400-123-456', 'GB', '+447400123456', 'GB'],
    ['+44 7400 123456', undefined, '+447400123456', 'GB'],
    ['+44 (0) 7400 123456', 'US', '+447400123456', 'GB'],
    ['0044 7400 123456', undefined, '+447400123456', 'GB'],
    ['  +44.7400.123.456 ', 'FR', '+447400123456', 'GB'],
    ['(415) 992-9960', 'US', '+14159929960', 'US'],
    ['+1 415 992 9960', 'GB', '+14159929960', 'US'],
    ['+1 613 555 0123', undefined, '+16135550123', 'CA'],
    ['06 12 34 56 78', 'FR', '+33612345678', 'FR'],
  ];
  it.each(accepted)('reads %j (country %s) as %s', (input, country, e164, parsedCountry) => {
    expect(parsePhone(input, country)).toEqual({ ok: true, e164, country: parsedCountry });
  });

  const refused: [string, CountryCode | undefined, string][] = [
    ['', 'GB', 'empty'],
    ['   ', 'GB', 'empty'],
    ['call me maybe', 'GB', 'unparsable'],
    ['+44 7400 12345x', undefined, 'unparsable'],
    ['+44 7400 123456 ext 1', undefined, 'unparsable'],
    ['12', 'GB', 'too-short'],
    ['+44 74', undefined, 'too-short'],
    ['+44 7400 1234567890', undefined, 'too-long'],
    ['+999 1234 5678', undefined, 'invalid-country'],
    // A national number with no country to read it in.
    ['07400 123456', undefined, 'invalid-country'],
    // Ofcom's drama range: the right length, never assigned.
    ['+44 7700 900123', undefined, 'invalid'],
  ];
  it.each(refused)('refuses %j (country %s): %s', (input, country, reason) => {
    expect(parsePhone(input, country)).toEqual({ ok: false, reason });
  });

  it('never lets a slash or question mark through, which would break the Lookup path', () => {
    const parsed = parsePhone('+44/7400?123456');
    expect(parsed.ok && /[/?]/.test(parsed.e164)).toBe(false);
  });
});

describe('countryOfSlackLocale', () => {
  it.each([
    ['en-US', 'US'],
    ['en-GB', 'GB'],
    ['pt-BR', 'BR'],
    ['fr-FR', 'FR'],
    ['es-ES', 'ES'],
    ['de-DE', 'DE'],
    ['ja-JP', 'JP'],
    ['zh-CN', 'CN'],
    ['zh-TW', 'TW'],
    ['en_us', 'US'],
    ['es-LA', undefined],
    ['en', undefined],
    ['xx-ZZ', undefined],
    ['', undefined],
    [undefined, undefined],
  ])('%s → %s', (locale, country) => {
    expect(countryOfSlackLocale(locale)).toBe(country);
  });
});

describe('maskPhone', () => {
  it.each([
    ['+447400123456', '+44 ••••••• 456'],
    ['+14159929960', '+1 ••••••• 960'],
    ['+33612345678', '+33 •••••• 678'],
    ['+5511987654321', '+55 •••••••• 321'],
  ])('%s → %s', (e164, masked) => {
    expect(maskPhone(e164)).toBe(masked);
  });

  it('hides all but three digits of anything, even a malformed number', () => {
    for (const input of ['+4474001', '12345678', '+999123456789']) {
      const masked = maskPhone(input);
      expect(masked.replace(/\D/g, '').length).toBeLessThanOrEqual(6);
      expect(masked).not.toContain(input.replace('+', '').slice(0, 7));
    }
  });
});
