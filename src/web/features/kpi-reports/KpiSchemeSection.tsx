import { useState } from 'react';
import { Alert, Button, Checkbox, Group, NumberInput, Select, Stack, Table, Text, Textarea } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { SCHEME_INDICATORS, useKpiScheme, useSaveKpiScheme, type KpiScheme, type SchemeIndicator } from '../../api/kpi-scheme';
import { isApiError, isVersionConflict } from '../../api/problem';
import { notify } from '../../components/notify';
import { ProblemAlert } from '../../components/ProblemAlert';
import { VersionConflictAlert } from '../../components/VersionConflictAlert';
import { Section } from '../../components/workflow/Section';
import { useFormat } from '../../i18n/format';
import { useT } from '../../i18n/messages';

type Draft = {
  period: KpiScheme['period'];
  indicators: string;
  bands: string;
  maxRewardBp: number | string;
  acceleration: { enabled: boolean; bpPerDay: number | string; maxBp: number | string };
};

const pairs = (text: string): Array<[number, number]> | null => {
  const out: Array<[number, number]> = [];
  for (const part of text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const m = /^(-?\d+)\s*:\s*(-?\d+)$/.exec(part);
    if (!m) return null;
    out.push([Number(m[1]), Number(m[2])]);
  }
  return out;
};

/** "takeCharge: 0:-2, 8000:0" lines → indicator rules; null when a line does not read. */
function parseIndicators(text: string): KpiScheme['indicators'] | null {
  const out: KpiScheme['indicators'] = [];
  for (const line of text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)) {
    const m = /^(\w+)\s*:\s*(.*)$/.exec(line);
    const bands = m ? pairs(m[2]) : null;
    if (!m || !bands || !SCHEME_INDICATORS.includes(m[1] as SchemeIndicator)) return null;
    out.push({ indicator: m[1] as SchemeIndicator, bands: bands.map(([from, points]) => ({ from, points })) });
  }
  return out;
}

/**
 * The contract's penalty/reward scheme (#11 item 2) on the admin's contract page: read by whoever
 * reads the contract's money, edited by the admin (the whole scheme at once; the server checks the
 * thresholds and the version).
 */
