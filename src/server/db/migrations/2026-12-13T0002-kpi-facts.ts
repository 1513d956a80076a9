// Frozen migration (#11): the service indicators' facts of each corrective work order, so a
// contract-year's report reads rows instead of recomputing ~50,000 timelines.
//   work_order_kpi_facts  a cache of the KPI engine's facts (src/domain/kpi/indicators.ts
//     timelineFacts) and of the three clocks (status, counted time), derived from the timeline by
//     refreshWorkOrderSla in every action's transaction and by the filler (modules/kpi/facts.ts),
//     never kept by hand. `version` is the work order's it was computed from; `final` says no
//     clock was still counting then (stopped or without limit), so time alone cannot change it.
//   work_orders (contract_id, issued_at, id)  a contract's work orders issued in a period, as a range.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  let t = db.schema
    .createTable('work_order_kpi_facts')
    .addColumn('work_order_id', 'text', (c) => c.primaryKey().references('work_orders.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('final', 'integer', (c) => c.notNull());
  for (const clock of ['take_charge', 'on_site', 'resolution'])
    t = t.addColumn(`${clock}_status`, 'text').addColumn(`${clock}_ms`, 'double precision');
  await t
    .addColumn('completed_at', 'text')
    .addColumn('reopened', 'integer', (c) => c.notNull())
    .addColumn('rejected_completions', 'integer', (c) => c.notNull())
    .addColumn('visits', 'integer', (c) => c.notNull())
    .addColumn('closed_outcome', 'text')
    .addColumn('computed_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('work_orders_contract_issued_idx').on('work_orders').columns(['contract_id', 'issued_at', 'id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('work_orders_contract_issued_idx').execute();
  await db.schema.dropTable('work_order_kpi_facts').execute();
}
