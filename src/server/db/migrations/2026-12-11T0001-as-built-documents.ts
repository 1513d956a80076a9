// Frozen migration (#10 item 1, as-built documents and certificates):
// - document_types: the catalogue of the documents a closed work order may have to carry (seeded
//   here with the usual ones; their codes are the attachment kinds the contractor uploads);
// - technology_class_documents: per technology class, which types a work order of that class
//   must carry, always or only when the work is extraordinary or changes the installation
//   (the DM 37/2008 conformity declaration of classes a–g stays implied by dm37_letter);
// - work_order_documents: the snapshot taken when a work order completes, one row per required
//   type, with its state missing → uploaded → accepted / returned (with the reason), versioned.
import type { Kysely } from 'kysely';

const TYPES: Array<[string, string, string, number]> = [
  ['conformity_declaration', 'Dichiarazione di conformità (DM 37/2008)', 'Conformity declaration (DM 37/2008)', 1],
  ['as_built', 'Elaborati as built', 'As-built drawings', 2],
  ['test_report', 'Certificato di collaudo / verifica', 'Test certificate', 3],
  ['logbook_entry', 'Pagina del libretto (impianto / ascensore)', 'Logbook page (installation / lift)', 4],
  ['fgas_register_entry', 'Registrazione nel registro F-gas', 'F-gas register entry', 5],
  ['maintenance_tag', 'Cartellino di manutenzione', 'Maintenance tag', 6],
];

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('document_types')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('name_it', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .execute();
  await db
    .insertInto('document_types')
    .values(TYPES.map(([code, name_it, name_en, position]) => ({ code, name_it, name_en, position })))
    .execute();

  await db.schema
    .createTable('technology_class_documents')
    .addColumn('technology_class_id', 'text', (c) => c.notNull().references('technology_classes.id'))
    .addColumn('document_type', 'text', (c) => c.notNull().references('document_types.code'))
    // 'always' | 'installation_work' (extraordinary work, or work that changes the installation)
    .addColumn('required_when', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('technology_class_documents_pk', ['technology_class_id', 'document_type'])
    .execute();

  await db.schema
    .createTable('work_order_documents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('work_order_id', 'text', (c) => c.notNull().references('work_orders.id'))
    .addColumn('document_type', 'text', (c) => c.notNull().references('document_types.code'))
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('attachment_id', 'text', (c) => c.references('attachments.id'))
    .addColumn('reason', 'text')
    .addColumn('uploaded_at', 'text')
    .addColumn('decided_by_id', 'text', (c) => c.references('users.id'))
    .addColumn('decided_at', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('work_order_documents_type_uq', ['work_order_id', 'document_type'])
    .execute();
  // The missing-documents list filters by state (few rows are not accepted).
  await db.schema.createIndex('work_order_documents_state_idx').on('work_order_documents').columns(['state', 'work_order_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('work_order_documents').execute();
  await db.schema.dropTable('technology_class_documents').execute();
  await db.schema.dropTable('document_types').execute();
}
