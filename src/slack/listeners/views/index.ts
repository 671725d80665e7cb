/** Binds each modal's callback id to its submission handler (one handler per file, as in Slack's template). */
import type { App } from '@slack/bolt';
import { VIEWS } from '../../ids.js';
import type { MemberDeps } from '../../members.js';
import { addStreamer } from './add-streamer.js';
import { subscribeCode } from './subscribe-code.js';
import { subscribeNumber } from './subscribe-number.js';

export function register(app: App, deps: MemberDeps): void {
  app.view(VIEWS.subscribeNumber, subscribeNumber(deps));
  app.view(VIEWS.subscribeCode, subscribeCode(deps));
  app.view(VIEWS.addStreamer, addStreamer(deps));
}
