// A link into the portal (#/verification, #/organisation …) survives signing in. The `#…` part never reaches a server,
// and Keycloak's login form drops it, so the portal remembers it in this tab's sessionStorage whenever it runs without
// a session or sends the browser to sign in, and goes back to it once signed in (router.js still refuses a view the
// user may not use). Only a view route (with at most one section: #/settings/webhooks) is remembered or restored —
// never a URL, markup or anything else a link could carry — and only for a while.
const KEY = 'ladder.deepLink';
const MAX_AGE_MS = 30 * 60 * 1000; // Keycloak's default time to complete a login
const ROUTE = /^#\/[a-z][a-z-]{0,39}(\/[a-z][a-z-]{0,39})?$/;

export const isRoute = (hash) => typeof hash === 'string' && ROUTE.test(hash);

/** Remembers the current (or given) hash if it is a view route; anything else is ignored. */
export function rememberDeepLink(hash = window.location.hash) {
  if (!isRoute(hash)) return;
  try {
    sessionStorage.setItem(KEY, JSON.stringify({ hash, at: Date.now() }));
  } catch {
    // storage disabled: the link is lost, nothing else
  }
}

/** The remembered route, once (it is forgotten), if it is recent and still a view route; else null. */
export function takeDeepLink() {
  let saved = null;
  try {
    const raw = sessionStorage.getItem(KEY);
    sessionStorage.removeItem(KEY);
    saved = JSON.parse(raw || 'null');
  } catch {
    return null;
  }
  const age = Date.now() - Number(saved?.at);
  return saved && isRoute(saved.hash) && age >= 0 && age < MAX_AGE_MS ? saved.hash : null;
}
