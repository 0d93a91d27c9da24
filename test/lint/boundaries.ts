// `npm run lint`: the import rules of the architecture note, over every tracked source file.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkBoundaries, type SourceFile } from './rules';

const root = fileURLToPath(new URL('../../', import.meta.url));
const ROOTS = ['shared', 'renderer', 'electron', 'test'];

function walk(dir: string, out: string[]): void {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) walk(full, out);
    else if (/\.(ts|tsx)$/.test(name) && !name.endsWith('.d.ts')) out.push(full);
  }
}

const files: SourceFile[] = [];
for (const r of ROOTS) {
  const list: string[] = [];
  walk(path.join(root, r), list);
  for (const full of list) files.push({ path: path.relative(root, full).split(path.sep).join('/'), text: readFileSync(full, 'utf8') });
}
// The checker's own fixtures contain forbidden imports on purpose.
const violations = checkBoundaries(files.filter((f) => !f.path.startsWith('test/lint/') && !f.path.endsWith('boundaries.test.ts')));
for (const v of violations) process.stderr.write(`${v.file}:${v.line}  ${v.rule}  ${v.detail}\n`);
process.stdout.write(`lint: ${files.length} files, ${violations.length} boundary violations\n`);
process.exit(violations.length > 0 ? 1 : 0);
