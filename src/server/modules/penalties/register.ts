// The register of penalties of a contract for a month or a year: JSON, XLSX (exceljs) or PDF.
// Withdrawn proposals are left out (they never were penalties); rows the caller may not see
// (a building manager: other buildings' work orders) too.
import { loadExcelJS } from '../../exceljs.ts';
import { xlsxValue } from '../../spreadsheet-escape.ts';
import { DateTime } from 'luxon';
import { clockName, formatDuration } from '../../../domain/sla-explain.ts';
import type { RegisterDto } from '../../../shared/schemas/sla.ts';
import type { Principal } from '../../auth/principal.ts';
import type { AppContext } from '../../context.ts';
import { notFound } from '../../errors.ts';
import type { Lang } from '../../i18n/messages.ts';
import { label } from '../worklists/worklists.i18n.ts';
import { euro, registerPdf, romeTime } from './pdf.ts';
import * as repo from './penalties.repository.ts';
import { describeManual, describeRule, moneyReadableContract, scopePredicate } from './penalties.service.ts';

export interface RegisterFile {
  filename: string;
  contentType: string;
  body: Buffer;
}

const OPEN = ['proposed', 'contested', 'counter_argued'];
/** Spreadsheets have no time zone: the Rome wall-clock time, as Excel shows it. */
const excelTime = (iso: string | null) =>
  iso ? new Date(`${DateTime.fromISO(iso, { zone: 'utc' }).setZone('Europe/Rome').toFormat("yyyy-MM-dd'T'HH:mm:ss")}Z`) : null;
const HEADERS: Record<Lang, string[]> = {
  it: [
    'Periodo',
    'ODL',
    'Edificio',
    'Priorità',
    'Tempo',
    'Ritardo',
    'Regola',
    'Calcolata',
    'Proposta',
    'Definitiva',
    'Stato',
    'Contestata il',
    'Decisa il',
  ],
  en: [
    'Period',
    'Work order',
    'Building',
    'Priority',
    'Clock',
    'Delay',
    'Rule',
    'Computed',
    'Proposed',
    'Final',
    'Status',
    'Contested',
    'Decided',
  ],
};
const STATUS: Record<Lang, Record<string, string>> = {
  it: {
    proposed: 'proposta',
    contested: 'contestata',
    counter_argued: 'controdedotta',
    applied: 'applicata',
    reduced: 'ridotta',
    waived: 'annullata',
    withdrawn: 'ritirata',
  },
  en: {
    proposed: 'proposed',
    contested: 'contested',
    counter_argued: 'counter-argued',
    applied: 'applied',
    reduced: 'reduced',
    waived: 'waived',
    withdrawn: 'withdrawn',
  },
};

export async function registerData(
  ctx: AppContext,
  actor: Principal,
  contractId: string,
  period: string,
  lang: Lang,
): Promise<RegisterDto> {
  const scope = scopePredicate(actor);
  await moneyReadableContract(ctx.db, actor, contractId);
  const k = await repo.contractOf(ctx.db, contractId);
  if (!k) throw notFound();
  const net = Number(k.net_amount_cents);
  const rows = await repo.registerRows(ctx.db, contractId, period, scope);
  const rules = new Map(
    (await repo.rulesByIds(ctx.db, [...new Set(rows.map((r) => r.rule_id).filter((x): x is string => !!x))])).map((r) => [r.id, r]),
  );
  const instants = await repo.eventInstants(
    ctx.db,
    rows.map((r) => r.id),
  );
  const manual = await repo.manualProposals(
    ctx.db,
    rows.filter((r) => r.breach_key.startsWith('manual:')).map((r) => r.id),
  );
  const totals = { proposedCents: 0, openCents: 0, appliedCents: 0, waivedCents: 0 };
  const out = rows.map((r) => {
    const proposed = Number(r.proposed_cents);
    if (r.status !== 'withdrawn') totals.proposedCents += proposed;
    if (OPEN.includes(r.status)) totals.openCents += proposed;
    if (r.status === 'applied' || r.status === 'reduced') totals.appliedCents += Number(r.final_cents ?? proposed);
    if (r.status === 'waived') totals.waivedCents += proposed;
    const ev = instants.get(r.id) ?? {};
    const rule = r.rule_id ? rules.get(r.rule_id) : undefined;
    return {
      id: r.id,
      period: r.period,
      workOrderNumber: r.work_order_number ?? null,
      building: r.building_code ?? null,
      priority: (r.work_order_priority ?? null) as RegisterDto['rows'][number]['priority'],
      clock: r.clock as RegisterDto['rows'][number]['clock'],
      breachedByMs: r.breached_by_ms === null ? null : Number(r.breached_by_ms),
      rule: rule ? describeRule(rule, net, lang) : manual.has(r.id) ? describeManual(manual.get(r.id)!, lang) : null,
      computedCents: Number(r.computed_cents),
      proposedCents: proposed,
      finalCents: r.final_cents === null ? null : Number(r.final_cents),
      status: r.status as RegisterDto['rows'][number]['status'],
      contestedAt: ev.contest ?? null,
      decidedAt: ev.apply ?? ev.reduce ?? ev.waive ?? (r.status === 'withdrawn' ? (ev.withdraw ?? null) : null),
    };
  });
  return {
    contract: { id: k.id, lot: k.lot, cig: k.cig, title: k.title, contractor: k.contractor_name, netAmountCents: net },
    period,
    rows: out,
    totals,
  };
}

