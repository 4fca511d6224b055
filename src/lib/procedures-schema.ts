/**
 * The content schema's checks of the frontmatter fields that identify a procedure (documents/doc-control.ts and
 * procedures-files.ts use them). Apart from procedures.ts so that browser code, which reads procedures but never
 * checks content, does not ship zod (about 24 KB gzip).
 */
import { z } from './shared/zod.ts';
import { PROCEDURE_ID_PATTERN } from './procedures.ts';

export const procedureIdSchema = z.string().regex(new RegExp(PROCEDURE_ID_PATTERN), '規程代號只可用小寫英文字母、數字及連字號（即 content/sops/ 下的資料夾名稱）');

/** Place in the issue order (sidebar, register, form index); also the nn of the handbook's form numbers HB-R-nn-mm. */
export const procedureOrderSchema = z.number({ error: '應填寫規程的發行順序（正整數）' }).int().positive('規程的發行順序應為正整數');
