// The WAL checkpointer's thread (checkpointer.ts): a connection of its own to the database file and
// a passive checkpoint every `everyMs` — passive: it neither waits for the server's connection nor
// blocks it. Plain JavaScript: a worker thread does not load TypeScript.
import { parentPort, workerData } from 'node:worker_threads';
import SQLite from 'better-sqlite3';

// The server made the file: never create another where it was.
const db = new SQLite(workerData.file, { fileMustExist: true });
db.pragma('synchronous = NORMAL');
const timer = setInterval(() => db.pragma('wal_checkpoint(PASSIVE)'), workerData.everyMs);
parentPort.on('message', (m) => {
  if (m !== 'stop') return;
  clearInterval(timer);
  db.close();
  parentPort.close();
});
