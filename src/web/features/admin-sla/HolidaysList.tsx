import { useState } from 'react';
import { ActionIcon, Group, Table, Text } from '@mantine/core';
import { IconChevronLeft, IconChevronRight } from '@tabler/icons-react';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useFormat } from '../../i18n/format';
import { useT } from '../../i18n/messages';
import { useHolidays, type HolidaysDto } from './api';

/** A year's days that are not working time besides the week: national holidays, patron saints, closures. */
export function HolidaysList({ contractId }: { contractId: string }) {
  const t = useT();
  const format = useFormat();
  const [year, setYear] = useState(() => new Date().getFullYear());
  const holidays = useHolidays(contractId, year);
  const what = (h: HolidaysDto['items'][number]) =>
    h.kind === 'national'
      ? h.name
      : h.kind === 'patron_saint'
        ? t('adminSla.holidays.patronSaint')
        : t('adminSla.holidays.closure', { reason: h.name ?? '' });
  const where = (h: HolidaysDto['items'][number]) => (h.site ? `${h.site.code} · ${h.site.name}` : t('adminSla.closures.everySite'));

  return (
    <>
      <Group gap="xs">
        <ActionIcon variant="subtle" onClick={() => setYear((y) => y - 1)} aria-label={t('adminSla.holidays.previous', { year: year - 1 })}>
          <IconChevronLeft size={18} aria-hidden />
        </ActionIcon>
        <Text fw={700} size="sm" component="h3" m={0} id="holidays-title">
          {t('adminSla.holidays.title', { year })}
        </Text>
        <ActionIcon variant="subtle" onClick={() => setYear((y) => y + 1)} aria-label={t('adminSla.holidays.next', { year: year + 1 })}>
          <IconChevronRight size={18} aria-hidden />
        </ActionIcon>
      </Group>
      {holidays.isError ? (
        <ProblemAlert error={holidays.error} />
      ) : (
        <Table.ScrollContainer minWidth={480}>
          <Table aria-labelledby="holidays-title" maw={720}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('adminSla.closures.date')}</Table.Th>
                <Table.Th scope="col">{t('adminSla.holidays.what')}</Table.Th>
                <Table.Th scope="col">{t('adminSla.closures.site')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(holidays.data?.items ?? []).map((h) => (
                <Table.Tr key={`${h.date}-${h.kind}-${h.site?.id ?? ''}-${h.name ?? ''}`}>
                  <Table.Td>{format.dayLong(h.date)}</Table.Td>
                  <Table.Td>{what(h)}</Table.Td>
                  <Table.Td>{where(h)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </>
  );
}
