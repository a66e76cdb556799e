// "Your data" (#/settings): downloads everything Ladder holds about the person as one JSON file (GET
// /api/me/personal-data, put together by the gateway from every service). Fetched rather than linked so a failure
// shows as a message here instead of a downloaded error document.
import { $ } from './dom.js';
import { apiResponse } from './api.js';

let busy = false;

export function initPersonalData({ onUnauthorized }) {
  $('personal-data-download').addEventListener('click', () => download(onUnauthorized));
}

async function download(onUnauthorized) {
  if (busy) return;
  busy = true;
  const button = $('personal-data-download');
  const status = $('personal-data-status');
  const error = $('personal-data-error');
  button.disabled = true;
  error.hidden = true;
  status.hidden = false;
  status.textContent = 'Collecting your data…';
  try {
    const { data } = await apiResponse('/api/me/personal-data', { cache: 'no-store' });
    const file = new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' });
    const link = document.createElement('a');
    link.href = URL.createObjectURL(file);
    link.download = `ladder-personal-data-${new Date().toISOString().slice(0, 10)}.json`;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 60_000);
    status.textContent = 'Your data was downloaded.';
  } catch (failure) {
    if (failure.status === 401) {
      onUnauthorized();
      return;
    }
    status.hidden = true;
    error.textContent = `Your data could not be downloaded: ${failure.problem?.detail || failure.message}`;
    error.hidden = false;
  } finally {
    busy = false;
    button.disabled = false;
  }
}
