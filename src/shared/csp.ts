/**
 * The Content-Security-Policy of every page the app serves, sent as a header by the app:// protocol
 * (Electron) and by the browser harness. Mantine needs inline styles; nothing else is relaxed.
 * index.html repeats it as a meta tag without frame-ancestors (browsers ignore that one in meta).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');
