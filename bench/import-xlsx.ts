// XLSX import under a large workbook (#7 item 11): how long parsing takes and how long the event
// loop is blocked at most, for the old whole-workbook load (exceljs DOM) and for the guarded,
// streamed parser (src/server/modules/import/import.parse.ts).
//   npx tsx bench/import-xlsx.ts [unpackedMB=45] [runs=3]
import { PassThrough } from 'node:stream';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import ExcelJS from 'exceljs';
import { DEFAULT_PARSE_LIMITS, parseXlsx } from '../src/server/modules/import/import.parse.ts';
import { readCentralDirectory } from '../src/server/modules/import/zip-guard.ts';

const targetMb = Number(process.argv[2] ?? 45);
const runs = Number(process.argv[3] ?? 3);

/** A workbook whose sheet XML is about `targetMb`: long inline strings, few rows (under the row cap). */
async function bigWorkbook(): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: false });
  const ws = wb.addWorksheet('Dati');
  ws.addRow(['site_code', 'code', 'name', 'address', 'competence']).commit();
  const filler = 'x'.repeat(900);
  const rows = Math.round((targetMb * 1024 * 1024) / 1130); // ~1,130 bytes of XML per row
  for (let i = 0; i < rows; i++) ws.addRow(['MI', `B${i}`, filler, 'Via', 'central']).commit();
  ws.commit();
  await wb.commit();
  return Buffer.concat(chunks);
}

async function measure(label: string, fn: () => Promise<unknown>) {
  let outcome = '';
  const results: Array<{ ms: number; maxBlockMs: number }> = [];
  for (let i = 0; i < runs; i++) {
    const h = monitorEventLoopDelay({ resolution: 10 });
    h.enable();
    const t = performance.now();
    const r = (await fn()) as { ok?: boolean; sheet?: { rows: unknown[] }; issues?: Array<{ rule: string }> } | undefined;
    outcome =
      r?.ok === undefined ? 'loaded' : r.ok ? `${r.sheet!.rows.length} rows` : `refused: ${r.issues!.map((x) => x.rule).join(', ')}`;
    const ms = performance.now() - t;
    h.disable();
    results.push({ ms, maxBlockMs: h.max / 1e6 });
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  console.log(
    `${label} [${outcome}]: median ${median(results.map((r) => r.ms)).toFixed(0)} ms, longest event-loop block ${median(results.map((r) => r.maxBlockMs)).toFixed(0)} ms` +
      ` (runs: ${results.map((r) => `${r.ms.toFixed(0)}/${r.maxBlockMs.toFixed(0)}`).join(', ')})`,
  );
}

const buf = await bigWorkbook();
const dir = readCentralDirectory(buf, { maxUnpackedBytes: Number.MAX_SAFE_INTEGER, maxEntries: 1000 });
console.log(
  `workbook: ${(buf.length / 1024 / 1024).toFixed(1)} MB on disk, ${dir.ok ? (dir.unpackedBytes / 1024 / 1024).toFixed(1) : '?'} MB unpacked`,
);
await measure('exceljs whole-workbook load (before)', async () => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ExcelJS.Buffer);
  return undefined;
});
await measure('guarded streamed parse, 50 MB cap (after)', () => parseXlsx(buf, DEFAULT_PARSE_LIMITS));
await measure('guarded parse, 10 MB cap: refused from the directory', () =>
  parseXlsx(buf, { ...DEFAULT_PARSE_LIMITS, maxUnpackedBytes: 10 * 1024 * 1024 }),
);
