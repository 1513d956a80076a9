import type { ComponentType, ReactNode } from 'react';
import { createBrowserRouter, type RouteObject } from 'react-router';
import {
  canBrowseRegistry,
  canImport,
  canRead,
  canSeeAmounts,
  canSeeAllocations,
  canSeeFinalAccounts,
  canSeeInvoices,
  canSeeSatisfaction,
  canSeeStatements,
  canSeeContracts,
  canSeeIndicators,
  canSeePenalties,
  canSeeKpiReports,
  canSeePlanned,
  canWrite,
  hasRole,
  type EntityKey,
} from './permissions';
import { RequireAccess } from './RequireAccess';
import { lazyPage } from './lazyPage';
import type { RegistryItem } from '../api/types';
import type { RegistryListConfig } from '../features/registry/types';
import type { RegistryFormConfig } from '../features/registry/formTypes';
import { canReadPlans, canWritePlans } from '../features/plans/access';

// Each page is its own chunk, fetched on first visit: the login page does not carry the whole app (#12).
// The signed-in layout (menu, header, notices) too: the login page has none of it.
const RequireAuth = lazyPage(
  () => import('./RequireAuth'),
  (m) => m.RequireAuth,
);
const LoginPage = lazyPage(
  () => import('../features/auth/LoginPage'),
  (m) => m.LoginPage,
);
const HomePage = lazyPage(
  () => import('../features/home/HomePage'),
  (m) => m.HomePage,
);
const ProfilePage = lazyPage(
  () => import('../features/profile/ProfilePage'),
  (m) => m.ProfilePage,
);
const ImportPage = lazyPage(
  () => import('../features/import/ImportPage'),
  (m) => m.ImportPage,
);
const BuildingDetailPage = lazyPage(
  () => import('../features/registry/buildings/BuildingDetailPage'),
  (m) => m.BuildingDetailPage,
);
const NotFoundPage = lazyPage(
  () => import('../components/NotFoundPage'),
  (m) => m.NotFoundPage,
);
const NewTicketPage = lazyPage(
  () => import('../features/tickets/NewTicketPage'),
  (m) => m.NewTicketPage,
);
const TicketListPage = lazyPage(
  () => import('../features/tickets/TicketListPage'),
  (m) => m.TicketListPage,
);
const TicketPage = lazyPage(
  () => import('../features/tickets/TicketPage'),
  (m) => m.TicketPage,
);
const WorkOrderListPage = lazyPage(
  () => import('../features/work-orders/WorkOrderListPage'),
  (m) => m.WorkOrderListPage,
);
const WorkOrderPage = lazyPage(
  () => import('../features/work-orders/WorkOrderPage'),
  (m) => m.WorkOrderPage,
);
const AuthorizationInboxPage = lazyPage(
  () => import('../features/authorizations/AuthorizationInboxPage'),
  (m) => m.AuthorizationInboxPage,
);
const ContractorBoardPage = lazyPage(
  () => import('../features/board/ContractorBoardPage'),
  (m) => m.ContractorBoardPage,
);
const MyWorkPage = lazyPage(
  () => import('../features/technicians/MyWorkPage'),
  (m) => m.MyWorkPage,
);
const OwedDocumentsPage = lazyPage(
  () => import('../features/work-orders/OwedDocumentsPage'),
  (m) => m.OwedDocumentsPage,
);
const InboxPage = lazyPage(
  () => import('../features/inbox/InboxPage'),
  (m) => m.InboxPage,
);
const NotificationsPage = lazyPage(
  () => import('../features/notifications/NotificationsPage'),
  (m) => m.NotificationsPage,
);
const OutboxPage = lazyPage(
  () => import('../features/outbox/OutboxPage'),
  (m) => m.OutboxPage,
);
const OutboxMessagePage = lazyPage(
  () => import('../features/outbox/OutboxMessagePage'),
  (m) => m.OutboxMessagePage,
);
const RatingPage = lazyPage(
  () => import('../features/rating/RatingPage'),
  (m) => m.RatingPage,
);
const ConfirmEmailPage = lazyPage(
  () => import('../features/profile/ConfirmEmailPage'),
  (m) => m.ConfirmEmailPage,
);
const PenaltyListPage = lazyPage(
  () => import('../features/penalties/PenaltyListPage'),
  (m) => m.PenaltyListPage,
);
const KpiReportsPage = lazyPage(
  () => import('../features/kpi-reports/KpiReportsPage'),
  (m) => m.KpiReportsPage,
);
const PenaltyPage = lazyPage(
  () => import('../features/penalties/PenaltyPage'),
  (m) => m.PenaltyPage,
);
const ContractsPage = lazyPage(
  () => import('../features/penalties/ContractsPage'),
  (m) => m.ContractsPage,
);
const ContractOverviewPage = lazyPage(
  () => import('../features/penalties/ContractOverviewPage'),
  (m) => m.ContractOverviewPage,
);
const ProgramListPage = lazyPage(
  () => import('../features/programs/ProgramListPage'),
  (m) => m.ProgramListPage,
);
const ProgramPage = lazyPage(
  () => import('../features/programs/ProgramPage'),
  (m) => m.ProgramPage,
);
const PlannedCalendarPage = lazyPage(
  () => import('../features/planned-calendar/PlannedCalendarPage'),
  (m) => m.PlannedCalendarPage,
);
const TodayPage = lazyPage(
  () => import('../features/planned-calendar/TodayPage'),
  (m) => m.TodayPage,
);
const PenaltyRulesPage = lazyPage(
  () => import('../features/admin-money/PenaltyRulesPage'),
  (m) => m.PenaltyRulesPage,
);
const PriceListsPage = lazyPage(
  () => import('../features/admin-money/PriceListsPage'),
  (m) => m.PriceListsPage,
);
const AmountListPage = lazyPage(
  () => import('../features/accounting/AmountListPage'),
  (m) => m.AmountListPage,
);
const SpendPage = lazyPage(
  () => import('../features/accounting/SpendPage'),
  (m) => m.SpendPage,
);
const SatisfactionPage = lazyPage(
  () => import('../features/satisfaction/SatisfactionPage'),
  (m) => m.SatisfactionPage,
);
const FinalAccountListPage = lazyPage(
  () => import('../features/accounting/FinalAccountListPage'),
  (m) => m.FinalAccountListPage,
);
const InvoiceListPage = lazyPage(
  () => import('../features/accounting/invoices/InvoiceListPage'),
  (m) => m.InvoiceListPage,
);
const InvoicePage = lazyPage(
  () => import('../features/accounting/invoices/InvoicePage'),
  (m) => m.InvoicePage,
);
const AllocationsPage = lazyPage(
  () => import('../features/accounting/AllocationsPage'),
  (m) => m.AllocationsPage,
);
const StatementListPage = lazyPage(
  () => import('../features/accounting/StatementListPage'),
  (m) => m.StatementListPage,
);
const StatementPage = lazyPage(
  () => import('../features/accounting/StatementPage'),
  (m) => m.StatementPage,
);
const FinalAccountPage = lazyPage(
  () => import('../features/accounting/FinalAccountPage'),
  (m) => m.FinalAccountPage,
);
const ContractSlaPage = lazyPage(
  () => import('../features/admin-sla/ContractSlaPage'),
  (m) => m.ContractSlaPage,
);
const IndicatorsPage = lazyPage(
  () => import('../features/indicators/IndicatorsPage'),
  (m) => m.IndicatorsPage,
);
const PlansListPage = lazyPage(
  () => import('../features/plans/PlansListPage'),
  (m) => m.PlansListPage,
);
const PlanEditorPage = lazyPage(
  () => import('../features/plans/PlanEditorPage'),
  (m) => m.PlanEditorPage,
);
const MeterPage = lazyPage(
  () => import('../features/plans/MetersPage'),
  (m) => m.MeterPage,
);
const MetersPage = lazyPage(
  () => import('../features/plans/MetersPage'),
  (m) => m.MetersPage,
);

