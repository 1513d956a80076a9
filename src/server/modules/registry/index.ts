import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import * as s from '../../../shared/schemas/registry.ts';
import { problemResponses } from '../../../shared/schemas/common.ts';
import { principalOf } from '../../plugins/auth.ts';
import { collectionRoutes } from './crud.routes.ts';
import { assets } from './assets.service.ts';
import { buildings } from './buildings.service.ts';
import { contractors } from './contractors.service.ts';
import { contracts, resolveContract } from './contracts.service.ts';
import { departments } from './departments.service.ts';
import { floors } from './floors.service.ts';
import { sites } from './sites.service.ts';
import { spaces } from './spaces.service.ts';
import { technologyClasses } from './technology-classes.service.ts';
import { users } from './users.service.ts';

export { resolveContract } from './contracts.service.ts';

/** Registers the routes of every registry collection. */
export async function registryRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  // Before /api/contracts/:id in intent; the router prefers the static segment anyway.
  r.get(
    '/api/contracts/resolve',
    {
      schema: {
        tags: ['contracts'],
        summary:
          'The one active contract covering a building and technology class on a date (422 CONTRACT_NOT_FOUND / CONTRACT_AMBIGUOUS otherwise)',
        querystring: s.ContractResolveQuery,
        response: { 200: s.ContractSchema, ...problemResponses },
      },
    },
    async (request) => resolveContract(app.ctx, principalOf(request), request.query),
  );

  const collections = [
    {
      path: '/api/sites',
      tag: 'sites',
      entity: sites,
      schemas: { item: s.SiteSchema, create: s.SiteCreate, patch: s.SitePatch, query: s.SiteQuery },
    },
    {
      path: '/api/departments',
      tag: 'departments',
      entity: departments,
      schemas: { item: s.DepartmentSchema, create: s.DepartmentCreate, patch: s.DepartmentPatch, query: s.DepartmentQuery },
    },
    {
      path: '/api/buildings',
      tag: 'buildings',
      entity: buildings,
      schemas: { item: s.BuildingSchema, create: s.BuildingCreate, patch: s.BuildingPatch, query: s.BuildingQuery },
    },
    {
      path: '/api/floors',
      tag: 'floors',
      entity: floors,
      schemas: { item: s.FloorSchema, create: s.FloorCreate, patch: s.FloorPatch, query: s.FloorQuery },
    },
    {
      path: '/api/spaces',
      tag: 'spaces',
      entity: spaces,
      schemas: { item: s.SpaceSchema, create: s.SpaceCreate, patch: s.SpacePatch, query: s.SpaceQuery },
    },
    {
      path: '/api/technology-classes',
      tag: 'technology-classes',
      entity: technologyClasses,
      schemas: {
        item: s.TechnologyClassSchema,
        create: s.TechnologyClassCreate,
        patch: s.TechnologyClassPatch,
        query: s.TechnologyClassQuery,
      },
    },
    {
      path: '/api/contractors',
      tag: 'contractors',
      entity: contractors,
      schemas: { item: s.ContractorSchema, create: s.ContractorCreate, patch: s.ContractorPatch, query: s.ContractorQuery },
    },
    {
      path: '/api/contracts',
      tag: 'contracts',
      entity: contracts,
      schemas: { item: s.ContractSchema, create: s.ContractCreate, patch: s.ContractPatch, query: s.ContractQuery },
    },
    {
      path: '/api/assets',
      tag: 'assets',
      entity: assets,
      schemas: { item: s.AssetSchema, create: s.AssetCreate, patch: s.AssetPatch, query: s.AssetQuery },
    },
    {
      path: '/api/users',
      tag: 'users',
      entity: users,
      schemas: { item: s.UserSchema, create: s.UserCreate, patch: s.UserPatch, query: s.UserQuery },
    },
  ];
  for (const c of collections) collectionRoutes(app, c);
}
