// Frozen migration: workflow 1 (tickets, work orders, timeline, comments, attachments, quotes,
// price lists, outbox, in-app notifications, rating tokens, inbound e-mail).
// Same portable types as 0001: text ids, ISO UTC text instants, integer cents, 0/1 booleans.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('ticket_counters')
    .addColumn('year', 'integer', (c) => c.primaryKey())
    .addColumn('last', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('tickets')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('number', 'text', (c) => c.notNull().unique()) // 2026-000123
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull()) // web | phone | email | staff
    .addColumn('requester_id', 'text', (c) => c.references('users.id'))
    .addColumn('caller_name', 'text')
    .addColumn('caller_phone', 'text')
    .addColumn('caller_email', 'text')
    .addColumn('opened_by_id', 'text', (c) => c.references('users.id'))
    .addColumn('building_id', 'text', (c) => c.notNull().references('buildings.id'))
    .addColumn('space_id', 'text', (c) => c.references('spaces.id'))
    .addColumn('asset_id', 'text', (c) => c.references('assets.id'))
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('danger', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('priority', 'text') // highest priority among its work orders, or emergency when danger
    .addColumn('language', 'text', (c) => c.notNull().defaultTo('it')) // of the requester's notices
    .addColumn('reopen_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('reminder_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_reminder_at', 'text')
    .addColumn('complaint_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('rating_stars', 'integer')
    .addColumn('rating_work_done', 'integer')
    .addColumn('rating_comment', 'text')
    .addColumn('rated_at', 'text')
    .addColumn('review_flag', 'integer', (c) => c.notNull().defaultTo(0)) // low score to review
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('closed_at', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('tickets_status_created_idx').on('tickets').columns(['status', 'created_at', 'id']).execute();
  await db.schema.createIndex('tickets_building_created_idx').on('tickets').columns(['building_id', 'created_at', 'id']).execute();
  await db.schema.createIndex('tickets_requester_created_idx').on('tickets').columns(['requester_id', 'created_at', 'id']).execute();
  await db.schema.createIndex('tickets_created_idx').on('tickets').columns(['created_at', 'id']).execute();

  await db.schema
    .createTable('work_orders')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('number', 'text', (c) => c.notNull().unique()) // ODL 2026-000123/1
    .addColumn('kind', 'text', (c) => c.notNull()) // corrective | planned
    .addColumn('ticket_id', 'text', (c) => c.references('tickets.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text') // in_plan | not_manageable | denied | cancelled, once closed
    .addColumn('building_id', 'text', (c) => c.notNull().references('buildings.id'))
    .addColumn('space_id', 'text', (c) => c.references('spaces.id'))
    .addColumn('asset_id', 'text', (c) => c.references('assets.id'))
    .addColumn('technology_class_id', 'text', (c) => c.notNull().references('technology_classes.id'))
    .addColumn('contract_id', 'text', (c) => c.notNull().references('contracts.id'))
    .addColumn('contractor_id', 'text', (c) => c.notNull().references('contractors.id'))
    .addColumn('priority', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('location', 'text')
    .addColumn('extra_fee', 'integer', (c) => c.notNull().defaultTo(0)) // an approved quote makes it extraordinary
    .addColumn('changes_installation', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('inspection_at', 'text')
    .addColumn('scheduled_at', 'text')
    .addColumn('expected_on', 'text') // materials expected
    .addColumn('planned_activity', 'text')
    .addColumn('report', 'text')
    .addColumn('hours_centi', 'integer') // hours × 100
    .addColumn('materials', 'text')
    .addColumn('issued_by_id', 'text', (c) => c.references('users.id'))
    .addColumn('issued_at', 'text', (c) => c.notNull())
    .addColumn('acknowledged_at', 'text')
    .addColumn('completed_at', 'text')
    .addColumn('verified_at', 'text')
    .addColumn('closed_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('work_orders_ticket_idx').on('work_orders').column('ticket_id').execute();
  await db.schema.createIndex('work_orders_status_issued_idx').on('work_orders').columns(['status', 'issued_at', 'id']).execute();
  await db.schema
    .createIndex('work_orders_contractor_status_idx')
    .on('work_orders')
    .columns(['contractor_id', 'status', 'issued_at', 'id'])
    .execute();
  await db.schema
    .createIndex('work_orders_building_status_idx')
    .on('work_orders')
    .columns(['building_id', 'status', 'issued_at', 'id'])
    .execute();
  await db.schema.createIndex('work_orders_issued_idx').on('work_orders').columns(['issued_at', 'id']).execute();

  // Append-only timeline: state is the fold of these rows; never updated, never deleted.
  await db.schema
    .createTable('events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('ticket_id', 'text', (c) => c.references('tickets.id'))
    .addColumn('work_order_id', 'text', (c) => c.references('work_orders.id'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.references('users.id'))
    .addColumn('actor_label', 'text', (c) => c.notNull()) // name shown, also for e-mail and rating-link actors
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('from_state', 'text')
    .addColumn('to_state', 'text')
    .addColumn('data', 'text', (c) => c.notNull().defaultTo('{}')) // JSON
    .execute();
  await db.schema.createIndex('events_ticket_idx').on('events').columns(['ticket_id', 'at']).execute();
  await db.schema.createIndex('events_work_order_idx').on('events').columns(['work_order_id', 'at']).execute();

  await db.schema
    .createTable('comments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('ticket_id', 'text', (c) => c.notNull().references('tickets.id'))
    .addColumn('work_order_id', 'text', (c) => c.references('work_orders.id'))
    .addColumn('author_id', 'text', (c) => c.references('users.id'))
    .addColumn('author_label', 'text', (c) => c.notNull())
    .addColumn('visibility', 'text', (c) => c.notNull()) // public | internal
    .addColumn('source', 'text', (c) => c.notNull()) // web | email
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('comments_ticket_idx').on('comments').columns(['ticket_id', 'created_at']).execute();

  await db.schema
    .createTable('inbound_messages')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('message_id', 'text', (c) => c.notNull().unique()) // RFC 5322 Message-ID: a message is taken once
    .addColumn('from_address', 'text', (c) => c.notNull())
    .addColumn('from_name', 'text')
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('via', 'text', (c) => c.notNull()) // smtp | imap
    .addColumn('status', 'text', (c) => c.notNull()) // ticket_opened | comment_added | held | released | discarded
    .addColumn('reason', 'text') // why held: unknown_sender, unknown_ticket
    .addColumn('ticket_id', 'text', (c) => c.references('tickets.id'))
    .addColumn('handled_by_id', 'text', (c) => c.references('users.id'))
    .addColumn('handled_at', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('inbound_messages_status_idx').on('inbound_messages').columns(['status', 'received_at']).execute();

  await db.schema
    .createTable('attachments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('ticket_id', 'text', (c) => c.references('tickets.id'))
    .addColumn('work_order_id', 'text', (c) => c.references('work_orders.id'))
    .addColumn('comment_id', 'text', (c) => c.references('comments.id'))
    .addColumn('inbound_message_id', 'text', (c) => c.references('inbound_messages.id'))
    .addColumn('kind', 'text', (c) => c.notNull()) // photo | document | conformity_declaration | logbook_entry | test_report | as_built
    .addColumn('visibility', 'text', (c) => c.notNull().defaultTo('public'))
    .addColumn('filename', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('storage_key', 'text', (c) => c.notNull()) // path under the attachments directory, never served directly
    .addColumn('uploaded_by_id', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('attachments_ticket_idx').on('attachments').column('ticket_id').execute();
  await db.schema.createIndex('attachments_work_order_idx').on('attachments').column('work_order_id').execute();

  await db.schema
    .createTable('price_lists')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('source', 'text')
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();

  await db.schema
    .createTable('price_list_items')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('price_list_id', 'text', (c) => c.notNull().references('price_lists.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('price_cents', 'integer') // null for a surcharge row
    .addColumn('surcharge_bp', 'integer') // a % surcharge row (unit "%"), in basis points
    .addUniqueConstraint('price_list_items_code_uq', ['price_list_id', 'code'])
    .execute();

  await db.schema
    .createTable('quotes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('work_order_id', 'text', (c) => c.notNull().references('work_orders.id'))
    .addColumn('status', 'text', (c) => c.notNull()) // submitted | approved | denied
    .addColumn('discount_bp', 'integer', (c) => c.notNull()) // the contract's tender discount when submitted
    .addColumn('vat_bp', 'integer', (c) => c.notNull())
    .addColumn('discountable_cents', 'integer', (c) => c.notNull())
    .addColumn('discount_cents', 'integer', (c) => c.notNull())
    .addColumn('undiscounted_cents', 'integer', (c) => c.notNull()) // safety costs and labour
    .addColumn('net_cents', 'integer', (c) => c.notNull())
    .addColumn('vat_cents', 'integer', (c) => c.notNull())
    .addColumn('total_cents', 'integer', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('decided_by_id', 'text', (c) => c.references('users.id'))
    .addColumn('decided_at', 'text')
    .addColumn('decision_reason', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('quotes_work_order_idx').on('quotes').column('work_order_id').execute();

  await db.schema
    .createTable('quote_lines')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('quote_id', 'text', (c) => c.notNull().references('quotes.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('price_list_item_id', 'text', (c) => c.references('price_list_items.id'))
    .addColumn('code', 'text')
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('quantity_milli', 'integer', (c) => c.notNull()) // quantity × 1000
    .addColumn('unit_price_cents', 'integer', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull()) // works (discountable) | safety | labour
    .addColumn('amount_cents', 'integer', (c) => c.notNull())
    .execute();

  // Notices to send: written in the same transaction as the change they announce.
  await db.schema
    .createTable('outbox')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('idempotency_key', 'text', (c) => c.notNull().unique())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('to_address', 'text', (c) => c.notNull())
    .addColumn('to_user_id', 'text', (c) => c.references('users.id'))
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('text_body', 'text', (c) => c.notNull())
    .addColumn('html_body', 'text', (c) => c.notNull())
    .addColumn('ticket_id', 'text', (c) => c.references('tickets.id'))
    .addColumn('work_order_id', 'text', (c) => c.references('work_orders.id'))
    .addColumn('status', 'text', (c) => c.notNull()) // pending | sent | failed
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('locked_until', 'text')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    .execute();
  await db.schema.createIndex('outbox_due_idx').on('outbox').columns(['status', 'next_attempt_at']).execute();
  await db.schema.createIndex('outbox_ticket_idx').on('outbox').column('ticket_id').execute();

  await db.schema
    .createTable('notifications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('ticket_id', 'text', (c) => c.references('tickets.id'))
    .addColumn('work_order_id', 'text', (c) => c.references('work_orders.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('read_at', 'text')
    .execute();
  await db.schema.createIndex('notifications_user_idx').on('notifications').columns(['user_id', 'created_at']).execute();

  await db.schema
    .createTable('rating_tokens')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('ticket_id', 'text', (c) => c.notNull().references('tickets.id'))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'rating_tokens',
    'notifications',
    'outbox',
    'quote_lines',
    'quotes',
    'price_list_items',
    'price_lists',
    'attachments',
    'inbound_messages',
    'comments',
    'events',
    'work_orders',
    'tickets',
    'ticket_counters',
  ]) {
    await db.schema.dropTable(t).execute();
  }
}
