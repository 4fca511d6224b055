/**
 * Stands in for markdown-to-jsx (astro.config.mjs aliases `markdown-to-jsx/react` here). RJSF imports it
 * for descriptions written in Markdown, which no handbook form uses (the form schema check refuses
 * `enableMarkdownInDescription`), and for a few developer-facing messages; the real renderer was about
 * a third of the form page's script. Text is shown as written.
 */
import type { ReactNode } from 'react';

export function Markdown({ children }: { children?: ReactNode; options?: unknown }) {
  return <>{children}</>;
}
