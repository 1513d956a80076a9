import { useState } from 'react';
import { Anchor, Badge, Select, Stack, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import { DOCUMENT_STATES, useOwedDocuments } from '../../api/as-built';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { attachmentKindLabel } from '../../components/workflow/labels';
import { useT } from '../../i18n/messages';

const STATE_COLOR: Record<string, string> = { missing: 'orange', uploaded: 'blue', accepted: 'green', returned: 'red' };

/**
 * #10 item 1: the closing documents still owed, per contractor: missing or returned by default
 * (a contractor sees its own, a building manager its buildings', staff all; the server scopes).
 */
export function OwedDocumentsPage() {
  const t = useT();
  const [state, setState] = useState<string>('');
  const query = useOwedDocuments(state ? { state } : {});
  const items = query.data?.items ?? [];
  const byContractor = new Map<string, typeof items>();
  for (const i of items) byContractor.set(i.contractor.name, [...(byContractor.get(i.contractor.name) ?? []), i]);
  return (
    <Stack>
      <PageHeader title={t('asBuilt.page.title')} description={t('asBuilt.page.intro')} />
      <Select
        label={t('asBuilt.page.state')}
        w={260}
        value={state}
        onChange={(v) => setState(v ?? '')}
        allowDeselect={false}
        data={[
          { value: '', label: t('asBuilt.page.open') },
          ...DOCUMENT_STATES.map((s) => ({ value: s, label: t(`asBuilt.states.${s}`) })),
        ]}
      />
      {query.error && <ProblemAlert error={query.error} />}
      {query.isSuccess && items.length === 0 && <Text>{t('asBuilt.page.empty')}</Text>}
      {[...byContractor.entries()].map(([contractor, rows]) => (
        <Table key={contractor} striped withTableBorder data-testid="owed-documents">
          <Table.Caption style={{ captionSide: 'top', textAlign: 'left', fontWeight: 700 }}>{contractor}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('asBuilt.page.workOrder')}</Table.Th>
              <Table.Th scope="col">{t('asBuilt.page.building')}</Table.Th>
              <Table.Th scope="col">{t('asBuilt.page.document')}</Table.Th>
              <Table.Th scope="col">{t('asBuilt.page.state')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r) => (
              <Table.Tr key={r.id}>
                <Table.Td>
                  <Anchor component={Link} to={`/work-orders/${r.workOrder.id}`}>
                    {r.workOrder.number}
                  </Anchor>
                </Table.Td>
                <Table.Td>{`${r.building.code} – ${r.building.name}`}</Table.Td>
                <Table.Td>{attachmentKindLabel(t, r.documentType)}</Table.Td>
                <Table.Td>
                  <Badge color={STATE_COLOR[r.state]} variant="light">
                    {t(`asBuilt.states.${r.state}`)}
                  </Badge>
                  {r.reason && (
                    <Text size="sm" mt={4}>
                      {t('asBuilt.returnedBecause', { reason: r.reason })}
                    </Text>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ))}
    </Stack>
  );
}
