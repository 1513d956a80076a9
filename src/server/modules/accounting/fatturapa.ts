// Reads a contractor's FatturaPA e-invoice (the XML, not signed): checks it against the official
// schema with libxml2 (a kept parser and XSD validator, compiled to WebAssembly: no file or network
// access but the two schema buffers given to it), then reads what the statement match needs.
// Untrusted input: size-capped, no DTD, no external entities, no network.
import { readFileSync } from 'node:fs';
import {
  ParseOption,
  XmlBufferInputProvider,
  XmlDocument,
  XmlParseError,
  XmlValidateError,
  XsdValidator,
  xmlRegisterInputProvider,
  type XmlNode,
} from 'libxml2-wasm';
import type { InvoiceFacts, VatCollectability } from '../../../domain/accounting/invoice-match.ts';
import { appFile } from '../../paths.ts';

/** Far above any real invoice of a maintenance contract (a few tens of kB), far below a memory risk. */
export const MAX_INVOICE_BYTES = 5 * 1024 * 1024;

const NS = { p: 'http://ivaservizi.agenziaentrate.gov.it/docs/xsd/fatture/v1.2' };
const SCHEMA_URL = 'presidio-xsd:///FatturaPA_v1.2.2.xsd';
const SAFE = ParseOption.XML_PARSE_NONET | ParseOption.XML_PARSE_NO_XXE;

export interface InvoiceDocument extends InvoiceFacts {
  number: string;
  /** ISO day. */
  date: string;
  /** Every CIG the document names (contract, order, agreement data), upper case. */
  cigs: string[];
}

export type InvoiceReadProblem =
  | { code: 'tooLarge'; maxBytes: number }
  | { code: 'notXml' }
  | { code: 'dtdRefused' }
  | { code: 'notFatturaPA' }
  | { code: 'notForPublicBody'; format: string }
  | { code: 'schema'; errors: Array<{ line: number; message: string }> }
  | { code: 'amount'; path: string; value: string };

export type InvoiceRead = { ok: true; format: 'FPA12'; documents: InvoiceDocument[] } | { ok: false; problem: InvoiceReadProblem };

/** The FatturaPA schema and the signature schema it imports. */
export const XSD_DIR = appFile('src/server/modules/accounting/xsd/');

let validator: XsdValidator | null = null;
function schema(): XsdValidator {
  if (validator) return validator;
  // The schema imports its neighbour by a relative name: serve both from memory under one base URL.
  xmlRegisterInputProvider(
    new XmlBufferInputProvider({
      [SCHEMA_URL]: readFileSync(new URL('FatturaPA_v1.2.2.xsd', XSD_DIR)),
      'presidio-xsd:///xmldsig-core.xsd': readFileSync(new URL('xmldsig-core.xsd', XSD_DIR)),
    }),
  );
  const doc = XmlDocument.fromBuffer(readFileSync(new URL('FatturaPA_v1.2.2.xsd', XSD_DIR)), { url: SCHEMA_URL });
  try {
    validator = XsdValidator.fromDoc(doc);
  } finally {
    doc.dispose();
  }
  return validator;
}

/** "13254.75" → 1325475; up to 8 decimals (unit prices), rounded half away from zero to the cent. */
export function decimalToCents(text: string): number | null {
  const m = /^(-?)(\d{1,15})(?:\.(\d{1,8}))?$/.exec(text.trim());
  if (!m) return null;
  const frac = (m[3] ?? '').padEnd(8, '0');
  let cents = Number(m[2]) * 100 + Number(frac.slice(0, 2));
  if (Number(frac[2]) >= 5) cents += 1;
  return m[1] === '-' && cents !== 0 ? -cents : cents;
}

const text = (node: XmlNode, path: string): string | null => {
  const n = node.get(path, NS);
  return n ? n.content.trim() : null;
};

/** Reads and checks an invoice file. Never throws on bad input: every refusal is a problem. */
export function readFatturaPA(bytes: Uint8Array): InvoiceRead {
  if (bytes.byteLength > MAX_INVOICE_BYTES) return { ok: false, problem: { code: 'tooLarge', maxBytes: MAX_INVOICE_BYTES } };
  // A FatturaPA never carries a DTD: refuse any before the parser sees it (no entity expansion at all).
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (head.indexOf('<!DOCTYPE') !== -1 || head.indexOf('<!ENTITY') !== -1) return { ok: false, problem: { code: 'dtdRefused' } };
  let doc: XmlDocument;
  try {
    doc = XmlDocument.fromBuffer(bytes, { option: SAFE });
  } catch (e) {
    if (e instanceof XmlParseError) return { ok: false, problem: { code: 'notXml' } };
    throw e;
  }
  try {
    const root = doc.root;
    if (root.name !== 'FatturaElettronica' || root.namespaceUri !== NS.p) return { ok: false, problem: { code: 'notFatturaPA' } };
    try {
      schema().validate(doc);
    } catch (e) {
      if (!(e instanceof XmlValidateError)) throw e;
      return {
        ok: false,
        problem: { code: 'schema', errors: e.details.slice(0, 20).map((d) => ({ line: d.line, message: d.message.trim() })) },
      };
    }
    const format = root.attr('versione')?.value ?? '';
    if (format !== 'FPA12') return { ok: false, problem: { code: 'notForPublicBody', format } };
    const supplier = root.get('FatturaElettronicaHeader/CedentePrestatore/DatiAnagrafici/IdFiscaleIVA', NS)!;
    const supplierVatNumber = `${text(supplier, 'IdPaese')}${text(supplier, 'IdCodice')}`;
    const documents: InvoiceDocument[] = [];
    for (const body of root.find('FatturaElettronicaBody', NS)) {
      const general = body.get('DatiGenerali/DatiGeneraliDocumento', NS)!;
      let taxableCents = 0;
      let vatCents = 0;
      const collectability = new Set<string>();
      for (const summary of body.find('DatiBeniServizi/DatiRiepilogo', NS)) {
        for (const [path, add] of [
          ['ImponibileImporto', (c: number) => (taxableCents += c)],
          ['Imposta', (c: number) => (vatCents += c)],
        ] as const) {
          const raw = text(summary, path) ?? '0';
          const cents = decimalToCents(raw);
          if (cents === null) return { ok: false, problem: { code: 'amount', path, value: raw } };
          add(cents);
        }
        // No EsigibilitaIVA means immediate (the schema's default reading).
        collectability.add(text(summary, 'EsigibilitaIVA') ?? 'I');
      }
      const cigs = [
        ...new Set(
          body
            .find('DatiGenerali/*/CodiceCIG', NS)
            .map((n) => n.content.trim().toUpperCase())
            .filter(Boolean),
        ),
      ];
      const declaredTotal = text(general, 'ImportoTotaleDocumento');
      const totalCents = declaredTotal === null ? taxableCents + vatCents : decimalToCents(declaredTotal);
      if (totalCents === null)
        return { ok: false, problem: { code: 'amount', path: 'ImportoTotaleDocumento', value: declaredTotal ?? '' } };
      documents.push({
        number: text(general, 'Numero') ?? '',
        date: text(general, 'Data') ?? '',
        supplierVatNumber,
        cig: cigs[0] ?? null,
        cigs,
        taxableCents,
        vatCents,
        totalCents,
        // Mixed lines read as the one that is not split payment: the match flags it.
        vatCollectability: (collectability.size === 1
          ? [...collectability][0]
          : [...collectability].find((c) => c !== 'S')) as VatCollectability,
      });
    }
    return { ok: true, format: 'FPA12', documents };
  } finally {
    doc.dispose();
  }
}
