// The contractors' invoices (#10 item 5). Accounting registers the invoice the contractor sent
// through the exchange system (SdI) against an approved statement: the FatturaPA XML, validated
// against the official schema and read by fatturapa.ts, or the same facts entered by hand. Each
// difference from the statement (amounts, VAT, supplier, CIG, a VAT not in split payment — a public
// body pays the VAT to the State, DPR 633/1972 art. 17-ter) is stored with the expected and the
// actual value; a matching invoice is accepted, any other disputed with a reason.
//
//   registered ──accept (no difference)──▶ accepted
//        └──────dispute (reason)─────────▶ disputed
//
// Who: accounting and admin register and decide; the service head reads all; a contractor reads
// its own invoices; other roles 403. Scope is a predicate in the SQL (repository).
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import {
  matchInvoice,
  normaliseVatNumber,
  type InvoiceFacts,
  type Mismatch,
  type StatementExpectation,
} from '../../../domain/accounting/invoice-match.ts';
import { hasRole, type Principal, type Role } from '../../auth/principal.ts';
import type { AppContext } from '../../context.ts';
import type { Db } from '../../db/create-db.ts';
import { transaction } from '../../db/transaction.ts';
import { AppError, forbidden, invalid, notFound, type FieldIssue } from '../../errors.ts';
import { translate } from '../../i18n/messages.ts';
import { newId } from '../../ids.ts';
import { storedFilePath, writeStoredFile } from '../attachments/attachments.service.ts';
import { safeFilename } from '../attachments/sniff.ts';
import { decodeCursor, encodeCursor, uniqueViolationColumns } from '../registry/common.ts';
import { inVersionedTransaction, StaleVersion } from '../tickets/workflow-helpers.ts';
import { MAX_INVOICE_BYTES, readFatturaPA, type InvoiceReadProblem } from './fatturapa.ts';
import * as repo from './invoices.repository.ts';
import type {
  InvoiceAction,
  InvoiceActionInput,
  InvoiceDto,
  InvoiceListInput,
  InvoiceManualInput,
  InvoiceState,
} from './invoices.schemas.ts';

const DECIDE: readonly Role[] = ['accounting', 'admin'];
const READ_ALL: readonly Role[] = ['service_head', 'accounting', 'admin'];

const TRANSITIONS: Record<InvoiceAction, readonly InvoiceState[]> = { accept: ['registered'], dispute: ['registered'] };

// --- scope ---------------------------------------------------------------------------------------

/** The caller's invoices as a SQL predicate; null: all. 403 for roles with no business with them. */
function scopeOf(p: Principal): repo.ScopePredicate | null {
  if (hasRole(p, ...READ_ALL)) return null;
  if (p.roles.has('contractor') && p.contractorId) return repo.ofContractor(p.contractorId);
  throw forbidden();
}

/** Registering is accounting's (Annex C: the contractor sends the invoice through SdI, accounting records it). */
export function assertMayRegister(p: Principal): void {
  if (!hasRole(p, ...DECIDE)) throw forbidden();
}

// --- read ----------------------------------------------------------------------------------------

const expectationOf = (s: { cig: string; vat_number: string; taxable_cents: number | string; vat_cents: number | string }) => ({
  supplierVatNumber: s.vat_number,
  cig: s.cig,
  taxableCents: Number(s.taxable_cents),
  vatCents: Number(s.vat_cents),
});

