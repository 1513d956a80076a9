import type { ComponentType } from 'react';
import {
  IconAlarm,
  IconAlertTriangle,
  IconChartBar,
  IconChartLine,
  IconBell,
  IconBuilding,
  IconBuildingCommunity,
  IconCalendarMonth,
  IconCalendarTime,
  IconCalendarStats,
  IconCalendarRepeat,
  IconCategory,
  IconCurrencyEuro,
  IconFileInvoice,
  IconReceipt,
  IconChartPie,
  IconReportMoney,
  IconFileAlert,
  IconFileImport,
  IconFileText,
  IconGauge,
  IconClipboardCheck,
  IconClipboardList,
  IconClockExclamation,
  IconHistory,
  IconGavel,
  IconReportAnalytics,
  IconHome,
  IconHourglass,
  IconLayoutKanban,
  IconListCheck,
  IconMail,
  IconMoodSmile,
  IconMailbox,
  IconPackage,
  IconPhoneCall,
  IconPlus,
  IconShieldCheck,
  IconSitemap,
  IconTool,
  IconTruck,
  IconUsers,
} from '@tabler/icons-react';
import type { Me, Role } from '../api/types';
import type { BadgeSource } from '../api/workflow';
import type { MessageKey } from '../i18n/messages';
import {
  canBrowseRegistry,
  canImport,
  canRead,
  canSeeAllocations,
  canSeeAmounts,
  canSeeFinalAccounts,
  canSeeInvoices,
  canSeeSatisfaction,
  canSeeStatements,
  canSeeContracts,
  canSeeIndicators,
  canSeeKpiReports,
  canSeePenalties,
  canSeePlanned,
  type EntityKey,
} from './permissions';
import { canReadPlans } from '../features/plans/access';

export interface NavItem {
  to: string;
  label: MessageKey;
  icon: ComponentType<{ size?: number; 'aria-hidden'?: boolean }>;
  /** The work list (or the held inbox) whose count (GET /api/worklists/counts) is shown beside the entry. */
  badge?: BadgeSource;
}

export interface NavGroup {
  label: MessageKey | null;
  items: NavItem[];
}

/** The registry pages in menu order, with the entity that decides who sees them. */
export const REGISTRY_PAGES: Array<NavItem & { entity: EntityKey }> = [
  { entity: 'sites', to: '/registry/sites', label: 'entities.sites.title', icon: IconBuildingCommunity },
  { entity: 'buildings', to: '/registry/buildings', label: 'entities.buildings.title', icon: IconBuilding },
  { entity: 'departments', to: '/registry/departments', label: 'entities.departments.title', icon: IconSitemap },
  {
    entity: 'technologyClasses',
    to: '/registry/technology-classes',
    label: 'entities.technologyClasses.title',
    icon: IconCategory,
  },
  { entity: 'contractors', to: '/registry/contractors', label: 'entities.contractors.title', icon: IconTruck },
  { entity: 'contracts', to: '/registry/contracts', label: 'entities.contracts.title', icon: IconFileText },
  { entity: 'assets', to: '/registry/assets', label: 'entities.assets.title', icon: IconTool },
  { entity: 'users', to: '/registry/users', label: 'entities.users.title', icon: IconUsers },
];

const has = (me: Me, ...roles: Role[]) => me.roles.some((r) => roles.includes(r));

/** The service head's contract view, a building manager's buildings, a contractor's own scorecard. */
function indicatorsLabel(me: Me): MessageKey {
  if (has(me, 'service_head', 'admin', 'accounting')) return 'nav.indicators';
  if (has(me, 'building_manager')) return 'nav.buildingIndicators';
  return 'nav.scorecard';
}

