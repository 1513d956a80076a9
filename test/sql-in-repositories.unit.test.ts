import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// ARCHITECTURE.md: the repository is the only place with SQL. Routes, services and rule modules
// (scope.ts, worklists.views.ts, plans.scope.ts, penaltyScope) pick conditions; the conditions'
// SQL and every query live in *.repository.ts. Outside them, besides migrations (frozen,
// Kysely<any>) and the demo data loaders (src/server/db/seed/, *.seed.ts), no source file under
// src/server may build a query. A service may still open a transaction (db.transaction()) and
// import Kysely's types.

const ROOT = 'src/server';

const EXEMPT: Array<{ why: string; test: (file: string) => boolean }> = [
  { why: 'repository', test: (f) => f.endsWith('.repository.ts') },
  { why: 'migration', test: (f) => f.startsWith('src/server/db/migrations/') },
  { why: 'demo data loader', test: (f) => f.startsWith('src/server/db/seed/') || f.endsWith('.seed.ts') },
  { why: 'unit test', test: (f) => f.endsWith('.test.ts') },
];

/** What building a query looks like, each with the name the failure gives it. */
const PATTERNS: Array<{ name: string; re: RegExp }> = [
  {
    name: 'a query (selectFrom/insertInto/updateTable/deleteFrom/…)',
    re: /\.(selectFrom|selectNoFrom|insertInto|replaceInto|updateTable|deleteFrom|mergeInto|with)\s*\(/,
  },
  {
    name: 'a query clause (whereRef/join/orderBy/groupBy/having/returning/onConflict)',
    re: /\.(whereRef|innerJoin|leftJoin|rightJoin|fullJoin|orderBy|groupBy|having|returning|onConflict)\s*\(/,
  },
  // Kysely's where(column, op, value) or where((eb) => …); not a scope's own where(alias), which
  // hands a rule's predicate to the repository that runs the query.
  { name: 'a where clause', re: /\.where\s*\(\s*(['"`][^'"`]*['"`]\s*,|\(?\s*\w+\s*\)?\s*=>)/ },
  { name: 'running a built query (executeTakeFirst…)', re: /\.(executeTakeFirst|executeTakeFirstOrThrow|stream)\s*\(/ },
  { name: 'an sql`` template', re: /\bsql\s*(<[^`>]*>)?\s*`|\bsql\.(ref|raw|lit|id|table|join|val)\s*\(/ },
  {
    name: "a value import of Kysely's SQL builders (sql, expressionBuilder)",
    re: /^\s*import\s+(?!type\b)[^;]*\b(sql|expressionBuilder)\b[^;]*from\s+['"]kysely['"]/,
  },
];

/** Line-comment and block-comment lines out (comments may name SQL to explain it); code kept. */
function codeLines(text: string): Array<{ line: number; code: string }> {
  const out: Array<{ line: number; code: string }> = [];
  let inBlock = false;
  text.split('\n').forEach((raw, i) => {
    let code = raw;
    if (inBlock) {
      const end = code.indexOf('*/');
      if (end < 0) return;
      code = code.slice(end + 2);
      inBlock = false;
    }
    const start = code.indexOf('/*');
    if (start >= 0 && code.indexOf('*/', start + 2) < 0) {
      inBlock = true;
      code = code.slice(0, start);
    }
    if (/^\s*\/\//.test(code)) return;
    out.push({ line: i + 1, code });
  });
  return out;
}

/** "file:line: what" for every query-building line of one file's text. */
export function sqlOutsideRepositories(file: string, text: string): string[] {
  const found: string[] = [];
  for (const { line, code } of codeLines(text)) {
    for (const p of PATTERNS) if (p.re.test(code)) found.push(`${file}:${line}: ${p.name}: ${code.trim()}`);
  }
  return found;
}

function sourceFiles(): string[] {
  return (fs.readdirSync(ROOT, { recursive: true }) as string[])
    .map((f) => path.posix.join(ROOT, f.split(path.sep).join('/')))
    .filter((f) => f.endsWith('.ts') && fs.statSync(f).isFile())
    .sort();
}

describe('SQL lives only in *.repository.ts', () => {
  it('finds what it looks for (so a pass means something)', () => {
    const service = [
      "import { sql, type SqlBool } from 'kysely';",
      'export const one = (db: Db) => db.selectFrom("users").selectAll().executeTakeFirst();',
      '  return q.where("id", "=", id).where((eb) => eb.or(parts));',
      '  const none = sql<SqlBool>`1 = 0`;',
      '  const all = sql`1 = 1`;',
      '  const r = sql.ref(column);',
    ].join('\n');
    const found = sqlOutsideRepositories('x.service.ts', service);
    expect(found.map((f) => f.split(':')[1])).toEqual(['1', '2', '2', '3', '4', '5', '6']);
    expect(sqlOutsideRepositories('x.service.ts', 'q.where(eb => eb.or(parts));')).toHaveLength(1);
    // Allowed outside repositories: type imports, transactions, comments naming SQL, Map.set, a
    // rule's predicate handed on (scope.where(alias)).
    const allowed = [
      "import type { Expression, SqlBool, Transaction } from 'kysely';",
      'await ctx.db.transaction().execute(async (trx) => repo.save(trx, row));',
      '// the repository runs db.selectFrom("users") with a sql`` template',
      '/* where(x) in a block comment',
      '   .orderBy(y) still in it */',
      'seen.set(key, row);',
      "const scoped = scope.where(alias) ?? money.where('p');",
    ].join('\n');
    expect(sqlOutsideRepositories('x.service.ts', allowed)).toEqual([]);
  });

  it('no source file under src/server outside repositories, migrations and seeds builds a query', () => {
    const files = sourceFiles();
    expect(files.length).toBeGreaterThan(100);
    const checked = files.filter((f) => !EXEMPT.some((e) => e.test(f)));
    expect(checked).toContain('src/server/scope.ts');
    expect(checked).toContain('src/server/modules/worklists/worklists.views.ts');
    const found = checked.flatMap((f) => sqlOutsideRepositories(f, fs.readFileSync(f, 'utf8')));
    expect(found, 'move these into a *.repository.ts (ARCHITECTURE.md: SQL only in repositories)').toEqual([]);
  });
});
