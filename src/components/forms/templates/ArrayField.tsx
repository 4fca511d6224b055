import { useRef } from 'react';
import { getDefaultRegistry } from '@rjsf/core';
import type { FieldProps } from '@rjsf/utils';
import { keepEqual } from '../../../lib/shared/keep-equal.ts';

const CoreArrayField = getDefaultRegistry().fields.ArrayField;

/** The props a row is rendered from that RJSF rebuilds on every change (the callbacks and registry it keeps stable). */
const SHARED = ['formData', 'errorSchema', 'rawErrors', 'schema', 'uiSchema', 'fieldPathId'] as const;
type Shared = Pick<FieldProps, (typeof SHARED)[number]>;

/**
 * RJSF's array field, given rows that keep their identity while they do not change. On every change
 * RJSF copies the whole record (and the island derives a fresh copy again) and re-derives the
 * schema, so each row arrived as a new object with a new item schema, and every row of a 500-row
 * table re-rendered on each keystroke. RJSF memoises its rows on identity: with what did not change
 * passed as the same objects, only the edited row renders. Errors are shared the same way, since
 * live validation rebuilds them on every change once the record has been checked.
 */
export function ArrayField(props: FieldProps) {
  const last = useRef<Partial<Shared>>({});
  const kept: Partial<Shared> = {};
  for (const k of SHARED) kept[k] = keepEqual(last.current[k], props[k]);
  last.current = kept;
  return <CoreArrayField {...props} {...kept} />;
}
