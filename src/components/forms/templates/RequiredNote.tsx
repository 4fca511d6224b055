import type { ReactNode } from 'react';

export function RequiredNote(): ReactNode {
  return (
    <p className="rf-required-note">
      標有 <span aria-hidden="true">＊</span>
      <span className="sr-only">星號</span> 的欄位必須填寫。
    </p>
  );
}
