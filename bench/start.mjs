// Start to the first /healthz 200 (#12 item 3): runs a start command N times against an existing
// database and prints each time and the median. Plain JavaScript so that the measurement itself
// loads no TypeScript. Usage:
//   node bench/start.mjs [runs] -- <command…>     e.g. node bench/start.mjs 5 -- npm start
// The database is the caller's DATABASE_URL (migrate it once before, e.g. with one `npm start`).
import { spawn } from 'node:child_process';
import net from 'node:net';

const sep = process.argv.indexOf('--');
const runs = Number(process.argv[2] && sep !== 2 ? process.argv[2] : 5);
const command = process.argv.slice(sep + 1);
if (sep < 0 || !command.length) {
  console.error('usage: node bench/start.mjs [runs] -- <command…>');
  process.exit(2);
}

const freePort = () =>
  new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });

async function healthy(port) {
  try {
    return (await fetch(`http://127.0.0.1:${port}/healthz`)).status === 200;
  } catch {
    return false;
  }
}

async function once() {
  const port = await freePort();
  const t0 = performance.now();
  const child = spawn(command[0], command.slice(1), {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
    stdio: 'ignore',
    detached: true,
  });
  let exited = false;
  child.on('exit', () => (exited = true));
  while (!exited && !(await healthy(port))) await new Promise((r) => setTimeout(r, 20));
  const ms = performance.now() - t0;
  if (exited) throw new Error(`${command.join(' ')} exited before /healthz answered`);
  process.kill(-child.pid, 'SIGTERM');
  await new Promise((r) => (exited ? r() : child.on('exit', r)));
  return ms;
}

const times = [];
for (let i = 0; i < runs; i++) {
  const ms = await once();
  times.push(ms);
  console.log(`run ${i + 1}: ${(ms / 1000).toFixed(2)} s`);
}
times.sort((a, b) => a - b);
console.log(
  `median of ${runs}: ${(times[Math.floor(runs / 2)] / 1000).toFixed(2)} s (min ${(times[0] / 1000).toFixed(2)}, max ${(times[runs - 1] / 1000).toFixed(2)})`,
);
