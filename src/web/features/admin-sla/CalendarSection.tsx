import { useState } from 'react';
import { Badge, Button, Group, Stack, Table, Text, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { fieldPath, isApiError, isVersionConflict } from '../../api/problem';
import { ProblemAlert } from '../../components/ProblemAlert';
import { VersionConflictAlert } from '../../components/VersionConflictAlert';
import { notify } from '../../components/notify';
import { Section } from '../../components/workflow/Section';
import { useFormat } from '../../i18n/format';
import { useT } from '../../i18n/messages';
import { saveCalendar, slaKeys, type CalendarDto } from './api';
import { HolidaysList } from './HolidaysList';
import { rangesText, weekFromTexts, WEEKDAYS } from './week';

/** The contract's working week: ranges per weekday, edited with the version read. */
export function CalendarSection({ contractId, calendar, canEdit }: { contractId: string; calendar: CalendarDto; canEdit: boolean }) {
  const t = useT();
  const format = useFormat();
  const queryClient = useQueryClient();
  const [texts, setTexts] = useState<Record<string, string> | null>(null);
  const [serverDays, setServerDays] = useState<Record<string, string>>({});
  const checked = texts ? weekFromTexts(texts) : null;

  const save = useMutation({
    mutationFn: (week: CalendarDto['week']) => saveCalendar(contractId, { version: calendar.version, week }),
    onSuccess: (saved) => {
      queryClient.setQueryData(slaKeys.calendar(contractId), saved);
      // The preview counts in the new week.
      void queryClient.invalidateQueries({ queryKey: slaKeys.all(contractId) });
      notify(t('adminSla.calendar.saved'));
      setTexts(null);
      setServerDays({});
    },
    onError: (error) => {
      const days: Record<string, string> = {};
      if (isApiError(error)) {
        for (const e of error.errors) {
          const [head, day] = e.field ? fieldPath(e.field).split('.') : [];
          if (head === 'week' && day && !days[day]) days[day] = e.message;
        }
      }
      setServerDays(days);
    },
  });

  const start = () => {
    setTexts(Object.fromEntries(WEEKDAYS.map((d) => [d, rangesText(calendar.week[d] ?? [])])));
    save.reset();
  };
  const reload = async () => {
    await queryClient.invalidateQueries({ queryKey: slaKeys.calendar(contractId) });
    setTexts(null);
    save.reset();
  };
  const dayName = (d: (typeof WEEKDAYS)[number]) => t(`adminSla.calendar.days.${d}`);

  return (
    <Section
      title={t('adminSla.calendar.title')}
      actions={
        canEdit && !texts ? (
          <Button variant="default" onClick={start}>
            {t('adminSla.calendar.edit')}
          </Button>
        ) : undefined
      }
    >
      <Group gap="xs">
        {calendar.isDefault ? (
          <Badge variant="light" color="gray">
            {t('adminSla.calendar.default')}
          </Badge>
        ) : (
          <Text size="sm" c="dimmed">
            {t('adminSla.calendar.updated', { at: format.dateTime(calendar.updatedAt) })}
          </Text>
        )}
      </Group>
      <Text size="sm" c="dimmed">
        {t('adminSla.calendar.holidays')}
      </Text>
      {texts ? (
        <Stack gap="xs">
          <Text size="sm">{t('adminSla.calendar.rangesHint')}</Text>
          {WEEKDAYS.map((d) => (
            <TextInput
              key={d}
              label={dayName(d)}
              placeholder={t('adminSla.calendar.closed')}
              value={texts[d]}
              onChange={(e) => {
                const value = e.currentTarget.value;
                setTexts((x) => (x ? { ...x, [d]: value } : x));
                setServerDays(({ [d]: _gone, ...rest }) => rest);
              }}
              error={serverDays[d] ?? (checked?.invalid.includes(d) ? t('adminSla.calendar.rangesInvalid') : undefined)}
              maw={420}
            />
          ))}
          {isVersionConflict(save.error) ? (
            <VersionConflictAlert onReload={() => void reload()} />
          ) : (
            save.error && Object.keys(serverDays).length === 0 && <ProblemAlert error={save.error} />
          )}
          <Group>
            <Button onClick={() => checked?.week && save.mutate(checked.week)} disabled={!checked?.week} loading={save.isPending}>
              {t('adminSla.calendar.save')}
            </Button>
            <Button variant="default" onClick={() => setTexts(null)}>
              {t('common.cancel')}
            </Button>
          </Group>
        </Stack>
      ) : (
        <Table aria-label={t('adminSla.calendar.title')} maw={520}>
          <Table.Tbody>
            {WEEKDAYS.map((d) => (
              <Table.Tr key={d}>
                <Table.Th scope="row">{dayName(d)}</Table.Th>
                <Table.Td>{calendar.week[d]?.length ? rangesText(calendar.week[d]) : t('adminSla.calendar.closed')}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <HolidaysList contractId={contractId} />
    </Section>
  );
}
