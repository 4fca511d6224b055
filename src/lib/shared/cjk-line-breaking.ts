/**
 * The 禁則 (kinsoku) rule of CJK line breaking, one set for the PDF layout and the flowchart labels:
 * no line starts with closing punctuation, none ends with an opening bracket. The sets follow W3C's
 * Requirements for Chinese Text Layout (clreq) and JIS X 4051 "strict", plus their Latin counterparts.
 */

/** May not begin a line. */
export const NO_LINE_START: ReadonlySet<string> = new Set(
  Array.from(
    '、。，．：；？！」』）］｝〕〉》】〙〗〟’”｠»›' +
      'ヽヾーァィゥェォッャュョヮヵヶぁぃぅぇぉっゃゅょゎゕゖ々〻‐゠–〜～…‥・·' +
      '％‰℃°′″' +
      ')]}>,.:;?!%',
  ),
);

/** May not end a line. */
export const NO_LINE_END: ReadonlySet<string> = new Set(Array.from('「『（［｛〔〈《【〘〖〝‘“｟«‹([{<＄￥'));

/** Whether a line may not break between `before` and `after` (the last and first characters decide). */
export function mustKeepTogether(before: string, after: string): boolean {
  const first = Array.from(after)[0];
  const last = Array.from(before).pop();
  return (first !== undefined && NO_LINE_START.has(first)) || (last !== undefined && NO_LINE_END.has(last));
}
