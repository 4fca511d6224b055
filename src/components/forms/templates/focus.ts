import type { RJSFValidationError } from '@rjsf/utils';
import type { ZhError } from '../../../lib/forms/validation/messages.ts';

export const FOCUSABLE = 'input:not([type="hidden"]):not([disabled]), select:not([disabled]), textarea:not([disabled]), button:not([disabled])';

/** The element id RJSF gives the field at a JSON pointer ("/rows/1/room" → "<prefix>_rows_1_room"). */
export function fieldElementId(idPrefix: string, pointer: string, separator = '_'): string {
  const segs = pointer
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  return [idPrefix, ...segs].join(separator);
}

/** The field an RJSF error belongs to, as an element id. */
export function errorFieldId(error: RJSFValidationError, idPrefix: string, separator = '_'): string {
  const zh = (error.params as { zh?: ZhError } | undefined)?.zh;
  if (zh) return fieldElementId(idPrefix, zh.path, separator);
  const path = (error.property ?? '').replace(/^\./, '').replace(/\[(\d+)\]/g, '.$1').split('.').filter(Boolean);
  return [idPrefix, ...path].join(separator);
}

/**
 * Moves focus to the control for `id`: the element itself when it is a control, else the checked or
 * first option of a radio/checkbox group, else the first control inside (a group of fields).
 */
export function focusField(id: string, root: ParentNode = document): boolean {
  const el = root.querySelector<HTMLElement>(`[id="${CSS.escape(id)}"]`);
  let target: HTMLElement | null = null;
  if (el?.matches('input, select, textarea, button')) target = el;
  else if (el) {
    target = el.querySelector<HTMLElement>('input:checked') ?? el.querySelector<HTMLElement>(FOCUSABLE);
  }
  // A field whose own element is missing (e.g. an option of a group): the first id that starts with it.
  target ??= root.querySelector<HTMLElement>(`[id^="${CSS.escape(id)}-"], [id^="${CSS.escape(id)}_"]`);
  if (target && !target.matches(FOCUSABLE)) target = target.querySelector<HTMLElement>(FOCUSABLE) ?? target;
  if (!target) return false;
  target.focus();
  target.scrollIntoView?.({ block: 'center' });
  return document.activeElement === target;
}

/** Focuses the first of `ids` that exists and is enabled, once React has rendered it. */
export function focusSoon(ids: string[], tries = 20): void {
  const attempt = (left: number) => {
    for (const id of ids) {
      const el = document.getElementById(id);
      if (!el) continue;
      const target = el.matches(FOCUSABLE) ? el : el.querySelector<HTMLElement>(FOCUSABLE);
      if (target) {
        target.focus();
        return;
      }
    }
    if (left > 0) requestAnimationFrame(() => attempt(left - 1));
  };
  requestAnimationFrame(() => attempt(tries));
}