export function KpiSchemeSection({ contractId, canEdit }: { contractId: string; canEdit: boolean }) {
  const t = useT();
  const format = useFormat();
  const qc = useQueryClient();
  const scheme = useKpiScheme(contractId);
  const save = useSaveKpiScheme(contractId);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [unreadable, setUnreadable] = useState(false);

  if (!scheme.data) return scheme.error ? <ProblemAlert error={scheme.error} /> : null;
  const s = scheme.data;
  const start = () =>
    setDraft({
      period: s.period,
      indicators: s.indicators.map((r) => `${r.indicator}: ${r.bands.map((b) => `${b.from}:${b.points}`).join(', ')}`).join('\n'),
      bands: s.bands.map((b) => `${b.fromPoints}:${b.bp}`).join(', '),
      maxRewardBp: s.maxRewardBp,
      acceleration: { ...s.acceleration },
    });
  const submit = () => {
    if (!draft) return;
    const indicators = parseIndicators(draft.indicators);
    const bands = pairs(draft.bands);
    setUnreadable(!indicators || !bands);
    if (!indicators || !bands) return;
    save.mutate(
      {
        version: s.version,
        period: draft.period,
        indicators,
        bands: bands.map(([fromPoints, bp]) => ({ fromPoints, bp })),
        maxRewardBp: Number(draft.maxRewardBp || 0),
        acceleration: {
          enabled: draft.acceleration.enabled,
          bpPerDay: Number(draft.acceleration.bpPerDay || 0),
          maxBp: Number(draft.acceleration.maxBp || 0),
        },
      },
      {
        onSuccess: () => {
          notify(t('kpiReports.scheme.saved'));
          setDraft(null);
        },
      },
    );
  };

  return (
    <Section
      title={t('kpiReports.scheme.title')}
      actions={
        canEdit && draft === null ? (
          <Button variant="default" onClick={start}>
            {t('kpiReports.scheme.edit')}
          </Button>
        ) : undefined
      }
    >
      <Text size="sm" c="dimmed">
        {t('kpiReports.scheme.description')}
      </Text>
      {draft === null ? (
        !s.exists ? (
          <Text size="sm">{t('kpiReports.scheme.none')}</Text>
        ) : (
          <Stack gap="xs" data-testid="kpi-scheme">
            <Text size="sm">
              {t('kpiReports.scheme.periodKind')}: {t(`kpiReports.scheme.${s.period}`)}
            </Text>
            <Table aria-label={t('kpiReports.scheme.title')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('kpiReports.indicator')}</Table.Th>
                  <Table.Th>{t('kpiReports.points')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {s.indicators.map((r) => (
                  <Table.Tr key={r.indicator}>
                    <Table.Td>{t(`kpiReports.indicators.${r.indicator}`)}</Table.Td>
                    <Table.Td>
                      {r.bands
                        .map((b) =>
                          r.indicator === 'satisfactionAverage'
                            ? `≥ ${format.number(b.from / 100, 2)}: ${b.points}`
                            : `≥ ${format.percent(b.from / 100)}: ${b.points}`,
                        )
                        .join(' · ')}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            {s.bands.map((b) => (
              <Text size="sm" key={b.fromPoints}>
                {t('kpiReports.scheme.bandsOf', { points: b.fromPoints, percent: format.percent(b.bp / 100) })}
              </Text>
            ))}
            <Text size="sm">
              {t('kpiReports.scheme.maxRewardBp')}: {format.percent(s.maxRewardBp / 100)}
            </Text>
            <Text size="sm">
              {t('kpiReports.scheme.acceleration')}:{' '}
              {s.acceleration.enabled
                ? `${t('kpiReports.scheme.enabled')} — ${format.percent(s.acceleration.bpPerDay / 100)} / ${format.percent(s.acceleration.maxBp / 100)}`
                : t('kpiReports.scheme.disabled')}
            </Text>
          </Stack>
        )
      ) : (
        <Stack gap="sm">
          <Select
            label={t('kpiReports.scheme.periodKind')}
            maw={240}
            allowDeselect={false}
            value={draft.period}
            onChange={(v) => v && setDraft({ ...draft, period: v as KpiScheme['period'] })}
            data={[
              { value: 'month', label: t('kpiReports.scheme.month') },
              { value: 'quarter', label: t('kpiReports.scheme.quarter') },
            ]}
          />
          <Textarea
            label={t('kpiReports.scheme.indicatorsLabel')}
            description={SCHEME_INDICATORS.join(', ')}
            autosize
            minRows={3}
            styles={{ input: { fontFamily: 'monospace' } }}
            value={draft.indicators}
            onChange={(e) => setDraft({ ...draft, indicators: e.currentTarget.value })}
          />
          <Textarea
            label={t('kpiReports.scheme.bandsLabel')}
            autosize
            styles={{ input: { fontFamily: 'monospace' } }}
            value={draft.bands}
            onChange={(e) => setDraft({ ...draft, bands: e.currentTarget.value })}
          />
          <NumberInput
            label={t('kpiReports.scheme.maxRewardBp')}
            maw={280}
            min={0}
            max={10_000}
            allowDecimal={false}
            value={draft.maxRewardBp}
            onChange={(v) => setDraft({ ...draft, maxRewardBp: v })}
          />
          <Checkbox
            label={t('kpiReports.scheme.acceleration')}
            checked={draft.acceleration.enabled}
            onChange={(e) => setDraft({ ...draft, acceleration: { ...draft.acceleration, enabled: e.currentTarget.checked } })}
          />
          {draft.acceleration.enabled && (
            <Group gap="sm">
              <NumberInput
                label={t('kpiReports.scheme.accelerationBpPerDay')}
                w={280}
                min={0}
                allowDecimal={false}
                value={draft.acceleration.bpPerDay}
                onChange={(v) => setDraft({ ...draft, acceleration: { ...draft.acceleration, bpPerDay: v } })}
              />
              <NumberInput
                label={t('kpiReports.scheme.accelerationMaxBp')}
                w={280}
                min={0}
                allowDecimal={false}
                value={draft.acceleration.maxBp}
                onChange={(v) => setDraft({ ...draft, acceleration: { ...draft.acceleration, maxBp: v } })}
              />
            </Group>
          )}
          {unreadable && <Alert color="red">{t('kpiReports.scheme.invalidLines')}</Alert>}
          {isVersionConflict(save.error) && (
            <VersionConflictAlert
              onReload={() => {
                void qc.invalidateQueries({ queryKey: ['kpi-scheme', contractId] });
                setDraft(null);
                save.reset();
              }}
            />
          )}
          {isApiError(save.error) && !isVersionConflict(save.error) && <ProblemAlert error={save.error} />}
          <Group gap="sm">
            <Button onClick={submit} loading={save.isPending}>
              {t('kpiReports.scheme.save')}
            </Button>
            <Button variant="default" onClick={() => setDraft(null)}>
              {t('common.cancel')}
            </Button>
          </Group>
        </Stack>
      )}
    </Section>
  );
}
