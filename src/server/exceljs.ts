// exceljs is the heaviest module the server loads (~0.3 s of CPU, a seventh of the start, #12
// item 3) and only exports and imports need it: loaded on their first use, once.
import type ExcelJS from 'exceljs';

let loading: Promise<typeof ExcelJS> | null = null;

export function loadExcelJS(): Promise<typeof ExcelJS> {
  loading ??= import('exceljs').then((m) => m.default);
  return loading;
}
