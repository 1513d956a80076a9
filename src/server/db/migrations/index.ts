import type { Migration } from 'kysely';
import * as foundation from './2026-11-26T0001-foundation.ts';
import * as faultWorkflow from './2026-11-26T0002-fault-workflow.ts';
import * as worklistIndexes from './2026-11-26T0003-worklist-indexes.ts';
import * as slaPenalties from './2026-11-26T0004-sla-penalties.ts';
import * as slaRefresh from './2026-11-26T0005-sla-refresh.ts';
import * as userRolesIndex from './2026-11-26T0006-user-roles-index.ts';
import * as accountSecurity from './2026-12-06T0002-account-security.ts';
import * as mailInProof from './2026-12-06T0003-mail-in-proof.ts';
import * as demoMarkerOutboxRetention from './2026-12-06T0005-demo-marker-outbox-retention.ts';
import * as plannedMaintenance from './2026-12-07T0001-planned-maintenance.ts';
import * as programEvents from './2026-12-07T0003-program-events.ts';
import * as buildingNotifyOccupants from './2026-12-07T0006-building-notify-occupants.ts';
import * as outboxMessageKey from './2026-12-08T0001-outbox-message-key.ts';
import * as buildingNewTicketNotices from './2026-12-09T0001-building-new-ticket-notices.ts';
import * as documentsToFollow from './2026-12-09T0002-documents-to-follow.ts';
import * as ticketCallerSearch from './2026-12-09T0004-ticket-caller-search.ts';
import * as priceListsPerLot from './2026-12-09T0006-price-lists-per-lot.ts';
import * as technicians from './2026-12-09T0007-technicians.ts';
import * as slaRowState from './2026-12-09T0008-sla-row-state.ts';
import * as contractDocumentsDueDays from './2026-12-10T0001-contract-documents-due-days.ts';
import * as slaVersionEffectiveFrom from './2026-12-10T0003-sla-version-effective-from.ts';
import * as closureRanges from './2026-12-10T0004-closure-ranges.ts';
import * as asBuiltDocuments from './2026-12-11T0001-as-built-documents.ts';
import * as finalAccounts from './2026-12-11T0003-final-accounts.ts';
import * as statementsInvoices from './2026-12-12T0001-statements-invoices.ts';
import * as costAllocation from './2026-12-12T0002-cost-allocation.ts';
import * as contractConformityCheck from './2026-12-12T0004-contract-conformity-check.ts';
import * as contractSpendAlerts from './2026-12-12T0006-contract-spend-alerts.ts';
import * as ratingFollowUps from './2026-12-13T0001-rating-follow-ups.ts';
import * as kpiFacts from './2026-12-13T0002-kpi-facts.ts';
import * as kpiScheme from './2026-12-13T0003-kpi-scheme.ts';
import * as jobLeases from './2026-12-14T0002-job-leases.ts';
import * as kpiFactsNarrow from './2026-12-14T0003-kpi-facts-narrow.ts';
import * as slaRunningIndex from './2026-12-14T0004-sla-running-index.ts';

/** Every migration, by name; names sort in the order they run. Append, never edit. */
export const migrations: Record<string, Migration> = {
  '2026-11-26T0001-foundation': foundation,
  '2026-11-26T0002-fault-workflow': faultWorkflow,
  '2026-11-26T0003-worklist-indexes': worklistIndexes,
  '2026-11-26T0004-sla-penalties': slaPenalties,
  '2026-11-26T0005-sla-refresh': slaRefresh,
  '2026-11-26T0006-user-roles-index': userRolesIndex,
  '2026-12-06T0002-account-security': accountSecurity,
  '2026-12-06T0003-mail-in-proof': mailInProof,
  '2026-12-06T0005-demo-marker-outbox-retention': demoMarkerOutboxRetention,
  '2026-12-07T0001-planned-maintenance': plannedMaintenance,
  '2026-12-07T0003-program-events': programEvents,
  '2026-12-07T0006-building-notify-occupants': buildingNotifyOccupants,
  '2026-12-08T0001-outbox-message-key': outboxMessageKey,
  '2026-12-09T0001-building-new-ticket-notices': buildingNewTicketNotices,
  '2026-12-09T0002-documents-to-follow': documentsToFollow,
  '2026-12-09T0004-ticket-caller-search': ticketCallerSearch,
  '2026-12-09T0006-price-lists-per-lot': priceListsPerLot,
  '2026-12-09T0007-technicians': technicians,
  '2026-12-09T0008-sla-row-state': slaRowState,
  '2026-12-10T0001-contract-documents-due-days': contractDocumentsDueDays,
  '2026-12-10T0003-sla-version-effective-from': slaVersionEffectiveFrom,
  '2026-12-10T0004-closure-ranges': closureRanges,
  '2026-12-11T0001-as-built-documents': asBuiltDocuments,
  '2026-12-11T0003-final-accounts': finalAccounts,
  '2026-12-12T0001-statements-invoices': statementsInvoices,
  '2026-12-12T0002-cost-allocation': costAllocation,
  '2026-12-12T0004-contract-conformity-check': contractConformityCheck,
  '2026-12-12T0006-contract-spend-alerts': contractSpendAlerts,
  '2026-12-13T0001-rating-follow-ups': ratingFollowUps,
  '2026-12-13T0002-kpi-facts': kpiFacts,
  '2026-12-13T0003-kpi-scheme': kpiScheme,
  '2026-12-14T0002-job-leases': jobLeases,
  '2026-12-14T0003-kpi-facts-narrow': kpiFactsNarrow,
  '2026-12-14T0004-sla-running-index': slaRunningIndex,
};
