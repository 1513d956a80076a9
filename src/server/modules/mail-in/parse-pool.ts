// Runs the MIME parse of incoming mail in a worker thread (parse-worker.mjs), one message at a time
// in arrival order, with a time limit: past it the worker is terminated (a fresh one takes the next
// message) and the message is reported as not parsable, so intake holds it. The server's event loop
// only moves bytes to and from the worker.
import { Worker } from 'node:worker_threads';
import { appFile } from '../../paths.ts';

export interface ParseLimits {
  maxHeaderBytes: number;
  maxHeaderFields: number;
  maxHtmlBytes: number;
  maxTextChars: number;
  maxAttachments: number;
  maxRecipients: number;
  maxRefs: number;
}

export const PARSE_LIMITS: ParseLimits = {
  maxHeaderBytes: 256 * 1024,
  maxHeaderFields: 1000,
  maxHtmlBytes: 2 * 1024 * 1024,
  maxTextChars: 256 * 1024,
  maxAttachments: 50,
  maxRecipients: 100,
  maxRefs: 100,
};

export interface ParsedMessage {
  sha256: string;
  /** The header block was over a cap and cut: the message is held, never routed. */
  headersCut: boolean;
  textTruncated: boolean;
  messageId: string | null;
  from: { address: string; name: string | null } | null;
  recipients: string[];
  subject: string;
  text: string;
  references: string[];
  autoSubmitted: string | null;
  precedence: string | null;
  contentLanguage: string | null;
  attachments: Array<{ filename: string | null; contentType: string; content: Buffer }>;
  skippedAttachments: number;
}

export class ParseFailed extends Error {}

interface Job {
  id: number;
  raw: Buffer;
  resolve: (m: ParsedMessage) => void;
  reject: (e: Error) => void;
}

export const WORKER_URL = appFile('src/server/modules/mail-in/parse-worker.mjs');
const TIME_LIMIT_MS = 30_000;

class ParsePool {
  private worker: Worker | null = null;
  private queue: Job[] = [];
  private current: Job | null = null;
  private timer: NodeJS.Timeout | null = null;
  private seq = 0;

  parse(raw: Buffer): Promise<ParsedMessage> {
    return new Promise((resolve, reject) => {
      this.queue.push({ id: ++this.seq, raw, resolve, reject });
      this.next();
    });
  }

  private spawn(): Worker {
    const w = new Worker(WORKER_URL, { resourceLimits: { maxOldGenerationSizeMb: 512 } });
    w.unref();
    w.on('message', (m: { id: number; ok: boolean; result?: ParsedMessage; error?: string }) => {
      const job = this.current;
      if (!job || job.id !== m.id) return;
      if (m.ok) {
        const r = m.result!;
        // Structured clone hands back Uint8Arrays: the same memory, seen as Buffers again.
        for (const a of r.attachments) a.content = Buffer.from(a.content.buffer, a.content.byteOffset, a.content.byteLength);
        this.finish(() => job.resolve(r));
      } else {
        this.finish(() => job.reject(new ParseFailed(m.error ?? 'parse failed')));
      }
    });
    const gone = (why: string) => {
      // A worker terminated for its time limit is already replaced: its exit concerns no job.
      if (this.worker !== w) return;
      this.worker = null;
      const job = this.current;
      if (job) this.finish(() => job.reject(new ParseFailed(why)));
    };
    w.on('error', (e) => gone(e.message));
    w.on('exit', (code) => gone(`parser exited (${code})`));
    return w;
  }

  private finish(settle: () => void) {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.current = null;
    // An idle worker must not keep the process alive; a busy one does (its caller awaits it).
    this.worker?.unref();
    settle();
    this.next();
  }

  private next() {
    if (this.current || this.queue.length === 0) return;
    const job = this.queue.shift()!;
    this.current = job;
    this.worker ??= this.spawn();
    const w = this.worker;
    w.ref();
    this.timer = setTimeout(() => {
      this.worker = null;
      void w.terminate();
      this.finish(() => job.reject(new ParseFailed(`parse took over ${TIME_LIMIT_MS / 1000} s`)));
    }, TIME_LIMIT_MS);
    this.timer.unref();
    // A copy the worker owns (the caller keeps its Buffer, e.g. to retry).
    const copy = new Uint8Array(job.raw);
    w.postMessage({ id: job.id, raw: copy, limits: PARSE_LIMITS }, [copy.buffer]);
  }
}

const pool = new ParsePool();

/** Parses a raw message off the main thread. Rejects with ParseFailed when it cannot. */
export const parseOffThread = (raw: Buffer) => pool.parse(raw);
