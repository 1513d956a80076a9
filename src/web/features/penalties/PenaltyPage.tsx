import { useState } from 'react';
import { Anchor, Box, Center, Group, Loader, Stack, Text, ThemeIcon } from '@mantine/core';
import { IconBolt, IconFileTypePdf } from '@tabler/icons-react';
import { Link, useParams } from 'react-router';
import { usePenalty, type PenaltyDetailDto } from '../../api/penalties';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { ActionBar } from '../../components/workflow/ActionBar';
import { ActionModal } from '../../components/workflow/ActionDialog';
import { lookup, priorityLabel } from '../../components/workflow/labels';
import { Details, Section } from '../../components/workflow/Section';
import { useFormat } from '../../i18n/format';
import { useT } from '../../i18n/messages';
import { clockLabel, delayText, PenaltyStatusBadge, penaltyName, ruleText } from './labels';
import { PenaltyActionForm } from './PenaltyActionForm';

export function PenaltyPage() {
  const t = useT();
  const { id } = useParams();
  const penalty = usePenalty(id);
  const crumbs = [{ label: t('penalties.title'), to: '/penalties' }];
  if (penalty.isPending) {
    return (
      <Center py="xl">
        <Loader aria-label={t('common.loading')} />
      </Center>
    );
  }
  if (penalty.isError) {
    return (
      <>
        <PageHeader title={t('penalties.singular')} crumbs={crumbs} />
        <ProblemAlert error={penalty.error} />
      </>
    );
  }
  return <PenaltyView p={penalty.data} crumbs={crumbs} />;
}

const AMOUNT_KEYS = ['computedCents', 'proposedCents', 'finalCents', 'fromCents'] as const;

function PenaltyView({ p, crumbs }: { p: PenaltyDetailDto; crumbs: Array<{ label: string; to: string }> }) {
  const t = useT();
  const format = useFormat();
  const [action, setAction] = useState<string | null>(null);
  const close = () => setAction(null);
  const amount = (cents: number | null) => (cents === null ? '—' : format.euro(cents));

  return (
    <Stack gap="lg">
      <PageHeader
        title={t('penalties.one', { number: penaltyName(t, p) })}
        crumbs={crumbs}
        badge={<PenaltyStatusBadge status={p.status} size="lg" />}
        description={`${t('penalties.contractValue', { lot: p.contract.lot, cig: p.contract.cig })} · ${p.contractor.name}`}
      />

      <Section title={t('actions.title')}>
        <ActionBar actions={p.availableActions} onRun={setAction} label={t('actions.title')} />
      </Section>

      {action && (
        <ActionModal action={action} opened onClose={close}>
          <PenaltyActionForm penalty={p} action={action} onClose={close} />
        </ActionModal>
      )}

      <Section title={t('penalties.details')}>
        <Details
          items={[
            p.workOrder && {
              label: t('penalties.workOrder'),
              value: (
                <Anchor component={Link} to={`/work-orders/${p.workOrder.id}`}>
                  {p.workOrder.number} – {p.workOrder.building.code} {p.workOrder.building.name} ({priorityLabel(t, p.workOrder.priority)})
                </Anchor>
              ),
            },
            { label: t('penalties.clock'), value: clockLabel(t, p.clock) },
            { label: t('penalties.delay'), value: delayText(t, p.breachedByMs) },
            { label: t('penalties.explanation'), value: p.explanation ?? '—' },
            { label: t('penalties.rule'), value: ruleText(t, format, p.rule) },
            { label: t('penalties.computed'), value: amount(p.computedCents) },
            {
              label: t('penalties.proposed'),
              value: p.clippedByCap ? `${amount(p.proposedCents)} (${t('penalties.clippedByCap')})` : amount(p.proposedCents),
            },
            { label: t('penalties.final'), value: amount(p.finalCents) },
            p.termEndsAt && {
              label: t('penalties.termEndsAt'),
              value: `${format.dateTime(p.termEndsAt)} (${format.relative(p.termEndsAt)})`,
            },
            { label: t('penalties.period'), value: p.period },
            { label: t('penalties.contract'), value: t('penalties.contractValue', { lot: p.contract.lot, cig: p.contract.cig }) },
            { label: t('penalties.contractor'), value: p.contractor.name },
          ]}
        />
      </Section>

      <Section title={t('penalties.documents')}>
        {p.attachments.length === 0 ? (
          <Text size="sm">{t('penalties.noDocuments')}</Text>
        ) : (
          <Stack gap={4}>
            {p.attachments.map((a) => (
              <Group key={a.id} gap="xs">
                <IconFileTypePdf size={16} aria-hidden />
                <Anchor href={a.url} target="_blank" rel="noopener" size="sm">
                  {a.filename}
                </Anchor>
              </Group>
            ))}
          </Stack>
        )}
      </Section>

      <Section title={t('penalties.timeline')}>
        <Box component="ol" aria-label={t('penalties.timeline')} p={0} m={0} style={{ listStyle: 'none' }}>
          {p.timeline.map((e) => {
            const cents = AMOUNT_KEYS.map((k) => e.data[k]).find((v): v is number => typeof v === 'number');
            const shownCents =
              typeof e.data.finalCents === 'number'
                ? e.data.finalCents
                : typeof e.data.proposedCents === 'number'
                  ? e.data.proposedCents
                  : cents;
            const words = ['note', 'text', 'reason'].map((k) => e.data[k]).filter((v): v is string => typeof v === 'string' && v !== '');
            return (
              <Box component="li" key={e.id} py="xs" style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}>
                <Group align="flex-start" gap="sm" wrap="nowrap">
                  <ThemeIcon variant="light" color="gray" radius="xl" size="md" aria-hidden>
                    <IconBolt size={16} aria-hidden />
                  </ThemeIcon>
                  <Stack gap={2} style={{ minWidth: 0, flex: 1 }}>
                    <Text size="xs" c="dimmed">
                      <time dateTime={e.at}>{format.dateTime(e.at)}</time> · {format.relative(e.at)}
                    </Text>
                    <Text size="sm">
                      <strong>{lookup(t, `penalties.events.${e.action}`, e.action)}</strong>{' '}
                      {t('penalties.eventBy', { actor: e.actor.label })}
                    </Text>
                    {shownCents !== undefined && <Text size="sm">{t('penalties.eventAmount', { amount: format.euro(shownCents) })}</Text>}
                    {words.map((w, i) => (
                      <Text key={i} size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                        {w}
                      </Text>
                    ))}
                  </Stack>
                </Group>
              </Box>
            );
          })}
        </Box>
      </Section>
    </Stack>
  );
}
