import { toGsm7 } from '../alerts/sms-text.js';

/**
 * A burst for one member and one match (several alerts queued while the sender was busy) as one SMS:
 * the texts in order, one per line. Each text is already GSM-7 and states the score, so the last line
 * carries the latest one.
 */
export function combineSmsTexts(texts: string[]): string {
  return toGsm7(texts.join('\n'));
}
