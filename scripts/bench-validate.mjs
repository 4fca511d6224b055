#!/usr/bin/env node
/**
 * Times validation of each form's full example record with the build-time compiled validators
 * (median of 200 runs after 20 warm-up runs), and prints a table:
 *   - compiled fn:    the generated standalone function alone;
 *   - validateRecord: through RJSF's createPrecompiledValidator plus zh-TW error conversion (valid example);
 *   - empty record:   validateRecord on {} (every required field missing: the message path).
 *
 *   npx node scripts/bench-validate.mjs [runs]
 */
import { parseArgs } from 'node:util';
import { FORM_IDS } from '../src/lib/procedures.ts';
import { getExample, getFormSchema } from '../src/lib/forms/definition/index.ts';
import { validateRecord, VALIDATOR_FUNCTIONS } from '../src/lib/forms/validation/validate.ts';

const RUNS = Number(parseArgs({ allowPositionals: true }).positionals[0] ?? 200);
const WARMUP = 20;

function median(fn) {
  for (let i = 0; i < WARMUP; i++) fn();
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = process.hrtime.bigint();
    fn();
    times.push(Number(process.hrtime.bigint() - t0) / 1000);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

const rows = [];
for (const id of FORM_IDS) {
  const example = getExample(id);
  const fn = VALIDATOR_FUNCTIONS[id][getFormSchema(id).$id];
  if (!fn(example) || !validateRecord(id, example).valid) throw new Error(`example of ${id} does not validate`);
  const errors = validateRecord(id, {}).errors.length;
  rows.push({
    id,
    compiled: median(() => fn(example)),
    record: median(() => validateRecord(id, example)),
    empty: median(() => validateRecord(id, {})),
    errors,
  });
}

const pad = (s, n) => String(s).padEnd(n);
const num = (x) => x.toFixed(1).padStart(9);
console.log(`表單驗證時間（微秒，${RUNS} 次的中位數；Node ${process.version}）／validation time, µs, median of ${RUNS}`);
console.log(`${pad('form', 26)}${'compiled fn'.padStart(12)}${'validateRecord'.padStart(15)}${'empty record'.padStart(14)}  errors`);
for (const r of rows) {
  console.log(`${pad(r.id, 26)}${num(r.compiled).padStart(12)}${num(r.record).padStart(15)}${num(r.empty).padStart(14)}  ${String(r.errors).padStart(6)}`);
}
