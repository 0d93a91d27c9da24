// One config, two builds:
//  - default: the renderer (React) into dist/renderer, served by web mode and loaded by Electron;
//  - `--mode electron`: the Electron host (main + sandboxed preload) into dist-electron as CommonJS.
// Vitest's settings live here too (test/**).
import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { builtinModules } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig(({ mode }) => {
  if (mode === 'electron') {
    return {
      build: {
        outDir: 'dist-electron',
        emptyOutDir: true,
        ssr: true,
        target: 'node20',
        sourcemap: true,
        rollupOptions: {
          input: { main: 'electron/main/index.ts', preload: 'electron/preload/index.ts' },
          external: ['electron', 'better-sqlite3', ...builtinModules, ...builtinModules.map((m) => `node:${m}`)],
          output: { format: 'cjs', entryFileNames: '[name].cjs' },
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
    },
    test: {
      root,
      include: ['test/unit/**/*.test.ts?(x)', 'test/integration/**/*.test.ts'],
      pool: 'forks',
      testTimeout: 30_000,
      hookTimeout: 30_000,
    },
  };
});
