import { useState } from 'react';
import { Alert, Button, Group, Paper, Radio, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { IconCircleCheck, IconPlus, IconTrash } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { isApiError, isVersionConflict } from '../../api/problem';
import { postAction, PRIORITIES, refreshWorkflow, workflowKeys, type TicketDto } from '../../api/workflow';
import { useMe } from '../../api/me';
import { canRead } from '../../app/permissions';
import { EntitySelect } from '../../components/EntitySelect';
import { notify } from '../../components/notify';
import { ProblemAlert } from '../../components/ProblemAlert';
import { VersionConflictAlert } from '../../components/VersionConflictAlert';
import { ActionFooter, fieldLabel } from '../../components/workflow/ActionDialog';
import { priorityLabel } from '../../components/workflow/labels';
import { useT } from '../../i18n/messages';

interface Row {
  key: number;
  technologyClassId: string | null;
  priority: string;
  description: string;
  spaceId: string | null;
  assetId: string | null;
  location: string;
  error?: unknown;
  errors?: Record<string, string>;
}

const newRow = (ticket: TicketDto, key: number): Row => ({
  key,
  technologyClassId: null,
  priority: ticket.priority ?? '',
  description: ticket.description,
  spaceId: ticket.space?.id ?? null,
  assetId: ticket.asset?.id ?? null,
  location: '',
});

/**
 * "Issue work orders": one or more at once (one per technology class), each resolved to its
 * contract by the server. Orders are issued one after the other; one the server refuses (no
 * contract, two contracts) stays in the form with the reason, the others are issued.
 */
export function IssueForm({ ticket, onClose }: { ticket: TicketDto; onClose: () => void }) {
  const t = useT();
  const queryClient = useQueryClient();
  const { data: me } = useMe();
  const [rows, setRows] = useState<Row[]>(() => [newRow(ticket, 1)]);
  const [nextKey, setNextKey] = useState(2);
  const [issued, setIssued] = useState<string[]>([]);
  const [pending, setPending] = useState(false);
  const [conflict, setConflict] = useState(false);
  const withAssets = canRead(me, 'assets');

  const update = (key: number, patch: Partial<Row>) => setRows((rs) => rs.map((r) => (r.key === key ? { ...r, ...patch } : r)));

  const submit = async () => {
    // Required fields first, on every row.
    let invalid = false;
    const checked = rows.map((r) => {
      const errors: Record<string, string> = {};
      if (!r.technologyClassId) errors.technologyClassId = t('form.required');
      if (!r.priority) errors.priority = t('form.required');
      if (!r.description.trim()) errors.description = t('form.required');
      if (Object.keys(errors).length) invalid = true;
      return { ...r, errors, error: undefined };
    });
    setRows(checked);
    if (invalid) return;

    setPending(true);
    setConflict(false);
    let version = ticket.version;
    const left: Row[] = [];
    const done: string[] = [];
    for (const r of checked) {
      try {
        const saved = await postAction<TicketDto>({ kind: 'ticket', id: ticket.id }, 'issue', version, {
          technologyClassId: r.technologyClassId,
          priority: r.priority,
          description: r.description.trim(),
          ...(r.spaceId ? { spaceId: r.spaceId } : {}),
          ...(r.assetId ? { assetId: r.assetId } : {}),
          ...(r.location.trim() ? { location: r.location.trim() } : {}),
        });
        version = saved.version;
        queryClient.setQueryData(workflowKeys.ticket(ticket.id), saved);
        const newest = saved.workOrders[saved.workOrders.length - 1];
        if (newest) done.push(newest.number);
      } catch (error) {
        if (isVersionConflict(error)) setConflict(true);
        const errors: Record<string, string> = {};
        if (isApiError(error)) for (const e of error.errors) if (e.field) errors[e.field] = e.message;
        left.push({ ...r, error, errors });
      }
    }
    setPending(false);
    setIssued((prev) => [...prev, ...done]);
    void refreshWorkflow(queryClient);
    if (done.length > 0) notify(t('issue.done', { count: done.length, numbers: done.join(', ') }));
    if (left.length === 0) {
      onClose();
      return;
    }
    setRows(left);
  };

  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          {t('form.requiredNote')}
        </Text>
        {issued.length > 0 && (
          <Alert color="green" variant="light" icon={<IconCircleCheck aria-hidden />}>
            {t('issue.alreadyIssued', { numbers: issued.join(', ') })}
          </Alert>
        )}
        {rows.map((r, index) => (
          <Paper key={r.key} withBorder p="md" component="fieldset" style={{ minWidth: 0 }}>
            <Title order={3} size="h5" component="legend" px={4}>
              {t('issue.rowTitle', { n: index + 1 })}
            </Title>
            <Stack gap="sm">
              {r.error !== undefined && !isVersionConflict(r.error) && <ProblemAlert error={r.error} title={t('issue.rowFailed')} />}
              <EntitySelect
                entity="technologyClasses"
                label={fieldLabel(t, 'issue', 'technologyClassId')}
                required
                value={r.technologyClassId}
                onChange={(v) => update(r.key, { technologyClassId: v })}
                error={r.errors?.technologyClassId}
              />
              <Radio.Group
                label={fieldLabel(t, 'issue', 'priority')}
                required
                value={r.priority}
                onChange={(v) => update(r.key, { priority: v })}
                error={r.errors?.priority}
              >
                <Group gap="md" mt={6}>
                  {PRIORITIES.map((p) => (
                    <Radio key={p} value={p} label={priorityLabel(t, p)} />
                  ))}
                </Group>
              </Radio.Group>
              <Textarea
                label={fieldLabel(t, 'issue', 'description')}
                description={t('issue.descriptionHint')}
                required
                autosize
                minRows={3}
                value={r.description}
                onChange={(e) => update(r.key, { description: e.currentTarget.value })}
                error={r.errors?.description}
              />
              <EntitySelect
                entity="spaces"
                label={fieldLabel(t, 'issue', 'spaceId')}
                params={{ buildingId: ticket.building.id }}
                value={r.spaceId}
                onChange={(v) => update(r.key, { spaceId: v })}
                error={r.errors?.spaceId}
              />
              {withAssets && (
                <EntitySelect
                  entity="assets"
                  label={fieldLabel(t, 'issue', 'assetId')}
                  params={{ buildingId: ticket.building.id }}
                  value={r.assetId}
                  onChange={(v) => update(r.key, { assetId: v })}
                  error={r.errors?.assetId}
                />
              )}
              <TextInput
                label={fieldLabel(t, 'issue', 'location')}
                value={r.location}
                onChange={(e) => update(r.key, { location: e.currentTarget.value })}
                error={r.errors?.location}
              />
              {rows.length > 1 && (
                <Group justify="flex-end">
                  <Button
                    variant="subtle"
                    color="red"
                    size="xs"
                    leftSection={<IconTrash size={14} aria-hidden />}
                    onClick={() => setRows((rs) => rs.filter((x) => x.key !== r.key))}
                  >
                    {t('issue.removeRow', { n: index + 1 })}
                  </Button>
                </Group>
              )}
            </Stack>
          </Paper>
        ))}
        <Group>
          <Button
            variant="light"
            leftSection={<IconPlus size={16} aria-hidden />}
            onClick={() => {
              setRows((rs) => [...rs, newRow(ticket, nextKey)]);
              setNextKey((k) => k + 1);
            }}
          >
            {t('issue.addRow')}
          </Button>
        </Group>
        {conflict && <VersionConflictAlert onReload={() => void refreshWorkflow(queryClient).then(onClose)} />}
        <ActionFooter action="issue" pending={pending} error={null} conflict={false} onReload={onClose} onCancel={onClose} />
      </Stack>
    </form>
  );
}
