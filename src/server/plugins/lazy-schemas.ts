// Fastify compiles every route's validators (ajv) and response serializers (fast-json-stringify)
// before it listens: some 3 s of CPU for Presidio's routes, most of a start (#12 item 3). Here each
// one is compiled when its route first needs it, with Fastify's own compilers and options, so a
// start pays only for modules; the first request of a route pays its few milliseconds once.
// A schema that cannot compile now fails that route's first request instead of the start — every
// route has integration tests that reach it.
import AjvCompiler from '@fastify/ajv-compiler';
import { SerializerSelector } from '@fastify/fast-json-stringify-compiler';
import type { FastifyServerOptions } from 'fastify';

type Compile<F> = (route: object) => F;

/** Wraps a route compiler: the returned function compiles on its first call, then is the compiled one. */
function onFirstUse<F extends (...args: never[]) => unknown>(compile: Compile<F>): Compile<F> {
  return (route) => {
    let compiled: F | undefined;
    const run = ((...args: Parameters<F>) => (compiled ??= compile(route))(...args)) as F;
    // Fastify reads a validator's errors off the function after a failed call (ajv's convention).
    Object.defineProperty(run, 'errors', { get: () => (compiled as { errors?: unknown } | undefined)?.errors });
    return run;
  };
}

/** The `schemaController` option of Fastify: its default compilers, each route's compiled on first use. */
export function lazySchemaCompilers(): NonNullable<FastifyServerOptions['schemaController']> {
  const buildValidator = AjvCompiler();
  const buildSerializer = SerializerSelector();
  return {
    compilersFactory: {
      buildValidator: (externalSchemas, options) => onFirstUse(buildValidator(externalSchemas as never, options as never) as never),
      buildSerializer: (externalSchemas, options) => onFirstUse(buildSerializer(externalSchemas as never, options as never) as never),
    },
  };
}
