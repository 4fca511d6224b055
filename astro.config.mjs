// @ts-check
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';
import preact from '@astrojs/preact';
import { unified } from '@astrojs/markdown-remark';
import { rehypeClauseAnchors } from './src/lib/documents/clauses.ts';
import { UNHASHED_POLICY, hostingHeaders } from './src/lib/csp.ts';
import { builtHostingHeaders } from './src/lib/hosting-headers.ts';
import { OFFLINE_HEAD } from './src/lib/offline/head.ts';
import { readProcedures } from './src/lib/procedures-files.ts';

// The procedures in force, from content/sops: a procedure added as content appears here, drafts never do.
const procedures = readProcedures(fileURLToPath(new URL('./content/sops/', import.meta.url)));

export default defineConfig({
  site: 'http://localhost:4321',
  trailingSlash: 'always',
  // `astro preview` (npm start) sends the headers the build wrote for hosts (dist/_headers, with the
  // hashes of the built pages' inline code); `astro dev` has no build and sends the unhashed policy.
  server: { headers: builtHostingHeaders(fileURLToPath(new URL('./dist/', import.meta.url))) ?? hostingHeaders(UNHASHED_POLICY) },
  markdown: { processor: unified({ rehypePlugins: [rehypeClauseAnchors] }) },
  vite: {
    // The audit page's worker imports the validators and the PDF code on demand: ES module workers split chunks, IIFE ones cannot.
    worker: { format: 'es' },
    plugins: [
      {
        // RJSF is bundled into the server build too, so its `react` imports reach preact/compat there as
        // in the browser (the form pages render the form on the server); left external, Node would load
        // React itself. The React entries are the ones @astrojs/preact adds when no list is given.
        name: 'handbook:bundle-rjsf-for-ssr',
        configEnvironment(name) {
          if (name !== 'ssr' && name !== 'prerender') return;
          return { resolve: { noExternal: ['react', 'react-dom', 'react-dom/test-utils', 'react/jsx-runtime', /^@rjsf\//] } };
        },
      },
    ],
    resolve: {
      alias: [
        // No form uses Markdown descriptions: RJSF's Markdown renderer is replaced by plain text (see the file).
        { find: 'markdown-to-jsx/react', replacement: fileURLToPath(new URL('./src/components/forms/plain-markdown.tsx', import.meta.url)) },
        // RJSF's decimal separator is the handbook locale's, not found anew from the browser's languages on every render of every number field.
        { find: /^\.\/getDecimalSeparator\.js$/, replacement: fileURLToPath(new URL('./src/lib/forms/validation/decimal-separator.ts', import.meta.url)) },
        // Paths of the PDF libraries the handbook never takes (WOFF2 fonts, SVG, XFA, HTML entity tables): each file says why.
        { find: /^brotli\/decompress\.js$/, replacement: fileURLToPath(new URL('./src/components/pdf/unused/brotli-decompress.ts', import.meta.url)) },
        { find: /^culori$/, replacement: fileURLToPath(new URL('./src/components/pdf/unused/culori.ts', import.meta.url)) },
        { find: /^node-html-better-parser$/, replacement: fileURLToPath(new URL('./src/components/pdf/unused/html-parser.ts', import.meta.url)) },
        { find: /^html-entities$/, replacement: fileURLToPath(new URL('./src/components/pdf/unused/html-entities.ts', import.meta.url)) },
        // pdf-lib's metrics of the 14 standard fonts (Helvetica…), 99 KB gzip: the handbook draws only with its embedded Noto faces.
        { find: /^\.\/(Courier|Helvetica|Times|Symbol|ZapfDingbats)[\w-]*\.compressed\.json$/, replacement: fileURLToPath(new URL('./src/components/pdf/unused/standard-font-metrics.json', import.meta.url)) },
      ],
    },
  },
  integrations: [
    starlight({
      title: { 'zh-TW': '物業服務標準作業規程手冊', 'zh-CN': '物业服务标准作业规程手册' },
      description: '物業管理公司受控文件：標準作業規程、記錄表單與簽署。',
      defaultLocale: 'root',
      // The 简体中文 pages are generated from the Traditional ones after the build (scripts/postbuild.ts).
      locales: { root: { label: '繁體中文', lang: 'zh-TW' }, 'zh-cn': { label: '简体中文', lang: 'zh-CN' } },
      // Fonts stay system CJK fonts on screen; nothing is fetched from another host.
      customCss: ['./src/styles/handbook.css'],
      head: [
        // The build replaces it with the page's own hashed policy (src/lib/csp.ts, run by scripts/postbuild.ts).
        { tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: UNHASHED_POLICY } },
        ...OFFLINE_HEAD,
      ],
      components: {
        PageTitle: './src/components/PageTitle.astro',
        MarkdownContent: './src/components/MarkdownContent.astro',
        Banner: './src/components/offline/Banner.astro',
        FallbackContentNotice: './src/components/zh-cn/ReadingNotice.astro',
      },
      sidebar: [
        { label: '首頁', link: '/' },
        { label: '標準作業規程', items: procedures.map((p) => ({ label: p.title, link: p.path })) },
        { label: '記錄表單', link: '/forms/' },
        { label: '培訓', link: '/training/' },
        { label: '簽署記錄 PDF', link: '/sign/' },
        { label: '驗證記錄 PDF', link: '/verify/' },
        { label: '記錄稽核', link: '/audit/' },
        { label: '受控文件清單', link: '/register/' },
      ],
      pagefind: true,
      lastUpdated: false,
      credits: false,
    }),
    // The islands are written against React's API and run on Preact (preact/compat): React's client
    // runtime alone was 64 KB gzip of a form page's 181 KB (README, "Dependencies and why").
    preact({ compat: true }),
  ],
});