/** A registry list page bound to its collection's columns; both come in on the first visit. */
function registryList<T extends RegistryItem>(load: () => Promise<RegistryListConfig<T>>) {
  return lazyPage(
    () => Promise.all([import('../features/registry/RegistryListPage'), load()]),
    ([{ RegistryListPage }, config]) =>
      function RegistryList() {
        return <RegistryListPage config={config} />;
      },
  );
}

/** A registry form page bound to its collection's fields; both come in on the first visit. */
function registryForm<T extends RegistryItem, V extends object>(load: () => Promise<RegistryFormConfig<T, V>>) {
  return lazyPage(
    () => Promise.all([import('../features/registry/RegistryFormPage'), load()]),
    ([{ RegistryFormPage }, config]) =>
      function RegistryForm() {
        return <RegistryFormPage config={config} />;
      },
  );
}

/** A registry page: staff only (canBrowseRegistry), then the entity's read or write right. */
function guarded(entity: EntityKey, element: ReactNode, needsWrite = false) {
  return (
    <RequireAccess allow={(me) => canBrowseRegistry(me) && (needsWrite ? canWrite(me, entity) : canRead(me, entity))}>
      {element}
    </RequireAccess>
  );
}

// One component per collection, shared by its new and show routes as before (same type, same state).
const registry = {
  sites: {
    List: registryList(() => import('../features/registry/sites/list').then((m) => m.siteList)),
    Form: registryForm(() => import('../features/registry/sites/form').then((m) => m.siteForm)),
  },
  departments: {
    List: registryList(() => import('../features/registry/departments/list').then((m) => m.departmentList)),
    Form: registryForm(() => import('../features/registry/departments/form').then((m) => m.departmentForm)),
  },
  buildings: {
    List: registryList(() => import('../features/registry/buildings/list').then((m) => m.buildingList)),
    Form: registryForm(() => import('../features/registry/buildings/form').then((m) => m.buildingForm)),
  },
  floors: { Form: registryForm(() => import('../features/registry/floors/form').then((m) => m.floorForm)) },
  spaces: { Form: registryForm(() => import('../features/registry/spaces/form').then((m) => m.spaceForm)) },
  technologyClasses: {
    List: registryList(() => import('../features/registry/technology-classes/list').then((m) => m.technologyClassList)),
    Form: registryForm(() => import('../features/registry/technology-classes/form').then((m) => m.technologyClassForm)),
  },
  contractors: {
    List: registryList(() => import('../features/registry/contractors/list').then((m) => m.contractorList)),
    Form: registryForm(() => import('../features/registry/contractors/form').then((m) => m.contractorForm)),
  },
  contracts: {
    List: registryList(() => import('../features/registry/contracts/list').then((m) => m.contractList)),
    Form: registryForm(() => import('../features/registry/contracts/form').then((m) => m.contractForm)),
  },
  assets: {
    List: registryList(() => import('../features/registry/assets/list').then((m) => m.assetList)),
    Form: registryForm(() => import('../features/registry/assets/form').then((m) => m.assetForm)),
  },
  users: {
    List: registryList(() => import('../features/registry/users/list').then((m) => m.userList)),
    Form: registryForm(() => import('../features/registry/users/form').then((m) => m.userForm)),
  },
};

