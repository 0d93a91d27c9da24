// Electron needs a better-sqlite3 built for its own ABI; the tests need the Node build in
// node_modules. `npm run electron:native` builds Electron's copy into build/electron-native/,
// and electron-builder ships it as resources/native/better_sqlite3.node.
import { existsSync } from 'node:fs';
import path from 'node:path';

export function electronNativeBinding(opts: { packaged: boolean; resourcesPath: string; appPath: string }): string | undefined {
  const candidates = opts.packaged
    ? [path.join(opts.resourcesPath, 'native', 'better_sqlite3.node')]
    : [path.join(opts.appPath, 'build', 'electron-native', 'better_sqlite3.node')];
  return candidates.find((p) => existsSync(p));
}
