/**
 * The Content-Security-Policy of a page (proxy.ts adds it with a fresh nonce per request): like the
 * static one of next.config.js, but scripts only by nonce — plus what a nonced script loads
 * ('strict-dynamic': Next's chunks) — instead of 'unsafe-inline'. Development mode needs eval.
 */
export function pageCsp(nonce: string, dev = false): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    // React's style={{…}} attributes need inline styles; they cannot carry a nonce.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}
