/**
 * Build-time data for form pages, the form index and embedded forms: the form's metadata with the
 * procedure it comes from, the revision of that procedure in force (records are filled under it),
 * the clause link, retention in words and the blank printable PDF when one was generated.
 */
import { existsSync } from 'node:fs';
import { getProcedureGroups, revisionPath } from '../procedure-data.ts';
import { clauseAnchor } from '../../lib/documents/clauses.ts';
import { FORM_IDS, type FormId, type ProcedureId } from '../../lib/procedures.ts';
import { formDefinition, getFormMeta, retentionSummary } from '../../lib/forms/definition/index.ts';
import { clauseText } from '../../lib/shared/clause-text.ts';
import type { FormMeta } from '../../lib/forms/definition/schema.ts';

export interface FormPageInfo {
  id: FormId;
  x: FormMeta;
  /** 「第 4.2.3 條」, 「第 3 條（職責）」 */
  clauseText: string;
  /** /sops/<procedure>/#clause-4-2-3 */
  clauseHref: string;
  procedure: {
    id: ProcedureId;
    docNumber: string;
    title: string;
    /** 版本/改次 of the revision in force. */
    revision: string;
    effectiveDate: Date | null;
    path: string;
  };
  /** 「永久（依 4.9）」 or 「一般違章：一年；重大違章：五年（依 4.5）」, with the note when the handbook assumed it. */
  retentionText: string;
  retentionNote: string | null;
  topSecret: boolean;
  blankPdf: string | null;
}

function retentionText(id: FormId): { text: string; note: string | null } {
  const def = formDefinition(id);
  return { text: retentionSummary(def), note: def.meta.retention.note ?? null };
}

export async function formPageInfo(id: FormId): Promise<FormPageInfo> {
  const groups = await getProcedureGroups();
  const x = getFormMeta(id);
  const group = groups.find((g) => g.id === x.procedure);
  if (!group?.effective) throw new Error(`表單 ${id} 所屬的規程 ${x.procedure} 沒有生效版本`);
  const eff = group.effective.data;
  if (eff.docNumber !== x.procedureNumber) {
    throw new Error(`表單 ${id} 註明的規程編號 ${x.procedureNumber} 與生效版本的編號 ${eff.docNumber} 不符`);
  }
  const path = revisionPath(group.effective);
  const retention = retentionText(id);
  return {
    id,
    x,
    clauseText: clauseText(x.clause),
    clauseHref: `${path}#${clauseAnchor(x.clause)}`,
    procedure: {
      id: x.procedure,
      docNumber: eff.docNumber,
      title: eff.title,
      revision: eff.revision,
      effectiveDate: eff.effectiveDate,
      path,
    },
    retentionText: retention.text,
    retentionNote: retention.note,
    topSecret: x.confidentiality === '絕密',
    blankPdf: existsSync(`public/blank-forms/${id}.pdf`) ? `/blank-forms/${id}.pdf` : null,
  };
}

/** Every form, grouped by procedure in issue order, forms in number order. */
export async function formsByProcedure(): Promise<{ procedure: FormPageInfo['procedure']; forms: FormPageInfo[] }[]> {
  const all = await Promise.all(FORM_IDS.map((id) => formPageInfo(id)));
  const issued = (await getProcedureGroups()).map((g) => g.id);
  const ids = issued.filter((id) => all.some((f) => f.procedure.id === id));
  return ids.map((pid) => {
    const forms = all.filter((f) => f.procedure.id === pid).sort((a, b) => a.x.number.localeCompare(b.x.number));
    return { procedure: forms[0].procedure, forms };
  });
}
