import type { ReactNode } from 'react';
import { Anchor, Group, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import { useAccountingHome, type AccountingHome } from '../../api/spend';
import { useFormat } from '../../i18n/format';
import { useT } from '../../i18n/messages';
import { Shell } from '../home/QueueSection';

type Section = 'finalAccounts' | 'statements' | 'invoices' | 'spendAlerts';

/** One home card of GET /api/accounting/home (#10 item 7): its count, its first items, the link to the whole list. */
function HomeCard({
  section,
  title,
  link,
  empty,
  render,
}: {
  section: Section;
  title: string;
  link: string;
  empty: (home: AccountingHome) => string;
  render: (home: AccountingHome) => ReactNode[];
}) {
  const home = useAccountingHome(true);
  const d = home.data;
  const rows = d ? render(d) : [];
  return (
    <Shell
      title={title}
      count={d?.[section].count}
      link={link}
      loading={home.isPending}
      error={home.error}
      emptyText={d ? empty(d) : ''}
      isEmpty={rows.length === 0}
    >
      <Stack component="ul" gap="sm" p={0} m={0} style={{ listStyle: 'none' }}>
        {rows}
      </Stack>
    </Shell>
  );
}

const Row = ({ children }: { children: ReactNode }) => (
  <li style={{ borderTop: '1px solid var(--mantine-color-gray-3)', paddingTop: 8 }}>
    <Stack gap={2}>{children}</Stack>
  </li>
);

export function FinalAccountsToApproveCard() {
  const t = useT();
  const format = useFormat();
  return (
    <HomeCard
      section="finalAccounts"
      title={t('accountingHome.finalAccounts')}
      link="/accounting/final-accounts"
      empty={() => t('accountingHome.finalAccountsEmpty')}
      render={(h) =>
        h.finalAccounts.items.map((f) => (
          <Row key={f.id}>
            <Group gap="xs" justify="space-between">
              <Anchor component={Link} to="/accounting/final-accounts" fw={700}>
                {f.workOrderNumber}
              </Anchor>
              <Text size="sm" fw={600} className="tabular-nums">
                {format.euro(f.netCents)}
              </Text>
            </Group>
            <Text size="xs">
              {[f.lot, f.contractorName, f.submittedAt ? t('accountingHome.submitted', { when: format.relative(f.submittedAt) }) : null]
                .filter(Boolean)
                .join(' · ')}
            </Text>
          </Row>
        ))
      }
    />
  );
}

export function StatementsToPrepareCard() {
  const t = useT();
  const format = useFormat();
  return (
    <HomeCard
      section="statements"
      title={t('accountingHome.statements')}
      link="/accounting/statements"
      empty={(h) => t('accountingHome.statementsEmpty', { month: format.month(h.period) })}
      render={(h) =>
        h.statements.items.map((s) => (
          <Row key={`${s.contractId}-${s.period}`}>
            <Anchor component={Link} to={s.statementId ? `/accounting/statements/${s.statementId}` : '/accounting/statements'} fw={700}>
              {s.lot}
            </Anchor>
            <Text size="xs">
              {s.contractorName} ·{' '}
              {t(s.status === 'draft' ? 'accountingHome.statementDraft' : 'accountingHome.statementMissing', {
                month: format.month(s.period),
              })}
            </Text>
          </Row>
        ))
      }
    />
  );
}

export function InvoicesToMatchCard() {
  const t = useT();
  const format = useFormat();
  return (
    <HomeCard
      section="invoices"
      title={t('accountingHome.invoices')}
      link="/accounting/invoices"
      empty={() => t('accountingHome.invoicesEmpty')}
      render={(h) =>
        h.invoices.items.map((i) => (
          <Row key={i.id}>
            <Group gap="xs" justify="space-between">
              <Anchor component={Link} to={`/accounting/invoices/${i.id}`} fw={700}>
                {i.number}
              </Anchor>
              <Text size="sm" fw={600} className="tabular-nums">
                {format.euro(i.totalCents)}
              </Text>
            </Group>
            <Text size="xs">
              {[
                i.contractorName,
                format.date(i.issueDate),
                i.mismatchCount > 0 ? t('accountingHome.mismatches', { count: i.mismatchCount }) : t('accountingHome.noMismatch'),
              ].join(' · ')}
            </Text>
          </Row>
        ))
      }
    />
  );
}

export function SpendAlertsCard() {
  const t = useT();
  const format = useFormat();
  const share = (bp: number | null) => (bp === null ? null : format.percent(Math.floor(bp / 10) / 10));
  return (
    <HomeCard
      section="spendAlerts"
      title={t('accountingHome.spendAlerts')}
      link="/accounting/spend"
      empty={() => t('accountingHome.spendAlertsEmpty')}
      render={(h) =>
        h.spendAlerts.items.map((s) => (
          <Row key={s.contractId}>
            <Anchor component={Link} to={`/accounting/spend?contract=${s.contractId}`} fw={700}>
              {s.lot}
            </Anchor>
            <Text size="xs" className="tabular-nums">
              {[
                s.contractorName,
                s.amountUsedBp !== null ? `${share(s.amountUsedBp)} ${t('spend.usedOfAmount')}` : null,
                s.ceilingUsedBp !== null ? `${share(s.ceilingUsedBp)} ${t('spend.usedOfCeiling')}` : null,
              ]
                .filter(Boolean)
                .join(' · ')}
            </Text>
          </Row>
        ))
      }
    />
  );
}
