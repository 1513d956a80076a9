import fs from 'node:fs';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { IdParams, problemResponses } from '../../../shared/schemas/common.ts';
import { invalid, type FieldIssue } from '../../errors.ts';
import { principalOf } from '../../plugins/auth.ts';
import { readMultipart } from '../attachments/multipart.ts';
import { MAX_INVOICE_BYTES } from './fatturapa.ts';
import * as s from './invoices.schemas.ts';
import * as invoices from './invoices.service.ts';

const WHO =
  'Scope: accounting and admin register and decide; the service head reads all; a contractor reads its own invoices; ' +
  'other roles 403 FORBIDDEN. Out of scope reads as 404.';

const SUMMARY: Record<s.InvoiceAction, string> = {
  accept: 'Accounting accepts an invoice that matches its statement to the cent (a mismatched one is refused: dispute it)',
  dispute: 'Accounting disputes the invoice with a reason (→ disputed)',
};

/** RFC 6266: an ASCII fallback plus the UTF-8 name. */
function contentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

/** Contractors' invoices against approved statements (#10 item 5). */
export async function invoiceRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['invoices'];

  r.post(
    '/api/statements/:id/invoices',
    {
      schema: {
        tags,
        summary: "Accounting registers the contractor's invoice against an approved statement: FatturaPA XML upload or manual entry",
        description:
          'multipart/form-data with one part "file": the FatturaPA XML (FPA12, version 1.2.x, not signed: a .p7m is 415), validated ' +
          `against the official XSD, at most ${MAX_INVOICE_BYTES / 1024 / 1024} MB (413 above); number, date, amounts, supplier VAT number, ` +
          'CIG and VAT collectability are read from it. Or application/json: the same facts entered by hand. Each difference from the ' +
          "statement (taxable, VAT, total, supplier, the contract's CIG, VAT collectability not S) is stored in `mismatches` with the " +
          'expected and actual value. Refusals: 400 VALIDATION_FAILED (field named; for the file each schema error with its line in ' +
          '`row`), 409 INVALID_STATE (statement not approved), 409 ACTION_REFUSED (statement already has an accepted invoice), ' +
          '409 DUPLICATE (the same supplier, number and date registered). Nothing is stored on a refusal. ' +
          WHO,
        consumes: ['application/json', 'multipart/form-data'],
        params: IdParams,
        body: { content: { 'application/json': { schema: s.InvoiceManualBody } } },
        response: { 201: s.InvoiceSchema, ...problemResponses, 413: { $ref: 'Problem#' }, 415: { $ref: 'Problem#' } },
      },
    },
    async (request, reply) => {
      const p = principalOf(request);
      invoices.assertMayRegister(p);
      if (!request.isMultipart())
        return reply
          .code(201)
          .send(await invoices.registerManualInvoice(app.ctx, p, request.params.id, request.body as s.InvoiceManualInput));
      const { fields, file } = await readMultipart(request, MAX_INVOICE_BYTES, invoices.invoiceTooLarge);
      const issues: FieldIssue[] = [];
      if (!file || file.field !== 'file') issues.push({ field: 'file', rule: 'required' });
      for (const name of Object.keys(fields)) issues.push({ field: name, rule: 'unknownField' });
      if (issues.length) throw invalid(issues);
      return reply
        .code(201)
        .send(await invoices.registerUploadedInvoice(app.ctx, p, request.params.id, { filename: file!.filename, data: file!.data }));
    },
  );

  r.get(
    '/api/invoices',
    {
      schema: {
        tags,
        summary: "Invoices in the caller's scope, newest first, filtered by statement, contract, contractor, state; keyset paging",
        description: WHO,
        querystring: s.InvoiceListQuery,
        response: { 200: s.InvoicePage, ...problemResponses },
      },
    },
    async (request) => invoices.listInvoices(app.ctx, principalOf(request), request.query),
  );

  r.get(
    '/api/invoices/statements-to-invoice',
    {
      schema: {
        tags,
        summary: 'Approved statements without an accepted invoice: what accounting may register an invoice against',
        description: 'Accounting and admin; other roles 403 FORBIDDEN.',
        response: { 200: s.StatementsToInvoicePage, ...problemResponses },
      },
    },
    async (request) => invoices.statementsToInvoice(app.ctx, principalOf(request)),
  );

  r.get(
    '/api/invoices/:id',
    {
      schema: {
        tags,
        summary:
          'One invoice with what its statement expects, every difference (expected, actual, difference in cents) and the actions left',
        description: WHO,
        params: IdParams,
        response: { 200: s.InvoiceSchema, ...problemResponses },
      },
    },
    async (request) => invoices.getInvoice(app.ctx, principalOf(request), request.params.id),
  );

  r.get(
    '/api/invoices/:id/file',
    {
      schema: {
        tags,
        summary: 'Download the FatturaPA XML an invoice was registered from (404 for a manual entry)',
        description: `${WHO} Answers application/xml with Content-Disposition: attachment and X-Content-Type-Options: nosniff.`,
        params: IdParams,
        response: { ...problemResponses },
      },
    },
    async (request, reply) => {
      const f = await invoices.openInvoiceFile(app.ctx, principalOf(request), request.params.id);
      return reply
        .header('content-type', 'application/xml')
        .header('content-length', String(f.size))
        .header('content-disposition', contentDisposition(f.name))
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, no-store')
        .header('content-security-policy', "default-src 'none'; sandbox")
        .send(fs.createReadStream(f.file));
    },
  );

  for (const action of s.INVOICE_ACTIONS) {
    r.post(
      `/api/invoices/:id/actions/${action}`,
      {
        schema: {
          tags,
          summary: SUMMARY[action],
          description:
            'Send the `version` you read; a stale one gets 409 VERSION_CONFLICT with `current`. Refusals: 403 FORBIDDEN (role), ' +
            '409 INVALID_STATE (already decided), 409 ACTION_REFUSED (accept: the invoice does not match, or the statement already ' +
            'has an accepted invoice), 400 VALIDATION_FAILED (dispute: reason named).',
          params: IdParams,
          body: s.InvoiceActionBody,
          response: { 200: s.InvoiceSchema, ...problemResponses },
        },
      },
      async (request) => invoices.invoiceAction(app.ctx, principalOf(request), request.params.id, action, request.body),
    );
  }
}
