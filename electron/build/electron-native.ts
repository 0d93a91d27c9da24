// `npm run electron:native`: builds better-sqlite3 for Electron's ABI into build/electron-native/,
// leaving node_modules (the Node build the tests use) untouched. Needs the network (Electron's
// headers); on a machine without it, it stops with a clear message.
//
// Why not electron-rebuild / install-app-deps: they rebuild node_modules in place, and with a
// machine-wide `nodedir` they silently build the Node ABI instead (../shared/toolchain.md §3).
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, copyFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const out = path.join(root, 'build', 'electron-native');
const work = path.join(out, 'better-sqlite3');

function version(pkg: string): string {
  return (JSON.parse(readFileSync(path.join(root, 'node_modules', pkg, 'package.json'), 'utf8')) as { version: string }).version;
}

const electron = version('electron');
rmSync(work, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
cpSync(path.join(root, 'node_modules', 'better-sqlite3'), work, {
  recursive: true,
  filter: (src) => !src.includes(`${path.sep}build${path.sep}`) && !src.endsWith(`${path.sep}build`),
});

// Drop every inherited nodedir setting: it would point node-gyp at the system Node headers.
const env: NodeJS.ProcessEnv = { ...process.env, npm_config_runtime: 'electron', npm_config_target: electron, npm_config_disturl: 'https://electronjs.org/headers' };
for (const k of Object.keys(env)) if (k.toLowerCase() === 'npm_config_nodedir') delete env[k];

const gyp = path.join(root, 'node_modules', 'node-gyp', 'bin', 'node-gyp.js');
const result = spawnSync(
  process.execPath,
  [gyp, 'rebuild', '--release', `--target=${electron}`, `--arch=${process.arch}`, '--dist-url=https://electronjs.org/headers'],
  { cwd: work, env, stdio: 'inherit' },
);
const built = path.join(work, 'build', 'Release', 'better_sqlite3.node');
if (result.status !== 0 || !existsSync(built)) {
  process.stderr.write(
    `\nCould not build better-sqlite3 for Electron ${electron}. This step downloads Electron's headers ` +
      'from electronjs.org; run it on a machine with internet access.\n',
  );
  process.exit(1);
}
copyFileSync(built, path.join(out, 'better_sqlite3.node'));
process.stdout.write(`Built ${path.join(out, 'better_sqlite3.node')} for Electron ${electron} (${process.arch}).\n`);
