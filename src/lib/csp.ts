/**
 * The site's Content-Security-Policy, shipped in every page's <head> and used by the test server.
 * It is what keeps what a user types in the browser: scripts, styles, fonts and connections come
 * only from this site. No 'unsafe-eval' (form validators are precompiled); Pagefind's search
 * needs 'wasm-unsafe-eval'. Starlight's small inline scripts need 'unsafe-inline'.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'unsafe-inline' 'wasm-unsafe-eval'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');

/**
 * The headers the host must send with every response. A <meta> policy cannot carry
 * frame-ancestors (browsers ignore it there), so only these stop another site from framing
 * /sign/ and tricking a signer into clicking (clickjacking). X-Frame-Options says the same to
 * browsers that predate frame-ancestors.
 */
export const HOSTING_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': `${CONTENT_SECURITY_POLICY}; frame-ancestors 'none'`,
  'X-Frame-Options': 'DENY',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};