/** Workflow 1 pages of each role, in the order the role uses them; one entry per page. */
function workItems(me: Me): NavItem[] {
  const items: NavItem[] = [];
  const add = (item: NavItem) => {
    if (!items.some((i) => i.to === item.to)) items.push(item);
  };
  if (has(me, 'requester')) {
    add({ to: '/tickets/new', label: 'nav.newTicket', icon: IconPlus });
    // The badge counts what the label says and what the home and the list count: open tickets (view mine).
    add({ to: '/tickets?view=mine', label: 'nav.myOpenTickets', icon: IconClipboardList, badge: { resource: 'tickets', view: 'mine' } });
    // Closed ones too (to rate, to ask to reopen): a requester's whole ticket list is its own tickets.
    if (me.roles.length === 1) add({ to: '/tickets', label: 'nav.myTickets', icon: IconHistory });
  }
  if (has(me, 'call_center')) {
    add({ to: '/tickets/new', label: 'nav.newPhoneTicket', icon: IconPhoneCall });
    add({
      to: '/tickets?view=awaiting_my_action',
      label: 'nav.toClose',
      icon: IconListCheck,
      badge: { resource: 'tickets', view: 'awaiting_my_action' },
    });
    add({ to: '/inbox', label: 'nav.inbox', icon: IconMailbox, badge: { resource: 'inbound-messages', view: 'held' } });
  }
  if (has(me, 'building_manager', 'admin')) {
    add({
      to: '/tickets?view=to_qualify',
      label: 'nav.toQualify',
      icon: IconClipboardList,
      badge: { resource: 'tickets', view: 'to_qualify' },
    });
  }
  if (has(me, 'building_manager')) {
    add({
      to: '/work-orders?view=awaiting_my_action',
      label: 'nav.toVerify',
      icon: IconClipboardCheck,
      badge: { resource: 'work-orders', view: 'awaiting_my_action' },
    });
  }
  if (has(me, 'service_head')) {
    add({
      to: '/authorizations',
      label: 'nav.authorizations',
      icon: IconShieldCheck,
      badge: { resource: 'work-orders', view: 'awaiting_my_action' },
    });
  }
  if (has(me, 'admin')) {
    add({
      to: '/work-orders?view=awaiting_authorization',
      label: 'nav.awaitingAuthorization',
      icon: IconShieldCheck,
      badge: { resource: 'work-orders', view: 'awaiting_authorization' },
    });
  }
  // #9: a technician's day starts from its own work.
  if (has(me, 'contractor') && me.technician) add({ to: '/my-work', label: 'nav.myWork', icon: IconCalendarTime });
  if (has(me, 'contractor')) {
    add({ to: '/board', label: 'nav.board', icon: IconLayoutKanban, badge: { resource: 'work-orders', view: 'awaiting_my_action' } });
  }
  if (has(me, 'building_manager', 'contractor')) {
    add({
      to: '/work-orders?view=waiting_materials',
      label: 'nav.waitingMaterials',
      icon: IconPackage,
      badge: { resource: 'work-orders', view: 'waiting_materials' },
    });
  }
  if (has(me, 'building_manager', 'contractor', 'admin')) {
    add({ to: '/work-orders?view=overdue', label: 'nav.slaOverdue', icon: IconAlarm, badge: { resource: 'work-orders', view: 'overdue' } });
    add({ to: '/work-orders?view=due_soon', label: 'nav.slaDueSoon', icon: IconHourglass });
    add({
      to: '/work-orders?view=past_planned_date',
      label: 'nav.pastPlannedDate',
      icon: IconClockExclamation,
      badge: { resource: 'work-orders', view: 'past_planned_date' },
    });
  }
  if (has(me, 'call_center', 'building_manager', 'service_head', 'contractor', 'accounting', 'admin')) {
    add({ to: '/tickets', label: 'nav.tickets', icon: IconAlertTriangle });
    add({ to: '/work-orders', label: 'nav.workOrders', icon: IconTool });
  }
  // #10 item 1: the closing documents still owed (the server scopes the list to the caller).
  if (has(me, 'building_manager', 'service_head', 'contractor', 'accounting', 'admin'))
    add({ to: '/as-built-documents', label: 'nav.asBuiltDocuments', icon: IconFileAlert });
  // #10 item 6: spend against each contract's amount and lot ceiling (accounting, service head, admin).
  if (canSeeFinalAccounts(me)) add({ to: '/accounting/spend', label: 'nav.spend', icon: IconChartBar });
  if (canSeeAmounts(me)) add({ to: '/accounting/work-orders', label: 'nav.amounts', icon: IconCurrencyEuro });
  if (canSeeFinalAccounts(me)) add({ to: '/accounting/final-accounts', label: 'nav.finalAccounts', icon: IconReceipt });
  if (canSeeInvoices(me)) add({ to: '/accounting/invoices', label: 'nav.invoices', icon: IconFileInvoice });
  if (canSeeAllocations(me)) add({ to: '/accounting/allocations', label: 'nav.allocations', icon: IconChartPie });
  if (canSeeStatements(me)) add({ to: '/accounting/statements', label: 'nav.statements', icon: IconReportMoney });
  if (canSeePenalties(me)) add({ to: '/penalties', label: 'nav.penalties', icon: IconGavel });
  if (canSeeContracts(me)) add({ to: '/contracts', label: 'nav.contracts', icon: IconReportAnalytics });
  // #11 item 3: one page, named after whose figures it shows (the server scopes them).
  if (canSeeIndicators(me)) add({ to: '/indicators', label: indicatorsLabel(me), icon: IconChartLine });
  if (canSeeKpiReports(me)) add({ to: '/kpi-reports', label: 'nav.kpiReports', icon: IconGauge });
  // #11 item 4: ratings, follow-ups of low scores, response rate (service head, building managers, admin).
  if (canSeeSatisfaction(me)) add({ to: '/satisfaction', label: 'nav.satisfaction', icon: IconMoodSmile });
  return items;
}

