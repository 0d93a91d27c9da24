// The entry of the core's bundle for web mode (build-core.ts writes it to dist-web/web-main.mjs,
// one folder below the repository): the renderer and package.json are found from there.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runWebMode } from './web-main';

const repoRoot = fileURLToPath(new URL('../', import.meta.url));
const version = (JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version;

void runWebMode({ argv: process.argv.slice(2), rendererDir: path.join(repoRoot, 'dist', 'renderer'), version });
