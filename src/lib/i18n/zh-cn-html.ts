/**
 * Turns a built page into its 简体中文 twin: text and human-readable attributes converted, links
 * pointed at the /zh-cn/ pages, the language switcher showing 简体中文. The Traditional page is
 * never touched; this works on a copy of its HTML.
 */
import { fromHtml } from 'hast-util-from-html';
import { toHtml } from 'hast-util-to-html';
import type { Element, ElementContent, Root, RootContent } from 'hast';
import type { Simplifier } from './zh-cn.ts';

export const ZH_CN_LANG = 'zh-CN';
export const ZH_CN_BASE = '/zh-cn/';

/**
 * Islands are left as rendered: React hydrates them against this HTML and then the page's
 * converter converts what they show (see src/components/zh-cn/). Scripts, styles and
 * form values are never text for a reader; `translate="no"` marks text that must stay as issued.
 */
const SKIP_ELEMENTS = new Set(['script', 'style', 'textarea', 'astro-island', 'template']);
const TEXT_ATTRIBUTES = ['title', 'alt', 'ariaLabel', 'placeholder', 'ariaDescription', 'dataLabel'];
const META_CONTENT = new Set(['description', 'og:title', 'og:description', 'og:site_name', 'twitter:title', 'twitter:description']);

export interface ZhCnPageOptions {
  simplify: Simplifier;
  /** The /zh-cn/ path for a site path when that page exists in the 简体 view. */
  localize: (path: string) => string | undefined;
  /** Paragraphs (already Simplified) put at the top of the page's content. */
  notices?: string[];
}

export function localizeHref(href: string, localize: ZhCnPageOptions['localize']): string {
  if (!href.startsWith('/') || href.startsWith('//') || href.startsWith(ZH_CN_BASE)) return href;
  const cut = href.search(/[?#]/);
  const path = cut < 0 ? href : href.slice(0, cut);
  const target = localize(path);
  return target ? target + (cut < 0 ? '' : href.slice(cut)) : href;
}

function localizeUrl(absolute: string, localize: ZhCnPageOptions['localize']): string {
  const url = new URL(absolute);
  url.pathname = localizeHref(url.pathname, localize);
  return url.href;
}

export function toZhCnPage(html: string, options: ZhCnPageOptions): string {
  const tree = fromHtml(html);
  const { simplify, localize } = options;
  let contentStart: Element | undefined;

  // Starlight marks the site title translate="no" (a name, not for machine translators); the 简体 view has
  // its own form of the name (astro.config.mjs), which Starlight's own zh-cn pages show.
  const visit = (node: Root | Element, inSiteTitle = false) => {
    for (const child of node.children as (RootContent | ElementContent)[]) {
      if (child.type === 'text') child.value = simplify(child.value);
      if (child.type !== 'element') continue;
      const p = child.properties;
      if (child.tagName === 'html') p.lang = ZH_CN_LANG;
      for (const name of TEXT_ATTRIBUTES) if (typeof p[name] === 'string') p[name] = simplify(p[name] as string);
      if (child.tagName === 'meta' && META_CONTENT.has(String(p.name ?? p.property)) && typeof p.content === 'string') {
        p.content = simplify(p.content);
      }
      if (child.tagName === 'meta' && p.property === 'og:locale') p.content = 'zh_CN';
      if (child.tagName === 'a' && typeof p.href === 'string') p.href = localizeHref(p.href, localize);
      // The page's own absolute URL, in <link rel="canonical"> and og:url.
      if (child.tagName === 'link' && String(p.rel) === 'canonical' && typeof p.href === 'string') p.href = localizeUrl(p.href, localize);
      if (child.tagName === 'meta' && p.property === 'og:url' && typeof p.content === 'string') p.content = localizeUrl(p.content, localize);
      // Starlight's switcher on a page copied from the Traditional one: 简体中文 is the current page.
      if (child.tagName === 'option' && typeof p.value === 'string' && p.value.startsWith('/')) {
        p.selected = p.value.startsWith(ZH_CN_BASE);
      }
      if (!contentStart && Array.isArray(p.className) && p.className.includes('sl-markdown-content')) contentStart = child;
      if (child.tagName === 'input' && ['button', 'submit', 'reset'].includes(String(p.type)) && typeof p.value === 'string') {
        p.value = simplify(p.value);
      }
      if (SKIP_ELEMENTS.has(child.tagName) || (p.translate === 'no' && !inSiteTitle)) continue;
      visit(child, inSiteTitle || (child.tagName === 'a' && Array.isArray(p.className) && p.className.includes('site-title')));
    }
  };
  visit(tree);

  if (options.notices?.length && contentStart) {
    const notices: Element[] = options.notices.map((text) => ({
      type: 'element',
      tagName: 'p',
      properties: { className: ['zh-cn-notice'], role: 'note', dataZhCnNotice: '' },
      children: [{ type: 'text', value: text }],
    }));
    contentStart.children.unshift(...notices);
  }
  return toHtml(tree, { allowDangerousHtml: true });
}
