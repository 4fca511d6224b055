/**
 * The site's Content-Security-Policy (Node only: the build, the config and the tests read it).
 *
 * It is what keeps what a user types in the browser: scripts, styles, fonts and connections come only
 * from this site. No 'unsafe-eval' (form validators are precompiled) and no 'unsafe-inline': every
 * inline <script>, <style> and style="" attribute left in a built page (Starlight's theme and sidebar
 * scripts, Astro's island loader, the print headers, the flowchart styles) is allowed by its SHA-256,
 * computed on the final HTML after every rewrite (the 简体 twins included). Pagefind's search needs
 * 'wasm-unsafe-eval' (WebAssembly only, not eval).
 *
 * Two copies, which a browser both enforces:
 * - each page's <meta> carries the policy with exactly the hashes of that page;
 * - the host's header (hostingHeaders) carries the union of every page's hashes, plus what a <meta>
 *   cannot carry (frame-ancestors). It is therefore never stricter than a page needs, and strict on
 *   its own if a page lost its <meta>. It changes when an inline script or style does, so the build
 *   writes it (dist/_headers, the nginx snippet) instead of a committed copy.
 */
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fromHtml } from 'hast-util-from-html';
import type { Element, Nodes, Root } from 'hast';

/** Every directive except the hashes, in the order they are written. */
const DIRECTIVES: readonly (readonly [string, string])[] = [
  ['default-src', "'self'"],
  ['script-src', "'self' 'wasm-unsafe-eval'"],
  ['style-src', "'self'"],
  ['img-src', "'self' data: blob:"],
  ['font-src', "'self' data:"],
  ['connect-src', "'self'"],
  ['worker-src', "'self' blob:"],
  ['object-src', "'none'"],
  ['base-uri', "'self'"],
  ['form-action', "'self'"],
];

/** What a page's inline code is allowed by: base64 SHA-256 digests, without the quotes. */
export interface InlineHashes {
  scripts: string[];
  /** <style> elements. */
  styles: string[];
  /** style="" attributes (allowed only with 'unsafe-hashes'). */
  styleAttributes: string[];
}

export const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('base64');

const sorted = (values: Iterable<string>) => [...new Set(values)].sort();

/** The policy for pages with these inline hashes. */
export function policyFor(hashes: InlineHashes): string {
  const quote = (list: string[]) => list.map((h) => ` 'sha256-${h}'`).join('');
  const styleHashes = sorted([...hashes.styles, ...hashes.styleAttributes]);
  return DIRECTIVES.map(([name, value]) => {
    if (name === 'script-src') return `${name} ${value}${quote(sorted(hashes.scripts))}`;
    if (name === 'style-src') {
      return `${name} ${value}${hashes.styleAttributes.length ? " 'unsafe-hashes'" : ''}${quote(styleHashes)}`;
    }
    return `${name} ${value}`;
  }).join('; ');
}

/**
 * What `astro build` and `astro dev` put in each page's <meta>, before the build hashes the final
 * HTML (applySitePolicy): the dev server's pages carry Vite's own inline code. Never in a built page.
 */
export const UNHASHED_POLICY = DIRECTIVES.map(([name, value]) =>
  name === 'script-src' || name === 'style-src' ? `${name} ${value} 'unsafe-inline'` : `${name} ${value}`,
).join('; ');

/** Scripts a browser would run: classic and module scripts (not JSON data blocks). */
const EXECUTABLE_TYPES = new Set(['', 'module', 'text/javascript', 'application/javascript']);

/** What CSP hashes: the element's child text nodes (entities already decoded inside SVG). */
const textOf = (node: Element): string => node.children.map((c) => (c.type === 'text' ? c.value : '')).join('');

