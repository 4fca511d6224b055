/**
 * A large 業戶檔案目錄 (archive-catalogue) on the built site, shared by `npm run bench:table` and
 * test/browser/big-table.test.ts: a valid record of n rows, importing it through the form's own
 * 匯入記錄 button, and timing keystrokes to the next paint inside the page.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { getExample } from '../../src/lib/forms/definition/index.ts';
import { buildRecordEnvelope, exportRecordText } from '../../src/lib/record/envelope.ts';

export const TABLE_FORM = 'archive-catalogue';
const ROOMS = 'ABCDEFGH';

/** The example record with `rows` rows, in the floor-then-room order 4.5 asks for (8 rooms a floor). */
export function catalogueRecord(rows: number): Record<string, unknown> {
  const base = getExample(TABLE_FORM);
  const list = Array.from({ length: rows }, (_, i) => {
    const floor = Math.floor(i / ROOMS.length) + 1;
    const room = ROOMS[i % ROOMS.length];
    return {
      floor,
      room,
      ownerName: `業戶${i + 1}`,
      address: `範例花園 3 座 ${floor} 樓 ${room} 室`,
      handoverDate: '2019-06-18',
      area: 60 + (i % 40) + 0.5,
      boxNo: `DA-03-${String(floor).padStart(2, '0')}`,
    };
  });
  return { ...base, rows: list };
}

/** 版本/改次 of the archives procedure's effective revision, from the source the site was built from. */
export function archivesRevision(): string {
  return /^revision:\s*(\S+)/m.exec(readFileSync('content/sops/archives/index.mdx', 'utf8'))![1];
}

/** Writes the record of `rows` rows as an exported record file in `dir`; returns its path. */
export function writeCatalogueFile(dir: string, rows: number, procedureRevision: string): string {
  const path = join(dir, `catalogue-${rows}.json`);
  writeFileSync(path, exportRecordText(buildRecordEnvelope(TABLE_FORM, catalogueRecord(rows), { procedureRevision })));
  return path;
}

/** The id RJSF gives a cell (`row` 0-based). */
export const cellId = (row: number, field: string) => `rf-${TABLE_FORM}_rows_${row}_${field}`;

/** Milliseconds from the file input's change event to the first paint showing the notice and the first row, and to the one showing every row. */
export interface ImportTimes {
  firstMs: number;
  allMs: number;
}

/**
 * Imports `path` with the 匯入記錄 button and times it in the page (see ImportTimes).
 * The page must already intercept file choosers (`page.on('filechooser', …)`).
 */
export async function importTimed(page: Page, path: string, rows: number): Promise<ImportTimes> {
  await page.evaluate(
    ({ firstId, lastId }) => {
      const w = window as unknown as { __importMs?: Promise<{ firstMs: number; allMs: number }> };
      const painted = (t0: number) =>
        new Promise<number>((resolve) =>
          requestAnimationFrame(() => {
            const ch = new MessageChannel();
            ch.port1.onmessage = () => resolve(performance.now() - t0);
            ch.port2.postMessage(0);
          }),
        );
      /** Resolves once `ready()` holds (checked after each DOM change), with the time to the paint after it. */
      const whenShown = (t0: number, ready: () => boolean) =>
        new Promise<number>((resolve) => {
          if (ready()) return void painted(t0).then(resolve);
          const mo = new MutationObserver(() => {
            if (!ready()) return;
            mo.disconnect();
            void painted(t0).then(resolve);
          });
          mo.observe(document.body, { childList: true, subtree: true });
        });
      w.__importMs = new Promise((resolve) => {
        document.querySelector<HTMLInputElement>('[data-import-input]')!.addEventListener(
          'change',
          (e) => {
            const t0 = e.timeStamp;
            const notice = () => !!document.querySelector('[data-notice="success"]');
            void Promise.all([
              whenShown(t0, () => notice() && !!document.getElementById(firstId)),
              whenShown(t0, () => notice() && !!document.getElementById(lastId)),
            ]).then(([firstMs, allMs]) => resolve({ firstMs, allMs }));
          },
          { once: true, capture: true },
        );
      });
    },
    { firstId: cellId(0, 'floor'), lastId: cellId(rows - 1, 'boxNo') },
  );
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: '匯入記錄' }).click()]);
  await chooser.setFiles(path);
  return page.evaluate(() => (window as unknown as { __importMs: Promise<ImportTimes> }).__importMs);
}

/**
 * Types `text` into the field `id` one key at a time, `gapMs` apart, and returns for each key the
 * milliseconds from its keydown event (its timestamp, so time spent queued behind other work counts)
 * to the first paint after it: a requestAnimationFrame callback and then a posted message, which runs
 * once that frame is drawn.
 */
export async function keystrokesTimed(page: Page, id: string, text: string, gapMs = 120): Promise<number[]> {
  await page.locator(`[id="${id}"]`).scrollIntoViewIfNeeded();
  await page.locator(`[id="${id}"]`).click();
  await page.evaluate(() => {
    const w = window as unknown as { __keyMs: number[]; __keyHook?: boolean };
    w.__keyMs = [];
    if (w.__keyHook) return;
    w.__keyHook = true;
    document.addEventListener(
      'keydown',
      (e) => {
        const t0 = e.timeStamp;
        requestAnimationFrame(() => {
          const ch = new MessageChannel();
          ch.port1.onmessage = () => w.__keyMs.push(performance.now() - t0);
          ch.port2.postMessage(0);
        });
      },
      true,
    );
  });
  const keys = [...text];
  for (let i = 0; i < keys.length; i++) {
    await page.keyboard.press(keys[i]);
    await page.waitForFunction((n) => (window as unknown as { __keyMs: number[] }).__keyMs.length >= n, i + 1);
    await page.waitForTimeout(gapMs);
  }
  return page.evaluate(() => (window as unknown as { __keyMs: number[] }).__keyMs);
}

/** Starts recording long tasks (50 ms or more); the returned function gives the durations of those since. */
export async function watchLongTasks(page: Page): Promise<() => Promise<number[]>> {
  await page.evaluate(() => {
    const w = window as unknown as { __long: number[] };
    w.__long = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__long.push(e.duration);
    }).observe({ type: 'longtask' });
  });
  return () => page.evaluate(() => (window as unknown as { __long: number[] }).__long.splice(0));
}

export function median(values: number[]): number {
  const v = [...values].sort((a, b) => a - b);
  const mid = v.length >> 1;
  return v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
}