function present(v: repo.InvoiceView, p: Principal): InvoiceDto {
  const status = v.status as InvoiceState;
  const mismatches = JSON.parse(v.mismatches) as Mismatch[];
  const expected = expectationOf({
    cig: v.contract_cig,
    vat_number: v.contractor_vat_number,
    taxable_cents: v.statement_taxable_cents,
    vat_cents: v.statement_vat_cents,
  });
  const decides = hasRole(p, ...DECIDE);
  const availableActions = decides
    ? (Object.keys(TRANSITIONS) as InvoiceAction[]).filter(
        (a) => TRANSITIONS[a].includes(status) && (a !== 'accept' || mismatches.length === 0),
      )
    : [];
  return {
    id: v.id,
    statement: { id: v.statement_id, period: v.statement_period, number: Number(v.statement_number), status: v.statement_status },
    contract: { id: v.contract_id, lot: v.lot, cig: v.contract_cig },
    contractor: { id: v.contractor_id, name: v.contractor_name, vatNumber: v.contractor_vat_number },
    source: v.source === 'fatturapa' ? 'fatturapa' : 'manual',
    number: v.number,
    issueDate: v.issue_date,
    supplierVatNumber: v.supplier_vat_number,
    cig: v.cig,
    taxableCents: Number(v.taxable_cents),
    vatCents: Number(v.vat_cents),
    totalCents: Number(v.total_cents),
    vatCollectability: v.vat_collectability,
    expected: { ...expected, totalCents: expected.taxableCents + expected.vatCents, vatCollectability: 'S' },
    mismatches,
    matched: mismatches.length === 0,
    status,
    disputeReason: v.dispute_reason,
    file: v.file_storage_key && v.file_name ? { name: v.file_name, sha256: v.file_sha256 ?? '', url: `/api/invoices/${v.id}/file` } : null,
    registeredBy: v.registered_by_id ? { id: v.registered_by_id, label: v.registered_by_name ?? '' } : null,
    decidedBy: v.decided_by_id ? { id: v.decided_by_id, label: v.decided_by_name ?? '' } : null,
    decidedAt: v.decided_at,
    availableActions,
    version: Number(v.version),
    createdAt: v.created_at,
    updatedAt: v.updated_at,
  };
}

export async function getInvoice(ctx: AppContext, p: Principal, id: string, db: Db = ctx.db): Promise<InvoiceDto> {
  const [v] = await repo.listInvoices(db, { id, limit: 1, scope: scopeOf(p) });
  if (!v) throw notFound();
  return present(v, p);
}

/** Newest first, keyset paging; filters by statement, contract, contractor, state. */
export async function listInvoices(ctx: AppContext, p: Principal, q: InvoiceListInput) {
  const limit = q.limit ?? 50;
  const rows = await repo.listInvoices(ctx.db, {
    statementId: q.statementId,
    contractId: q.contractId,
    contractorId: q.contractorId,
    status: q.status,
    cursor: decodeCursor(q.cursor),
    limit,
    scope: scopeOf(p),
  });
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    items: page.map((v) => present(v, p)),
    nextCursor: rows.length > limit && last ? encodeCursor([last.created_at, last.id]) : null,
  };
}

/** GET /api/invoices/{id}/file: the stored FatturaPA XML, for whoever reads the invoice. */
export async function openInvoiceFile(ctx: AppContext, p: Principal, id: string) {
  const inv = await getInvoice(ctx, p, id);
  const row = (await repo.getInvoice(ctx.db, id))!;
  if (!row.file_storage_key || !row.file_name) throw notFound();
  const file = storedFilePath(ctx, row.file_storage_key);
  if (!fs.existsSync(file)) throw notFound();
  return { name: row.file_name, file, size: fs.statSync(file).size, invoice: inv };
}

/** Approved statements without an accepted invoice: what accounting registers invoices against. */
export async function statementsToInvoice(ctx: AppContext, p: Principal) {
  assertMayRegister(p);
  const rows = await repo.statementsToInvoice(ctx.db, 200);
  return {
    items: rows.map((s) => ({
      id: s.id,
      period: s.period,
      number: Number(s.number),
      contract: { id: s.contract_id, lot: s.lot, cig: s.cig },
      contractor: { id: s.contractor_id, name: s.contractor_name, vatNumber: s.vat_number },
      taxableCents: Number(s.taxable_cents),
      vatCents: Number(s.vat_cents),
      totalCents: Number(s.total_cents),
      invoices: Number(s.invoices ?? 0),
    })),
  };
}

// --- register ------------------------------------------------------------------------------------

interface Registration {
  source: 'fatturapa' | 'manual';
  number: string;
  issueDate: string;
  facts: InvoiceFacts;
  file?: { name: string; data: Buffer };
}

