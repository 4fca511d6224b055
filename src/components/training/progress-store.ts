/**
 * The browser side of training progress: the pure model in src/lib/training/progress.ts over localStorage,
 * with a React hook that re-reads when another tab changes it.
 */
import { useCallback, useEffect, useState } from 'react';
import { emptyProgress, loadProgress, PROGRESS_KEY, saveProgress, type TrainingProgress } from '../../lib/training/progress.ts';

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

export function useTrainingProgress(): {
  progress: TrainingProgress;
  loaded: boolean;
  /** Applies a change and stores it; a storage failure is returned as a zh-TW message. */
  update(change: (p: TrainingProgress) => TrainingProgress): string | null;
} {
  const [progress, setProgress] = useState<TrainingProgress>(emptyProgress);
  const [loaded, setLoaded] = useState(false);
  useEffect(() => {
    const s = storage();
    if (s) setProgress(loadProgress(s));
    setLoaded(true);
    const onStorage = (e: StorageEvent) => {
      if (e.key === PROGRESS_KEY && s) setProgress(loadProgress(s));
    };
    window.addEventListener('storage', onStorage);
    return () => window.removeEventListener('storage', onStorage);
  }, []);
  const update = useCallback((change: (p: TrainingProgress) => TrainingProgress) => {
    const s = storage();
    // Read the stored value again so two tabs do not overwrite each other's attempts.
    const next = change(s ? loadProgress(s) : progress);
    setProgress(next);
    if (!s) return '此瀏覽器不允許本機儲存，培訓進度只保留到關閉此頁為止。';
    try {
      saveProgress(s, next);
      return null;
    } catch (error) {
      return (error as Error).message;
    }
  }, [progress]);
  return { progress, loaded, update };
}

