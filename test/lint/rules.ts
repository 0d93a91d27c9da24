// The architecture's import rules (../shared/design/architecture.md) as a checker over source
// text. `npm run lint` runs it on the repository; test/unit/boundaries.test.ts proves it catches
// each kind of wrong import.
import path from 'node:path';

export type SourceFile = { path: string; text: string };
export type Violation = { file: string; line: number; rule: string; detail: string };

const NODE_BUILTINS = new Set([
  'fs', 'path', 'os', 'crypto', 'http', 'https', 'net', 'child_process', 'url', 'util', 'stream', 'events', 'zlib',
  'worker_threads', 'module', 'process', 'buffer', 'tls', 'dns', 'readline', 'assert', 'timers', 'perf_hooks',
]);

const RENDERER_PACKAGES = new Set(['react', 'react-dom', 'react-dom/client', 'react/jsx-runtime', 'zustand', 'zod', 'qrcode-generator']);

type Import = { spec: string; line: number };

const IMPORT_RE = /(?:^|[^\w.])(?:import|export)\s[^'"`;]*?from\s*['"]([^'"]+)['"]|(?:^|[^\w.])import\s*['"]([^'"]+)['"]|(?:import|require)\s*\(\s*['"]([^'"]+)['"]\s*\)/g;

/** The text with comments blanked out, line numbers kept. */
export function withoutComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, (m) => m.replace(/[^\n]/g, ' ')).replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
}

export function importsOf(text: string): Import[] {
  const out: Import[] = [];
  const stripped = withoutComments(text);
  for (const m of stripped.matchAll(IMPORT_RE)) {
    const spec = m[1] ?? m[2] ?? m[3];
    if (!spec) continue;
    out.push({ spec, line: stripped.slice(0, m.index).split('\n').length });
  }
  return out;
}

function isNode(spec: string): boolean {
  return spec.startsWith('node:') || NODE_BUILTINS.has(spec.split('/')[0]!);
}

function resolveRelative(file: string, spec: string): string | null {
  if (!spec.startsWith('.')) return null;
  return path.posix.normalize(path.posix.join(path.posix.dirname(file), spec));
}

const REGISTRY = 'electron/providers/registry.ts';

/** Every provider the registry lists: purchase providers and payment gateways. */
export const PROVIDER_NAMES = ['vsi', 'sat', 'digiflazz', 'midtrans', 'worldline', 'chainside'] as const;
const NAME_COMPARED = new RegExp(
  `(?:[!=]==?\\s*['"](${PROVIDER_NAMES.join('|')})['"])|(?:['"](${PROVIDER_NAMES.join('|')})['"]\\s*[!=]==?)|(?:case\\s+['"](${PROVIDER_NAMES.join('|')})['"]\\s*:)`,
);

/** Where a provider's name may be compared: its own folders, the registry (the one list), tests. */
function mayCompareNames(f: string, name: string): boolean {
  return f === REGISTRY || under(f, `electron/providers/${name}`) || under(f, `electron/simulators/${name}`) || under(f, 'test');
}

const under = (p: string, dir: string): boolean => p === dir || p.startsWith(`${dir}/`);

function providerFolder(p: string): string | null {
  const m = /^electron\/providers\/([^/]+)\//.exec(p);
  return m && m[1] !== 'http' ? m[1]! : null;
}

