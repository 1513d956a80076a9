import { useMemo, useState } from 'react';
import { Alert, Badge, Button, Group, NativeSelect, Stack, Table, Text, TextInput, VisuallyHidden } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { fieldPath, isApiError, isVersionConflict } from '../../api/problem';
import { ProblemAlert } from '../../components/ProblemAlert';
import { VersionConflictAlert } from '../../components/VersionConflictAlert';
import { notify } from '../../components/notify';
import { Section } from '../../components/workflow/Section';
import { useFormat } from '../../i18n/format';
import { useT } from '../../i18n/messages';
import { DateField } from '../../components/inputs/DateField';
import { CLOCKS, PRIORITIES, romeToday, saveSlaVersion, slaKeys, type ContractSlaDto } from './api';
import { cellKey, fromDraft, toDraft, type Basis, type Draft } from './draft';
import { LimitText } from './LimitText';
import { SlaPreview } from './SlaPreview';

type Version = ContractSlaDto['current'];

/** The contract's SLA table: the version in force (or an earlier one), edited into a new version, with the server's preview. */
export function SlaTableSection({ contractId, sla, canEdit }: { contractId: string; sla: ContractSlaDto; canEdit: boolean }) {
  const t = useT();
  const format = useFormat();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<Draft | null>(null);
  const [note, setNote] = useState('');
  const [shown, setShown] = useState<number | null>(null);
  const [serverCells, setServerCells] = useState<Record<string, string>>({});
  const [effectiveFrom, setEffectiveFrom] = useState<string | null>(null);
  const current = sla.current;
  // The newest saved version (it may be scheduled for a later day): a new one follows it.
  const latest = sla.history[0] ?? current;
  const viewed: Version = (shown !== null && sla.history.find((v) => v.number === shown)) || current;

  const checked = useMemo(() => (draft ? fromDraft(draft) : null), [draft]);
  const [debouncedLimits] = useDebouncedValue(checked?.limits ?? null, 300);

  const save = useMutation({
    mutationFn: (limits: NonNullable<NonNullable<typeof checked>['limits']>) =>
      saveSlaVersion(contractId, {
        version: latest.number,
        limits,
        pauses: latest.pauses,
        ...(note.trim() ? { note: note.trim() } : {}),
        ...(effectiveFrom ? { effectiveFrom } : {}),
      }),
    onSuccess: (saved) => {
      queryClient.setQueryData(slaKeys.table(contractId), saved);
      void queryClient.invalidateQueries({ queryKey: slaKeys.all(contractId) });
      const newest = saved.history[0] ?? saved.current;
      notify(
        newest.status === 'scheduled' && newest.effectiveFrom
          ? t('adminSla.table.savedScheduled', { number: newest.number, date: format.date(newest.effectiveFrom) })
          : t('adminSla.table.saved', { number: newest.number }),
      );
      setDraft(null);
      setNote('');
      setServerCells({});
    },
    onError: (error) => {
      const cells: Record<string, string> = {};
      if (isApiError(error)) {
        for (const e of error.errors) {
          // limits.urgent.take_charge.minutes → the cell limits.urgent.take_charge
          const path = e.field ? fieldPath(e.field).split('.').slice(0, 3).join('.') : '';
          if ((path.startsWith('limits.') || path === 'effectiveFrom') && !cells[path]) cells[path] = e.message;
        }
      }
      setServerCells(cells);
    },
  });

  const edit = (p: (typeof PRIORITIES)[number], c: (typeof CLOCKS)[number], change: Partial<{ minutes: string; basis: Basis }>) => {
    setDraft((d) => (d ? { ...d, [p]: { ...d[p], [c]: { ...d[p][c], ...change } } } : d));
    setServerCells((s) => {
      const { [cellKey(p, c)]: _gone, ...rest } = s;
      return rest;
    });
  };
  const cellError = (p: (typeof PRIORITIES)[number], c: (typeof CLOCKS)[number]) =>
    serverCells[cellKey(p, c)] ?? (checked?.invalid.includes(cellKey(p, c)) ? t('adminSla.table.minutesInvalid') : undefined);

  const start = () => {
    setShown(null);
    setDraft(toDraft(latest.limits));
    setEffectiveFrom(romeToday());
    save.reset();
  };
  const reload = async () => {
    await queryClient.invalidateQueries({ queryKey: slaKeys.table(contractId) });
    setDraft(null);
    save.reset();
  };

  const versionLabel = (v: Version) => (v.isDefault ? t('adminSla.table.defaults') : t('adminSla.table.version', { number: v.number }));
  const statusText = (v: Version) =>
    v.status === 'scheduled' && v.effectiveFrom
      ? t('adminSla.table.scheduled', { date: format.date(v.effectiveFrom) })
      : v.status === 'in_force'
        ? t('adminSla.table.inForce')
        : t('adminSla.table.superseded');

  return (
    <Section
      title={t('adminSla.table.title')}
      actions={
        canEdit && !draft ? (
          <Button variant="default" onClick={start}>
            {t('adminSla.table.edit')}
          </Button>
        ) : undefined
      }
    >
      {draft ? (
        <Text size="sm">{t('adminSla.table.editing', { number: latest.number + 1 })}</Text>
      ) : (
        <Group gap="xs">
          <Text size="sm" fw={700}>
            {versionLabel(viewed)}
          </Text>
          <Badge color={viewed.status === 'in_force' ? 'green' : viewed.status === 'scheduled' ? 'blue' : 'gray'} variant="light">
            {statusText(viewed)}
          </Badge>
          {viewed.createdAt && (
            <Text size="sm" c="dimmed">
              {t('adminSla.table.savedBy', {
                at: format.dateTime(viewed.createdAt),
                by: viewed.createdBy?.label ?? t('adminSla.table.system'),
              })}
            </Text>
          )}
        </Group>
      )}
      <Text size="sm" c="dimmed">
        {t('adminSla.table.hint')}
      </Text>
      <Table.ScrollContainer minWidth={draft ? 760 : 560}>
        <Table striped aria-label={t('adminSla.table.title')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('priority.label')}</Table.Th>
              {CLOCKS.map((c) => (
                <Table.Th key={c} scope="col">
                  {t(`sla.clocks.${c}`)}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {PRIORITIES.map((p) => (
              <Table.Tr key={p}>
                <Table.Th scope="row">{t(`priority.${p}`)}</Table.Th>
                {CLOCKS.map((c) => (
                  <Table.Td key={c}>
                    {draft ? (
                      <Group gap={6} align="flex-start" wrap="nowrap">
                        <TextInput
                          aria-label={t('adminSla.table.minutesLabel', { priority: t(`priority.${p}`), clock: t(`sla.clocks.${c}`) })}
                          placeholder={t('adminSla.table.noLimit')}
                          inputMode="numeric"
                          w={110}
                          value={draft[p][c].minutes}
                          onChange={(e) => edit(p, c, { minutes: e.currentTarget.value })}
                          error={cellError(p, c)}
                          rightSection={
                            <Text size="xs" c="dimmed" aria-hidden>
                              min
                            </Text>
                          }
                        />
                        <NativeSelect
                          aria-label={t('adminSla.table.basisLabel', { priority: t(`priority.${p}`), clock: t(`sla.clocks.${c}`) })}
                          data={[
                            { value: 'working', label: t('adminSla.basis.working') },
                            { value: 'solar', label: t('adminSla.basis.solar') },
                          ]}
                          value={draft[p][c].basis}
                          onChange={(e) => edit(p, c, { basis: e.currentTarget.value as Basis })}
                        />
                      </Group>
                    ) : (
                      <LimitText limit={viewed.limits[p][c]} />
                    )}
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>

      {draft && (
        <Stack gap="sm">
          <DateField
            label={t('adminSla.table.effectiveFrom')}
            description={t('adminSla.table.effectiveFromHint')}
            required
            value={effectiveFrom}
            onChange={(v) => {
              setEffectiveFrom(v);
              setServerCells(({ effectiveFrom: _gone, ...rest }) => rest);
            }}
            error={serverCells.effectiveFrom}
            w={220}
          />
          <TextInput
            label={t('adminSla.table.note')}
            description={t('adminSla.table.noteHint')}
            maxLength={2000}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
          />
          {isVersionConflict(save.error) ? (
            <VersionConflictAlert onReload={() => void reload()} />
          ) : (
            save.error && (
              <ProblemAlert
                error={save.error}
                shownFields={new Set(Object.keys(serverCells).map((k) => (k === 'effectiveFrom' ? k : `${k}.minutes`)))}
              />
            )
          )}
          <Group>
            <Button
              onClick={() => checked?.limits && save.mutate(checked.limits)}
              disabled={!checked?.limits || !effectiveFrom}
              loading={save.isPending}
            >
              {t('adminSla.table.save', { number: latest.number + 1 })}
            </Button>
            <Button variant="default" onClick={() => setDraft(null)}>
              {t('common.cancel')}
            </Button>
          </Group>
        </Stack>
      )}

      <SlaPreview
        contractId={contractId}
        limits={draft ? debouncedLimits : null}
        draftInvalid={!!draft && !checked?.limits}
        draftFrom={draft ? effectiveFrom : null}
      />

      <Stack gap={4}>
        <Text fw={700} size="sm" component="h3" m={0}>
          {t('adminSla.history.title')}
        </Text>
        {sla.history.length === 0 ? (
          <Alert variant="light" color="gray">
            {t('adminSla.history.none')}
          </Alert>
        ) : (
          <Table.ScrollContainer minWidth={720}>
            <Table aria-label={t('adminSla.history.title')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('adminSla.history.version')}</Table.Th>
                  <Table.Th scope="col">{t('adminSla.history.effectiveFrom')}</Table.Th>
                  <Table.Th scope="col">{t('adminSla.history.savedAt')}</Table.Th>
                  <Table.Th scope="col">{t('adminSla.history.by')}</Table.Th>
                  <Table.Th scope="col">{t('adminSla.history.note')}</Table.Th>
                  <Table.Th scope="col" style={{ textAlign: 'right' }}>
                    {t('adminSla.history.workOrders')}
                  </Table.Th>
                  <Table.Th scope="col">
                    <VisuallyHidden>{t('adminSla.history.actions')}</VisuallyHidden>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {sla.history.map((v) => (
                  <Table.Tr key={v.number}>
                    <Table.Td>
                      {t('adminSla.table.version', { number: v.number })}
                      {v.status === 'in_force'
                        ? ` · ${t('adminSla.table.inForce')}`
                        : v.status === 'scheduled'
                          ? ` · ${t('adminSla.table.scheduledShort')}`
                          : ''}
                    </Table.Td>
                    <Table.Td>{format.dateTime(v.effectiveFrom)}</Table.Td>
                    <Table.Td>{format.dateTime(v.createdAt)}</Table.Td>
                    <Table.Td>{v.createdBy?.label ?? t('adminSla.table.system')}</Table.Td>
                    <Table.Td>{v.note ?? '—'}</Table.Td>
                    <Table.Td style={{ textAlign: 'right' }}>{v.workOrders}</Table.Td>
                    <Table.Td>
                      <Button
                        size="compact-sm"
                        variant="subtle"
                        disabled={!!draft || viewed.number === v.number}
                        onClick={() => setShown(v.number === current.number ? null : v.number)}
                      >
                        {t('adminSla.history.show', { number: v.number })}
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
    </Section>
  );
}
