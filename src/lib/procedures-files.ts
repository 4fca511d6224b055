/**
 * Node twin of procedures.ts: the procedures in force, read from the sources
 * (content/sops/<id>/*.mdx frontmatter), for the site config's sidebar, the form checks, CLIs and tests.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { z } from './shared/zod.ts';
import { readFrontmatter } from './shared/frontmatter.ts';
import { effectiveProcedures, type Procedure } from './procedures.ts';
import { procedureIdSchema, procedureOrderSchema } from './procedures-schema.ts';

/** The identifying fields only; the whole revision is checked by the content schema at build time. */
const factsSchema = z.object({
  procedure: procedureIdSchema,
  order: procedureOrderSchema,
  docNumber: z.string().min(1),
  title: z.string().min(1),
  status: z.string().min(1),
});

/** The procedures in force under `sopsDir` (content/sops), in issue order. Throws naming the file on a bad frontmatter. */
export function readProcedures(sopsDir: string): Procedure[] {
  const facts = readdirSync(sopsDir)
    .filter((dir) => statSync(join(sopsDir, dir)).isDirectory())
    .flatMap((dir) =>
      readdirSync(join(sopsDir, dir))
        .filter((f) => f.endsWith('.mdx'))
        .map((f) => {
          const file = join(sopsDir, dir, f);
          const parsed = factsSchema.safeParse(readFrontmatter(readFileSync(file, 'utf8')) ?? {});
          if (!parsed.success) throw new Error(`${file}：規程的文件管制資料有誤：${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('；')}`);
          if (parsed.data.procedure !== dir) throw new Error(`${file}：procedure「${parsed.data.procedure}」應與資料夾名稱「${dir}」相同`);
          return parsed.data;
        }),
    );
  return effectiveProcedures(facts);
}
