/** The training overview: each procedure's revision in force with this browser's progress on it. */
import { procedureStatus } from '../../lib/training/progress.ts';
import { useTrainingProgress } from './progress-store.ts';
import { StatusFacts, statusFacts } from './StatusFacts.tsx';

export interface OverviewItem {
  id: string;
  docNumber: string;
  title: string;
  revision: string;
  questions: number;
  passMark: number;
  cases: number;
}

export default function TrainingOverview({ items }: { items: OverviewItem[] }) {
  const { progress, loaded } = useTrainingProgress();
  const passed = items.filter((i) => procedureStatus(progress, i.id, i.revision).passed).length;
  return (
    <div data-loaded={loaded ? 'true' : 'false'}>
      <p data-summary>
        已通過 {passed} / {items.length} 份規程的現行版本測驗。
      </p>
      <ul className="training-overview">
        {items.map((item) => {
          const s = procedureStatus(progress, item.id, item.revision);
          return (
            <li key={item.id} data-procedure={item.id}>
              <h2>
                <a href={`/training/${item.id}/`}>
                  {item.docNumber} {item.title}
                </a>
              </h2>
              <StatusFacts
                facts={[
                  { label: '現行版本/改次', value: item.revision },
                  ...statusFacts(s),
                  { label: '測驗', value: `${item.questions} 題，${item.passMark} 分合格；練習個案 ${item.cases} 個` },
                ]}
              />
              {s.otherRevisions.length > 0 && !s.passed && (
                <p className="training-note">曾就版本/改次 {s.otherRevisions.join('、')} 接受培訓，現行版本須重新培訓。</p>
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
