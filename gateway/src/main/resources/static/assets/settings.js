// "Settings" (#/settings), for everyone: how notifications reach the person (settings-preferences.js), the download of
// their data (settings-personal-data.js) and, for managers and admins, their teams' chat endpoints
// (settings-webhooks.js). Loaded each time the view is shown. The
// links in e-mails point to #/settings; #/settings/webhooks (a "webhook disabled" notification) goes to the endpoints.
import { $ } from './dom.js';
import { initPreferences, leavePreferences, loadPreferences } from './settings-preferences.js';
import { initWebhooks, leaveWebhooks, loadWebhooks } from './settings-webhooks.js';
import { initPersonalData } from './settings-personal-data.js';
import { setSettingsHandlers } from './settings-common.js';

let webhooks = false;
let shown = false;

const wantsWebhooks = () => /^#\/settings\/webhooks\b/.test(window.location.hash);

function focusWebhooks() {
  if (!webhooks) return;
  $('webhooks-card').scrollIntoView({ block: 'start' });
  $('webhooks-title').focus();
}

/** webhooks: whether the person may manage chat endpoints (leads a team, or is an admin); admin: any team. */
export function initSettings({ onUnauthorized, webhooks: mayManage = false, admin = false }) {
  setSettingsHandlers({ onUnauthorized });
  initPreferences();
  initPersonalData({ onUnauthorized });
  webhooks = Boolean(mayManage || admin);
  if (webhooks) initWebhooks({ admin });
  // already on the view (the router shows a view once): #/settings → #/settings/webhooks only moves the focus
  window.addEventListener('hashchange', () => { if (shown && wantsWebhooks()) focusWebhooks(); });
}

export async function showSettings() {
  shown = true;
  await Promise.all([loadPreferences(), webhooks ? loadWebhooks() : null]);
  if (shown && wantsWebhooks()) focusWebhooks();
}

export function leaveSettings() {
  shown = false;
  leavePreferences();
  if (webhooks) leaveWebhooks();
}
