/** 「已保存的草稿」: this form's drafts in this browser, each with 繼續填寫 and 刪除草稿. */
import { forwardRef } from 'react';
import type { Draft } from '../../lib/record/drafts.ts';
import { localDateTime } from '../../lib/record/drafts.ts';

interface Props {
  idBase: string;
  drafts: Draft[];
  /** Drafts were found when the page opened and the user has not chosen yet: shown prominently. */
  prominent: boolean;
  persistent: boolean;
  formTitle: string;
  headingLevel: 2 | 3;
  onResume(draft: Draft): void;
  onDiscard(draft: Draft): void;
}

export const DraftList = forwardRef<HTMLHeadingElement, Props>(function DraftList(
  { idBase, drafts, prominent, persistent, formTitle, headingLevel, onResume, onDiscard },
  headingRef,
) {
  const titleId = `${idBase}-drafts-title`;
  const H = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <section className={`rf-drafts${prominent ? ' rf-drafts--prominent' : ''}`} aria-labelledby={titleId} data-drafts>
      <H id={titleId} className="rf-section-title" tabIndex={-1} ref={headingRef}>
        已保存的草稿
      </H>
      {drafts.length === 0 ? (
        <p className="rf-muted">沒有其他草稿。</p>
      ) : (
        <>
          <p>
            {prominent
              ? `這部電腦的瀏覽器保存了 ${drafts.length} 份未完成的《${formTitle}》草稿。上面的表單是一份新記錄；要接續先前的填寫，請按「繼續填寫」。`
              : `其他未完成的《${formTitle}》草稿（只保存在這部電腦的瀏覽器內）：`}
          </p>
          <ul className="rf-draft-list">
            {drafts.map((d) => {
              const labelId = `${idBase}-draft-${d.id}`;
              return (
                <li key={d.id} data-draft-id={d.id}>
                  <span className="rf-draft-label" id={labelId}>
                    {d.label}
                  </span>
                  <span className="rf-draft-time">
                    最後保存 <time dateTime={d.updatedAt}>{localDateTime(d.updatedAt)}</time>
                  </span>
                  <span className="rf-draft-actions">
                    <button type="button" className="ui-button ui-button--small" aria-describedby={labelId} onClick={() => onResume(d)}>
                      繼續填寫
                    </button>
                    <button type="button" className="ui-button ui-button--small ui-button--danger" aria-describedby={labelId} onClick={() => onDiscard(d)}>
                      刪除草稿
                    </button>
                  </span>
                </li>
              );
            })}
          </ul>
        </>
      )}
      {!persistent && <p className="rf-muted">此瀏覽器不允許網站保存資料：草稿只保留到關閉此頁為止，請記得匯出記錄。</p>}
    </section>
  );
});
