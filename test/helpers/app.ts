import { afterAll, beforeAll, describe } from 'vitest';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { loadConfig, type Config, type DatabaseConfig } from '../../src/server/config.ts';
import { buildApp } from '../../src/server/app.ts';
import { createDb, type Db } from '../../src/server/db/create-db.ts';
import { DEMO_SEEDED_AT, dialects, type Dialect } from './db.ts';

export const DEMO_PASSWORD = 'presidio';

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/** A logged-in user driving the app through inject(), cookie and CSRF token included. */
export class Client {
  constructor(
    private app: FastifyInstance,
    readonly cookie: string | null,
    readonly csrf: string | null,
    readonly bearer: string | null = null,
  ) {}

  request(method: Method, url: string, body?: unknown, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
    return this.app.inject({
      method,
      url,
      ...(body !== undefined ? { payload: body as object } : {}),
      headers: {
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...(this.csrf && method !== 'GET' ? { 'x-csrf-token': this.csrf } : {}),
        ...(this.bearer ? { authorization: `Bearer ${this.bearer}` } : {}),
        ...headers,
      },
    });
  }
  get(url: string, headers?: Record<string, string>) {
    return this.request('GET', url, undefined, headers);
  }
  post(url: string, body?: unknown) {
    return this.request('POST', url, body ?? {});
  }
  patch(url: string, body: unknown) {
    return this.request('PATCH', url, body);
  }
  put(url: string, body: unknown) {
    return this.request('PUT', url, body);
  }
  delete(url: string) {
    return this.request('DELETE', url);
  }
}

export interface TestEnv {
  dialect: Dialect['name'];
  app: FastifyInstance;
  db: Db;
  /** Where `db` is: another pool or process opens the same database with it. */
  dbConfig: DatabaseConfig;
  config: Config;
  /** Moves the app's clock; tests pass explicit instants. */
  clock: { now: Date };
  login(username: string, password?: string): Promise<Client>;
  anonymous(): Client;
}

export interface EnvOptions {
  /** Seed the demo university (default true). */
  demo?: boolean;
  env?: Record<string, string>;
}

/** Runs `fn` once per database engine, each with its own fresh database and app. */
export function describeEachDb(title: string, fn: (env: TestEnv) => void, options: EnvOptions = {}) {
  for (const dialect of dialects()) {
    describe(`${title} [${dialect.name}]`, () => {
      const env = { dialect: dialect.name, clock: { now: new Date(DEMO_SEEDED_AT) } } as TestEnv;
      let drop: () => Promise<void> = async () => {};
      beforeAll(async () => {
        const made = await dialect.create({ demo: options.demo !== false });
        drop = made.drop;
        env.db = made.db;
        env.dbConfig = made.config;
        env.config = loadConfig({ LOG_LEVEL: 'silent', LOGIN_RATE_LIMIT: '10000', ...options.env });
        env.app = await buildApp(env.config, { db: made.db, now: () => env.clock.now, logger: false });
        env.login = async (username, password = DEMO_PASSWORD) => {
          const res = await env.app.inject({ method: 'POST', url: '/api/session', payload: { username, password } });
          if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
          const cookie = res.cookies.find((c) => c.name === 'presidio_session');
          return new Client(env.app, `presidio_session=${cookie!.value}`, res.json().csrfToken);
        };
        env.anonymous = () => new Client(env.app, null, null);
      });
      afterAll(async () => {
        await env.app?.close();
        await drop();
      });
      fn(env);
    });
  }
}

/**
 * The database as another app instance sees it: on PostgreSQL a connection pool of its own on the
 * test's database (destroy it after); on SQLite, one process's database, the same `env.db`.
 */
export function otherInstanceDb(env: TestEnv): Db {
  return env.dialect === 'postgres' ? createDb(env.dbConfig) : env.db;
}
