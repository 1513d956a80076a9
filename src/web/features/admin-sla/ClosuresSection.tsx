import { useState } from 'react';
import { Alert, Button, Group, NativeSelect, Stack, Table, Text, TextInput, VisuallyHidden } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { fieldPath, isApiError } from '../../api/problem';
import { ConfirmModal } from '../../components/ConfirmModal';
import { DateField } from '../../components/inputs/DateField';
import { ProblemAlert } from '../../components/ProblemAlert';
import { notify } from '../../components/notify';
import { Section } from '../../components/workflow/Section';
import { useFormat } from '../../i18n/format';
import { useT } from '../../i18n/messages';
import { createClosure, deleteClosure, romeToday, slaKeys, useClosures, type ClosureDto, type SlaPreviewDto } from './api';

const EVERY_SITE = '';

/**
 * Days off the body adds (closures) that count for this contract: every site's and its sites'.
 * A closure is one day or a range of days (the August closure, the Christmas break) for a site or
 * every site, entered, listed and removed as one; the list starts today (ranges still running too).
 */
export function ClosuresSection({ contractId, sites, canEdit }: { contractId: string; sites: SlaPreviewDto['sites']; canEdit: boolean }) {
  const t = useT();
  const format = useFormat();
  const queryClient = useQueryClient();
  const [today] = useState(romeToday);
  const closures = useClosures(contractId, today);
  const [date, setDate] = useState<string | null>(null);
  const [dateTo, setDateTo] = useState<string | null>(null);
  const [siteId, setSiteId] = useState(EVERY_SITE);
  const [reason, setReason] = useState('');
  const [removing, setRemoving] = useState<ClosureDto | null>(null);
  const [tried, setTried] = useState(false);

  const refresh = () => queryClient.invalidateQueries({ queryKey: slaKeys.all(contractId) });
  const add = useMutation({
    mutationFn: () => createClosure({ siteId: siteId || null, date: date!, ...(dateTo ? { dateTo } : {}), reason: reason.trim() }),
    onSuccess: (c) => {
      void refresh();
      notify(
        c.days > 1
          ? t('adminSla.closures.addedRange', { from: format.date(c.date), to: format.date(c.dateTo) })
          : t('adminSla.closures.added', { date: format.date(c.date) }),
      );
      setDate(null);
      setDateTo(null);
      setReason('');
      setTried(false);
    },
  });
  const remove = useMutation({
    mutationFn: (id: string) => deleteClosure(id),
    onSuccess: () => {
      void refresh();
      notify(t('adminSla.closures.removed'));
      setRemoving(null);
    },
  });

  const serverError = (field: string) =>
    isApiError(add.error) ? add.error.errors.find((e) => e.field && fieldPath(e.field) === field)?.message : undefined;
  const dateError = (tried && !date ? t('form.required') : undefined) ?? serverError('date');
  const reasonError = (tried && !reason.trim() ? t('form.required') : undefined) ?? serverError('reason');
  const dateToError = (date && dateTo && dateTo < date ? t('adminSla.closures.dateToBefore') : undefined) ?? serverError('dateTo');
  /** "12/08/2026" or "10/08/2026 – 21/08/2026 (12 giorni)". */
  const daysLabel = (c: ClosureDto) =>
    c.days > 1
      ? t('adminSla.closures.range', { from: format.date(c.date), to: format.date(c.dateTo), days: c.days })
      : `${format.dayLong(c.date)} ${c.date.slice(0, 4)}`;
  const removeLabel = (c: ClosureDto) =>
    c.days > 1
      ? t('adminSla.closures.removeRange', { from: format.date(c.date), to: format.date(c.dateTo) })
      : t('adminSla.closures.remove', { date: format.date(c.date) });
  const siteIds = new Set(sites.map((s) => s.id));
  const items = (closures.data?.items ?? []).filter((c) => c.siteId === null || siteIds.has(c.siteId));
  const siteLabel = (c: ClosureDto) => (c.siteId === null ? t('adminSla.closures.everySite') : (c.siteCode ?? c.siteId));

  return (
    <Section title={t('adminSla.closures.title')}>
      <Text size="sm" c="dimmed">
        {t('adminSla.closures.hint')}
      </Text>
      {closures.isError ? (
        <ProblemAlert error={closures.error} />
      ) : items.length === 0 ? (
        <Alert variant="light" color="gray">
          {t('adminSla.closures.none')}
        </Alert>
      ) : (
        <Table.ScrollContainer minWidth={480}>
          <Table aria-label={t('adminSla.closures.title')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('adminSla.closures.days')}</Table.Th>
                <Table.Th scope="col">{t('adminSla.closures.site')}</Table.Th>
                <Table.Th scope="col">{t('adminSla.closures.reason')}</Table.Th>
                {canEdit && (
                  <Table.Th scope="col">
                    <VisuallyHidden>{t('adminSla.history.actions')}</VisuallyHidden>
                  </Table.Th>
                )}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((c) => (
                <Table.Tr key={c.id}>
                  <Table.Td>{daysLabel(c)}</Table.Td>
                  <Table.Td>{siteLabel(c)}</Table.Td>
                  <Table.Td>{c.reason}</Table.Td>
                  {canEdit && (
                    <Table.Td>
                      <Button size="compact-sm" variant="subtle" color="red" onClick={() => setRemoving(c)}>
                        {removeLabel(c)}
                      </Button>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}

      {canEdit && (
        <form
          aria-label={t('adminSla.closures.add')}
          onSubmit={(e) => {
            e.preventDefault();
            setTried(true);
            if (date && reason.trim() && !(dateTo && dateTo < date)) add.mutate();
          }}
        >
          <Stack gap="xs">
            <Group align="flex-start" gap="sm">
              <DateField
                label={t('adminSla.closures.date')}
                required
                value={date}
                onChange={(v) => setDate(v)}
                error={dateError}
                minDate={today}
                w={180}
              />
              <DateField
                label={t('adminSla.closures.dateTo')}
                description={t('adminSla.closures.dateToHint')}
                value={dateTo}
                onChange={(v) => setDateTo(v)}
                error={dateToError}
                minDate={date ?? today}
                w={200}
              />
              <NativeSelect
                label={t('adminSla.closures.site')}
                value={siteId}
                onChange={(e) => setSiteId(e.currentTarget.value)}
                data={[
                  { value: EVERY_SITE, label: t('adminSla.closures.everySite') },
                  ...sites.map((s) => ({ value: s.id, label: `${s.code} · ${s.name}` })),
                ]}
                w={240}
              />
              <TextInput
                label={t('adminSla.closures.reason')}
                required
                maxLength={500}
                value={reason}
                onChange={(e) => setReason(e.currentTarget.value)}
                error={reasonError}
                w={280}
              />
            </Group>
            {add.error && !serverError('date') && !serverError('dateTo') && !serverError('reason') && <ProblemAlert error={add.error} />}
            <Group>
              <Button type="submit" loading={add.isPending}>
                {t('adminSla.closures.add')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}

      <ConfirmModal
        opened={removing !== null}
        title={t('adminSla.closures.removeTitle')}
        message={
          removing
            ? t('adminSla.closures.removeMessage', { date: daysLabel(removing), site: siteLabel(removing), reason: removing.reason })
            : ''
        }
        confirmLabel={t('adminSla.closures.removeConfirm')}
        danger
        loading={remove.isPending}
        error={remove.error ? <ProblemAlert error={remove.error} /> : undefined}
        onConfirm={() => removing && remove.mutate(removing.id)}
        onClose={() => {
          setRemoving(null);
          remove.reset();
        }}
      />
    </Section>
  );
}
