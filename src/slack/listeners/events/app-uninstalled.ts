/**
 * Uninstalled or tokens revoked: nothing Fanfare does can work any more. Every member's number and every
 * code waiting to be typed is deleted first (SPEC O6), then Fanfare stops cleanly.
 */
import { forgetAllNumbers } from '../../forget.js';
import type { MemberDeps } from '../../members.js';

export function uninstalled(deps: MemberDeps, stop: (reason: string) => void, reason: string, message: string) {
  return async (): Promise<void> => {
    deps.logger.warn(message);
    try {
      await forgetAllNumbers(deps);
      deps.logger.info('every SMS number and pending code deleted');
    } catch (error) {
      deps.logger.error({ err: error }, 'could not delete every SMS number; members can still stop their own');
    }
    stop(reason);
  };
}
