import { useState, type DragEvent } from 'react';
import { Badge, Button, Card, Group, Loader, SegmentedControl, Select, Stack, Text, UnstyledButton } from '@mantine/core';
import { IconChevronLeft, IconChevronRight, IconFilterOff } from '@tabler/icons-react';
import { useSearchParams } from 'react-router';
import { api } from '../../api/client';
import { useMe } from '../../api/me';
import {
  patchProgramItem,
  PLANNED_WORK_ORDER_STATES,
  rescheduleWorkOrder,
  usePlannedInvalidate,
  usePlannedWork,
  type PlannedWorkItem,
} from '../../api/planned';
import { hasRole } from '../../app/permissions';
import { EntitySelect } from '../../components/EntitySelect';
import { notify } from '../../components/notify';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { problemMessage } from '../../components/problemMessage';
import { useFormat } from '../../i18n/format';
import { useT } from '../../i18n/messages';
import { plannedStatusLabel, romeToday } from '../programs/labels';
import { addDays, addMonths, weeksOf, localInstant, type CalendarView } from './dates';
import { MoveDialog, type MoveMode } from './MoveDialog';
import { usePendingMoves } from './usePendingMoves';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const EDITABLE_PROGRAM = new Set(['draft', 'returned']);
const MOVABLE_WORK_ORDER = new Set(['planned', 'scheduled']);
const keyOf = (i: PlannedWorkItem) => i.workOrderId ?? i.programItemId ?? `${i.activity}-${i.date}`;
const MONTH_SHOWN = 3;

/** How an entry may be moved by this user: the program item while the program is open, the work order once published. */
function moveMode(item: PlannedWorkItem, contractor: boolean): MoveMode {
  if (!contractor) return null;
  if (item.workOrderId) return item.workOrderStatus && MOVABLE_WORK_ORDER.has(item.workOrderStatus) ? 'workOrder' : null;
  if (item.programId && item.programItemId && item.programStatus && EDITABLE_PROGRAM.has(item.programStatus)) return 'program';
  return null;
}