/**
 * "Manutenzione programmata" (#8): the programs, their calendar, the role's planned work lists.
 * The plans (Piani) and the assets' meters (Contatori) sit beside them: a program is generated
 * from the plans, and meter readings trigger meter-based plans.
 */
function plannedItems(me: Me): NavItem[] {
  const items: NavItem[] = [];
  if (canSeePlanned(me)) {
    items.push({ to: '/programs', label: 'nav.programs', icon: IconCalendarStats });
    items.push({ to: '/planned-calendar', label: 'nav.plannedCalendar', icon: IconCalendarMonth });
  }
  if (canReadPlans(me))
    items.push({ to: '/plans', label: 'nav.plans', icon: IconCalendarRepeat }, { to: '/meters', label: 'nav.meters', icon: IconGauge });
  if (!canSeePlanned(me)) return items;
  if (has(me, 'contractor')) {
    items.push({
      to: '/work-orders?view=planned_this_month',
      label: 'nav.toScheduleThisMonth',
      icon: IconCalendarTime,
      badge: { resource: 'work-orders', view: 'planned_this_month' },
    });
  }
  if (has(me, 'building_manager')) {
    items.push({
      to: '/work-orders?view=planned_late',
      label: 'nav.plannedLate',
      icon: IconAlarm,
      badge: { resource: 'work-orders', view: 'planned_late' },
    });
  }
  if (has(me, 'call_center')) items.push({ to: '/planned-today', label: 'nav.todayInBuildings', icon: IconBuilding });
  return items;
}

export function navigationFor(me: Me): NavGroup[] {
  const groups: NavGroup[] = [{ label: null, items: [{ to: '/', label: 'nav.home', icon: IconHome }] }];
  const work = workItems(me);
  if (work.length > 0) groups.push({ label: 'nav.work', items: work });
  const planned = plannedItems(me);
  if (planned.length > 0) groups.push({ label: 'nav.plannedMaintenance', items: planned });
  const registry = canBrowseRegistry(me) ? REGISTRY_PAGES.filter((p) => canRead(me, p.entity)) : [];
  if (registry.length > 0) groups.push({ label: 'nav.registry', items: registry });
  const tools: NavItem[] = [{ to: '/notifications', label: 'nav.notifications', icon: IconBell }];
  if (canImport(me)) tools.push({ to: '/import', label: 'nav.import', icon: IconFileImport });
  if (has(me, 'admin')) {
    tools.push(
      { to: '/admin/penalty-rules', label: 'nav.penaltyRules', icon: IconGavel },
      { to: '/admin/price-lists', label: 'nav.priceLists', icon: IconCurrencyEuro },
    );
  }
  if (has(me, 'admin')) tools.push({ to: '/admin/outbox', label: 'nav.outbox', icon: IconMail });
  if (has(me, 'admin') && !has(me, 'call_center')) tools.push({ to: '/inbox', label: 'nav.inbox', icon: IconMailbox });
  groups.push({ label: 'nav.tools', items: tools });
  return groups;
}
