import type { MouseEvent } from 'react';
import {
  buttonId,
  TranslatableString,
  type ArrayFieldItemButtonsTemplateProps,
} from '@rjsf/utils';
import { TextButton } from './TextButton.tsx';
import { focusSoon } from './focus.ts';

/** The array id and the row number of an item's FieldPathId ("root_rows_2" → ["root_rows", 2]). */
export function splitItemId(itemId: string, index: number, separator: string): string {
  const suffix = `${separator}${index}`;
  return itemId.endsWith(suffix) ? itemId.slice(0, -suffix.length) : itemId;
}

export function ArrayFieldItemButtonsTemplate(props: ArrayFieldItemButtonsTemplateProps) {
  const { disabled, readonly, hasMoveUp, hasMoveDown, hasRemove, hasCopy, fieldPathId, index, totalItems, onMoveUpItem, onMoveDownItem, onRemoveItem, onCopyItem, registry } = props;
  const t = registry.translateString;
  const sep = registry.globalFormOptions.idSeparator;
  const arrayId = splitItemId(fieldPathId.$id, index, sep);
  const itemId = (i: number) => `${arrayId}${sep}${i}`;
  const row = `（第 ${index + 1} 列）`;
  const off = disabled || readonly;
  const moveUp = (e: MouseEvent<HTMLButtonElement>) => {
    onMoveUpItem(e);
    focusSoon([buttonId(itemId(index - 1), 'moveUp'), buttonId(itemId(index - 1), 'moveDown')]);
  };
  const moveDown = (e: MouseEvent<HTMLButtonElement>) => {
    onMoveDownItem(e);
    focusSoon([buttonId(itemId(index + 1), 'moveDown'), buttonId(itemId(index + 1), 'moveUp')]);
  };
  const remove = (e: MouseEvent<HTMLButtonElement>) => {
    onRemoveItem(e);
    const next = Math.min(index, totalItems - 2);
    focusSoon(next >= 0 ? [buttonId(itemId(next), 'remove'), itemId(next)] : [buttonId(arrayId, 'add')]);
  };
  const copy = (e: MouseEvent<HTMLButtonElement>) => {
    onCopyItem(e);
    focusSoon([itemId(index + 1)]);
  };
  return (
    <>
      {(hasMoveUp || hasMoveDown) && (
        <TextButton id={buttonId(fieldPathId, 'moveUp')} className="ui-button--small" label={t(TranslatableString.MoveUpButton)} extra={row} disabled={off || !hasMoveUp} onClick={moveUp} />
      )}
      {(hasMoveUp || hasMoveDown) && (
        <TextButton id={buttonId(fieldPathId, 'moveDown')} className="ui-button--small" label={t(TranslatableString.MoveDownButton)} extra={row} disabled={off || !hasMoveDown} onClick={moveDown} />
      )}
      {hasCopy && <TextButton id={buttonId(fieldPathId, 'copy')} className="ui-button--small" label={t(TranslatableString.CopyButton)} extra={row} disabled={off} onClick={copy} />}
      {hasRemove && (
        <TextButton id={buttonId(fieldPathId, 'remove')} className="ui-button--small ui-button--danger" label={t(TranslatableString.RemoveButton)} extra={row} disabled={off} onClick={remove} />
      )}
    </>
  );
}