/** The statement to register against: 404 unknown, 409 not approved or already paid by an accepted invoice. */
async function statementToRegister(db: Db, p: Principal, statementId: string): Promise<repo.StatementForInvoice> {
  const s = await repo.statementForInvoice(db, statementId);
  if (!s) throw notFound();
  if (s.status !== 'approved') throw new AppError('INVALID_STATE', { action: 'register_invoice', state: s.status });
  if (await repo.acceptedInvoiceOf(db, statementId))
    throw new AppError('ACTION_REFUSED', { reason: translate(p.language, 'rule', 'invoiceStatementPaid') });
  return s;
}

async function register(ctx: AppContext, p: Principal, statementId: string, r: Registration): Promise<InvoiceDto> {
  const id = newId();
  // "IT04812730150" on the XML and "04812730150" typed by hand are one supplier: one invoice number each day.
  const supplier = normaliseVatNumber(r.facts.supplierVatNumber);
  try {
    await transaction(ctx.db, async (trx) => {
      const s = await statementToRegister(trx, p, statementId);
      const expected: StatementExpectation = expectationOf(s);
      if (await repo.sameInvoice(trx, supplier, r.number, r.issueDate))
        throw new AppError('DUPLICATE', { field: 'number', value: `${r.number} (${r.issueDate})` });
      const mismatches = matchInvoice(r.facts, expected);
      const at = ctx.now().toISOString();
      const storageKey = r.file ? await writeStoredFile(trx, ctx, r.file.data) : null;
      await repo.insertInvoice(trx, {
        id,
        statement_id: s.id,
        contract_id: s.contract_id,
        contractor_id: s.contractor_id,
        source: r.source,
        number: r.number,
        issue_date: r.issueDate,
        supplier_vat_number: supplier,
        cig: r.facts.cig,
        taxable_cents: r.facts.taxableCents,
        vat_cents: r.facts.vatCents,
        total_cents: r.facts.totalCents,
        vat_collectability: r.facts.vatCollectability,
        mismatches: JSON.stringify(mismatches),
        status: 'registered',
        dispute_reason: null,
        file_name: r.file ? safeFilename(r.file.name || 'fattura.xml') : null,
        file_storage_key: storageKey,
        file_sha256: r.file ? createHash('sha256').update(r.file.data).digest('hex') : null,
        registered_by_id: p.userId,
        decided_by_id: null,
        decided_at: null,
        created_at: at,
        updated_at: at,
      });
    });
  } catch (e) {
    // Two registrations of one invoice at once: the unique key decides, the loser reads 409.
    if (uniqueViolationColumns(e)) throw new AppError('DUPLICATE', { field: 'number', value: `${r.number} (${r.issueDate})` });
    throw e;
  }
  return getInvoice(ctx, p, id);
}

/** POST /api/statements/{id}/invoices (JSON): an invoice entered by hand. */
export async function registerManualInvoice(
  ctx: AppContext,
  p: Principal,
  statementId: string,
  input: InvoiceManualInput,
): Promise<InvoiceDto> {
  assertMayRegister(p);
  await statementToRegister(ctx.db, p, statementId);
  const cig = input.cig?.trim().toUpperCase() || null;
  return register(ctx, p, statementId, {
    source: 'manual',
    number: input.number.trim(),
    issueDate: input.issueDate,
    facts: {
      supplierVatNumber: input.supplierVatNumber.replace(/\s+/g, '').toUpperCase(),
      cig,
      taxableCents: input.taxableCents,
      vatCents: input.vatCents,
      totalCents: input.totalCents,
      vatCollectability: input.vatCollectability,
    },
  });
}

const PROBLEM_RULE: Record<Exclude<InvoiceReadProblem['code'], 'tooLarge' | 'schema'>, string> = {
  notXml: 'invoiceNotXml',
  dtdRefused: 'invoiceDtd',
  notFatturaPA: 'invoiceNotFatturaPA',
  notForPublicBody: 'invoiceNotForPublicBody',
  amount: 'invoiceAmount',
};

/** A CAdES envelope (.p7m): DER, a SEQUENCE with a long length, never the first bytes of an XML file. */
const isSignedEnvelope = (name: string, data: Buffer) =>
  /\.p7m$/i.test(name) || (data.length > 2 && data[0] === 0x30 && data[1] >= 0x80 && data[1] <= 0x84);