/** The hashes of every inline script, style element and style attribute of one HTML page. */
export function inlineHashes(html: string): InlineHashes {
  const out: InlineHashes = { scripts: [], styles: [], styleAttributes: [] };
  const visit = (node: Nodes | Root) => {
    if (node.type === 'element') {
      const p = node.properties;
      if (node.tagName === 'script' && p.src === undefined) {
        const type = String(p.type ?? '').trim().toLowerCase();
        if (EXECUTABLE_TYPES.has(type)) out.scripts.push(sha256(textOf(node)));
      } else if (node.tagName === 'style') {
        out.styles.push(sha256(textOf(node)));
      }
      // hast keeps style="" as written (a string), so the digest is of the attribute's exact value.
      if (typeof p.style === 'string') out.styleAttributes.push(sha256(p.style));
      // Inline event handlers (onclick="…") would need 'unsafe-hashes' for scripts: none are allowed.
      const handler = Object.keys(p).find((k) => /^on[A-Z]/.test(k));
      if (handler) throw new Error(`inline event handler ${handler} on <${node.tagName}>: move it to a script`);
      if (node.tagName === 'template' && node.content) visit(node.content);
    }
    if ('children' in node) for (const child of node.children) visit(child);
  };
  visit(fromHtml(html));
  return { scripts: sorted(out.scripts), styles: sorted(out.styles), styleAttributes: sorted(out.styleAttributes) };
}

const META = /<meta http-equiv="Content-Security-Policy" content="[^"]*"\s*\/?>/gi;

/** The page with its policy <meta> set to `policy` (in place: it stays ahead of every script and style). */
export function withPolicy(html: string, policy: string): string {
  const metas = html.match(META) ?? [];
  if (metas.length !== 1) throw new Error(`expected one Content-Security-Policy <meta>, found ${metas.length}`);
  if (/["<>&]/.test(policy)) throw new Error(`policy cannot be written in an attribute: ${policy}`);
  return html.replace(META, `<meta http-equiv="Content-Security-Policy" content="${policy}"/>`);
}

/** The policy a page's <meta> carries. */
export function policyOf(html: string): string {
  const tag = html.match(META)?.[0];
  if (!tag) throw new Error('no Content-Security-Policy <meta>');
  // Parsed, since the 简体 pages write the quotes as &#x27;.
  const meta = fromHtml(tag, { fragment: true }).children[0] as Element;
  return String(meta.properties.content);
}

function htmlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = join(dir, e.name);
    return e.isDirectory() ? htmlFiles(full) : e.name.endsWith('.html') ? [full] : [];
  });
}

export interface SitePolicy {
  pages: number;
  /** Distinct hashes over the whole site, by kind. */
  union: InlineHashes;
  /** The header policy: every page's hashes. */
  policy: string;
}

/**
 * Sets every built page's <meta> to the policy its own inline code needs and returns the site-wide
 * union for the header. Runs last among the steps that rewrite HTML.
 */
export function applySitePolicy(dist: string): SitePolicy {
  const union: InlineHashes = { scripts: [], styles: [], styleAttributes: [] };
  const files = htmlFiles(dist);
  for (const file of files) {
    const html = readFileSync(file, 'utf8');
    const hashes = inlineHashes(html);
    for (const kind of ['scripts', 'styles', 'styleAttributes'] as const) union[kind].push(...hashes[kind]);
    writeFileSync(file, withPolicy(html, policyFor(hashes)));
  }
  for (const kind of ['scripts', 'styles', 'styleAttributes'] as const) union[kind] = sorted(union[kind]);
  return { pages: files.length, union, policy: policyFor(union) };
}

/**
 * The headers the host must send with every response. A <meta> policy cannot carry frame-ancestors
 * (browsers ignore it there), so only these stop another site from framing /sign/ and tricking a
 * signer into clicking (clickjacking). X-Frame-Options says the same to browsers that predate
 * frame-ancestors.
 */
export function hostingHeaders(sitePolicy: string): Record<string, string> {
  return {
    'Content-Security-Policy': `${sitePolicy}; frame-ancestors 'none'`,
    'X-Frame-Options': 'DENY',
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
  };
}