export function checkFile(file: SourceFile): Violation[] {
  const v: Violation[] = [];
  const f = file.path;
  const add = (line: number, rule: string, detail: string): void => {
    v.push({ file: f, line, rule, detail });
  };

  for (const { spec, line } of importsOf(file.text)) {
    const target = resolveRelative(f, spec);
    if (under(f, 'shared')) {
      if (target ? !under(target, 'shared') : spec !== 'zod') add(line, 'shared-imports-nothing', `shared/ may import only shared/ and zod, not "${spec}"`);
    }
    if (under(f, 'renderer')) {
      if (target && !under(target, 'renderer') && !under(target, 'shared')) add(line, 'renderer-boundary', `renderer/ may import only renderer/ and shared/, not "${spec}"`);
      if (!target && (isNode(spec) || spec === 'electron' || spec === 'better-sqlite3')) add(line, 'renderer-boundary', `renderer/ must not import "${spec}"`);
      if (!target && !isNode(spec) && !RENDERER_PACKAGES.has(spec)) add(line, 'renderer-packages', `renderer/ imports an unexpected package "${spec}"`);
    }
    if (under(f, 'electron')) {
      if (target && under(target, 'renderer')) add(line, 'electron-no-renderer', `electron/ must not import renderer/ ("${spec}")`);
      if (spec === 'electron' && !under(f, 'electron/main') && !under(f, 'electron/preload')) {
        add(line, 'core-no-electron', 'only electron/main and electron/preload may import the electron package');
      }
    }
    if (under(f, 'electron/preload')) {
      if (target ? target !== 'shared/contract-names' : spec !== 'electron') add(line, 'preload-minimal', `the preload imports only electron and shared/contract-names, not "${spec}"`);
    }
    if (under(f, 'electron/services') && target && providerFolder(target) !== null) {
      add(line, 'services-use-provider-contract', `services reach providers only through providers/contract.ts, not "${spec}"`);
    }
    // Unit tests may open a provider's internals; production code may not.
    if (under(f, 'electron') && target && providerFolder(target) !== null) {
      const own = providerFolder(f);
      const base = target.replace(/\.ts$/, '');
      if (own !== providerFolder(target) && !/^electron\/providers\/[^/]+\/(client|descriptor)$/.test(base)) {
        add(line, 'provider-wire-format', `outside its folder a provider is used only through its client.ts and descriptor.ts, not "${spec}"`);
      }
    }
    if (under(f, 'electron/simulators') && target && under(target, 'electron/providers')) {
      add(line, 'simulator-independent', 'a simulator shares no code with the provider clients');
    }
    // The registry is the one place that pairs a provider with its training simulator.
    if (under(f, 'electron/providers') && f !== REGISTRY && target && under(target, 'electron/simulators')) {
      add(line, 'simulator-independent', 'a provider client shares no code with the simulators');
    }
    if (under(f, 'electron/db') && target && !under(target, 'electron/db')) {
      add(line, 'db-leaf', `electron/db depends on nothing of ours ("${spec}")`);
    }
  }

  const lines = withoutComments(file.text).split('\n');
  lines.forEach((text, i) => {
    if (/(:\s*any\b|\bas\s+any\b|<any>|\bany\[\])/.test(text)) add(i + 1, 'no-any', 'no `any`');
    if (under(f, 'electron') && !under(f, 'electron/db') && !under(f, 'electron/hub/db') && /\.(prepare|exec|pragma)\(\s*[`'"]/.test(text)) {
      add(i + 1, 'sql-in-db-only', 'SQL lives only in electron/db (the hub\'s in electron/hub/db)');
    }
    // The hub speaks PostgreSQL through `query`: its statements stay in its own db folder too.
    if (under(f, 'electron/hub') && !under(f, 'electron/hub/db') && /\.(query|exec)\(\s*[`'"]\s*(SELECT|INSERT|UPDATE|DELETE|CREATE|ALTER|WITH)\b/i.test(text)) {
      add(i + 1, 'sql-in-db-only', 'the hub\'s SQL lives only in electron/hub/db');
    }
    const compared = NAME_COMPARED.exec(text);
    if (compared) {
      const name = compared[1] ?? compared[2] ?? compared[3]!;
      if (!mayCompareNames(f, name)) add(i + 1, 'no-provider-names', `branch on a capability from the registry, not on the name "${name}"`);
    }
    if (under(f, 'electron') && !under(f, 'electron/main') && /\bconsole\.(log|info|warn|error|debug)\(/.test(text)) {
      add(i + 1, 'no-console-in-core', 'use the scoped logger, not console');
    }
  });
  return v;
}

export function checkBoundaries(files: readonly SourceFile[]): Violation[] {
  return files.flatMap(checkFile);
}
