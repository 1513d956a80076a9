import { Alert, Anchor, Card, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { IconFileSpreadsheet, IconFileTypePdf, IconMessageExclamation } from '@tabler/icons-react';
import { useParams } from 'react-router';
import { useMe } from '../../api/me';
import { programExportUrl, usePlannedInvalidate, useProgram, PROGRAM_STATES } from '../../api/planned';
import { hasRole } from '../../app/permissions';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useFormat } from '../../i18n/format';
import { useT } from '../../i18n/messages';
import { CalendarFeeds } from './CalendarFeeds';
import { lookup } from '../../components/workflow/labels';
import { ProgramStatusBadge, programStatusLabel } from './labels';
import { ProgramActions } from './ProgramActions';
import { ProgramItems } from './ProgramItems';

const EDITABLE = new Set(['draft', 'returned']);

/** One monthly program: its state, the actions the server offers, the BM's remarks, the items by building. */
export function ProgramPage() {
  const t = useT();
  const format = useFormat();
  const { id } = useParams();
  const { data: me } = useMe();
  const program = useProgram(id);
  const invalidate = usePlannedInvalidate();
  const reload = () => {
    invalidate();
    void program.refetch();
  };
  if (program.isError) return <ProblemAlert error={program.error} />;
  if (program.isPending) return <Loader aria-label={t('common.loading')} />;
  const p = program.data;
  const editable = hasRole(me, 'contractor') && EDITABLE.has(p.status);
  const c = p.compliance;
  const statusLine = (PROGRAM_STATES as readonly string[]).includes(p.status)
    ? t(`planned.program.statusLine.${p.status as (typeof PROGRAM_STATES)[number]}`)
    : '';
  return (
    <Stack gap="lg">
      <PageHeader
        title={t('planned.program.title', { month: format.month(p.month) })}
        badge={<ProgramStatusBadge status={p.status} t={t} />}
        crumbs={[{ label: t('planned.program.back'), to: '/programs' }]}
        description={
          <>
            {t('planned.program.lot', { lot: p.lot, title: p.contractTitle })} · {p.contractorName}
            <br />
            {statusLine}
          </>
        }
        actions={<ProgramActions program={p} onDone={reload} onReload={reload} />}
      />
      {p.remarks && (p.status === 'returned' || p.status === 'draft' || hasRole(me, 'contractor', 'building_manager')) && (
        <Alert color="orange" variant="light" icon={<IconMessageExclamation aria-hidden />} title={t('planned.program.remarksTitle')}>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {p.remarks}
          </Text>
        </Alert>
      )}
      <Card withBorder padding="sm">
        <Group justify="space-between" gap="md">
          <div>
            <Text size="sm" fw={700}>
              {t('planned.program.compliance')}
            </Text>
            <Text size="sm" className="tabular-nums">
              {c && c.pct !== null
                ? t('planned.program.complianceFigure', { pct: format.percent(c.pct), onTime: c.doneOnTime, due: c.due, late: c.late })
                : t('planned.program.complianceNone')}
            </Text>
          </div>
          <Group gap="md">
            <Anchor href={programExportUrl(p.id, 'pdf')} size="sm" download>
              <IconFileTypePdf size={16} aria-hidden style={{ verticalAlign: 'middle' }} /> {t('planned.program.exportPdf')}
            </Anchor>
            <Anchor href={programExportUrl(p.id, 'xlsx')} size="sm" download>
              <IconFileSpreadsheet size={16} aria-hidden style={{ verticalAlign: 'middle' }} /> {t('planned.program.exportXlsx')}
            </Anchor>
          </Group>
        </Group>
      </Card>
      <section aria-labelledby="program-items">
        <Title order={2} size="h4" id="program-items" mb="sm">
          {t('planned.program.items')}
        </Title>
        <ProgramItems program={p} editable={editable} onSaved={reload} onReload={reload} />
      </section>
      {p.timeline && p.timeline.length > 0 && (
        <section aria-labelledby="program-history">
          <Title order={2} size="h4" id="program-history" mb="sm">
            {t('planned.program.history')}
          </Title>
          <Stack component="ol" gap={6} p={0} m={0} style={{ listStyle: 'none' }}>
            {p.timeline.map((e) => (
              <li key={e.id}>
                <Text size="sm">
                  <Text span c="dimmed" className="tabular-nums">
                    {format.dateTime(e.at)}
                  </Text>{' '}
                  · {e.actor.label} ·{' '}
                  {e.to && e.to !== e.from ? programStatusLabel(t, e.to) : lookup(t, `planned.actions.${e.action}`, e.action)}
                  {typeof e.data.remarks === 'string'
                    ? ` — «${e.data.remarks}»`
                    : typeof e.data.note === 'string'
                      ? ` — ${e.data.note}`
                      : ''}
                </Text>
              </li>
            ))}
          </Stack>
        </section>
      )}
      {hasRole(me, 'contractor', 'building_manager', 'service_head', 'call_center', 'admin') && (
        <CalendarFeeds contractId={p.contractId} defaultName={t('planned.feeds.defaultName', { lot: p.lot })} />
      )}
    </Stack>
  );
}
