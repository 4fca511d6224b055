/** A procedure's training status as a definition list, shared by the overview and the procedure's page. */
import type { ReactNode } from 'react';
import { STATUS_TEXT, statusKey, type ProcedureStatus } from '../../lib/training/progress.ts';
import { formatDateTimeZh } from '../../lib/shared/time.ts';

export interface Fact {
  label: string;
  value: ReactNode;
  /** Marks the value for tests: data-<name>. */
  data?: string;
}

export function statusFacts(status: ProcedureStatus): Fact[] {
  return [
    { label: '狀態', value: STATUS_TEXT[statusKey(status)], data: 'status' },
    { label: '閱讀', value: status.readAt ? `已於 ${formatDateTimeZh(new Date(status.readAt))} 閱讀` : '未閱讀', data: 'read' },
    { label: '測驗次數', value: status.attempts, data: 'attempts' },
    { label: '最佳成績', value: status.bestScore === null ? '—' : `${status.bestScore} 分`, data: 'best' },
  ];
}

export function StatusFacts({ facts }: { facts: Fact[] }) {
  return (
    <dl>
      {facts.map((f) => (
        <div key={f.label}>
          <dt>{f.label}</dt>
          <dd {...(f.data ? { [`data-${f.data}`]: '' } : {})}>{f.value}</dd>
        </div>
      ))}
    </dl>
  );
}
