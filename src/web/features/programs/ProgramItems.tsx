import { Fragment, useState } from 'react';
import { Anchor, Button, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { IconPencil } from '@tabler/icons-react';
import { Link } from 'react-router';
import { isVersionConflict } from '../../api/problem';
import { patchProgramItem, type ProgramDto, type ProgramItemDto } from '../../api/planned';
import { DateField } from '../../components/inputs/DateField';
import { notify } from '../../components/notify';
import { ProblemAlert } from '../../components/ProblemAlert';
import { VersionConflictAlert } from '../../components/VersionConflictAlert';
import { useFormat } from '../../i18n/format';
import { useT } from '../../i18n/messages';
import { LateBadge, PlannedStatusBadge, shiftText, windowText } from './labels';

/** The program's items grouped by building, in date order; the contractor edits them in place while draft/returned. */
export function ProgramItems({
  program,
  editable,
  onSaved,
  onReload,
}: {
  program: ProgramDto;
  editable: boolean;
  onSaved: () => void;
  onReload: () => void;
}) {
  const t = useT();
  const groups = new Map<string, ProgramItemDto[]>();
  for (const item of [...program.items].sort(
    (a, b) => a.plannedOn.localeCompare(b.plannedOn) || (a.windowFrom ?? '').localeCompare(b.windowFrom ?? ''),
  )) {
    const list = groups.get(item.buildingId) ?? [];
    list.push(item);
    groups.set(item.buildingId, list);
  }
  if (program.items.length === 0) return <Text>{t('planned.program.noItems')}</Text>;
  return (
    <Stack gap="lg">
      {editable && (
        <Text size="sm" c="dimmed">
          {t('planned.program.editHint')}
        </Text>
      )}
      {[...groups.values()].map((items) => {
        const b = items[0];
        const headingId = `building-${b.buildingId}`;
        return (
          <section key={b.buildingId} aria-labelledby={headingId}>
            <Title order={3} size="h5" id={headingId} mb="xs">
              {b.buildingCode} – {b.buildingName}
            </Title>
            <Table.ScrollContainer minWidth={900}>
              <Table striped aria-labelledby={headingId}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('planned.fields.date')}</Table.Th>
                    <Table.Th>{t('planned.fields.window')}</Table.Th>
                    <Table.Th>{t('planned.fields.activity')}</Table.Th>
                    <Table.Th>{t('planned.fields.asset')}</Table.Th>
                    <Table.Th>{t('planned.fields.technician')}</Table.Th>
                    <Table.Th>{t('planned.fields.workOrder')}</Table.Th>
                    {editable && <Table.Th>{t('common.actions')}</Table.Th>}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {items.map((item) => (
                    <ItemRow key={item.id} item={item} program={program} editable={editable} onSaved={onSaved} onReload={onReload} />
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </section>
        );
      })}
    </Stack>
  );
}

function ItemRow({
  item,
  program,
  editable,
  onSaved,
  onReload,
}: {
  item: ProgramItemDto;
  program: ProgramDto;
  editable: boolean;
  onSaved: () => void;
  onReload: () => void;
}) {
  const t = useT();
  const format = useFormat();
  const [editing, setEditing] = useState(false);
  const shift = shiftText(t, format, item);
  const columns = editable ? 7 : 6;
  return (
    <Fragment>
      <Table.Tr>
        <Table.Td style={{ whiteSpace: 'nowrap' }}>
          <Text size="sm" fw={600}>
            {format.dayLong(item.plannedOn)}
          </Text>
          {shift && (
            <Text size="xs" c="dimmed">
              {shift}
            </Text>
          )}
        </Table.Td>
        <Table.Td className="tabular-nums">{windowText(t, item.windowFrom, item.windowTo)}</Table.Td>
        <Table.Td>
          <Group gap={6}>
            <Text size="sm">{item.activity}</Text>
            {item.late && <LateBadge t={t} />}
          </Group>
        </Table.Td>
        <Table.Td>{item.assetName ?? '—'}</Table.Td>
        <Table.Td>
          {item.technician ?? (
            <Text span size="sm" c="dimmed">
              {t('planned.noTechnician')}
            </Text>
          )}
        </Table.Td>
        <Table.Td>
          {item.workOrderId ? (
            <Group gap={6}>
              <Anchor component={Link} to={`/work-orders/${item.workOrderId}`} size="sm">
                {item.workOrderNumber ?? item.ticketNumber ?? t('planned.fields.workOrder')}
              </Anchor>
              {item.workOrderStatus && <PlannedStatusBadge status={item.workOrderStatus} t={t} />}
              {item.ticketId && (
                <Anchor
                  component={Link}
                  to={`/tickets/${item.ticketId}`}
                  size="xs"
                  aria-label={`${t('planned.fields.ticket')} ${item.ticketNumber ?? ''}`}
                >
                  {t('planned.fields.ticket')} {item.ticketNumber}
                </Anchor>
              )}
            </Group>
          ) : (
            '—'
          )}
        </Table.Td>
        {editable && (
          <Table.Td>
            <Button
              size="xs"
              variant="default"
              leftSection={<IconPencil size={14} aria-hidden />}
              onClick={() => setEditing((v) => !v)}
              aria-expanded={editing}
              aria-label={t('planned.program.editItem', { activity: `${item.activity} ${format.date(item.plannedOn)}` })}
            >
              {t('planned.fields.edit')}
            </Button>
          </Table.Td>
        )}
      </Table.Tr>
      {editing && (
        <Table.Tr>
          <Table.Td colSpan={columns}>
            <ItemEditor item={item} program={program} onClose={() => setEditing(false)} onSaved={onSaved} onReload={onReload} />
          </Table.Td>
        </Table.Tr>
      )}
    </Fragment>
  );
}

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

function ItemEditor({
  item,
  program,
  onClose,
  onSaved,
  onReload,
}: {
  item: ProgramItemDto;
  program: ProgramDto;
  onClose: () => void;
  onSaved: () => void;
  onReload: () => void;
}) {
  const t = useT();
  const [plannedOn, setPlannedOn] = useState<string | null>(item.plannedOn);
  const [from, setFrom] = useState(item.windowFrom ?? '');
  const [to, setTo] = useState(item.windowTo ?? '');
  const [technician, setTechnician] = useState(item.technician ?? '');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      await patchProgramItem(program.id, item.id, {
        plannedOn: plannedOn ?? item.plannedOn,
        windowFrom: TIME.test(from) ? from : null,
        windowTo: TIME.test(to) ? to : null,
        technician: technician.trim() || null,
        version: item.version,
      });
      notify(t('planned.program.itemSaved'));
      onSaved();
      onClose();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      aria-label={t('planned.program.editItem', { activity: item.activity })}
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <Stack gap="sm">
        <Group gap="sm" align="flex-end" wrap="wrap">
          <DateField label={t('planned.fields.date')} value={plannedOn} onChange={(v) => setPlannedOn(v)} required w={170} />
          <TextInput
            type="time"
            label={t('planned.fields.windowFrom')}
            value={from}
            onChange={(e) => setFrom(e.currentTarget.value)}
            w={120}
          />
          <TextInput type="time" label={t('planned.fields.windowTo')} value={to} onChange={(e) => setTo(e.currentTarget.value)} w={120} />
          <TextInput
            label={t('planned.fields.technician')}
            value={technician}
            onChange={(e) => setTechnician(e.currentTarget.value)}
            maxLength={120}
            w={220}
          />
          <Button type="submit" loading={busy}>
            {t('planned.save')}
          </Button>
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
        </Group>
        {isVersionConflict(error) ? (
          <VersionConflictAlert
            onReload={() => {
              onReload();
              onClose();
            }}
          />
        ) : error ? (
          <ProblemAlert error={error} />
        ) : null}
      </Stack>
    </form>
  );
}
