/**
 * Writes the 简体中文 view of a built site (Node only): every Traditional page gets a /zh-cn/ twin.
 * Procedure and home pages start from Starlight's own zh-CN rendering (its Simplified interface
 * strings and language switcher); the other pages (forms, history, diffs, register, sign, verify)
 * start from the Traditional page. Both are then converted with OpenCC and the glossary.
 */
import { mkdirSync, readFileSync, readdirSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { createSimplifier, parseGlossary } from './zh-cn.ts';
import { ZH_CN_BASE, toZhCnPage } from './zh-cn-html.ts';
import { READING_NOTICE, RECORD_NOTICE } from './zh-cn-notices.ts';

export const ZH_CN_GLOSSARY = 'content/i18n/zh-cn-glossary.tsv';

export interface ZhCnSiteOptions {
  /** content/i18n/zh-cn-glossary.tsv */
  glossaryText: string;
}

function htmlFiles(dir: string, root = dir): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = join(dir, e.name);
    if (e.isDirectory()) return htmlFiles(full, root);
    return e.name.endsWith('.html') ? [relative(root, full).split(sep).join('/')] : [];
  });
}

/** `sops/x/index.html` → `/sops/x/`; other files keep their name. */
const sitePath = (file: string) => '/' + file.replace(/(^|\/)index\.html$/, '$1');

export function writeZhCnSite(dist: string, options: ZhCnSiteOptions): { pages: number; fromStarlight: number } {
  const simplify = createSimplifier(parseGlossary(options.glossaryText));
  const prefix = ZH_CN_BASE.slice(1);
  const all = htmlFiles(dist);
  const traditional = all.filter((f) => !f.startsWith(prefix) && f !== '404.html');
  const paths = new Set(traditional.map(sitePath));
  const localize = (path: string) => (paths.has(path) ? ZH_CN_BASE + path.slice(1) : undefined);
  // Pages Starlight rendered for zh-cn only (its 404) are converted in place.
  const starlightOnly = all.filter((f) => f.startsWith(prefix) && !paths.has(sitePath(f.slice(prefix.length))));
  let fromStarlight = 0;
  for (const file of [...traditional, ...starlightOnly.map((f) => f.slice(prefix.length))]) {
    const target = join(dist, prefix, file);
    const starlightOwn = existsSync(target);
    if (starlightOwn) fromStarlight++;
    const html = readFileSync(starlightOwn ? target : join(dist, file), 'utf8');
    const notices = [
      // Starlight already says so on the pages it rendered in zh-CN.
      ...(starlightOwn ? [] : [READING_NOTICE]),
      ...(/<astro-island[^>]*component-url="[^"]*RecordForm/.test(html) ? [RECORD_NOTICE] : []),
    ];
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, toZhCnPage(html, { simplify, localize, notices }));
  }
  return { pages: traditional.length + starlightOnly.length, fromStarlight };
}
