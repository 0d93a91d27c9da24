import { benchTodayList } from './today-list';
const rows = Number(process.argv[2] ?? 1_000_000);
const t = await benchTodayList(rows, 365);
console.log(JSON.stringify({ seed: t.seedSeconds, fileMb: t.fileMb, audit: t.audit, backup: t.backup }, null, 1));
