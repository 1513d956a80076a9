import { Anchor, Badge, Button, Card, Group, Progress, Stack, Table, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconListDetails, IconX } from '@tabler/icons-react';
import { useEffect, useRef } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useContractSpend, useContractSpendDetail, type SpendWorkOrder } from '../../api/spend';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useFormat } from '../../i18n/format';
import { useT } from '../../i18n/messages';

const ALERT_BP = 8000;
const colour = (bp: number) => (bp >= 10_000 ? 'red' : bp >= ALERT_BP ? 'orange' : 'primary');

/** A share of a base as a bar with its text beside it (the bar is decoration; the text says it all). */
function UsedBar({ bp, of, used, base }: { bp: number | null; of: string; used: number; base: number | null }) {
  const t = useT();
  const format = useFormat();
  if (bp === null || base === null) return <Text size="sm">{t('spend.noBase')}</Text>;
  const share = format.percent(Math.floor(bp / 10) / 10);
  return (
    <Stack gap={2} miw={140}>
      <Progress.Root size="md" aria-hidden>
        <Progress.Section value={Math.min(100, bp / 100)} color={colour(bp)} />
      </Progress.Root>
      <Text size="xs" className="tabular-nums">
        {bp >= ALERT_BP && <IconAlertTriangle size={12} aria-hidden style={{ verticalAlign: 'middle', marginRight: 4 }} />}
        {t('spend.bar', { share, of, used: format.euro(used), base: format.euro(base) })}
      </Text>
    </Stack>
  );
}

/**
 * Spend per contract (#10 item 6): amount, lot ceiling, committed, spent and the shares used, with
 * the work orders behind committed and spent for one contract (?contract=id).
 */
