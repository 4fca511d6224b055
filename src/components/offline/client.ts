/**
 * Offline use and document control for a cached copy: registers the service worker, says in the
 * control block when this copy was saved while offline, offers a new build when one is published,
 * and flags procedures whose revision in force changed since the copy the reader last saw.
 */
import { Workbox } from 'workbox-window';
import {
  ACKNOWLEDGE_LABEL,
  BUILD_INFO_PATH,
  NEW_BUILD_NOTE,
  RELOAD_LABEL,
  REVISION_CHANGES_HEADING,
  offlineCopyNote,
  revisionChangeNote,
  revisionsInForceChanged,
  type BuildInfo,
  type RevisionChange,
} from '../../lib/offline/build-info.ts';

/** The copy this device last showed: its build, when it was first seen here, and its register. */
const SEEN = 'handbook-offline-copy';
/** Revision changes not yet acknowledged by the reader. */
const PENDING = 'handbook-revision-changes';

interface SeenCopy {
  buildId: string;
  savedAt: string;
  register: BuildInfo['register'];
}

const read = <T,>(key: string): T | null => {
  try {
    return JSON.parse(localStorage.getItem(key) ?? 'null') as T | null;
  } catch {
    return null;
  }
};

function statusBox(): HTMLElement | null {
  return document.querySelector<HTMLElement>('[data-offline-status]');
}

function showOffline(copy: SeenCopy | null, info: BuildInfo) {
  const note = offlineCopyNote(copy?.buildId === info.buildId ? copy.savedAt : info.builtAt);
  for (const block of document.querySelectorAll('.doc-control')) {
    let p = block.querySelector<HTMLElement>('[data-offline-copy]');
    if (!p) {
      p = document.createElement('p');
      p.className = 'offline-copy';
      p.dataset.offlineCopy = '';
      block.prepend(p);
    }
    p.textContent = note;
  }
}

function hideOffline() {
  document.querySelectorAll('[data-offline-copy]').forEach((p) => p.remove());
}

function showUpdate(reload: () => unknown) {
  const box = statusBox();
  if (!box || box.querySelector('[data-new-build]')) return;
  const p = document.createElement('p');
  p.dataset.newBuild = '';
  p.append(NEW_BUILD_NOTE, ' ');
  const button = document.createElement('button');
  button.type = 'button';
  button.textContent = RELOAD_LABEL;
  button.addEventListener('click', reload);
  p.append(button);
  box.append(p);
  box.hidden = false;
}

function showChanges(changes: RevisionChange[]) {
  const box = statusBox();
  if (!box || changes.length === 0) return;
  box.querySelector('[data-revision-changes]')?.remove();
  const section = document.createElement('div');
  section.dataset.revisionChanges = '';
  section.setAttribute('role', 'alert');
  const heading = document.createElement('p');
  heading.textContent = REVISION_CHANGES_HEADING;
  const list = document.createElement('ul');
  for (const c of changes) {
    const li = document.createElement('li');
    const a = document.createElement('a');
    a.href = c.path;
    a.textContent = revisionChangeNote(c);
    li.append(a);
    list.append(li);
  }
  const ok = document.createElement('button');
  ok.type = 'button';
  ok.textContent = ACKNOWLEDGE_LABEL;
  ok.addEventListener('click', () => {
    localStorage.removeItem(PENDING);
    section.remove();
  });
  section.append(heading, list, ok);
  box.append(section);
  box.hidden = false;
}

function addPending(changes: RevisionChange[]) {
  if (changes.length === 0) return;
  const pending = read<RevisionChange[]>(PENDING) ?? [];
  const merged = [...pending.filter((p) => !changes.some((c) => c.docNumber === p.docNumber)), ...changes];
  localStorage.setItem(PENDING, JSON.stringify(merged));
  showChanges(merged);
}

export async function startOffline(): Promise<void> {
  if (!('serviceWorker' in navigator)) return;
  const wb = new Workbox('/sw.js');
  // The reader chose to update: the new worker takes over as soon as it has cached the new build.
  let wanted = false;
  const takeOver = () => {
    wb.addEventListener('controlling', () => location.reload());
    wb.messageSkipWaiting();
  };
  const update = async () => {
    if ((await navigator.serviceWorker.getRegistration())?.waiting) return takeOver();
    wanted = true;
    await wb.update();
  };
  wb.addEventListener('waiting', () => (wanted ? takeOver() : showUpdate(takeOver)));
  // Refused where workers are off (a private window, a test that blocks them): the page still works.
  const registered = await wb.register().catch(() => undefined);
  if (!registered) return;

  // When the page is served by the worker this is the cached copy's own build.
  const info = (await fetch(BUILD_INFO_PATH)
    .then((r) => r.json())
    .catch(() => null)) as BuildInfo | null;
  if (!info) return;
  const seen = read<SeenCopy>(SEEN);
  if (seen && seen.buildId !== info.buildId) addPending(revisionsInForceChanged(seen.register, info.register));
  if (!seen || seen.buildId !== info.buildId) {
    localStorage.setItem(SEEN, JSON.stringify({ buildId: info.buildId, savedAt: new Date().toISOString(), register: info.register }));
  }
  showChanges(read<RevisionChange[]>(PENDING) ?? []);

  const check = async () => {
    if (!navigator.onLine) return showOffline(read<SeenCopy>(SEEN), info);
    hideOffline();
    // Bypasses the precache (it matches the bare URL only): is a newer build published?
    const latest = await fetch(`${BUILD_INFO_PATH}?latest=${Date.now()}`, { cache: 'no-store' })
      .then((r) => (r.ok ? (r.json() as Promise<BuildInfo>) : null))
      .catch(() => null);
    if (!latest) return showOffline(read<SeenCopy>(SEEN), info);
    if (latest.buildId !== info.buildId) {
      addPending(revisionsInForceChanged(info.register, latest.register));
      showUpdate(update);
    }
  };
  addEventListener('online', check);
  addEventListener('offline', check);
  await check();
}
