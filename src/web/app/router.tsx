import type { ReactNode } from 'react';
import { createBrowserRouter, type RouteObject } from 'react-router';
import type { RegistryItem } from '../api/types';
import { LoginPage } from '../features/auth/LoginPage';
import { HomePage } from '../features/home/HomePage';
import { ProfilePage } from '../features/profile/ProfilePage';
import { ImportPage } from '../features/import/ImportPage';
import { RegistryListPage } from '../features/registry/RegistryListPage';
import { RegistryFormPage } from '../features/registry/RegistryFormPage';
import type { RegistryListConfig } from '../features/registry/types';
import type { RegistryFormConfig } from '../features/registry/formTypes';
import { BuildingDetailPage } from '../features/registry/buildings/BuildingDetailPage';
import { siteList } from '../features/registry/sites/list';
import { siteForm } from '../features/registry/sites/form';
import { departmentList } from '../features/registry/departments/list';
import { departmentForm } from '../features/registry/departments/form';
import { buildingList } from '../features/registry/buildings/list';
import { buildingForm } from '../features/registry/buildings/form';
import { floorForm } from '../features/registry/floors/form';
import { spaceForm } from '../features/registry/spaces/form';
import { technologyClassList } from '../features/registry/technology-classes/list';
import { technologyClassForm } from '../features/registry/technology-classes/form';
import { contractorList } from '../features/registry/contractors/list';
import { contractorForm } from '../features/registry/contractors/form';
import { contractList } from '../features/registry/contracts/list';
import { contractForm } from '../features/registry/contracts/form';
import { assetList } from '../features/registry/assets/list';
import { assetForm } from '../features/registry/assets/form';
import { userList } from '../features/registry/users/list';
import { userForm } from '../features/registry/users/form';
import { NotFoundPage } from '../components/NotFoundPage';
import { NewTicketPage } from '../features/tickets/NewTicketPage';
import { TicketListPage } from '../features/tickets/TicketListPage';
import { TicketPage } from '../features/tickets/TicketPage';
import { WorkOrderListPage } from '../features/work-orders/WorkOrderListPage';
import { WorkOrderPage } from '../features/work-orders/WorkOrderPage';
import { AuthorizationInboxPage } from '../features/authorizations/AuthorizationInboxPage';
import { ContractorBoardPage } from '../features/board/ContractorBoardPage';
import { MyWorkPage } from '../features/technicians/MyWorkPage';
import { OwedDocumentsPage } from '../features/work-orders/OwedDocumentsPage';
import { InboxPage } from '../features/inbox/InboxPage';
import { NotificationsPage } from '../features/notifications/NotificationsPage';
import { OutboxPage } from '../features/outbox/OutboxPage';
import { OutboxMessagePage } from '../features/outbox/OutboxMessagePage';
import { RatingPage } from '../features/rating/RatingPage';
import { ConfirmEmailPage } from '../features/profile/ConfirmEmailPage';
import { PenaltyListPage } from '../features/penalties/PenaltyListPage';
import { KpiReportsPage } from '../features/kpi-reports/KpiReportsPage';
import { PenaltyPage } from '../features/penalties/PenaltyPage';
import { ContractsPage } from '../features/penalties/ContractsPage';
import { ContractOverviewPage } from '../features/penalties/ContractOverviewPage';
import { ProgramListPage } from '../features/programs/ProgramListPage';
import { ProgramPage } from '../features/programs/ProgramPage';
import { PlannedCalendarPage } from '../features/planned-calendar/PlannedCalendarPage';
import { TodayPage } from '../features/planned-calendar/TodayPage';
import { PenaltyRulesPage } from '../features/admin-money/PenaltyRulesPage';
import { PriceListsPage } from '../features/admin-money/PriceListsPage';
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
import { AmountListPage } from '../features/accounting/AmountListPage';
import { SpendPage } from '../features/accounting/SpendPage';
import { SatisfactionPage } from '../features/satisfaction/SatisfactionPage';
import { FinalAccountListPage } from '../features/accounting/FinalAccountListPage';
import { InvoiceListPage } from '../features/accounting/invoices/InvoiceListPage';
import { InvoicePage } from '../features/accounting/invoices/InvoicePage';
import { AllocationsPage } from '../features/accounting/AllocationsPage';
import { StatementListPage } from '../features/accounting/StatementListPage';
import { StatementPage } from '../features/accounting/StatementPage';
import { FinalAccountPage } from '../features/accounting/FinalAccountPage';
import { ContractSlaPage } from '../features/admin-sla/ContractSlaPage';
import { IndicatorsPage } from '../features/indicators/IndicatorsPage';
import { RequireAccess } from './RequireAccess';
import { RequireAuth } from './RequireAuth';
import { PlansListPage } from '../features/plans/PlansListPage';
import { PlanEditorPage } from '../features/plans/PlanEditorPage';
import { MeterPage, MetersPage } from '../features/plans/MetersPage';
import { canReadPlans, canWritePlans } from '../features/plans/access';

/** A registry page: staff only (canBrowseRegistry), then the entity's read or write right. */
function guarded(entity: EntityKey, element: ReactNode, needsWrite = false) {
  return (
    <RequireAccess allow={(me) => canBrowseRegistry(me) && (needsWrite ? canWrite(me, entity) : canRead(me, entity))}>
      {element}
    </RequireAccess>
  );
}

/** List, new and show/edit routes of one registry collection. */
function registryRoutes<T extends RegistryItem, V extends object>(
  segment: string,
  list: RegistryListConfig<T>,
  form: RegistryFormConfig<T, V>,
): RouteObject[] {
  return [
    { path: `registry/${segment}`, element: guarded(list.entity, <RegistryListPage key={list.entity} config={list} />) },
    { path: `registry/${segment}/new`, element: guarded(list.entity, <RegistryFormPage key={form.entity} config={form} />, true) },
    { path: `registry/${segment}/:id`, element: guarded(list.entity, <RegistryFormPage key={form.entity} config={form} />) },
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
      ...registryRoutes('sites', siteList, siteForm),
      ...registryRoutes('departments', departmentList, departmentForm),
      { path: 'registry/buildings', element: guarded('buildings', <RegistryListPage key="buildings" config={buildingList} />) },
      { path: 'registry/buildings/new', element: guarded('buildings', <RegistryFormPage key="buildings" config={buildingForm} />, true) },
      { path: 'registry/buildings/:id', element: guarded('buildings', <BuildingDetailPage />) },
      { path: 'registry/buildings/:id/edit', element: guarded('buildings', <RegistryFormPage key="buildings" config={buildingForm} />) },
      {
        path: 'registry/buildings/:buildingId/floors/new',
        element: guarded('floors', <RegistryFormPage key="floors" config={floorForm} />, true),
      },
      {
        path: 'registry/buildings/:buildingId/floors/:id',
        element: guarded('floors', <RegistryFormPage key="floors" config={floorForm} />),
      },
      {
        path: 'registry/buildings/:buildingId/spaces/new',
        element: guarded('spaces', <RegistryFormPage key="spaces" config={spaceForm} />, true),
      },
      {
        path: 'registry/buildings/:buildingId/spaces/:id',
        element: guarded('spaces', <RegistryFormPage key="spaces" config={spaceForm} />),
      },
      ...registryRoutes('technology-classes', technologyClassList, technologyClassForm),
      ...registryRoutes('contractors', contractorList, contractorForm),
      ...registryRoutes('contracts', contractList, contractForm),
      ...registryRoutes('assets', assetList, assetForm),
      ...registryRoutes('users', userList, userForm),
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
