// @ts-check
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';
import react from '@astrojs/react';
import { unified } from '@astrojs/markdown-remark';
import { rehypeClauseAnchors } from './src/lib/documents/clauses.ts';
import { CONTENT_SECURITY_POLICY } from './src/lib/csp.ts';
import { readProcedures } from './src/lib/procedures-files.ts';

// The procedures in force, from content/sops: a procedure added as content appears here, drafts never do.
const procedures = readProcedures(fileURLToPath(new URL('./content/sops/', import.meta.url)));

export default defineConfig({
  site: 'http://localhost:4321',
  trailingSlash: 'always',
  markdown: { processor: unified({ rehypePlugins: [rehypeClauseAnchors] }) },
  integrations: [
    starlight({
      title: '物業服務標準作業規程手冊',
      description: '物業管理公司受控文件：標準作業規程、記錄表單與簽署。',
      defaultLocale: 'root',
      locales: { root: { label: '繁體中文', lang: 'zh-TW' } },
      // Fonts stay system CJK fonts on screen; nothing is fetched from another host.
      customCss: ['./src/styles/handbook.css'],
      head: [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY } }],
      components: {
        PageTitle: './src/components/PageTitle.astro',
        MarkdownContent: './src/components/MarkdownContent.astro',
      },
      sidebar: [
        { label: '首頁', link: '/' },
        { label: '標準作業規程', items: procedures.map((p) => ({ label: p.title, link: p.path })) },
        { label: '記錄表單', link: '/forms/' },
        { label: '簽署記錄 PDF', link: '/sign/' },
        { label: '驗證記錄 PDF', link: '/verify/' },
        { label: '受控文件清單', link: '/register/' },
      ],
      pagefind: true,
      lastUpdated: false,
      credits: false,
    }),
    react(),
  ],
});
