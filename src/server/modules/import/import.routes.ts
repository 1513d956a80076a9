import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { MultipartFile } from '@fastify/multipart';
import { Type } from 'typebox';
import { problemResponses } from '../../../shared/schemas/common.ts';
import { AppError, invalid } from '../../errors.ts';
import { requireRole } from '../../plugins/auth.ts';
import { requestLang } from '../../plugins/errors.ts';
import { FILE_FIELD } from './import.parse.ts';
import { COLUMNS, MAX_ROWS } from './import.validate.ts';
import { importFile } from './import.service.ts';
import { PLAN_COLUMNS, importPlansFile, type PlanImportKind } from '../plans/plans.import.ts';

export const ImportKindSchema = Type.Union([
  Type.Literal('buildings'),
  Type.Literal('spaces'),
  Type.Literal('assets'),
  // #8: the plans module's own imports (src/server/modules/plans/plans.import.ts).
  Type.Literal('maintenance-plans'),
  Type.Literal('meter-readings'),
]);
export const ImportParams = Type.Object({ kind: ImportKindSchema }, { additionalProperties: false });
export const ImportResultSchema = Type.Object({
  kind: ImportKindSchema,
  created: Type.Integer({ description: 'rows whose code was new' }),
  updated: Type.Integer({ description: 'existing rows that changed (version + 1)' }),
  unchanged: Type.Integer({ description: 'existing rows identical to the file (not written)' }),
  opened: Type.Optional(Type.Integer({ description: 'meter readings: the meter-plan activities the readings opened' })),
});

const columnsDoc = [
  ...(Object.keys(COLUMNS) as (keyof typeof COLUMNS)[]).map((k) => [k, COLUMNS[k]] as const),
  ...(Object.keys(PLAN_COLUMNS) as PlanImportKind[]).map((k) => [k, PLAN_COLUMNS[k]] as const),
]
  .map(([k, cols]) => `${k}: ${cols.map((c) => (c.required ? c.name : `[${c.name}]`)).join(', ')}`)
  .join('; ');

const BROKEN_MULTIPART = { it: 'il caricamento multipart è interrotto o malformato', en: 'the multipart upload is cut short or malformed' };
const NOT_MULTIPART = {
  it: 'invia il file come multipart/form-data nel campo «file»',
  en: 'send the file as multipart/form-data in the "file" field',
};

export async function importRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tooLarge = () => new AppError('PAYLOAD_TOO_LARGE', { limit: `${Math.round(app.ctx.config.uploadMaxBytes / 1024 / 1024)} MB` });

  r.post(
    '/api/imports/:kind',
    {
      schema: {
        tags: ['import'],
        summary: 'Import buildings, spaces, assets, maintenance plans or meter readings from CSV or XLSX (all or nothing)',
        description:
          `Admin only (maintenance plans and meter readings: admin and service head). multipart/form-data with one part named "file": CSV (UTF-8, ";" or "," separator) or XLSX (first sheet), ` +
          `header row required, names case-insensitive; at most ${MAX_ROWS} rows. Columns (optional in brackets): ${columnsDoc}. ` +
          'An existing code is updated, a new one created. Any error: 422 IMPORT_INVALID listing every bad cell ' +
          '({field: column, code, message, row}), nothing written; a file that is not CSV/XLSX is 422 with code notSpreadsheet; ' +
          'a request that is not multipart is 415; a file over the upload limit is 413; an XLSX whose zip declares more than ' +
          'IMPORT_MAX_UNPACKED_MB unpacked or 1,000 entries is 413 IMPORT_TOO_LARGE, refused before it is unpacked.',
        consumes: ['multipart/form-data'],
        params: ImportParams,
        response: {
          200: ImportResultSchema,
          ...problemResponses,
          413: { $ref: 'Problem#' },
          415: { $ref: 'Problem#' },
        },
      },
    },
    async (request) => {
      const kind = request.params.kind;
      const planKind = kind === 'maintenance-plans' || kind === 'meter-readings';
      const principal = planKind ? requireRole(request, 'admin', 'service_head') : requireRole(request, 'admin');
      if (!request.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA_TYPE', { reason: NOT_MULTIPART[requestLang(request)] });
      let part: MultipartFile | undefined;
      let buf: Buffer;
      try {
        part = await request.file();
        if (!part || part.fieldname !== FILE_FIELD) {
          part?.file.resume();
          throw invalid([{ field: FILE_FIELD, rule: 'required' }]);
        }
        buf = await part.toBuffer();
      } catch (e) {
        if (e instanceof AppError) throw e;
        const err = e as { code?: string; statusCode?: number };
        if (err.code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge();
        if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) throw e;
        // A body cut short or malformed (busboy, stream errors) is the client's fault, not a 500.
        throw new AppError('BAD_REQUEST', { reason: BROKEN_MULTIPART[requestLang(request)] });
      }
      // toBuffer throws on the limit; the truncated flag is the second lock on the same door.
      if (part.file.truncated) throw tooLarge();
      if (kind === 'maintenance-plans' || kind === 'meter-readings') return importPlansFile(app.ctx, principal, kind, buf, part.filename);
      return importFile(app.ctx, kind, buf, part.filename);
    },
  );
}
