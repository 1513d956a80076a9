import fs from 'node:fs';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { IdParams, problemResponses } from '../../../shared/schemas/common.ts';
import { ATTACHMENT_KINDS, AttachmentSchema, type AttachmentKind } from '../../../shared/schemas/workflow.ts';
import { invalid, type FieldIssue } from '../../errors.ts';
import { principalOf } from '../../plugins/auth.ts';
import { readMultipart } from './multipart.ts';
import { openAttachment, tooLarge, uploadToTicket, uploadToWorkOrder, type Upload } from './attachments.service.ts';

const uploadDoc = (visibilityDefault: string) =>
  `multipart/form-data: "file" (JPEG, PNG, WebP, HEIC or PDF, recognised by content; a name whose extension lies about the content is refused), ` +
  `"kind" (${ATTACHMENT_KINDS.join(' | ')}), optional "visibility" (public | internal; default ${visibilityDefault}; requesters public only). ` +
  '413 over ATTACHMENT_MAX_MB, 415 for other content.';

const uploadResponses = { 201: AttachmentSchema, ...problemResponses, 413: { $ref: 'Problem#' }, 415: { $ref: 'Problem#' } };

async function readUpload(app: FastifyInstance, request: FastifyRequest): Promise<Upload> {
  const { fields, file } = await readMultipart(request, app.ctx.config.attachmentMaxBytes, () => tooLarge(app.ctx));
  const issues: FieldIssue[] = [];
  if (!file || file.field !== 'file') issues.push({ field: 'file', rule: 'required' });
  const kind = fields.kind;
  if (!kind) issues.push({ field: 'kind', rule: 'required' });
  else if (!(ATTACHMENT_KINDS as readonly string[]).includes(kind))
    issues.push({ field: 'kind', rule: 'enum', params: { allowed: ATTACHMENT_KINDS.join(', ') } });
  const visibility = fields.visibility;
  if (visibility !== undefined && visibility !== 'public' && visibility !== 'internal')
    issues.push({ field: 'visibility', rule: 'enum', params: { allowed: 'public, internal' } });
  for (const name of Object.keys(fields)) if (!['kind', 'visibility'].includes(name)) issues.push({ field: name, rule: 'unknownField' });
  if (issues.length) throw invalid(issues);
  return {
    kind: kind as AttachmentKind,
    visibility: visibility as Upload['visibility'],
    filename: file!.filename,
    contentType: file!.mimetype,
    data: file!.data,
  };
}

/** RFC 6266: an ASCII fallback plus the UTF-8 name. */
function contentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

export async function attachmentRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['attachments'];

  r.post(
    '/api/tickets/:id/attachments',
    {
      schema: {
        tags,
        summary: 'Attach a photo or document to a ticket',
        description: uploadDoc('public'),
        consumes: ['multipart/form-data'],
        params: IdParams,
        response: uploadResponses,
      },
    },
    async (request, reply) => {
      const p = principalOf(request);
      const up = await readUpload(app, request);
      return reply.code(201).send(await uploadToTicket(app.ctx, p, request.params.id, up));
    },
  );

  r.post(
    '/api/work-orders/:id/attachments',
    {
      schema: {
        tags,
        summary: 'Attach a photo or document (conformity declaration, logbook entry, test report, as-built) to a work order',
        description: uploadDoc('internal'),
        consumes: ['multipart/form-data'],
        params: IdParams,
        response: uploadResponses,
      },
    },
    async (request, reply) => {
      const p = principalOf(request);
      const up = await readUpload(app, request);
      return reply.code(201).send(await uploadToWorkOrder(app.ctx, p, request.params.id, up));
    },
  );

  r.get(
    '/api/attachments/:id',
    {
      schema: {
        tags,
        summary: 'Download an attachment (only for callers who may see its ticket or work order; 404 otherwise)',
        description: 'Answers the file with its sniffed Content-Type, Content-Disposition: attachment and X-Content-Type-Options: nosniff.',
        params: IdParams,
        response: { ...problemResponses },
      },
    },
    async (request, reply) => {
      const { attachment, file } = await openAttachment(app.ctx, principalOf(request), request.params.id);
      return reply
        .header('content-type', attachment.content_type)
        .header('content-length', String(attachment.size))
        .header('content-disposition', contentDisposition(attachment.filename))
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, no-store')
        .header('content-security-policy', "default-src 'none'; sandbox")
        .send(fs.createReadStream(file));
    },
  );
}
