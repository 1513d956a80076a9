import { Anchor, Center, Group, Loader, Progress, Stack, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import { useContractCaps } from '../../api/penalties';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useFormat } from '../../i18n/format';
import { useT } from '../../i18n/messages';

/** The contracts the caller sees, each with the share of its penalty cap used (as text and bar). */
export function ContractsPage() {
  const t = useT();
  const format = useFormat();
  const caps = useContractCaps();
  return (
    <>
      <PageHeader title={t('contracts.title')} />
      {caps.isError ? (
        <ProblemAlert error={caps.error} />
      ) : caps.isPending ? (
        <Center py="xl">
          <Loader aria-label={t('common.loading')} />
        </Center>
      ) : caps.data.items.length === 0 ? (
        <Text>{t('contracts.empty')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={800}>
          <Table striped aria-label={t('contracts.list')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('penalties.contract')}</Table.Th>
                <Table.Th>{t('penalties.contractor')}</Table.Th>
                <Table.Th style={{ textAlign: 'right' }}>{t('contracts.applied')}</Table.Th>
                <Table.Th style={{ textAlign: 'right' }}>{t('contracts.openPenalties')}</Table.Th>
                <Table.Th>{t('contracts.capUsedLabel')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {caps.data.items.map((k) => (
                <Table.Tr key={k.contract.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/contracts/${k.contract.id}/overview`} fw={600}>
                      {k.contract.lot}
                    </Anchor>
                    <Text size="xs" c="dimmed">
                      CIG {k.contract.cig}
                    </Text>
                  </Table.Td>
                  <Table.Td>{k.contract.contractor}</Table.Td>
                  <Table.Td style={{ textAlign: 'right', whiteSpace: 'nowrap' }}>{format.euro(k.appliedCents)}</Table.Td>
                  <Table.Td style={{ textAlign: 'right', whiteSpace: 'nowrap' }}>{format.euro(k.openCents)}</Table.Td>
                  <Table.Td>
                    <Stack gap={2} miw={180}>
                      <Group justify="space-between" gap="xs">
                        <Text size="sm">{t('contracts.capUsed', { percent: format.percent(k.usedPercent) })}</Text>
                      </Group>
                      <Progress.Root>
                        <Progress.Section value={Math.min(100, k.usedPercent)} aria-label={t('contracts.capUsedLabel')} />
                      </Progress.Root>
                    </Stack>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </>
  );
}
