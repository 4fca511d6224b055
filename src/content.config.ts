import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { docsSchema, i18nSchema } from '@astrojs/starlight/schema';
import { z } from 'astro/zod';
import { docControlSchema } from './lib/documents/doc-control.ts';

export const collections = {
  docs: defineCollection({
    loader: glob({ base: './content', pattern: ['index.mdx', '404.mdx', 'sops/**/*.mdx'] }),
    // A procedure revision must satisfy document control in full; any other page (the home
    // page) must not pretend to be one.
    schema: docsSchema({
      extend: z.union([docControlSchema, z.object({ procedure: z.undefined().optional() })]),
    }),
  }),
  i18n: defineCollection({
    loader: glob({ base: './content/i18n', pattern: '*.json' }),
    schema: i18nSchema(),
  }),
};
