/**
 * Where to go after sign-in: only a path on this site, never another origin
 * (an open redirect would let a phishing link borrow our login page).
 */
export function safeCallbackPath(callbackUrl: string | string[] | undefined, fallback = "/rules"): string {
  const raw = Array.isArray(callbackUrl) ? callbackUrl[0] : callbackUrl;
  if (!raw) return fallback;
  try {
    const base = "http://placeholder.invalid";
    const url = new URL(raw, base);
    const path = `${url.pathname}${url.search}${url.hash}`;
    // Absolute URLs are accepted for their path only (Auth.js sends the full URL).
    if (!path.startsWith("/") || path.startsWith("//") || path.startsWith("/login")) return fallback;
    return path;
  } catch {
    return fallback;
  }
}