export const invoiceTooLarge = () => new AppError('PAYLOAD_TOO_LARGE', { limit: `${MAX_INVOICE_BYTES / 1024 / 1024} MB` });

/**
 * POST /api/statements/{id}/invoices (multipart "file"): the FatturaPA XML, checked against the
 * official schema before anything is stored; every refusal names the file field (and the line).
 */
export async function registerUploadedInvoice(
  ctx: AppContext,
  p: Principal,
  statementId: string,
  upload: { filename: string; data: Buffer },
): Promise<InvoiceDto> {
  assertMayRegister(p);
  const s = await statementToRegister(ctx.db, p, statementId);
  if (isSignedEnvelope(upload.filename, upload.data))
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', { reason: translate(p.language, 'rule', 'invoiceSignedFile') });
  const read = readFatturaPA(upload.data);
  if (!read.ok) {
    const problem = read.problem;
    if (problem.code === 'tooLarge') throw invoiceTooLarge();
    if (problem.code === 'schema')
      throw invalid(
        problem.errors.map((e) => ({ field: 'file', rule: 'invoiceSchema', row: e.line, params: { line: e.line, message: e.message } })),
      );
    const params: Record<string, unknown> =
      problem.code === 'notForPublicBody'
        ? { format: problem.format || '?' }
        : problem.code === 'amount'
          ? { path: problem.path, value: problem.value }
          : {};
    throw invalid([{ field: 'file', rule: PROBLEM_RULE[problem.code], params }]);
  }
  if (read.documents.length !== 1) throw invalid([{ field: 'file', rule: 'invoiceOneDocument', params: { count: read.documents.length } }]);
  const doc = read.documents[0];
  // The contract's CIG among those the invoice names (contract, order, agreement data) is its CIG.
  const cig = doc.cigs.find((c) => c === s.cig.trim().toUpperCase()) ?? doc.cig;
  return register(ctx, p, statementId, {
    source: 'fatturapa',
    number: doc.number,
    issueDate: doc.date,
    facts: { ...doc, cig },
    file: { name: upload.filename, data: upload.data },
  });
}

// --- decide --------------------------------------------------------------------------------------

/** POST /api/invoices/{id}/actions/{accept|dispute}. */
export async function invoiceAction(
  ctx: AppContext,
  p: Principal,
  id: string,
  action: InvoiceAction,
  input: InvoiceActionInput,
): Promise<InvoiceDto> {
  const scope = scopeOf(p);
  await inVersionedTransaction(
    ctx,
    async (trx) => {
      const [v] = await repo.listInvoices(trx, { id, limit: 1, scope });
      if (!v) throw notFound();
      if (!hasRole(p, ...DECIDE)) throw forbidden();
      if (Number(v.version) !== input.version) throw new StaleVersion();
      if (!TRANSITIONS[action].includes(v.status as InvoiceState))
        throw new AppError('INVALID_STATE', { action: `invoice_${action}`, state: v.status });
      const at = ctx.now().toISOString();
      const set: repo.InvoiceSet = {
        status: action === 'accept' ? 'accepted' : 'disputed',
        decided_by_id: p.userId,
        decided_at: at,
        updated_at: at,
      };
      if (action === 'accept') {
        // Only what matches the statement to the cent is paid; anything else is disputed.
        if ((JSON.parse(v.mismatches) as unknown[]).length > 0)
          throw new AppError('ACTION_REFUSED', { reason: translate(p.language, 'rule', 'invoiceMismatched') });
        if (await repo.acceptedInvoiceOf(trx, v.statement_id, id))
          throw new AppError('ACTION_REFUSED', { reason: translate(p.language, 'rule', 'invoiceStatementPaid') });
      } else {
        const reason = input.reason?.trim() ?? '';
        if (!reason) throw invalid([{ field: 'reason', rule: 'required' }] satisfies FieldIssue[]);
        set.dispute_reason = reason;
      }
      if (!(await repo.updateInvoiceVersioned(trx, id, input.version, set))) throw new StaleVersion();
    },
    () => getInvoice(ctx, p, id),
  );
  return getInvoice(ctx, p, id);
}
