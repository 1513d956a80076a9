// Queries of the hottest requests, built and compiled by Kysely once per engine instead of on every
// call (#12 item 1): building a six-table join and compiling it cost more CPU than running it on
// SQLite (docs/BENCHMARKS.md "What the profile found on a quiet machine"). The builder is the ordinary Kysely query, written
// once with stand-ins for its parameters; each call puts the values where the stand-ins landed.
import type { Compilable, CompiledQuery, QueryResult } from 'kysely';
import type { Db } from './create-db.ts';

interface Template {
  compiled: CompiledQuery;
  /** For each parameter of the compiled SQL: the index of the call's argument, or -1 for a constant. */
  slots: number[];
}

const stand = (i: number) => `\u0000presidio-parameter-${i}\u0000`;

/** The compiled query of `stands`, with where each stand-in landed (every one must: a bound parameter). */
function templateOf(compiled: CompiledQuery, stands: string[]): Template {
  const slots = compiled.parameters.map((p) => (typeof p === 'string' ? stands.indexOf(p) : -1));
  for (let i = 0; i < stands.length; i++)
    if (!slots.includes(i)) throw new Error(`precompiled: argument ${i} is not a bound parameter of ${compiled.sql}`);
  if (!statementNames.has(compiled.sql)) statementNames.set(compiled.sql, `presidio_${statementNames.size + 1}`);
  return { compiled, slots };
}

/**
 * The SQL of every precompiled query, with a name for it: PostgreSQL runs these as named prepared
 * statements (create-db.ts), planned once per connection instead of on every run — the plan of the
 * ticket's six-table join took 0.65 ms and its execution 0.08.
 */
const statementNames = new Map<string, string>();
export const statementName = (sql: string): string | undefined => statementNames.get(sql);

/**
 * A query compiled once per dialect: `build` receives stand-ins for the arguments and must not
 * branch on them (a variant with another shape is another precompiled query); a value that must
 * not become a bound parameter (a list whose length varies) does not belong here.
 */
export function precompiled<A extends unknown[], O>(build: (db: Db, ...args: A) => Compilable<O>) {
  // Keyed by the dialect's adapter: a transaction shares its database's, and each engine compiles its own SQL.
  const templates = new WeakMap<object, Template>();
  const templateFor = (db: Db, arity: number): Template => {
    const adapter = db.getExecutor().adapter;
    let t = templates.get(adapter);
    if (!t) {
      const stands = Array.from({ length: arity }, (_, i) => stand(i));
      t = templateOf(build(db, ...(stands as unknown as A)).compile(), stands);
      templates.set(adapter, t);
    }
    return t;
  };
  return {
    /** Runs the query with these arguments (in `db`, which may be a transaction). */
    async execute(db: Db, ...args: A): Promise<O[]> {
      const r: QueryResult<O> = await db.executeQuery(bind<O>(templateFor(db, args.length), args));
      return r.rows;
    },
    async executeTakeFirst(db: Db, ...args: A): Promise<O | undefined> {
      return (await this.execute(db, ...args))[0];
    },
  };
}

/**
 * A statement of one row (an insert), compiled once per dialect and set of columns: `build`
 * receives a row of stand-ins with the given row's keys (those not undefined, which Kysely leaves
 * out). A row holding anything but plain values (an sql`…` expression) is built as usual.
 */
export function precompiledRow<R extends object>(build: (db: Db, row: R) => Compilable<unknown>) {
  const templates = new WeakMap<object, Map<string, Template>>();
  return async (db: Db, row: R): Promise<void> => {
    const values = row as Record<string, unknown>;
    const keys = Object.keys(values).filter((k) => values[k] !== undefined);
    if (keys.some((k) => values[k] !== null && typeof values[k] === 'object')) {
      await db.executeQuery(build(db, row));
      return;
    }
    const adapter = db.getExecutor().adapter;
    let byColumns = templates.get(adapter);
    if (!byColumns) templates.set(adapter, (byColumns = new Map()));
    const columns = keys.join(',');
    let t = byColumns.get(columns);
    if (!t) {
      const stands = keys.map((_, i) => stand(i));
      t = templateOf(build(db, Object.fromEntries(keys.map((k, i) => [k, stands[i]])) as R).compile(), stands);
      byColumns.set(columns, t);
    }
    await db.executeQuery(
      bind(
        t,
        keys.map((k) => values[k]),
      ),
    );
  };
}

function bind<O = unknown>(t: Template, args: unknown[]): CompiledQuery<O> {
  const constants = t.compiled.parameters;
  return { ...t.compiled, parameters: t.slots.map((s, i) => (s < 0 ? constants[i] : args[s])) };
}
