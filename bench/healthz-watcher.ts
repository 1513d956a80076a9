// #12 item 3: /healthz while the SLA watcher's first pass refreshes every work order of a freshly
// generated 10,000-ticket dataset (~10,400 work orders, all stale: none was ever watched). The real
// server runs as a child process, compiled as `npm start` runs it (build/server/main.js, compiled
// first; NODE_ENV=production, the watcher on, the other jobs off); from the moment it listens, /healthz is asked one request after another until the
// pass's log line ("sla watcher run") appears. Prints the answers' latency (median, p99, max), how
// many there were and the pass's length, per engine. test/watcher-yields.int.test.ts is the test;
// this is the figure (docs/BENCHMARKS.md "Start and background jobs").
//
//   npx tsx bench/healthz-watcher.ts [--no-pg] [--no-sqlite] [--port 3931] [--runs 3]
//
// Data: bench/generate.ts --tickets 10000 into /tmp/healthz-bench.sqlite (made anew each run: the
// pass leaves nothing stale) and the PostgreSQL schema healthzbench of postgres://postgres@127.0.0.1:5432/test.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync, spawn } from 'node:child_process';
// @ts-expect-error plain JavaScript without types (it runs before anything can load TypeScript)
import { SERVER_ENTRY, compileServer } from '../scripts/compile-server.mjs';

function arg(name: string, def?: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : def;
}
const flag = (name: string) => process.argv.includes(`--${name}`);
const PORT = Number(arg('port', '3931'));
const RUNS = Number(arg('runs', '3'));
const FILE = '/tmp/healthz-bench.sqlite';
const PG_URL = 'postgres://postgres@127.0.0.1:5432/test';
const SCHEMA = 'healthzbench';
const root = path.resolve(import.meta.dirname, '..');
const tsx = ['--import', 'tsx'];
const load = () =>
  os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(', ');

function generate(args: string[], env: Record<string, string> = {}) {
  execFileSync(process.execPath, [...tsx, 'bench/generate.ts', '--tickets', '10000', ...args], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))];

interface Run {
  answers: number[];
  /** When each answer was asked, ms after the first. */
  askedAt: number[];
  passMs: number;
  checked: number;
}

async function once(engine: 'sqlite' | 'postgres'): Promise<Run> {
  let databaseUrl: string;
  if (engine === 'sqlite') {
    for (const f of [FILE, `${FILE}-wal`, `${FILE}-shm`]) fs.rmSync(f, { force: true });
    generate(['--db', `sqlite:${FILE}`]);
    databaseUrl = `sqlite:${FILE}`;
  } else {
    generate(['--schema', SCHEMA], { DATABASE_URL: PG_URL });
    databaseUrl = `${PG_URL}?options=${encodeURIComponent(`-c search_path=${SCHEMA}`)}`;
  }
  const logFile = `/tmp/healthz-bench-${engine}.log`;
  const log = fs.openSync(logFile, 'w');
  const child = spawn(process.execPath, ['--enable-source-maps', SERVER_ENTRY as string], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      DATABASE_URL: databaseUrl,
      PORT: String(PORT),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      SLA_WATCH_INTERVAL_SECONDS: '3600',
      PLANNED_LATENESS_INTERVAL_SECONDS: '0',
      PROGRAM_GENERATOR_INTERVAL_SECONDS: '0',
      RATING_REMINDER_INTERVAL_SECONDS: '0',
    },
    stdio: ['ignore', log, log],
  });
  try {
    const url = `http://127.0.0.1:${PORT}/healthz`;
    for (;;) {
      try {
        if ((await fetch(url)).ok) break;
      } catch {
        // not listening yet
      }
      if (child.exitCode !== null) throw new Error(`the server exited (see ${logFile})`);
      await new Promise((r) => setTimeout(r, 20));
    }
    const passLine = () =>
      fs
        .readFileSync(logFile, 'utf8')
        .split('\n')
        .find((l) => l.includes('"sla watcher run"'));
    const answers: number[] = [];
    const askedAt: number[] = [];
    const t0 = performance.now();
    let line: string | undefined;
    while (!(line = passLine())) {
      const a = performance.now();
      askedAt.push(a - t0);
      const res = await fetch(url);
      await res.arrayBuffer();
      answers.push(performance.now() - a);
    }
    return { answers, askedAt, passMs: performance.now() - t0, checked: Number((JSON.parse(line) as { checked: number }).checked) };
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
}

await compileServer();
const engines = [...(flag('no-sqlite') ? [] : (['sqlite'] as const)), ...(flag('no-pg') ? [] : (['postgres'] as const))];
console.log(`load before: ${load()}`);
console.log('| engine | run | work orders refreshed | pass | /healthz answers | median | p99 | max (asked at) | over 100 ms |');
console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
for (const engine of engines)
  for (let i = 1; i <= RUNS; i++) {
    const r = await once(engine);
    const ms = (x: number) => `${x.toFixed(1)} ms`;
    console.log(
      `| ${engine} | ${i} | ${r.checked.toLocaleString('en')} | ${(r.passMs / 1000).toFixed(1)} s | ${r.answers.length.toLocaleString('en')} | ${ms(pct(r.answers, 50))} | ${ms(pct(r.answers, 99))} | ${ms(Math.max(...r.answers))} (${(r.askedAt[r.answers.indexOf(Math.max(...r.answers))] / 1000).toFixed(1)} s) | ${r.answers.filter((x) => x > 100).length} |`,
    );
  }
console.log(`load after: ${load()}`);