function cells(r: RegisterDto['rows'][number], lang: Lang): string[] {
  return [
    r.period,
    r.workOrderNumber ?? '—',
    r.building ?? '—',
    r.priority ? label(lang, 'priority', r.priority) : '—',
    r.clock ? clockName(r.clock, lang) : '—',
    r.breachedByMs === null ? '—' : formatDuration(r.breachedByMs, lang),
    r.rule ?? '—',
    euro(r.computedCents, lang),
    euro(r.proposedCents, lang),
    r.finalCents === null ? '—' : euro(r.finalCents, lang),
    STATUS[lang][r.status] ?? r.status,
    romeTime(r.contestedAt),
    romeTime(r.decidedAt),
  ];
}

/** Text cells of a row escaped against formula injection (the rule's text and names are user input). */
const safe = (cells: readonly unknown[]) => cells.map(xlsxValue);

export async function registerFile(
  ctx: AppContext,
  actor: Principal,
  contractId: string,
  period: string,
  format: 'xlsx' | 'pdf',
): Promise<RegisterFile> {
  // The PDF is a formal document: Italian. The spreadsheet follows the caller's language.
  const lang: Lang = format === 'pdf' ? 'it' : actor.language;
  const data = await registerData(ctx, actor, contractId, period, lang);
  const base = `registro-penali-${data.contract.lot.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${period}`;
  const totals: Array<[string, string]> =
    lang === 'it'
      ? [
          ['Totale proposto', euro(data.totals.proposedCents)],
          ['In corso', euro(data.totals.openCents)],
          ['Applicato', euro(data.totals.appliedCents)],
          ['Annullato', euro(data.totals.waivedCents)],
        ]
      : [
          ['Proposed', euro(data.totals.proposedCents, 'en')],
          ['Open', euro(data.totals.openCents, 'en')],
          ['Applied', euro(data.totals.appliedCents, 'en')],
          ['Waived', euro(data.totals.waivedCents, 'en')],
        ];
  if (format === 'pdf') {
    const body = await registerPdf({
      contract: data.contract,
      period,
      headers: HEADERS.it,
      rows: data.rows.map((r) => cells(r, 'it')),
      totals,
      now: ctx.now(),
    });
    return { filename: `${base}.pdf`, contentType: 'application/pdf', body };
  }
  const wb = new (await loadExcelJS()).Workbook();
  wb.creator = 'Presidio';
  const ws = wb.addWorksheet(lang === 'it' ? 'Registro penali' : 'Penalty register');
  ws.addRow(safe([`${data.contract.lot} — ${data.contract.title}`])).font = { bold: true };
  ws.addRow(safe([`CIG ${data.contract.cig}`, data.contract.contractor, period]));
  ws.addRow([]);
  const header = ws.addRow(safe(HEADERS[lang]));
  header.font = { bold: true };
  for (const r of data.rows) {
    ws.addRow(
      safe([
        r.period,
        r.workOrderNumber,
        r.building,
        r.priority ? label(lang, 'priority', r.priority) : null,
        r.clock ? clockName(r.clock, lang) : null,
        r.breachedByMs === null ? null : formatDuration(r.breachedByMs, lang),
        r.rule,
        r.computedCents / 100,
        r.proposedCents / 100,
        r.finalCents === null ? null : r.finalCents / 100,
        STATUS[lang][r.status] ?? r.status,
        excelTime(r.contestedAt),
        excelTime(r.decidedAt),
      ]),
    );
  }
  for (const c of [8, 9, 10]) ws.getColumn(c).numFmt = '€ #,##0.00';
  for (const c of [12, 13]) ws.getColumn(c).numFmt = 'dd/mm/yyyy hh:mm';
  ws.addRow([]);
  for (const [k, v] of totals) ws.addRow(safe([k, v]));
  ws.columns.forEach((col, i) => {
    col.width = [10, 18, 10, 12, 18, 14, 50, 12, 12, 12, 14, 17, 17][i] ?? 12;
  });
  const body = Buffer.from(await wb.xlsx.writeBuffer());
  return { filename: `${base}.xlsx`, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', body };
}