/** List, new and show/edit routes of one registry collection. */
function registryRoutes(segment: string, entity: EntityKey, pages: { List: ComponentType; Form: ComponentType }): RouteObject[] {
  const { List, Form } = pages;
  return [
    { path: `registry/${segment}`, element: guarded(entity, <List />) },
    { path: `registry/${segment}/new`, element: guarded(entity, <Form />, true) },
    { path: `registry/${segment}/:id`, element: guarded(entity, <Form />) },
  ];
}

export const routes: RouteObject[] = [
  { path: '/login', element: <LoginPage /> },
  // Opened from the closing e-mail: no login.
  { path: '/rate/:token', element: <RatingPage /> },
  // Opened from the link mailed to a new address (#7): no login needed.
  { path: '/confirm-email', element: <ConfirmEmailPage /> },
  {
    path: '/',
    element: <RequireAuth />,
    children: [
      { index: true, element: <HomePage /> },
      { path: 'profile', element: <ProfilePage /> },
      ...registryRoutes('sites', 'sites', registry.sites),
      ...registryRoutes('departments', 'departments', registry.departments),
      { path: 'registry/buildings', element: guarded('buildings', <registry.buildings.List />) },
      { path: 'registry/buildings/new', element: guarded('buildings', <registry.buildings.Form />, true) },
      { path: 'registry/buildings/:id', element: guarded('buildings', <BuildingDetailPage />) },
      { path: 'registry/buildings/:id/edit', element: guarded('buildings', <registry.buildings.Form />) },
      {
        path: 'registry/buildings/:buildingId/floors/new',
        element: guarded('floors', <registry.floors.Form />, true),
      },
      {
        path: 'registry/buildings/:buildingId/floors/:id',
        element: guarded('floors', <registry.floors.Form />),
      },
      {
        path: 'registry/buildings/:buildingId/spaces/new',
        element: guarded('spaces', <registry.spaces.Form />, true),
      },
      {
        path: 'registry/buildings/:buildingId/spaces/:id',
        element: guarded('spaces', <registry.spaces.Form />),
      },
      ...registryRoutes('technology-classes', 'technologyClasses', registry.technologyClasses),
      ...registryRoutes('contractors', 'contractors', registry.contractors),
      ...registryRoutes('contracts', 'contracts', registry.contracts),
      ...registryRoutes('assets', 'assets', registry.assets),
      ...registryRoutes('users', 'users', registry.users),
      {
        path: 'plans',
        element: (
          <RequireAccess allow={canReadPlans}>
            <PlansListPage />
          </RequireAccess>
        ),
      },
      {
        path: 'plans/new',
        element: (
          <RequireAccess allow={canWritePlans}>
            <PlanEditorPage />
          </RequireAccess>
        ),
      },
      {
        path: 'plans/:id',
        element: (
          <RequireAccess allow={canReadPlans}>
            <PlanEditorPage />
          </RequireAccess>
        ),
      },
      {
        path: 'meters',
        element: (
          <RequireAccess allow={canReadPlans}>
            <MetersPage />
          </RequireAccess>
        ),
      },
      {
        path: 'meters/:id',
        element: (
          <RequireAccess allow={canReadPlans}>
            <MeterPage />
          </RequireAccess>
        ),
      },
      {
        path: 'import',
        element: (
          <RequireAccess allow={canImport}>
            <ImportPage />
          </RequireAccess>
        ),
      },
      { path: 'tickets', element: <TicketListPage /> },
      { path: 'tickets/new', element: <NewTicketPage /> },
      { path: 'tickets/:id', element: <TicketPage /> },
      {
        path: 'work-orders',
        element: (
          <RequireAccess allow={(me) => !hasRole(me, 'requester') || me.roles.length > 1}>
            <WorkOrderListPage />
          </RequireAccess>
        ),
      },
      { path: 'work-orders/:id', element: <WorkOrderPage /> },
      {
        path: 'authorizations',
        element: (
          <RequireAccess allow={(me) => hasRole(me, 'service_head', 'admin')}>
            <AuthorizationInboxPage />
          </RequireAccess>
        ),
      },
      {
        path: 'authorizations/:id',
        element: (
          <RequireAccess allow={(me) => hasRole(me, 'service_head', 'admin')}>
            <AuthorizationInboxPage />
          </RequireAccess>
        ),
      },
      {
        path: 'board',
        element: (
          <RequireAccess allow={(me) => hasRole(me, 'contractor')}>
            <ContractorBoardPage />
          </RequireAccess>
        ),
      },
      {
        path: 'as-built-documents',
        element: (
          <RequireAccess allow={(me) => hasRole(me, 'building_manager', 'service_head', 'contractor', 'accounting', 'admin')}>
            <OwedDocumentsPage />
          </RequireAccess>
        ),
      },
      {
        path: 'my-work',
        element: (
          <RequireAccess allow={(me) => hasRole(me, 'contractor')}>
            <MyWorkPage />
          </RequireAccess>
        ),
      },
      {
        path: 'inbox',
        element: (
          <RequireAccess allow={(me) => hasRole(me, 'call_center', 'admin')}>
            <InboxPage />
          </RequireAccess>
        ),
      },
      { path: 'notifications', element: <NotificationsPage /> },
      {
        path: 'penalties',
        element: (
          <RequireAccess allow={canSeePenalties}>
            <PenaltyListPage />
          </RequireAccess>
        ),
      },
      {
        path: 'kpi-reports',
        element: (
          <RequireAccess allow={canSeeKpiReports}>
            <KpiReportsPage />
          </RequireAccess>
        ),
      },
      {
        path: 'penalties/:id',
        element: (
          <RequireAccess allow={canSeePenalties}>
            <PenaltyPage />
          </RequireAccess>
        ),
      },
      {
        path: 'satisfaction',
        element: (
          <RequireAccess allow={canSeeSatisfaction}>
            <SatisfactionPage />
          </RequireAccess>
        ),
      },
      {
        path: 'accounting/spend',
        element: (
          <RequireAccess allow={canSeeFinalAccounts}>
            <SpendPage />
          </RequireAccess>
        ),
      },
      {
        path: 'accounting/final-accounts',
        element: (
          <RequireAccess allow={canSeeFinalAccounts}>
            <FinalAccountListPage />
          </RequireAccess>
        ),
      },
      {
        path: 'accounting/final-accounts/:id',
        element: (
          <RequireAccess allow={canSeeFinalAccounts}>
            <FinalAccountPage />
          </RequireAccess>
        ),
      },
      {
        path: 'accounting/statements',
        element: (
          <RequireAccess allow={canSeeStatements}>
            <StatementListPage />
          </RequireAccess>
        ),
      },
      {
        path: 'accounting/statements/:id',
        element: (
          <RequireAccess allow={canSeeStatements}>
            <StatementPage />
          </RequireAccess>
        ),
      },
      {
        path: 'accounting/invoices',
        element: (
          <RequireAccess allow={canSeeInvoices}>
            <InvoiceListPage />
          </RequireAccess>
        ),
      },
      {
        path: 'accounting/invoices/:id',
        element: (
          <RequireAccess allow={canSeeInvoices}>
            <InvoicePage />
          </RequireAccess>
        ),
      },
      {
        path: 'accounting/allocations',
        element: (
          <RequireAccess allow={canSeeAllocations}>
            <AllocationsPage />
          </RequireAccess>
        ),
      },
      {
        path: 'accounting/work-orders',
        element: (
          <RequireAccess allow={canSeeAmounts}>
            <AmountListPage />
          </RequireAccess>
        ),
      },
      {
        path: 'contracts',
        element: (
          <RequireAccess allow={canSeeContracts}>
            <ContractsPage />
          </RequireAccess>
        ),
      },
      {
        path: 'contracts/:id/overview',
        element: (
          <RequireAccess allow={canSeeContracts}>
            <ContractOverviewPage />
          </RequireAccess>
        ),
      },
      {
        path: 'indicators',
        element: (
          <RequireAccess allow={canSeeIndicators}>
            <IndicatorsPage />
          </RequireAccess>
        ),
      },
      {
        path: 'programs',
        element: (
          <RequireAccess allow={canSeePlanned}>
            <ProgramListPage />
          </RequireAccess>
        ),
      },
      {
        path: 'programs/:id',
        element: (
          <RequireAccess allow={canSeePlanned}>
            <ProgramPage />
          </RequireAccess>
        ),
      },
      {
        path: 'planned-calendar',
        element: (
          <RequireAccess allow={canSeePlanned}>
            <PlannedCalendarPage />
          </RequireAccess>
        ),
      },
      {
        path: 'planned-today',
        element: (
          <RequireAccess allow={canSeePlanned}>
            <TodayPage />
          </RequireAccess>
        ),
      },
      {
        path: 'admin/penalty-rules',
        element: (
          <RequireAccess allow={(me) => hasRole(me, 'admin')}>
            <PenaltyRulesPage />
          </RequireAccess>
        ),
      },
      {
        path: 'admin/price-lists',
        element: (
          <RequireAccess allow={(me) => hasRole(me, 'admin')}>
            <PriceListsPage />
          </RequireAccess>
        ),
      },
      { path: 'admin/contracts/:id/sla', element: guarded('contracts', <ContractSlaPage />) },
      {
        path: 'admin/outbox',
        element: (
          <RequireAccess allow={(me) => hasRole(me, 'admin')}>
            <OutboxPage />
          </RequireAccess>
        ),
      },
      {
        path: 'admin/outbox/:id',
        element: (
          <RequireAccess allow={(me) => hasRole(me, 'admin')}>
            <OutboxMessagePage />
          </RequireAccess>
        ),
      },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
];

export const router = createBrowserRouter(routes);
