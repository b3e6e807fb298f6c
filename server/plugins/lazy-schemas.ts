import { createRequire } from 'node:module';
import type { FastifyServerOptions } from 'fastify';

type CompilersFactory = NonNullable<NonNullable<FastifyServerOptions['schemaController']>['compilersFactory']>;

/** What Fastify hands a validator or serializer compiler for one route part. */
type RouteSchema = unknown;
type Validate = ((data: unknown) => unknown) & { errors?: unknown };
type Serialize = (data: unknown) => string;
type BuildValidator = (externalSchemas: unknown, options: unknown) => (route: RouteSchema) => Validate;
type BuildSerializer = (externalSchemas: unknown, options: unknown) => (route: RouteSchema) => Serialize;

const load = createRequire(import.meta.url);

/** A validator that compiles its schema the first time it is called; Fastify reads `.errors` after a failed call. */
function lazyValidator(compile: () => Validate): Validate {
  let validate: Validate | undefined;
  const lazy: Validate = (data) => {
    validate ??= compile();
    const result = validate(data);
    lazy.errors = validate.errors;
    return result;
  };
  return lazy;
}

function lazySerializer(compile: () => Serialize): Serialize {
  let serialize: Serialize | undefined;
  return (data) => (serialize ??= compile())(data);
}

/**
 * Fastify's own compilers (Ajv for requests, fast-json-stringify for responses), deferred
 * to each route's first use. Compiling every route's schemas at boot was most of the cold
 * start and of the memory of an idle server; a route never called now costs nothing. The
 * compiled code and its options are exactly Fastify's defaults, so behaviour is unchanged.
 */
export function lazySchemaCompilers(): CompilersFactory {
  const buildValidator = (load('@fastify/ajv-compiler') as () => BuildValidator)();
  const buildSerializer = (load('@fastify/fast-json-stringify-compiler') as () => BuildSerializer)();
  const lazy: { buildValidator: BuildValidator; buildSerializer: BuildSerializer } = {
    buildValidator: (externalSchemas, options) => {
      const compile = buildValidator(externalSchemas, options);
      return (route) => lazyValidator(() => compile(route));
    },
    buildSerializer: (externalSchemas, options) => {
      const compile = buildSerializer(externalSchemas, options);
      return (route) => lazySerializer(() => compile(route));
    },
  };
  return lazy as unknown as CompilersFactory;
}
