import { describe, expect, it } from 'vitest';
import { checkFile } from '../lint/rules';

const rules = (path: string, text: string): string[] => checkFile({ path, text }).map((v) => v.rule);

describe('import boundaries (architecture.md)', () => {
  it('the core may not import electron; the hosts may', () => {
    expect(rules('electron/services/sales/x.ts', "import { app } from 'electron';")).toContain('core-no-electron');
    expect(rules('electron/main/x.ts', "import { app } from 'electron';")).toEqual([]);
  });
  it('the renderer imports neither Node, Electron nor the core', () => {
    expect(rules('renderer/x.ts', "import fs from 'node:fs';")).toContain('renderer-boundary');
    expect(rules('renderer/x.ts', "import { ipcRenderer } from 'electron';")).toContain('renderer-boundary');
    expect(rules('renderer/screens/A/x.tsx', "import { openLedger } from '../../../electron/db/connection';")).toContain('renderer-boundary');
    expect(rules('renderer/screens/A/x.tsx', "import { formatRupiah } from '../../../shared/domain/money';")).toEqual([]);
  });
  it('no provider name is compared outside its own folders and the registry (issue 14)', () => {
    expect(rules('electron/services/sales/x.ts', "if (sale.provider === 'sat') refresh();")).toContain('no-provider-names');
    expect(rules('electron/db/posting.ts', "const d = 'digiflazz' !== p ? a : b;")).toContain('no-provider-names');
    expect(rules('renderer/screens/A/x.tsx', "switch (p) { case 'vsi': return 1; }")).toContain('no-provider-names');
    expect(rules('electron/providers/sat/client.ts', "if (x === 'sat') y();")).toEqual([]);
    expect(rules('electron/simulators/digiflazz/server.ts', "if (x === 'digiflazz') y();")).toEqual([]);
    expect(rules('electron/providers/registry.ts', "if (x === 'vsi') y();")).toEqual([]);
    expect(rules('electron/services/sales/x.ts', "if (d.capabilities.deposit) refresh(); const label = 'sat';")).toEqual([]);
  });
  it('only the registry pairs a provider with its simulator; a descriptor is a public export', () => {
    expect(rules('electron/providers/registry.ts', "import { startSatSimulator } from '../simulators/sat/server';")).toEqual([]);
    expect(rules('electron/providers/sat/client.ts', "import { x } from '../../simulators/sat/server';")).toContain('simulator-independent');
    expect(rules('electron/app/x.ts', "import { satDescriptor } from '../providers/sat/descriptor';")).toEqual([]);
    expect(rules('electron/app/x.ts', "import { x } from '../providers/sat/schema';")).toContain('provider-wire-format');
  });
  it('shared imports nothing of ours but shared, and only zod', () => {
    expect(rules('shared/x.ts', "import { z } from 'zod';")).toEqual([]);
    expect(rules('shared/x.ts', "import x from '../renderer/y';")).toContain('shared-imports-nothing');
    expect(rules('shared/x.ts', "import path from 'node:path';")).toContain('shared-imports-nothing');
  });
  it('services see providers only through the contract; wire formats stay in their folder', () => {
    expect(rules('electron/services/sales/x.ts', "import { parseVsiXml } from '../../providers/vsi/xml';")).toContain('services-use-provider-contract');
    expect(rules('electron/services/sales/x.ts', "import type { PurchaseOutcome } from '../../providers/contract';")).toEqual([]);
    expect(rules('electron/app/x.ts', "import { parseVsiXml } from '../providers/vsi/xml';")).toContain('provider-wire-format');
    expect(rules('electron/app/x.ts', "import { createVsiClient } from '../providers/vsi/client';")).toEqual([]);
  });
  it('simulators and clients share no code', () => {
    expect(rules('electron/simulators/vsi/x.ts', "import { vsiHash } from '../../providers/vsi/signing';")).toContain('simulator-independent');
  });
  it('SQL only in electron/db; no any; no console in the core', () => {
    expect(rules('electron/services/x.ts', "db.prepare('SELECT 1')")).toContain('sql-in-db-only');
    expect(rules('electron/hub/hub.ts', "db.query('SELECT 1')")).toContain('sql-in-db-only');
    expect(rules('electron/hub/db/queries.ts', "db.query('SELECT 1')")).not.toContain('sql-in-db-only');
    expect(rules('electron/hub/db/migrations.ts', "db.exec('CREATE TABLE x (a int)')")).not.toContain('sql-in-db-only');
    expect(rules('electron/db/queries/x.ts', "db.prepare('SELECT 1')")).toEqual([]);
    expect(rules('renderer/x.ts', 'const a: any = 1;')).toContain('no-any');
    expect(rules('renderer/x.ts', '// any comment: any')).toEqual([]);
    expect(rules('electron/app/x.ts', "console.log('x')")).toContain('no-console-in-core');
  });
  it('the preload exposes only the contract names', () => {
    expect(rules('electron/preload/index.ts', "import { contract } from '../../shared/contract';")).toContain('preload-minimal');
    expect(rules('electron/preload/index.ts', "import { CALL_NAMES } from '../../shared/contract-names';")).toEqual([]);
  });
});