export function SpendPage() {
  const t = useT();
  const format = useFormat();
  const [params, setParams] = useSearchParams();
  const selected = params.get('contract');
  const list = useContractSpend();
  const items = list.data?.items ?? [];
  const title = t('spend.title');
  const open = (id: string | null) => {
    const next = new URLSearchParams(params);
    if (id) next.set('contract', id);
    else next.delete('contract');
    setParams(next);
  };

  return (
    <Stack>
      <PageHeader title={title} />
      <Text size="sm" maw={900}>
        {t('spend.intro')}
      </Text>
      {list.error ? <ProblemAlert error={list.error} /> : null}
      {list.data && items.length === 0 ? <Text>{t('spend.empty')}</Text> : null}
      {items.length > 0 && (
        <Table.ScrollContainer minWidth={900}>
          <Table striped highlightOnHover>
            <Table.Caption>{title}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('spend.contract')}</Table.Th>
                <Table.Th scope="col" ta="right">
                  {t('spend.amount')}
                </Table.Th>
                <Table.Th scope="col" ta="right">
                  {t('spend.ceiling')}
                </Table.Th>
                <Table.Th scope="col" ta="right">
                  {t('spend.committed')}
                </Table.Th>
                <Table.Th scope="col" ta="right">
                  {t('spend.spent')}
                </Table.Th>
                <Table.Th scope="col">{t('spend.usedOfAmount')}</Table.Th>
                <Table.Th scope="col">{t('spend.usedOfCeiling')}</Table.Th>
                <Table.Th scope="col">{t('spend.details')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((c) => (
                <Table.Tr key={c.contract.id} aria-current={selected === c.contract.id ? 'true' : undefined}>
                  <Table.Th scope="row" fw={400}>
                    <Text fw={700} size="sm">
                      {c.contract.lot}
                    </Text>
                    <Text size="xs">{c.contractor.name}</Text>
                  </Table.Th>
                  <Table.Td ta="right" className="tabular-nums">
                    {format.euro(c.amountCents)}
                  </Table.Td>
                  <Table.Td ta="right" className="tabular-nums">
                    {c.ceilingCents === null ? t('spend.noBase') : format.euro(c.ceilingCents)}
                  </Table.Td>
                  <Table.Td ta="right" className="tabular-nums">
                    {format.euro(c.committedCents)}
                  </Table.Td>
                  <Table.Td ta="right" className="tabular-nums">
                    {format.euro(c.spentCents)}
                  </Table.Td>
                  <Table.Td>
                    <UsedBar bp={c.amountUsedBp} of={t('spend.usedOfAmount')} used={c.usedCents} base={c.amountCents} />
                  </Table.Td>
                  <Table.Td>
                    <UsedBar bp={c.ceilingUsedBp} of={t('spend.usedOfCeiling')} used={c.usedCents} base={c.ceilingCents} />
                  </Table.Td>
                  <Table.Td>
                    <Button
                      size="xs"
                      variant="default"
                      leftSection={<IconListDetails size={14} aria-hidden />}
                      onClick={() => open(c.contract.id)}
                      aria-label={t('spend.detailsOf', { lot: c.contract.lot })}
                    >
                      {t('spend.details')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {selected && <SpendDetail id={selected} onClose={() => open(null)} />}
    </Stack>
  );
}

function SpendDetail({ id, onClose }: { id: string; onClose: () => void }) {
  const t = useT();
  const format = useFormat();
  const detail = useContractSpendDetail(id);
  const heading = useRef<HTMLHeadingElement>(null);
  const d = detail.data;
  // Keyboard and screen-reader users land on the details they asked for.
  useEffect(() => {
    if (d) heading.current?.focus();
  }, [d]);
  if (detail.error) return <ProblemAlert error={detail.error} />;
  if (!d) return null;
  const rows: Array<[string, number]> = [
    [t('spend.flatFeeTerm'), d.flatFeeTermCents],
    [t('spend.flatFeeAccrued'), d.flatFeeAccruedCents],
    [t('spend.quotes'), d.quotesCents],
    [t('spend.finalAccounts'), d.finalAccountsCents],
    [t('spend.committed'), d.committedCents],
    [t('spend.spent'), d.spentCents],
    [t('spend.used'), d.usedCents],
  ];
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="spend-detail-title">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h3" id="spend-detail-title" ref={heading} tabIndex={-1}>
          {t('spend.detailsOf', { lot: d.contract.lot })} · {d.contractor.name}
        </Title>
        <Button size="xs" variant="subtle" leftSection={<IconX size={14} aria-hidden />} onClick={onClose}>
          {t('spend.close')}
        </Button>
      </Group>
      <Text size="sm" mb="sm">
        {d.contract.title} · CIG {d.contract.cig} · {format.date(d.contract.startsOn)} – {format.date(d.contract.endsOn)}
      </Text>
      <Table withTableBorder maw={560} mb="md">
        <Table.Tbody>
          {rows.map(([label, cents]) => (
            <Table.Tr key={label}>
              <Table.Th scope="row">{label}</Table.Th>
              <Table.Td ta="right" className="tabular-nums">
                {format.euro(cents)}
              </Table.Td>
            </Table.Tr>
          ))}
          <Table.Tr>
            <Table.Th scope="row">{t('spend.alerts')}</Table.Th>
            <Table.Td ta="right">
              {d.alerts.length === 0 ? (
                t('spend.noAlerts')
              ) : (
                <Group gap={4} justify="flex-end">
                  {d.alerts.map((a) => (
                    <Badge key={`${a.basis}${a.thresholdBp}`} color={colour(a.thresholdBp)} variant="light">
                      {t('spend.alert', {
                        threshold: format.percent(a.thresholdBp / 100),
                        of: t(a.basis === 'amount' ? 'spend.usedOfAmount' : 'spend.usedOfCeiling'),
                      })}
                    </Badge>
                  ))}
                </Group>
              )}
            </Table.Td>
          </Table.Tr>
        </Table.Tbody>
      </Table>
      <WorkOrders title={t('spend.committedWorkOrders')} items={d.committedWorkOrders} empty={t('spend.noCommitted')} />
      <WorkOrders title={t('spend.spentWorkOrders')} items={d.spentWorkOrders} empty={t('spend.noSpent')} />
    </Card>
  );
}

function WorkOrders({ title, items, empty }: { title: string; items: SpendWorkOrder[]; empty: string }) {
  const t = useT();
  const format = useFormat();
  const total = items.reduce((a, w) => a + w.amountCents, 0);
  return (
    <Stack gap="xs" mb="md">
      <Title order={3} size="h4">
        {title}
      </Title>
      {items.length === 0 ? (
        <Text size="sm">{empty}</Text>
      ) : (
        <Table.ScrollContainer minWidth={600}>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('workOrder.number')}</Table.Th>
                <Table.Th scope="col">{t('spend.building')}</Table.Th>
                <Table.Th scope="col">{t('spend.description')}</Table.Th>
                <Table.Th scope="col">{t('spend.approvedAt')}</Table.Th>
                <Table.Th scope="col" ta="right">
                  {t('spend.workOrderAmount')}
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((w) => (
                <Table.Tr key={w.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/work-orders/${w.id}`} fw={600}>
                      {w.number}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{w.buildingCode}</Table.Td>
                  <Table.Td>
                    <Text size="sm" lineClamp={2}>
                      {w.description}
                    </Text>
                  </Table.Td>
                  <Table.Td>{format.date(w.approvedAt)}</Table.Td>
                  <Table.Td ta="right" className="tabular-nums">
                    {format.euro(w.amountCents)}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
            <Table.Tfoot>
              <Table.Tr>
                <Table.Th scope="row" colSpan={4}>
                  {t('spend.total')}
                </Table.Th>
                <Table.Td ta="right" className="tabular-nums" fw={700}>
                  {format.euro(total)}
                </Table.Td>
              </Table.Tr>
            </Table.Tfoot>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
