import {
  TranslatableString,
  type IconButtonProps,
} from '@rjsf/utils';
import { TextButton } from './TextButton.tsx';

export function AddButton({ id, onClick, disabled, registry }: IconButtonProps) {
  return <TextButton id={id} className="rf-add" label={registry.translateString(TranslatableString.AddButton)} onClick={onClick} disabled={disabled} />;
}
