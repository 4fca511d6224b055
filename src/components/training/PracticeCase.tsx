/**
 * A practice case on the real form: the record form island (its own rules, drafts kept apart from real
 * records) and, after each 「檢查並完成」, the case's expectations checked against the record, each citing
 * its clause.
 */
import { useCallback, useState } from 'react';
import RecordForm from '../forms/RecordForm.tsx';
import { checkCase, type CaseFeedback, type PracticeCase as Case } from '../../lib/training/cases.ts';

interface Props {
  practice: Case;
  procedureRevision: string;
  procedurePath: string;
  docNumber: string;
}

export default function PracticeCase({ practice, procedureRevision, procedurePath, docNumber }: Props) {
  const [check, setCheck] = useState<{ valid: boolean; feedback: CaseFeedback; seq: number } | null>(null);
  const onChecked = useCallback(
    (data: Record<string, unknown>, valid: boolean) => setCheck((c) => ({ valid, feedback: checkCase(practice, data), seq: (c?.seq ?? 0) + 1 })),
    [practice],
  );
  const unmet = check ? check.feedback.items.filter((i) => !i.passed).length : 0;
  const passed = check !== null && check.valid && unmet === 0;
  return (
    <>
      <RecordForm formId={practice.form} procedureRevision={procedureRevision} draftScope={`${practice.form}~case-${practice.id}`} onChecked={onChecked} />
      <section aria-labelledby="case-feedback-heading" className="training-case-feedback" aria-live="polite">
        <h2 id="case-feedback-heading">個案檢查</h2>
        {!check ? (
          <p>填寫後按表單底部的「檢查並完成」，這裏會按本個案的預期逐項檢查。</p>
        ) : (
          <div key={check.seq} data-case-result={passed ? 'passed' : 'failed'}>
            <p className={passed ? 'training-result passed' : 'training-result failed'}>
              <strong>{passed ? '本個案完成：記錄符合規程及個案的所有預期。' : `未完成：${[!check.valid && '表單規則未通過（見表單頂部的錯誤清單）', unmet > 0 && `${unmet} 項個案預期不符`].filter(Boolean).join('；')}。`}</strong>
            </p>
            <ul className="training-case-items">
              {check.feedback.items.map((item, i) => (
                <li key={i} data-expectation={item.field} data-passed={item.passed ? 'true' : 'false'} className={item.passed ? 'training-right' : 'training-wrong'}>
                  {item.text}{' '}
                  <a href={`${procedurePath}#${item.anchor}`}>
                    （{docNumber} 第 {item.clauseLabel} 條）
                  </a>
                </li>
              ))}
            </ul>
          </div>
        )}
      </section>
    </>
  );
}
