import type { ReactNode } from 'react';
import { Alert, Anchor, Button, Card, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import {
  IconAlertTriangle,
  IconCalendarStats,
  IconChartBar,
  IconCurrencyEuro,
  IconGavel,
  IconLayoutKanban,
  IconMailbox,
  IconPhoneCall,
  IconPlus,
  IconReportAnalytics,
  IconSearch,
  IconShieldCheck,
} from '@tabler/icons-react';
import { Link } from 'react-router';
import { useMe } from '../../api/me';
import { useAdminStatus } from '../../api/system';
import type { Me, Role } from '../../api/types';
import { PageHeader } from '../../components/PageHeader';
import { useFormat } from '../../i18n/format';
import { useT } from '../../i18n/messages';
import { TicketQueue, WorkOrderQueue } from './QueueSection';
import { AmountQueue } from '../accounting/AmountQueue';
import {
  FinalAccountsToApproveCard,
  InvoicesToMatchCard,
  SpendAlertsCard,
  StatementsToPrepareCard,
} from '../accounting/AccountingHomeCards';
import { KpiReportQueue } from '../kpi-reports/KpiReportQueue';
import { ProgramQueue } from '../programs/ProgramQueue';
import { romeMonth } from '../programs/labels';
import { TodayCard } from '../planned-calendar/TodayCard';

const has = (me: Me, role: Role) => me.roles.includes(role);

/** Home is a work queue: what waits for me, per role, most urgent and oldest first. */
export function HomePage() {
  const t = useT();
  const format = useFormat();
  const { data: me } = useMe();
  const { data: status } = useAdminStatus(!!me && has(me, 'admin'));
  if (!me) return null;

  const shortcuts: ReactNode[] = [];
  const queues: ReactNode[] = [];

  if (has(me, 'requester')) {
    shortcuts.push(
      <Button key="new" component={Link} to="/tickets/new" size="md" leftSection={<IconPlus size={18} aria-hidden />}>
        {t('nav.newTicket')}
      </Button>,
    );
    queues.push(
      <TicketQueue
        key="mine"
        title={t('home.queues.myOpenTickets')}
        params={{ view: 'mine' }}
        link="/tickets?view=mine"
        emptyText={t('home.empty.myOpenTickets')}
        plain
      />,
    );
  }
  if (has(me, 'call_center')) {
    shortcuts.push(
      <Button key="phone" component={Link} to="/tickets/new" size="md" leftSection={<IconPhoneCall size={18} aria-hidden />}>
        {t('nav.newPhoneTicket')}
      </Button>,
      <Button key="inbox" component={Link} to="/inbox" size="md" variant="default" leftSection={<IconMailbox size={18} aria-hidden />}>
        {t('nav.inbox')}
      </Button>,
      <Button key="search" component={Link} to="/tickets" size="md" variant="default" leftSection={<IconSearch size={18} aria-hidden />}>
        {t('home.searchTickets')}
      </Button>,
    );
    queues.push(
      <TicketQueue
        key="toClose"
        title={t('views.tickets.awaiting_my_action_call_center')}
        params={{ view: 'awaiting_my_action' }}
        link="/tickets?view=awaiting_my_action"
        emptyText={t('home.empty.toClose')}
      />,
      <TodayCard key="today" />,
    );
  }
  if (has(me, 'building_manager') || has(me, 'admin')) {
    queues.push(
      <TicketQueue
        key="toQualify"
        title={t('views.tickets.to_qualify')}
        params={{ view: 'to_qualify' }}
        link="/tickets?view=to_qualify"
        emptyText={t('home.empty.toQualify')}
      />,
    );
  }
  if (has(me, 'building_manager')) {
    queues.push(
      <WorkOrderQueue
        key="toVerify"
        title={t('views.workOrders.awaiting_my_action_building_manager')}
        params={{ view: 'awaiting_my_action' }}
        link="/work-orders?view=awaiting_my_action"
        emptyText={t('home.empty.toVerify')}
      />,
      <ProgramQueue
        key="toApprove"
        title={t('planned.home.toApprove')}
        status={['submitted']}
        link="/programs?status=submitted"
        emptyText={t('planned.home.toApproveEmpty')}
      />,
      <WorkOrderQueue
        key="plannedLate"
        title={t('views.workOrders.planned_late')}
        params={{ view: 'planned_late' }}
        link="/work-orders?view=planned_late"
        emptyText={t('planned.home.lateEmpty')}
      />,
      <KpiReportQueue key="kpiReports" />,
    );
  }
  if (has(me, 'service_head')) {
    shortcuts.push(
      <Button key="auth" component={Link} to="/authorizations" size="md" leftSection={<IconShieldCheck size={18} aria-hidden />}>
        {t('nav.authorizations')}
      </Button>,
    );
    queues.push(
      <WorkOrderQueue
        key="auth"
        title={t('views.workOrders.awaiting_authorization')}
        params={{ view: 'awaiting_authorization' }}
        link="/authorizations"
        emptyText={t('home.empty.toAuthorize')}
      />,
      <SpendAlertsCard key="spendAlertsHead" />,
      <KpiReportQueue key="kpiReportsHead" />,
    );
  }
  if (has(me, 'admin') && !has(me, 'service_head')) {
    queues.push(
      <WorkOrderQueue
        key="authAdmin"
        title={t('views.workOrders.awaiting_authorization')}
        params={{ view: 'awaiting_authorization' }}
        link="/work-orders?view=awaiting_authorization"
        emptyText={t('home.empty.toAuthorize')}
      />,
    );
  }
  if (has(me, 'contractor')) {
    shortcuts.push(
      <Button key="board" component={Link} to="/board" size="md" leftSection={<IconLayoutKanban size={18} aria-hidden />}>
        {t('nav.board')}
      </Button>,
      <Button
        key="program"
        component={Link}
        to={`/programs?month=${romeMonth()}`}
        size="md"
        variant="default"
        leftSection={<IconCalendarStats size={18} aria-hidden />}
      >
        {t('planned.home.prepareMonth', { month: format.month(romeMonth()) })}
      </Button>,
    );
    queues.push(
      <WorkOrderQueue
        key="todo"
        title={t('views.workOrders.awaiting_my_action_contractor')}
        params={{ view: 'awaiting_my_action' }}
        link="/work-orders?view=awaiting_my_action"
        emptyText={t('home.empty.contractorTodo')}
      />,
      <ProgramQueue
        key="toPrepare"
        title={t('planned.home.toPrepare')}
        status={['draft', 'returned']}
        link={`/programs?month=${romeMonth()}`}
        emptyText={t('planned.home.toPrepareEmpty')}
      />,
      <WorkOrderQueue
        key="plannedMonth"
        title={t('views.workOrders.planned_this_month')}
        params={{ view: 'planned_this_month' }}
        link="/work-orders?view=planned_this_month"
        emptyText={t('planned.home.thisMonthEmpty')}
      />,
      <WorkOrderQueue
        key="plannedWeek"
        title={t('views.workOrders.planned_due_this_week')}
        params={{ view: 'planned_due_this_week' }}
        link="/work-orders?view=planned_due_this_week"
        emptyText={t('planned.home.thisWeekEmpty')}
      />,
    );
  }
  if (has(me, 'accounting')) {
    // What waits for accounting (#10 item 7), then the money of the work orders and the lots' dashboard.
    shortcuts.push(
      <Button
        key="spend"
        component={Link}
        to="/accounting/spend"
        size="md"
        variant="default"
        leftSection={<IconChartBar size={18} aria-hidden />}
      >
        {t('accountingHome.spend')}
      </Button>,
      <Button
        key="amounts"
        component={Link}
        to="/accounting/work-orders"
        size="md"
        leftSection={<IconCurrencyEuro size={18} aria-hidden />}
      >
        {t('home.accounting.amounts')}
      </Button>,
      <Button
        key="contracts"
        component={Link}
        to="/contracts"
        size="md"
        variant="default"
        leftSection={<IconReportAnalytics size={18} aria-hidden />}
      >
        {t('home.accounting.contracts')}
      </Button>,
      <Button
        key="penalties"
        component={Link}
        to="/penalties"
        size="md"
        variant="default"
        leftSection={<IconGavel size={18} aria-hidden />}
      >
        {t('home.accounting.penalties')}
      </Button>,
    );
    queues.push(
      <FinalAccountsToApproveCard key="finalAccounts" />,
      <StatementsToPrepareCard key="statements" />,
      <InvoicesToMatchCard key="invoices" />,
      ...(has(me, 'service_head') ? [] : [<SpendAlertsCard key="spendAlerts" />]),
      <AmountQueue
        key="quotes"
        title={t('home.queues.awaitingQuotes')}
        params={{ view: 'awaiting_authorization' }}
        link="/accounting/work-orders?view=awaiting_authorization"
        emptyText={t('home.empty.awaitingQuotes')}
      />,
      <AmountQueue
        key="verified"
        title={t('home.queues.verifiedAmounts')}
        params={{ status: ['verified'] }}
        link="/accounting/work-orders?status=verified"
        emptyText={t('home.empty.verifiedAmounts')}
      />,
    );
  }
  if (has(me, 'building_manager') || has(me, 'contractor') || has(me, 'admin')) {
    queues.push(
      <WorkOrderQueue
        key="late"
        title={t('views.workOrders.past_planned_date')}
        params={{ view: 'past_planned_date' }}
        link="/work-orders?view=past_planned_date"
        emptyText={t('home.empty.late')}
      />,
    );
  }
  if (has(me, 'building_manager') || has(me, 'contractor')) {
    queues.push(
      <WorkOrderQueue
        key="materials"
        title={t('views.workOrders.waiting_materials')}
        params={{ view: 'waiting_materials' }}
        link="/work-orders?view=waiting_materials"
        emptyText={t('home.empty.materials')}
      />,
    );
  }

  return (
    <Stack gap="lg">
      <PageHeader
        title={t('home.welcome', { name: me.displayName })}
        description={t('home.roles', { roles: me.roles.map((r) => t(`roles.${r}`)).join(', ') })}
      />
      {has(me, 'admin') && status && status.demoAccounts.length > 0 && <DemoAccountsAlert usernames={status.demoAccounts} />}
      {shortcuts.length > 0 && <Group gap="sm">{shortcuts}</Group>}
      {queues.length > 0 ? (
        <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
          {queues}
        </SimpleGrid>
      ) : (
        <Card withBorder padding="lg">
          <Text>{t('home.noQueue')}</Text>
          <Group mt="sm">
            <Button component={Link} to="/tickets" variant="default">
              {t('nav.tickets')}
            </Button>
            <Button component={Link} to="/work-orders" variant="default">
              {t('nav.workOrders')}
            </Button>
          </Group>
        </Card>
      )}
    </Stack>
  );
}

/** The server still holds accounts with the public demo password (#7 item 1): say so until it stops. */
function DemoAccountsAlert({ usernames }: { usernames: string[] }) {
  const t = useT();
  return (
    <Alert color="red" variant="light" role="alert" icon={<IconAlertTriangle aria-hidden />} title={t('home.demo.title')}>
      <Text size="sm">{t('home.demo.body', { count: usernames.length, usernames: usernames.join(', ') })}</Text>
      <Anchor component={Link} to="/registry/users" size="sm" mt="xs" display="inline-block">
        {t('home.demo.action')}
      </Anchor>
    </Alert>
  );
}
