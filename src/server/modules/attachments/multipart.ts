// Reads a multipart/form-data request with one file and a few text fields, with a size limit of
// its own (the plugin's default is UPLOAD_MAX_MB). Fields may come before or after the file.
import type { FastifyRequest } from 'fastify';
import type {} from '@fastify/multipart';
import { AppError } from '../../errors.ts';
import { httpReason, requestLang } from '../../plugins/errors.ts';

const NOT_MULTIPART = {
  it: 'invia il file come multipart/form-data nel campo «file»',
  en: 'send the file as multipart/form-data in the "file" field',
};

export interface MultipartFile {
  field: string;
  filename: string;
  mimetype: string;
  data: Buffer;
}

export async function readMultipart(
  request: FastifyRequest,
  maxBytes: number,
  tooLarge: () => AppError,
): Promise<{ fields: Record<string, string>; file: MultipartFile | null }> {
  if (!request.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA_TYPE', { reason: NOT_MULTIPART[requestLang(request)] });
  const fields: Record<string, string> = {};
  let file: MultipartFile | null = null;
  try {
    for await (const part of request.parts({ limits: { fileSize: maxBytes, files: 1, fields: 10, fieldSize: 10_000 } })) {
      if (part.type === 'file') {
        const data = await part.toBuffer();
        if (part.file.truncated) throw tooLarge();
        file = { field: part.fieldname, filename: part.filename, mimetype: part.mimetype, data };
      } else {
        fields[part.fieldname] = String(part.value ?? '');
      }
    }
  } catch (e) {
    if (e instanceof AppError) throw e;
    const err = e as { code?: string; statusCode?: number };
    if (err.code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge();
    // The plugin's own 4xx (too many parts, a forbidden field name): the error handler words them.
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) throw e;
    // A body cut short inside a part, or broken boundaries (busboy's plain Errors): the client's fault.
    throw new AppError('BAD_REQUEST', { reason: httpReason(requestLang(request), 'brokenMultipart') });
  }
  return { fields, file };
}
