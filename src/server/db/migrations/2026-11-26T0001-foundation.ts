// Frozen migration: never import app code here. Portable types only:
// text UUID keys, ISO-8601 UTC text instants, YYYY-MM-DD text dates, integer cents,
// integers 0/1 for booleans, basis points (1/100 of a percent) for percentages.
import type { Kysely } from 'kysely';

type CT = Parameters<Kysely<any>['schema']['createTable']>[0];

function audited(db: Kysely<any>, name: CT) {
  return db.schema
    .createTable(name)
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull());
}

export async function up(db: Kysely<any>): Promise<void> {
  await audited(db, 'sites')
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('city', 'text', (c) => c.notNull())
    .addColumn('patron_saint', 'text') // MM-DD, a local holiday
    .execute();

  await audited(db, 'departments')
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('cost_centre', 'text', (c) => c.notNull())
    .execute();

  await audited(db, 'contractors')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('vat_number', 'text', (c) => c.notNull().unique())
    .addColumn('pec', 'text', (c) => c.notNull())
    .addColumn('email', 'text')
    .addColumn('phone', 'text')
    .execute();

  await audited(db, 'users')
    .addColumn('username', 'text', (c) => c.notNull().unique())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('email', 'text')
    .addColumn('phone', 'text')
    .addColumn('language', 'text', (c) => c.notNull().defaultTo('it'))
    .addColumn('password_hash', 'text')
    .addColumn('failed_logins', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_until', 'text')
    .addColumn('contractor_id', 'text', (c) => c.references('contractors.id'))
    .addColumn('department_id', 'text', (c) => c.references('departments.id'))
    .execute();

  await db.schema
    .createTable('user_roles')
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('user_roles_pk', ['user_id', 'role'])
    .execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'text', (c) => c.primaryKey()) // sha256 of the cookie value
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sessions_user_idx').on('sessions').column('user_id').execute();

  await db.schema
    .createTable('api_tokens')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('prefix', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_used_at', 'text')
    .addColumn('revoked_at', 'text')
    .execute();

  // Fixed-window counters shared by every app instance (login rate limit).
  await db.schema
    .createTable('rate_limits')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('window_start', 'text', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .execute();

  await audited(db, 'buildings')
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('competence', 'text', (c) => c.notNull()) // central | department
    .addColumn('competence_department_id', 'text', (c) => c.references('departments.id'))
    .execute();
  await db.schema.createIndex('buildings_site_idx').on('buildings').column('site_id').execute();

  await db.schema
    .createTable('building_managers')
    .addColumn('building_id', 'text', (c) => c.notNull().references('buildings.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addPrimaryKeyConstraint('building_managers_pk', ['building_id', 'user_id'])
    .execute();
  await db.schema.createIndex('building_managers_user_idx').on('building_managers').column('user_id').execute();

  await db.schema
    .createTable('building_occupancies')
    .addColumn('building_id', 'text', (c) => c.notNull().references('buildings.id'))
    .addColumn('department_id', 'text', (c) => c.notNull().references('departments.id'))
    .addColumn('share_bp', 'integer', (c) => c.notNull()) // 10000 = 100 %
    .addPrimaryKeyConstraint('building_occupancies_pk', ['building_id', 'department_id'])
    .execute();

  await audited(db, 'floors')
    .addColumn('building_id', 'text', (c) => c.notNull().references('buildings.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('level', 'integer', (c) => c.notNull())
    .addUniqueConstraint('floors_building_code_uq', ['building_id', 'code'])
    .execute();

  await audited(db, 'spaces')
    .addColumn('building_id', 'text', (c) => c.notNull().references('buildings.id'))
    .addColumn('floor_id', 'text', (c) => c.notNull().references('floors.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('use', 'text')
    .addColumn('area_cm2', 'integer') // square metres × 10000 keeps two decimals of m² exact
    .addUniqueConstraint('spaces_building_code_uq', ['building_id', 'code'])
    .execute();
  await db.schema.createIndex('spaces_floor_idx').on('spaces').column('floor_id').execute();

  await audited(db, 'technology_classes')
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name_it', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('dm37_letter', 'text') // a..g of DM 37/2008 art. 1, or null
    .execute();

  await audited(db, 'contracts')
    .addColumn('lot', 'text', (c) => c.notNull())
    .addColumn('cig', 'text', (c) => c.notNull().unique())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('contractor_id', 'text', (c) => c.notNull().references('contractors.id'))
    .addColumn('starts_on', 'text', (c) => c.notNull())
    .addColumn('ends_on', 'text', (c) => c.notNull())
    .addColumn('net_amount_cents', 'bigint', (c) => c.notNull())
    .addColumn('yearly_fee_cents', 'bigint', (c) => c.notNull())
    .addColumn('discount_bp', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('contracts_contractor_idx').on('contracts').column('contractor_id').execute();

  await db.schema
    .createTable('contract_classes')
    .addColumn('contract_id', 'text', (c) => c.notNull().references('contracts.id'))
    .addColumn('technology_class_id', 'text', (c) => c.notNull().references('technology_classes.id'))
    .addPrimaryKeyConstraint('contract_classes_pk', ['contract_id', 'technology_class_id'])
    .execute();

  await db.schema
    .createTable('contract_buildings')
    .addColumn('contract_id', 'text', (c) => c.notNull().references('contracts.id'))
    .addColumn('building_id', 'text', (c) => c.notNull().references('buildings.id'))
    .addPrimaryKeyConstraint('contract_buildings_pk', ['contract_id', 'building_id'])
    .execute();
  await db.schema.createIndex('contract_buildings_building_idx').on('contract_buildings').column('building_id').execute();

  await audited(db, 'assets')
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('technology_class_id', 'text', (c) => c.notNull().references('technology_classes.id'))
    .addColumn('building_id', 'text', (c) => c.notNull().references('buildings.id'))
    .addColumn('space_id', 'text', (c) => c.references('spaces.id'))
    .addColumn('serial_number', 'text')
    .execute();
  await db.schema.createIndex('assets_building_idx').on('assets').column('building_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'assets',
    'contract_buildings',
    'contract_classes',
    'contracts',
    'technology_classes',
    'spaces',
    'floors',
    'building_occupancies',
    'building_managers',
    'buildings',
    'rate_limits',
    'api_tokens',
    'sessions',
    'user_roles',
    'users',
    'contractors',
    'departments',
    'sites',
  ]) {
    await db.schema.dropTable(t).execute();
  }
}
