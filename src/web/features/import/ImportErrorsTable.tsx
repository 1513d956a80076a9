import { Alert, ScrollArea, Stack, Table, Text, Title } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import type { ApiError } from '../../api/problem';
import { useFormat } from '../../i18n/format';
import { useT } from '../../i18n/messages';

/** The rows the server refused; nothing was written. */
export function ImportErrorsTable({ error }: { error: ApiError }) {
  const t = useT();
  const format = useFormat();
  return (
    <Stack gap="sm">
      <Alert color="red" variant="light" role="alert" icon={<IconAlertTriangle aria-hidden />} title={t('import.invalidTitle')}>
        <Text size="sm" fw={700}>
          {t('import.nothingImported')}
        </Text>
      </Alert>
      <Title order={2} size="h4" id="import-errors-title">
        {t('import.errorsTitle', { count: error.errors.length })}
      </Title>
      <ScrollArea type="auto">
        <Table striped withTableBorder aria-labelledby="import-errors-title" miw={480}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('import.row')}</Table.Th>
              <Table.Th scope="col">{t('import.column')}</Table.Th>
              <Table.Th scope="col">{t('import.message')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {error.errors.map((e, i) => (
              <Table.Tr key={`${e.row ?? ''}-${e.column ?? ''}-${i}`}>
                <Table.Td className="tabular-nums">{e.row === undefined ? '—' : format.number(e.row)}</Table.Td>
                <Table.Td>{(e.column ?? e.field) ? <code>{e.column ?? e.field}</code> : '—'}</Table.Td>
                <Table.Td>{e.message}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollArea>
    </Stack>
  );
}