/** Month and week views of planned and scheduled work, filterable per building, contract, contractor and state (all in the URL). */
export function PlannedCalendarPage() {
  const t = useT();
  const format = useFormat();
  const { data: me } = useMe();
  const contractor = hasRole(me, 'contractor');
  const invalidate = usePlannedInvalidate();
  const [params, setParams] = useSearchParams();
  const view: CalendarView = params.get('view') === 'week' ? 'week' : 'month';
  const anchor = DAY.test(params.get('date') ?? '') ? params.get('date')! : romeToday();
  const filters = {
    buildingId: params.get('buildingId') || undefined,
    contractId: params.get('contractId') || undefined,
    contractorId: params.get('contractorId') || undefined,
    status: params.get('status') || undefined,
  };
  const weeks = weeksOf(view, anchor);
  const from = weeks[0][0];
  const to = weeks[weeks.length - 1][6];
  const work = usePlannedWork({ from, to, ...filters, limit: 1000 });
  const [open, setOpen] = useState<{ item: PlannedWorkItem; date?: string } | null>(null);
  const [dragging, setDragging] = useState<string | null>(null);
  const [saveError, setSaveError] = useState<unknown>(null);

  const { pending, propose } = usePendingMoves(
    (move) => {
      notify(move.key.startsWith('wo:') ? t('planned.calendar.saved') : t('planned.calendar.savedDraft'));
      invalidate();
    },
    (error) => {
      setSaveError(error);
      notify(problemMessage(error, t), 'error');
      invalidate();
    },
  );

  const set = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    setParams(next, { replace: true });
  };

  const move = (item: PlannedWorkItem, date: string, reason: string) => {
    const mode = moveMode(item, contractor);
    if (!mode || date === item.date) return;
    setSaveError(null);
    const label = t('planned.calendar.pendingMove', { activity: item.activity, date: format.date(date) });
    if (mode === 'program') {
      propose({
        key: `item:${item.programItemId}`,
        date,
        label,
        save: async () => {
          await patchProgramItem(item.programId!, item.programItemId!, { plannedOn: date, version: item.version });
        },
      });
    } else {
      propose({
        key: `wo:${item.workOrderId}`,
        date,
        label,
        save: async () => {
          // The version of the work order as stored now: the calendar row may be older.
          const current = await api.get<{ version: number }>(`/api/work-orders/${encodeURIComponent(item.workOrderId!)}`);
          await rescheduleWorkOrder(item.workOrderId!, current.version, localInstant(date, item.windowFrom), reason);
        },
      });
    }
  };

  const items = (work.data?.items ?? []).map((i) => {
    const k = i.workOrderId ? `wo:${i.workOrderId}` : `item:${i.programItemId}`;
    return pending[k] ? { ...i, date: pending[k] } : i;
  });
  const byDay = new Map<string, PlannedWorkItem[]>();
  for (const i of [...items].sort((a, b) => (a.windowFrom ?? '').localeCompare(b.windowFrom ?? ''))) {
    byDay.set(i.date, [...(byDay.get(i.date) ?? []), i]);
  }

  const onDrop = (day: string) => (e: DragEvent) => {
    e.preventDefault();
    const key = e.dataTransfer.getData('text/plain');
    setDragging(null);
    const item = items.find((i) => keyOf(i) === key);
    if (!item || item.date === day) return;
    const mode = moveMode(item, contractor);
    // A published work order needs a reason: the dialog asks for it with the new date filled in.
    if (mode === 'workOrder') setOpen({ item, date: day });
    else if (mode === 'program') move(item, day, '');
  };

  const step = (n: number) => set({ date: view === 'week' ? addDays(anchor, 7 * n) : addMonths(anchor, n) });
  const filtered = !!(filters.buildingId || filters.contractId || filters.contractorId || filters.status);
  const currentMonth = anchor.slice(0, 7);
  const today = romeToday();

  return (
    <Stack gap="md">
      <PageHeader title={t('planned.calendar.title')} description={t('planned.calendar.description')} />
      <Card withBorder padding="sm" component="section" aria-label={t('lists.filtersOf', { what: t('planned.calendar.title') })}>
        <Group gap="sm" align="flex-end">
          <EntitySelect
            entity="buildings"
            label={t('planned.fields.building')}
            placeholder={t('planned.calendar.allBuildings')}
            value={filters.buildingId ?? null}
            onChange={(v) => set({ buildingId: v })}
            w={260}
          />
          <EntitySelect
            entity="contracts"
            label={t('planned.fields.contract')}
            placeholder={t('planned.programs.allContracts')}
            value={filters.contractId ?? null}
            onChange={(v) => set({ contractId: v })}
            w={260}
          />
          {!contractor && (
            <EntitySelect
              entity="contractors"
              label={t('planned.fields.contractor')}
              placeholder={t('planned.calendar.allContractors')}
              value={filters.contractorId ?? null}
              onChange={(v) => set({ contractorId: v })}
              w={240}
            />
          )}
          <Select
            label={t('planned.fields.status')}
            placeholder={t('planned.programs.allStates')}
            data={[
              { value: 'unpublished', label: t('planned.calendar.unpublished') },
              ...PLANNED_WORK_ORDER_STATES.map((s) => ({ value: s, label: plannedStatusLabel(t, s) })),
            ]}
            value={filters.status ?? null}
            onChange={(v) => set({ status: v })}
            clearable
            clearButtonProps={{ 'aria-label': t('common.clear') }}
            w={200}
          />
          {filtered && (
            <Button
              variant="default"
              leftSection={<IconFilterOff size={16} aria-hidden />}
              onClick={() => set({ buildingId: null, contractId: null, contractorId: null, status: null })}
            >
              {t('planned.clearFilters')}
            </Button>
          )}
        </Group>
      </Card>
      <Group justify="space-between" gap="sm">
        <Group gap="xs">
          <Button variant="default" onClick={() => step(-1)} leftSection={<IconChevronLeft size={16} aria-hidden />}>
            {t('planned.calendar.previous')}
          </Button>
          <Button variant="default" onClick={() => set({ date: null })}>
            {t('planned.calendar.today')}
          </Button>
          <Button variant="default" onClick={() => step(1)} rightSection={<IconChevronRight size={16} aria-hidden />}>
            {t('planned.calendar.next')}
          </Button>
          <Text fw={700} ml="sm" aria-live="polite">
            {view === 'month' ? format.month(currentMonth) : `${format.date(from)} – ${format.date(to)}`}
          </Text>
        </Group>
        <SegmentedControl
          aria-label={t('planned.calendar.view')}
          value={view}
          onChange={(v) => set({ view: v === 'week' ? 'week' : null })}
          data={[
            { value: 'month', label: t('planned.calendar.month') },
            { value: 'week', label: t('planned.calendar.week') },
          ]}
        />
      </Group>
      {contractor && (
        <Text size="sm" c="dimmed">
          {t('planned.calendar.dragHint')}
        </Text>
      )}
      {saveError ? <ProblemAlert error={saveError} /> : null}
      {work.isError ? (
        <ProblemAlert error={work.error} />
      ) : work.isPending ? (
        <Loader aria-label={t('common.loading')} />
      ) : (
        <>
          {items.length === 0 && <Text>{t('planned.calendar.empty')}</Text>}
          <div style={{ overflowX: 'auto' }}>
            <table className="planned-calendar" style={{ width: '100%', minWidth: 840, borderCollapse: 'collapse', tableLayout: 'fixed' }}>
              <caption style={{ textAlign: 'left', position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)' }}>
                {t('planned.calendar.caption', { from: format.date(from), to: format.date(to) })}
              </caption>
              <thead>
                <tr>
                  {weeks[0].map((d) => (
                    <th
                      key={d}
                      scope="col"
                      style={{ textAlign: 'left', padding: 6, borderBottom: '1px solid var(--mantine-color-gray-4)' }}
                    >
                      {format.weekday(d)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {weeks.map((week) => (
                  <tr key={week[0]}>
                    {week.map((day) => {
                      const entries = byDay.get(day) ?? [];
                      const outside = view === 'month' && day.slice(0, 7) !== currentMonth;
                      const shown = view === 'month' && entries.length > MONTH_SHOWN + 1 ? entries.slice(0, MONTH_SHOWN) : entries;
                      return (
                        <td
                          key={day}
                          onDragOver={dragging ? (e) => e.preventDefault() : undefined}
                          onDrop={onDrop(day)}
                          style={{
                            verticalAlign: 'top',
                            height: view === 'week' ? 320 : 110,
                            padding: 4,
                            border: '1px solid var(--mantine-color-gray-3)',
                            background: outside ? 'var(--mantine-color-gray-0)' : undefined,
                          }}
                        >
                          <Text size="sm" fw={day === today ? 800 : 500} c={outside ? 'dimmed' : undefined} mb={4}>
                            {view === 'week' ? format.dayLong(day) : Number(day.slice(8, 10))}
                            {day === today && (
                              <Badge size="xs" ml={4} variant="light" tt="none">
                                {t('planned.calendar.today')}
                              </Badge>
                            )}
                          </Text>
                          <Stack component="ul" gap={4} p={0} m={0} style={{ listStyle: 'none' }}>
                            {shown.map((i) => {
                              const movable = !!moveMode(i, contractor);
                              const k = keyOf(i);
                              return (
                                <li key={k}>
                                  <UnstyledButton
                                    draggable={movable}
                                    onDragStart={(e) => {
                                      e.dataTransfer.setData('text/plain', k);
                                      e.dataTransfer.effectAllowed = 'move';
                                      setDragging(k);
                                    }}
                                    onDragEnd={() => setDragging(null)}
                                    onClick={() => setOpen({ item: i })}
                                    className="planned-entry"
                                    data-late={i.late || undefined}
                                    style={{
                                      display: 'block',
                                      width: '100%',
                                      padding: '2px 6px',
                                      borderRadius: 4,
                                      fontSize: 'var(--mantine-font-size-xs)',
                                      borderLeft: `3px solid var(--mantine-color-${i.late ? 'red' : i.workOrderId ? 'primary' : 'gray'}-6)`,
                                      background: 'var(--mantine-color-gray-1)',
                                      cursor: movable ? 'grab' : 'pointer',
                                      opacity: dragging === k ? 0.5 : 1,
                                    }}
                                  >
                                    {i.windowFrom ? `${i.windowFrom} ` : ''}
                                    <strong>{i.activity}</strong>
                                    {` · ${i.buildingName}`}
                                    {view === 'week' && i.technician ? ` · ${i.technician}` : ''}
                                    {i.late ? ` · ${t('planned.late')}` : ''}
                                  </UnstyledButton>
                                </li>
                              );
                            })}
                            {shown.length < entries.length && (
                              <li>
                                <UnstyledButton
                                  onClick={() => set({ view: 'week', date: day })}
                                  style={{ fontSize: 'var(--mantine-font-size-xs)', textDecoration: 'underline' }}
                                >
                                  {t('planned.calendar.more', { count: entries.length - shown.length })}
                                </UnstyledButton>
                              </li>
                            )}
                          </Stack>
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      {open && (
        <MoveDialog
          key={`${keyOf(open.item)}-${open.date ?? ''}`}
          item={open.item}
          mode={moveMode(open.item, contractor)}
          initialDate={open.date}
          onMove={(date, reason) => move(open.item, date, reason)}
          onClose={() => setOpen(null)}
        />
      )}
    </Stack>
  );
}
