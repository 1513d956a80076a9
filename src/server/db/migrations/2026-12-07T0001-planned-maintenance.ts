// Frozen migration (#8): workflow 2, planned maintenance. Maintenance plans (per asset, or per
// building and technology class) with an RRULE, meters and their readings, monthly programs per
// contract with one item per occurrence, planned work orders (rows of work_orders with
// kind = 'planned') and secret calendar-feed URLs.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('meters')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('asset_id', 'text', (c) => c.notNull().references('assets.id'))
    .addColumn('name', 'text', (c) => c.notNull()) // "ore di funzionamento", "cicli"
    .addColumn('unit', 'text', (c) => c.notNull()) // h, cicli, kWh…
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('meters_asset_idx').on('meters').column('asset_id').execute();

  await db.schema
    .createTable('meter_readings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('meter_id', 'text', (c) => c.notNull().references('meters.id'))
    .addColumn('value_milli', 'bigint', (c) => c.notNull()) // reading × 1,000
    .addColumn('read_at', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull()) // manual | visit | import
    .addColumn('work_order_id', 'text', (c) => c.references('work_orders.id')) // the visit that read it
    .addColumn('recorded_by_id', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('meter_readings_meter_idx').on('meter_readings').columns(['meter_id', 'read_at']).execute();

  await db.schema
    .createTable('maintenance_plans')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('activity', 'text', (c) => c.notNull()) // what is done, shown on the program
    .addColumn('description', 'text')
    .addColumn('building_id', 'text', (c) => c.notNull().references('buildings.id')) // the asset's, for an asset plan
    .addColumn('technology_class_id', 'text', (c) => c.notNull().references('technology_classes.id'))
    .addColumn('asset_id', 'text', (c) => c.references('assets.id')) // null: the whole (building, class)
    .addColumn('schedule_kind', 'text', (c) => c.notNull()) // calendar | floating | meter
    .addColumn('rrule', 'text') // RFC 5545 RRULE body without DTSTART (calendar, floating)
    .addColumn('starts_on', 'text', (c) => c.notNull()) // DTSTART, a Rome date
    .addColumn('ends_on', 'text')
    .addColumn('season_from', 'text') // MM-DD: only occurrences inside the window (may cross the year)
    .addColumn('season_to', 'text')
    .addColumn('shift', 'text', (c) => c.notNull().defaultTo('next')) // a non-working date moves to the next | previous working day
    .addColumn('last_done_on', 'text') // floating: the last completion, the next due counts from it
    .addColumn('meter_id', 'text', (c) => c.references('meters.id'))
    .addColumn('meter_every_milli', 'bigint') // meter: open an activity each time the reading passes a multiple
    .addColumn('meter_last_trigger_milli', 'bigint') // meter: the highest threshold already opened
    .addColumn('checklist', 'text', (c) => c.notNull().defaultTo('[]')) // JSON: [{key,label,kind:'yes_no'|'measure',unit?,min?,max?}]
    .addColumn('required_documents', 'text', (c) => c.notNull().defaultTo('[]')) // JSON: document kinds
    .addColumn('regulation', 'text') // "UNI 9994-1", "DPR 162/99 art. 15"
    .addColumn('estimated_minutes', 'integer')
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .createIndex('maintenance_plans_building_idx')
    .on('maintenance_plans')
    .columns(['building_id', 'technology_class_id'])
    .execute();
  await db.schema.createIndex('maintenance_plans_asset_idx').on('maintenance_plans').column('asset_id').execute();

  await db.schema
    .createTable('programs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('contract_id', 'text', (c) => c.notNull().references('contracts.id'))
    .addColumn('month', 'text', (c) => c.notNull()) // YYYY-MM
    .addColumn('status', 'text', (c) => c.notNull()) // draft | submitted | returned | approved | published
    .addColumn('remarks', 'text') // the building manager's, on return
    .addColumn('grouping', 'text', (c) => c.notNull().defaultTo('activity')) // activity | building_day: one ticket per …
    .addColumn('submitted_at', 'text')
    .addColumn('approved_at', 'text')
    .addColumn('published_at', 'text')
    .addColumn('published_by_id', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addUniqueConstraint('programs_contract_month_uq', ['contract_id', 'month'])
    .execute();
  await db.schema.createIndex('programs_status_idx').on('programs').columns(['status', 'month']).execute();

  await db.schema
    .createTable('program_items')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('program_id', 'text', (c) => c.notNull().references('programs.id'))
    .addColumn('plan_id', 'text', (c) => c.notNull().references('maintenance_plans.id'))
    .addColumn('occurrence_key', 'text', (c) => c.notNull()) // the rule's date (or meter threshold): never generated twice
    .addColumn('source', 'text', (c) => c.notNull()) // calendar | floating | meter | manual
    .addColumn('building_id', 'text', (c) => c.notNull().references('buildings.id'))
    .addColumn('asset_id', 'text', (c) => c.references('assets.id'))
    .addColumn('technology_class_id', 'text', (c) => c.notNull().references('technology_classes.id'))
    .addColumn('activity', 'text', (c) => c.notNull()) // the plan's, when generated
    .addColumn('due_on', 'text', (c) => c.notNull()) // the rule's date
    .addColumn('planned_on', 'text', (c) => c.notNull()) // after the working-day shift and the contractor's edits
    .addColumn('shift_reason', 'text') // holiday | patron_saint | closure | weekend, when moved
    .addColumn('window_from', 'text') // HH:MM
    .addColumn('window_to', 'text')
    .addColumn('technician', 'text')
    .addColumn('ticket_id', 'text', (c) => c.references('tickets.id')) // once published
    .addColumn('work_order_id', 'text', (c) => c.references('work_orders.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addUniqueConstraint('program_items_occurrence_uq', ['plan_id', 'occurrence_key'])
    .execute();
  await db.schema.createIndex('program_items_program_idx').on('program_items').columns(['program_id', 'planned_on']).execute();
  await db.schema.createIndex('program_items_building_idx').on('program_items').columns(['building_id', 'planned_on']).execute();

  // Planned work orders are work_orders with kind = 'planned'; these columns are theirs.
  await db.schema
    .alterTable('work_orders')
    .addColumn('program_item_id', 'text', (c) => c.references('program_items.id'))
    .execute();
  await db.schema
    .alterTable('work_orders')
    .addColumn('plan_id', 'text', (c) => c.references('maintenance_plans.id'))
    .execute();
  await db.schema.alterTable('work_orders').addColumn('due_on', 'text').execute(); // the agreed date (Rome); late after it
  await db.schema.alterTable('work_orders').addColumn('technician', 'text').execute();
  await db.schema.alterTable('work_orders').addColumn('checklist', 'text').execute(); // JSON snapshot of the plan's
  await db.schema.alterTable('work_orders').addColumn('checklist_results', 'text').execute(); // JSON, at completion
  await db.schema.alterTable('work_orders').addColumn('required_documents', 'text').execute(); // JSON snapshot of the plan's
  await db.schema.alterTable('work_orders').addColumn('late_at', 'text').execute(); // when it became late (lateness job)
  // A fault closed as "in plan" names the planned work order that will do the job.
  await db.schema
    .alterTable('work_orders')
    .addColumn('planned_work_order_id', 'text', (c) => c.references('work_orders.id'))
    .execute();
  // A follow-up fault ticket opened from an out-of-range measurement.
  await db.schema
    .alterTable('tickets')
    .addColumn('kind', 'text', (c) => c.notNull().defaultTo('fault'))
    .execute(); // fault | planned
  await db.schema
    .alterTable('tickets')
    .addColumn('source_work_order_id', 'text', (c) => c.references('work_orders.id'))
    .execute();
  await db.schema.createIndex('work_orders_kind_due_idx').on('work_orders').columns(['kind', 'status', 'due_on']).execute();
  await db.schema.createIndex('work_orders_program_item_idx').on('work_orders').column('program_item_id').unique().execute();

  await db.schema
    .createTable('calendar_feeds')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('contract_id', 'text', (c) => c.references('contracts.id')) // one of contract or building
    .addColumn('building_id', 'text', (c) => c.references('buildings.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique()) // sha256 of the URL's secret
    .addColumn('prefix', 'text', (c) => c.notNull()) // shown to tell feeds apart
    .addColumn('created_by_id', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('calendar_feeds').execute();
  await db.schema.dropIndex('work_orders_program_item_idx').execute();
  await db.schema.dropIndex('work_orders_kind_due_idx').execute();
  await db.schema.alterTable('tickets').dropColumn('source_work_order_id').execute();
  await db.schema.alterTable('tickets').dropColumn('kind').execute();
  for (const c of [
    'planned_work_order_id',
    'late_at',
    'required_documents',
    'checklist_results',
    'checklist',
    'technician',
    'due_on',
    'plan_id',
    'program_item_id',
  ]) {
    await db.schema.alterTable('work_orders').dropColumn(c).execute();
  }
  await db.schema.dropTable('program_items').execute();
  await db.schema.dropTable('programs').execute();
  await db.schema.dropTable('maintenance_plans').execute();
  await db.schema.dropTable('meter_readings').execute();
  await db.schema.dropTable('meters').execute();
}
