/**
 * Traditional-Chinese text for every string RJSF renders itself (its `translateString` prop).
 * A string RJSF adds in a later version falls back to a neutral Chinese word, never to English.
 */
import { replaceStringParameters, TranslatableString } from '@rjsf/utils';

export const ZH_TW_STRINGS: Readonly<Record<TranslatableString, string>> = {
  [TranslatableString.ArrayItemTitle]: '項目',
  [TranslatableString.MissingItems]: '缺少項目定義',
  [TranslatableString.EmptyArray]: '尚未有任何一列。請按「新增一列」加入。',
  [TranslatableString.YesLabel]: '是',
  [TranslatableString.NoLabel]: '否',
  [TranslatableString.CloseLabel]: '關閉',
  [TranslatableString.ErrorsLabel]: '錯誤',
  [TranslatableString.NewStringDefault]: '新值',
  [TranslatableString.AddButton]: '新增一列',
  [TranslatableString.AddItemButton]: '新增一列',
  [TranslatableString.CopyButton]: '複製',
  [TranslatableString.ExpandButton]: '展開',
  [TranslatableString.MoveDownButton]: '下移',
  [TranslatableString.MoveUpButton]: '上移',
  [TranslatableString.RemoveButton]: '刪除',
  [TranslatableString.NowLabel]: '現在',
  [TranslatableString.ClearLabel]: '清除',
  [TranslatableString.AriaDateLabel]: '選擇日期',
  [TranslatableString.PreviewLabel]: '預覽',
  [TranslatableString.DecrementAriaLabel]: '減少 1',
  [TranslatableString.IncrementAriaLabel]: '增加 1',
  [TranslatableString.OptionalObjectAdd]: '填寫此選填部分',
  [TranslatableString.OptionalObjectRemove]: '移除此選填部分',
  [TranslatableString.OptionalObjectEmptyMsg]: '此選填部分未有資料',
  [TranslatableString.Type]: '類型',
  [TranslatableString.Value]: '值',
  [TranslatableString.ClearButton]: '清除內容',
  [TranslatableString.UnknownFieldType]: '不支援的欄位類型 %1',
  [TranslatableString.OptionPrefix]: '選項 %1',
  [TranslatableString.TitleOptionPrefix]: '%1 選項 %2',
  [TranslatableString.KeyLabel]: '%1 名稱',
  [TranslatableString.DeprecatedLabel]: '%1（已停用）',
  [TranslatableString.CycleDetected]: '欄位「%1」的定義循環引用自身',
  [TranslatableString.InvalidObjectField]: '「%1」欄位設定無效：_%2_。',
  [TranslatableString.UnsupportedField]: '不支援的欄位定義。',
  [TranslatableString.UnsupportedFieldWithId]: '欄位 `%1` 的定義不受支援。',
  [TranslatableString.UnsupportedFieldWithReason]: '不支援的欄位定義：_%1_。',
  [TranslatableString.UnsupportedFieldWithIdAndReason]: '欄位 `%1` 的定義不受支援：_%2_。',
  [TranslatableString.FilesInfo]: '**%1**（%2，%3 位元組）',
};

/** RJSF `translateString`: zh-TW for every built-in string. */
export function translateZhTW(str: TranslatableString, params?: string[]): string {
  return replaceStringParameters(ZH_TW_STRINGS[str] ?? '（未翻譯的介面文字）', params);
}
