import { MultiSelect, Select } from '@mantine/core';
import { useMe } from '../../api/me';
import { PRIORITIES, SLA_ROW_STATES, TICKET_STATES, VIEWS, WORK_ORDER_STATES, type Resource } from '../../api/workflow';
import { canRead } from '../../app/permissions';
import { DateField } from '../../components/inputs/DateField';
import { EntitySelect } from '../../components/EntitySelect';
import { ListFilterBar } from '../../components/list/ListFilterBar';
import { lookup, priorityLabel, ticketStatusLabel, workOrderStatusLabel } from '../../components/workflow/labels';
import { useT } from '../../i18n/messages';
import { SORTS, useWorklistParams } from './useWorklistParams';

/** Search, work list, state, place, class, priority, contractor, dates and order of a work list. */
export function WorklistFilterBar({ resource, simple }: { resource: Resource; simple?: boolean }) {
  const t = useT();
  const { data: me } = useMe();
  const { filters, set, clear, filtered } = useWorklistParams(resource);
  const states = resource === 'tickets' ? TICKET_STATES : WORK_ORDER_STATES;
  const sortValue = filters.sort
    ? `${filters.sort}:${filters.order ?? (filters.sort === 'priority' || filters.sort === 'due' ? 'asc' : 'desc')}`
    : null;
  const sortOptions = SORTS[resource].flatMap((s) => [
    { value: `${s}:desc`, label: lookup(t, `lists.sort.${s}_desc`, s) },
    { value: `${s}:asc`, label: lookup(t, `lists.sort.${s}_asc`, s) },
  ]);

  return (
    <ListFilterBar
      grid
      label={t('lists.filtersOf', { what: t(resource === 'tickets' ? 'nav.tickets' : 'nav.workOrders') })}
      search={{
        description: t(resource === 'tickets' ? 'lists.searchTicketsHint' : 'lists.searchWorkOrdersHint'),
        value: filters.q,
        onChange: (q) => set({ q }),
      }}
      onClear={filtered || filters.view || filters.sort ? clear : undefined}
    >
      {!simple && (
        <Select
          label={t('lists.view')}
          placeholder={t('lists.allInScope')}
          clearable
          clearButtonProps={{ 'aria-label': t('common.clear') }}
          data={VIEWS.map((v) => ({ value: v, label: t(`views.${resource === 'tickets' ? 'tickets' : 'workOrders'}.${v}`) }))}
          value={filters.view}
          onChange={(view) => set({ view })}
        />
      )}
      <MultiSelect
        label={t('common.status')}
        placeholder={filters.status.length ? undefined : t('list.any')}
        clearable
        clearButtonProps={{ 'aria-label': t('common.clear') }}
        data={states.map((s) => ({ value: s, label: resource === 'tickets' ? ticketStatusLabel(t, s) : workOrderStatusLabel(t, s) }))}
        value={filters.status}
        onChange={(status) => set({ status })}
      />
      {!simple && (
        <MultiSelect
          label={t('fields.priority')}
          placeholder={filters.priority.length ? undefined : t('list.any')}
          clearable
          clearButtonProps={{ 'aria-label': t('common.clear') }}
          data={PRIORITIES.map((p) => ({ value: p, label: priorityLabel(t, p) }))}
          value={filters.priority}
          onChange={(priority) => set({ priority })}
        />
      )}
      {!simple && (
        <MultiSelect
          label={t('slaRow.filter')}
          placeholder={filters.sla.length ? undefined : t('list.any')}
          clearable
          clearButtonProps={{ 'aria-label': t('common.clear') }}
          data={SLA_ROW_STATES.map((s) => ({ value: s, label: t(`slaRow.states.${s}`) }))}
          value={filters.sla}
          onChange={(sla) => set({ sla })}
        />
      )}
      <EntitySelect
        entity="buildings"
        label={t('ticket.building')}
        placeholder={t('list.any')}
        value={filters.buildingId}
        onChange={(buildingId) => set({ buildingId })}
        params={{ active: 'all' }}
      />
      {!simple && (
        <EntitySelect
          entity="technologyClasses"
          label={t('fields.technologyClassId')}
          placeholder={t('list.any')}
          value={filters.technologyClassId}
          onChange={(technologyClassId) => set({ technologyClassId })}
          params={{ active: 'all' }}
        />
      )}
      {!simple && canRead(me, 'contractors') && (
        <EntitySelect
          entity="contractors"
          label={t('workOrder.contractor')}
          placeholder={t('list.any')}
          value={filters.contractorId}
          onChange={(contractorId) => set({ contractorId })}
          params={{ active: 'all' }}
        />
      )}
      {!simple && (
        <Select
          label={t('planned.kindFilter')}
          placeholder={t('planned.kindAll')}
          clearable
          clearButtonProps={{ 'aria-label': t('common.clear') }}
          data={[
            { value: resource === 'tickets' ? 'fault' : 'corrective', label: t('planned.kind.fault') },
            { value: 'planned', label: t('planned.kind.planned') },
          ]}
          value={filters.kind}
          onChange={(kind) => set({ kind })}
        />
      )}
      <DateField
        label={t(resource === 'tickets' ? 'lists.createdFrom' : 'lists.issuedFrom')}
        value={filters.from}
        onChange={(from) => set({ from })}
      />
      <DateField
        label={t(resource === 'tickets' ? 'lists.createdTo' : 'lists.issuedTo')}
        value={filters.to}
        onChange={(to) => set({ to })}
      />
      <Select
        label={t('lists.sortBy')}
        placeholder={t('lists.sortDefault')}
        clearable
        clearButtonProps={{ 'aria-label': t('common.clear') }}
        data={sortOptions}
        value={sortValue}
        onChange={(v) => {
          const [sort, order] = v ? v.split(':') : [null, null];
          set({ sort, order });
        }}
      />
    </ListFilterBar>
  );
}
