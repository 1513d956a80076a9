import type { AppContext } from '../../context.ts';
import { AppError, type FieldIssue } from '../../errors.ts';
import { newId } from '../../ids.ts';
import { DEFAULT_PARSE_LIMITS, parseSpreadsheet, FILE_FIELD } from './import.parse.ts';
import { MAX_ROWS, mapHeader, referencedCodes, tooManyRows, validateRows, type ImportKind } from './import.validate.ts';
import * as repo from './import.repository.ts';

export interface ImportResult {
  kind: ImportKind;
  created: number;
  updated: number;
  unchanged: number;
}

const refused = (issues: FieldIssue[]) => new AppError('IMPORT_INVALID', { count: issues.length }, issues);

/**
 * All or nothing: parses the file, validates every row against the database and either writes
 * everything in one transaction or throws IMPORT_INVALID listing every problem, writing nothing.
 */
export async function importFile(ctx: AppContext, kind: ImportKind, file: Buffer, filename?: string): Promise<ImportResult> {
  const parsed = await parseSpreadsheet(file, filename, {
    ...DEFAULT_PARSE_LIMITS,
    maxRows: MAX_ROWS,
    maxUnpackedBytes: ctx.config.importMaxUnpackedBytes,
  });
  if (!parsed.ok) throw parsed.tooLarge ? new AppError('IMPORT_TOO_LARGE', {}, parsed.issues) : refused(parsed.issues);
  const { sheet } = parsed;
  const { columns, issues: headerIssues } = mapHeader(kind, sheet.header);
  if (sheet.rows.length === 0) throw refused([...headerIssues, { field: FILE_FIELD, rule: 'emptyFile' }]);
  const tooMany = tooManyRows(sheet);
  if (tooMany) throw refused([...headerIssues, tooMany]);

  return ctx.db.transaction().execute(async (trx) => {
    const lookups = await repo.loadLookups(trx, kind, referencedCodes(sheet, columns));
    const result = validateRows(sheet, columns, lookups);
    const issues = [...headerIssues, ...(result.ok ? [] : result.issues)];
    if (issues.length || !result.ok) throw refused(issues);
    await repo.writePlan(trx, result.plan, { now: ctx.now().toISOString(), newId });
    return { kind, ...result.plan.counts };
  });
}
