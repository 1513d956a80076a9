// Last step of `npm test`: the integration suite and the browser suite side by side. They share
// nothing (the browser suite runs its own server on its own SQLite file; the integration tests make
// their own databases), and one waits mostly on the database while the other waits on Chromium, so
// together they take little more than the longer of the two. Each line is prefixed with its suite;
// the exit code is non-zero when either fails, and both always run to the end.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

const SUITES = [
  { name: 'int', script: 'test:int' },
  { name: 'e2e', script: 'test:e2e' },
] as const;

function run(name: string, script: string): Promise<number> {
  const started = Date.now();
  const child = spawn('npm', ['run', '--silent', script], { stdio: ['ignore', 'pipe', 'pipe'], env: process.env });
  for (const stream of [child.stdout, child.stderr])
    createInterface({ input: stream }).on('line', (line) => process.stdout.write(`[${name}] ${line}\n`));
  return new Promise((resolve) =>
    child.on('close', (code, signal) => {
      const minutes = ((Date.now() - started) / 60_000).toFixed(1);
      process.stdout.write(`[${name}] ${script} ended with ${signal ?? `exit code ${code}`} after ${minutes} min\n`);
      resolve(code ?? 1);
    }),
  );
}

const codes = await Promise.all(SUITES.map((s) => run(s.name, s.script)));
const failed = SUITES.filter((_, i) => codes[i] !== 0).map((s) => s.script);
if (failed.length > 0) {
  process.stdout.write(`FAILED: ${failed.join(', ')}\n`);
  process.exit(1);
}
process.stdout.write('Both suites passed.\n');
