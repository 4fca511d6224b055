import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { docsSchema, i18nSchema } from '@astrojs/starlight/schema';
import { z } from 'astro/zod';
import { docControlSchema } from './lib/documents/doc-control.ts';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const I18N_DIR = join(process.cwd(), 'content/i18n');

export const collections = {
  docs: defineCollection({
    loader: glob({ base: './content', pattern: ['index.mdx', '404.mdx', 'sops/**/*.mdx'] }),
    // A procedure revision must satisfy document control in full; any other page (the home
    // page) must not pretend to be one.
    schema: docsSchema({
      extend: z.union([docControlSchema, z.object({ procedure: z.undefined().optional() })]),
    }),
  }),
  // Starlight matches a translation file to its locale by a path under src/content/i18n; ours live in
  // content/i18n, so each entry is keyed by its language tag alone (the file name), with no file path.
  i18n: defineCollection({
    loader: () =>
      readdirSync(I18N_DIR)
        .filter((name) => name.endsWith('.json'))
        .map((name) => ({ id: name.slice(0, -'.json'.length), ...JSON.parse(readFileSync(join(I18N_DIR, name), 'utf8')) })),
    schema: i18nSchema(),
  }),
};
