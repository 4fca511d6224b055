/** What every page's <head> carries so the handbook can be installed and used offline. */
export const MANIFEST_PATH = '/manifest.webmanifest';

export const OFFLINE_HEAD = [
  { tag: 'link' as const, attrs: { rel: 'manifest', href: MANIFEST_PATH } },
  { tag: 'meta' as const, attrs: { name: 'theme-color', content: '#1f4e79' } },
  { tag: 'link' as const, attrs: { rel: 'apple-touch-icon', href: '/icons/icon-192.png' } },
];
