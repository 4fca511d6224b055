/**
 * On a 简体 page, converts what scripts render after load: form labels, option labels and error
 * messages from the islands, the offline notices. Only text nodes and human-readable
 * attributes change; what the user types (input and textarea values) is never touched, and
 * `translate="no"` keeps text as issued. Islands are converted once hydrated, so Preact hydrates
 * against the HTML it rendered.
 */
import glossaryText from '../../../content/i18n/zh-cn-glossary.tsv?raw';
import { createSimplifier, parseGlossary } from '../../lib/i18n/zh-cn.ts';

const SKIP = new Set(['SCRIPT', 'STYLE', 'TEXTAREA', 'NOSCRIPT']);
const ATTRIBUTES = ['placeholder', 'title', 'aria-label', 'alt', 'aria-description', 'data-label'];

export function convertLiveDom(root: HTMLElement): MutationObserver {
  const simplify = createSimplifier(parseGlossary(glossaryText));
  const skipped = (el: Element | null): boolean => {
    for (let e = el; e; e = e.parentElement) {
      if (SKIP.has(e.tagName) || e.getAttribute('translate') === 'no' || (e as HTMLElement).isContentEditable) return true;
      if (e.tagName === 'ASTRO-ISLAND' && e.hasAttribute('ssr')) return true;
    }
    return false;
  };
  // Preact hydrates an island while Astro's `ssr` is on it, except a part that waits for code (a
  // form page's form suspends until its chunk is here): that part says so with `data-hydrating`, and
  // Preact would put back any text converted under it. Text there waits a little.
  const deadline = performance.now() + 10_000;
  const waiting = new Set<Text>();
  let timer = 0;
  const hydrated = (t: Text) => !t.parentElement?.closest('[data-hydrating]');
  const text = (t: Text) => {
    if (!hydrated(t) && performance.now() < deadline) {
      waiting.add(t);
      timer ||= window.setTimeout(() => {
        timer = 0;
        const again = [...waiting];
        waiting.clear();
        for (const w of again) if (w.isConnected && !skipped(w.parentElement)) text(w);
      }, 50);
      return;
    }
    const v = simplify(t.data);
    if (v !== t.data) t.data = v;
  };
  const attributes = (el: Element) => {
    for (const name of ATTRIBUTES) {
      const v = el.getAttribute(name);
      if (v && simplify(v) !== v) el.setAttribute(name, simplify(v));
    }
    if (el instanceof HTMLInputElement && ['button', 'submit', 'reset'].includes(el.type)) {
      if (simplify(el.value) !== el.value) el.value = simplify(el.value);
    }
  };
  const walkerOf = (node: Element) =>
    document.createTreeWalker(node, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, {
      acceptNode: (n) =>
        n instanceof Element && (SKIP.has(n.tagName) || n.getAttribute('translate') === 'no' || (n.tagName === 'ASTRO-ISLAND' && n.hasAttribute('ssr')))
          ? NodeFilter.FILTER_REJECT
          : NodeFilter.FILTER_ACCEPT,
    });
  const visit = (n: Node) => {
    if (n.nodeType === Node.TEXT_NODE) text(n as Text);
    else attributes(n as Element);
  };
  const tree = (node: Node) => {
    if (node.nodeType === Node.TEXT_NODE) {
      if (!skipped(node.parentElement)) text(node as Text);
      return;
    }
    if (!(node instanceof Element) || skipped(node)) return;
    attributes(node);
    const walker = walkerOf(node);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) visit(n);
  };
  // The page's own text was converted at build; this first pass catches what scripts rendered before
  // it ran (an island hydrated already). It yields every few milliseconds: in one go it blocked a phone
  // for 130 ms on a procedure page. What changes meanwhile reaches the observer below.
  const SLICE_MS = 8;
  const firstPass = walkerOf(root);
  const passSlice = () => {
    const until = performance.now() + SLICE_MS;
    for (let n = firstPass.nextNode(); n; n = firstPass.nextNode()) {
      visit(n);
      if (performance.now() > until) {
        window.setTimeout(passSlice, 0);
        return;
      }
    }
  };
  if (!skipped(root)) {
    attributes(root);
    passSlice();
  }
  const observer = new MutationObserver((records) => {
    for (const r of records) {
      if (r.type === 'characterData') tree(r.target);
      else if (r.type === 'childList') r.addedNodes.forEach(tree);
      // An island that has just hydrated (Astro removes `ssr`) or an attribute set by a script.
      else if (r.attributeName === 'ssr') tree(r.target);
      else if (r.target instanceof Element && !skipped(r.target)) attributes(r.target);
    }
  });
  observer.observe(root, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: [...ATTRIBUTES, 'ssr'] });
  return observer;
}
