// Parses one raw e-mail off the main thread (#7 item 3): MIME, header decoding, charsets and
// HTML→text all run here, so a hostile message can slow this thread only, never the server's
// event loop (HTTP, /healthz, the SMTP listener). Plain JavaScript on purpose: a worker thread is a
// fresh Node instance that loads this file without the TypeScript loader.
// Caps, each applied before the step it protects: the header block (size and field count), the
// HTML handed to the HTML→text conversion, the text kept (truncated with a marker, never dropped),
// the number of attachments, recipients and references. The parent kills the worker after a time
// limit, so a message that still takes too long is held, not waited on.
import { createHash } from 'node:crypto';
import { parentPort } from 'node:worker_threads';
import { simpleParser } from 'mailparser';

const TRUNCATED = '\n\n[… testo troncato / text truncated …]';

/** End of the header block (index of the blank line) or -1; linear. */
function headerEnd(raw) {
  const crlf = raw.indexOf('\r\n\r\n');
  const lf = raw.indexOf('\n\n');
  if (crlf < 0) return lf;
  if (lf < 0) return crlf;
  return Math.min(crlf, lf);
}

/** The header block cut to the caps (whole fields only), and whether anything was cut. */
function capHeaders(raw, maxBytes, maxFields) {
  const end = headerEnd(raw);
  const headLen = end < 0 ? raw.length : end;
  let fields = 0;
  let lastFieldStart = 0;
  let cutAt = -1;
  for (let i = 0; i < headLen && i <= maxBytes; i++) {
    const atLineStart = i === 0 || raw[i - 1] === 0x0a;
    if (atLineStart && raw[i] !== 0x20 && raw[i] !== 0x09) {
      fields++;
      lastFieldStart = i;
      if (fields > maxFields) {
        cutAt = i;
        break;
      }
    }
  }
  if (cutAt < 0 && headLen > maxBytes) cutAt = lastFieldStart;
  if (cutAt < 0) return { raw, cut: false };
  const body = end < 0 ? Buffer.alloc(0) : raw.subarray(end);
  return { raw: Buffer.concat([raw.subarray(0, cutAt), body.length ? body : Buffer.from('\r\n\r\n')]), cut: true };
}

function addresses(a, max) {
  const list = Array.isArray(a) ? a : a ? [a] : [];
  const out = [];
  for (const o of list)
    for (const v of o.value ?? []) {
      if (out.length >= max) return out;
      if (v.address)
        out.push({ address: String(v.address).trim().slice(0, 320), name: v.name ? String(v.name).trim().slice(0, 200) : null });
      for (const g of v.group ?? [])
        if (g.address && out.length < max) out.push({ address: String(g.address).trim().slice(0, 320), name: null });
    }
  return out;
}

function headerText(p, name) {
  const v = p.headers.get(name);
  if (v === undefined || v === null) return null;
  const s = typeof v === 'string' ? v : typeof v === 'object' && 'value' in v ? String(v.value) : String(v);
  return s.slice(0, 200);
}

async function parse({ raw: bytes, limits }) {
  const original = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const sha256 = createHash('sha256').update(original).digest('hex');
  const { raw, cut } = capHeaders(original, limits.maxHeaderBytes, limits.maxHeaderFields);
  const p = await simpleParser(raw, {
    skipImageLinks: true,
    skipTextToHtml: true,
    skipTextLinks: true,
    maxHtmlLengthToParse: limits.maxHtmlBytes,
  });
  let text = (p.text ?? '').trim();
  let truncated = false;
  if (text.length > limits.maxTextChars) {
    text = text.slice(0, limits.maxTextChars) + TRUNCATED;
    truncated = true;
  }
  const refs = [];
  for (const r of [
    ...(p.inReplyTo ? [p.inReplyTo] : []),
    ...(Array.isArray(p.references) ? p.references : p.references ? [p.references] : []),
  ]) {
    for (const x of String(r).slice(0, 20_000).split(/\s+/)) {
      if (x && refs.length < limits.maxRefs) refs.push(x.slice(0, 998));
    }
  }
  const from = addresses(p.from, 1)[0] ?? null;
  const attachments = [];
  const transfer = [];
  let skippedAttachments = 0;
  for (const a of p.attachments ?? []) {
    if (a.contentDisposition === 'inline' && a.related) continue;
    if (attachments.length >= limits.maxAttachments) {
      skippedAttachments++;
      continue;
    }
    // A buffer of its own, so it can be handed over without a copy (a pooled slice would take the pool with it).
    const own = a.content.byteOffset === 0 && a.content.byteLength === a.content.buffer.byteLength ? a.content : Buffer.from(a.content);
    const content = new Uint8Array(own.buffer, own.byteOffset, own.byteLength);
    transfer.push(content.buffer);
    attachments.push({
      filename: a.filename ? String(a.filename).slice(0, 255) : null,
      contentType: String(a.contentType || 'application/octet-stream').slice(0, 200),
      content,
    });
  }
  return {
    result: {
      sha256,
      headersCut: cut,
      textTruncated: truncated,
      messageId: p.messageId ? String(p.messageId).trim().slice(0, 998) : null,
      from,
      recipients: [...addresses(p.to, limits.maxRecipients), ...addresses(p.cc, limits.maxRecipients)].map((x) => x.address),
      subject: String(p.subject ?? '')
        .trim()
        .slice(0, 998),
      text,
      references: refs,
      autoSubmitted: headerText(p, 'auto-submitted'),
      precedence: headerText(p, 'precedence'),
      contentLanguage: headerText(p, 'content-language'),
      attachments,
      skippedAttachments,
    },
    transfer,
  };
}

parentPort.on('message', (job) => {
  parse(job).then(
    ({ result, transfer }) => parentPort.postMessage({ id: job.id, ok: true, result }, transfer),
    (err) => parentPort.postMessage({ id: job.id, ok: false, error: String(err?.message ?? err).slice(0, 500) }),
  );
});
