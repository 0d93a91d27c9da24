// One config, two builds:
//  - default: the renderer (React) into dist/renderer, served by web mode and loaded by Electron;
//  - `--mode electron-main` / `--mode electron-preload`: the Electron host into dist-electron as
//    CommonJS. Two builds, because a sandboxed preload must be one self-contained file (it cannot
//    require a chunk shared with main).
// Vitest's settings live here too (test/**).
import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { builtinModules } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig(({ mode }) => {
  if (mode === 'electron-main' || mode === 'electron-preload') {
    const entry = mode === 'electron-main' ? 'main' : 'preload';
    return {
      build: {
        outDir: 'dist-electron',
        emptyOutDir: entry === 'main',
        ssr: true,
        target: 'node20',
        sourcemap: true,
        rollupOptions: {
          // The verifier's and the backup's worker threads load files of their own, beside main.cjs.
          input: (entry === 'main'
            ? { main: 'electron/main/index.ts', 'audit-worker': 'electron/services/audit/audit-worker.ts', 'backup-worker': 'electron/services/backup/backup-worker.ts' }
            : { preload: 'electron/preload/index.ts' }) as Record<string, string>,
          external: ['electron', 'better-sqlite3', ...builtinModules, ...builtinModules.map((m) => `node:${m}`)],
          // Shared chunks too end in .cjs: the package is "type": "module", so a .js chunk would load as ESM.
          output: { format: 'cjs', entryFileNames: '[name].cjs', chunkFileNames: '[name]-[hash].cjs' },
        },
      },
    };
  }
  return {
    root: 'renderer',
    base: './',
    publicDir: `${root}resources`,
    plugins: [react()],
    build: {
      outDir: `${root}dist/renderer`,
      emptyOutDir: true,
      sourcemap: true,
      chunkSizeWarningLimit: 1024,
      // Two pages: the counter (index.html) and the owner's Loket Pusat (pusat.html, served by the hub).
      rollupOptions: { input: { index: `${root}renderer/index.html`, pusat: `${root}renderer/pusat.html` } },
    },
    test: {
      root,
      include: ['test/unit/**/*.test.ts?(x)', 'test/integration/**/*.test.ts', 'test/providers/**/*.test.ts', 'test/conformance/**/*.test.ts', 'test/hub/**/*.test.ts'],
      pool: 'forks',
      testTimeout: 30_000,
      hookTimeout: 30_000,
    },
  };
});
