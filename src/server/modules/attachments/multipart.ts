// Reads a multipart/form-data request with one file and a few text fields, with a size limit of
// its own (the plugin's default is UPLOAD_MAX_MB). Fields may come before or after the file.
import type { FastifyRequest } from 'fastify';
import type {} from '@fastify/multipart';
import { AppError } from '../../errors.ts';
import { requestLang } from '../../plugins/errors.ts';

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

export async function readMultipart(request: FastifyRequest, maxBytes: number, tooLarge: () => AppError): Promise<{ fields: Record<string, string>; file: MultipartFile | null }> {
  if (!request.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA_TYPE', { reason: NOT_MULTIPART[requestLang(request)] });
  const fields: Record<string, string> = {};
  let file: MultipartFile | null = null;
  for await (const part of request.parts({ limits: { fileSize: maxBytes, files: 1, fields: 10, fieldSize: 10_000 } })) {
    if (part.type === 'file') {
      let data: Buffer;
      try {
        data = await part.toBuffer();
      } catch (e) {
        if ((e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge();
        throw e;
      }
      if (part.file.truncated) throw tooLarge();
      file = { field: part.fieldname, filename: part.filename, mimetype: part.mimetype, data };
    } else {
      fields[part.fieldname] = String(part.value ?? '');
    }
  }
  return { fields, file };
}
