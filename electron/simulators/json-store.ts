// A simulator's memory as one JSON file, written atomically, so training keeps its payments,
// orders and keys across restarts. No file: memory only (tests).
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export type JsonStore<T> = { state: T; save(): void };

export function openJsonStore<T>(file: string | null, initial: () => T): JsonStore<T> {
  let loaded: T | null = null;
  if (file) {
    try {
      loaded = JSON.parse(readFileSync(file, 'utf8')) as T;
    } catch {
      loaded = null;
    }
  }
  const store: JsonStore<T> = {
    state: loaded ?? initial(),
    save() {
      if (!file) return;
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(`${file}.tmp`, JSON.stringify(store.state));
      renameSync(`${file}.tmp`, file);
    },
  };
  if (!loaded) store.save();
  return store;
}
