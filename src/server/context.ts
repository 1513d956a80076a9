import type { Config } from './config.ts';
import type { Db } from './db/create-db.ts';

/** What every service needs: the database, the configuration and the clock (tests set it). */
export interface AppContext {
  db: Db;
  config: Config;
  now: () => Date;
}

declare module 'fastify' {
  interface FastifyInstance {
    ctx: AppContext;
  }
}
