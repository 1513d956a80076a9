import { useState } from 'react';
import { ActionIcon, Button, Group, NumberInput, Select, Stack, Text } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  useAllocationRule,
  useDeleteAllocationRule,
  useSaveAllocationRule,
  type AllocationMethod,
  type RuleOwner,
} from '../../api/allocations';
import { api } from '../../api/client';
import { isApiError, isVersionConflict } from '../../api/problem';
import { notify } from '../../components/notify';
import { ProblemAlert } from '../../components/ProblemAlert';
import { VersionConflictAlert } from '../../components/VersionConflictAlert';
import { Section } from '../../components/workflow/Section';
import { useFormat } from '../../i18n/format';
import { useT } from '../../i18n/messages';

const METHODS: readonly AllocationMethod[] = ['requesting_department', 'floor_area', 'percentages', 'central_vs_department'];
const CENTRAL = 'central';
type Share = { payer: string | null; percent: number | string };

/**
 * A contract's or a building's cost-allocation rule (#10 item 3), on the admin's contract page and
 * the building's page: the method and, for percentages, the payers (a department or the central
 * budget) and their shares; the server refuses shares that do not make exactly 100 % and a stale
 * version. A building's rule prevails over the contract's and can be removed.
 */
export function AllocationRuleSection({ owner, ownerId, canEdit }: { owner: RuleOwner; ownerId: string; canEdit: boolean }) {
  const t = useT();
  const format = useFormat();
  const qc = useQueryClient();
  const rule = useAllocationRule(owner, ownerId);
  const save = useSaveAllocationRule(owner, ownerId);
  const remove = useDeleteAllocationRule(owner, ownerId);
  const departments = useQuery({
    queryKey: ['/api/departments', 'all'],
    queryFn: ({ signal }) =>
      api.get<{ items: Array<{ id: string; code: string; name: string }> }>('/api/departments', { limit: 200 }, signal),
    enabled: canEdit,
  });
  const [draft, setDraft] = useState<{ method: AllocationMethod; shares: Share[] } | null>(null);

  if (!rule.data) return rule.error ? <ProblemAlert error={rule.error} /> : null;
  const current = rule.data;
  const payers = [
    { value: CENTRAL, label: t('allocations.central') },
    ...(departments.data?.items ?? []).map((d) => ({ value: d.id, label: `${d.code} — ${d.name}` })),
  ];
  const sum = (draft?.shares ?? []).reduce((a, s) => a + Math.round(Number(s.percent || 0) * 100), 0);
  const start = () =>
    setDraft({
      method: current.method ?? 'floor_area',
      shares: current.shares.map((s) => ({ payer: s.department?.id ?? CENTRAL, percent: s.shareBp / 100 })),
    });
  const submit = () => {
    if (!draft) return;
    save.mutate(
      {
        version: current.version,
        method: draft.method,
        ...(draft.method === 'percentages'
          ? {
              shares: draft.shares.map((s) => ({
                departmentId: s.payer === CENTRAL ? null : s.payer,
                shareBp: Math.round(Number(s.percent || 0) * 100),
              })),
            }
          : {}),
      },
      {
        onSuccess: () => {
          notify(t('allocations.saved'));
          setDraft(null);
        },
      },
    );
  };
  const setShare = (i: number, change: Partial<Share>) =>
    setDraft((d) => (d ? { ...d, shares: d.shares.map((s, j) => (j === i ? { ...s, ...change } : s)) } : d));

  return (
    <Section
      title={t('allocations.ruleTitle')}
      actions={
        canEdit && draft === null ? (
          <Group gap="xs">
            {owner === 'building' && current.method !== null && (
              <Button
                variant="default"
                color="red"
                loading={remove.isPending}
                onClick={() => remove.mutate(current.version, { onSuccess: () => notify(t('allocations.removed')) })}
              >
                {t('allocations.removeBuildingRule')}
              </Button>
            )}
            <Button variant="default" onClick={start}>
              {t('allocations.edit')}
            </Button>
          </Group>
        ) : undefined
      }
    >
      <Text size="sm" c="dimmed">
        {t(owner === 'contract' ? 'allocations.ruleDescription' : 'allocations.buildingRuleDescription')}
      </Text>
      {draft === null ? (
        <Stack gap={4} data-testid="allocation-rule">
          {isApiError(remove.error) && <ProblemAlert error={remove.error} />}
          <Text size="sm" fw={600}>
            {current.method
              ? t(`allocations.methods.${current.method}`)
              : t(owner === 'contract' ? 'allocations.ruleNone' : 'allocations.buildingRuleNone')}
          </Text>
          {current.shares.map((s, i) => (
            <Text size="sm" key={i}>
              {s.department ? `${s.department.code} — ${s.department.name}` : t('allocations.central')}: {format.percent(s.shareBp / 100)}
            </Text>
          ))}
        </Stack>
      ) : (
        <Stack gap="sm">
          <Select
            label={t('allocations.method')}
            maw={420}
            allowDeselect={false}
            value={draft.method}
            onChange={(v) => v && setDraft({ ...draft, method: v as AllocationMethod })}
            data={METHODS.map((m) => ({ value: m, label: t(`allocations.methods.${m}`) }))}
          />
          {draft.method === 'percentages' && (
            <>
              {draft.shares.map((s, i) => (
                <Group key={i} align="flex-end" gap="sm">
                  <Select
                    label={t('allocations.payer')}
                    w={420}
                    allowDeselect={false}
                    searchable
                    value={s.payer}
                    onChange={(v) => setShare(i, { payer: v })}
                    data={payers}
                  />
                  <NumberInput
                    label={t('allocations.percent')}
                    w={140}
                    min={0}
                    max={100}
                    decimalScale={2}
                    value={s.percent}
                    onChange={(v) => setShare(i, { percent: v })}
                  />
                  <ActionIcon
                    variant="default"
                    size="lg"
                    aria-label={t('allocations.removeShare', { n: i + 1 })}
                    onClick={() => setDraft({ ...draft, shares: draft.shares.filter((_, j) => j !== i) })}
                  >
                    <IconTrash size={16} aria-hidden />
                  </ActionIcon>
                </Group>
              ))}
              <Group gap="md">
                <Button
                  variant="default"
                  size="xs"
                  leftSection={<IconPlus size={14} aria-hidden />}
                  onClick={() => setDraft({ ...draft, shares: [...draft.shares, { payer: CENTRAL, percent: '' }] })}
                >
                  {t('allocations.addShare')}
                </Button>
                <Text size="sm" c={sum === 10_000 ? undefined : 'red.8'} aria-live="polite">
                  {t('allocations.sharesSum', { sum: format.number(sum / 100, 2) })}
                </Text>
              </Group>
            </>
          )}
          {isVersionConflict(save.error) && (
            <VersionConflictAlert
              onReload={() => {
                void qc.invalidateQueries({ queryKey: ['allocations', 'rule', owner, ownerId] });
                setDraft(null);
                save.reset();
              }}
            />
          )}
          {isApiError(save.error) && !isVersionConflict(save.error) && <ProblemAlert error={save.error} />}
          <Group gap="sm">
            <Button onClick={submit} loading={save.isPending}>
              {t('allocations.save')}
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
