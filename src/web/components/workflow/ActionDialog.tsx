import { useState, type ReactNode } from 'react';
import { Alert, Button, Group, Modal, NumberInput, Radio, Stack, Text, Textarea } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconAlertTriangle } from '@tabler/icons-react';
import { PRIORITIES, type ActionTarget, type ChecklistItem } from '../../api/workflow';
import { ChecklistField, toResults, unanswered, type ChecklistAnswers } from '../../features/work-orders/ChecklistField';
import { PlannedWorkOrderSelect } from '../../features/work-orders/PlannedWorkOrderSelect';
import { useNumberSeparators } from '../../i18n/format';
import { useT, type Translate } from '../../i18n/messages';
import { DateField } from '../inputs/DateField';
import { InstantField } from '../inputs/InstantField';
import { ProblemAlert } from '../ProblemAlert';
import { VersionConflictAlert } from '../VersionConflictAlert';
import { actionFields, DESTRUCTIVE, type ActionObject, type FieldRule } from './actions';
import { actionLabel, lookup, priorityLabel } from './labels';
import { useReload, useRunAction } from './useRunAction';

export function fieldLabel(t: Translate, action: string, field: string): string {
  return lookup(t, `actions.${action}.fields.${field}`, lookup(t, `fields.${field}`, field));
}

/** The modal shell every action form shares: title, what the action does, a warning when it cannot be undone. */
export function ActionModal({
  action,
  opened,
  onClose,
  children,
}: {
  action: string;
  opened: boolean;
  onClose: () => void;
  children: ReactNode;
}) {
  const t = useT();
  const phone = useMediaQuery('(max-width: 47.99em)');
  const help = lookup(t, `actions.${action}.help`, '');
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={lookup(t, `actions.${action}.title`, actionLabel(t, action))}
      size="lg"
      fullScreen={phone === true}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <Stack gap="md">
        {help && <Text size="sm">{help}</Text>}
        {DESTRUCTIVE.has(action) && (
          <Alert color="red" variant="light" icon={<IconAlertTriangle aria-hidden />} title={t('actions.destructiveTitle')}>
            {t('actions.destructiveNote')}
          </Alert>
        )}
        {children}
      </Stack>
    </Modal>
  );
}

/** Submit and cancel of an action form, with the problems the server reported. */
export function ActionFooter({
  action,
  pending,
  error,
  conflict,
  onReload,
  onCancel,
}: {
  action: string;
  pending: boolean;
  error: unknown;
  conflict: boolean;
  onReload: () => void;
  onCancel: () => void;
}) {
  const t = useT();
  const phone = useMediaQuery('(max-width: 47.99em)');
  return (
    <Stack gap="sm">
      {conflict ? <VersionConflictAlert onReload={onReload} /> : error ? <ProblemAlert error={error} title={t('actions.failed')} /> : null}
      <Group justify="flex-end" gap="sm" grow={phone === true}>
        <Button variant="default" onClick={onCancel} size={phone ? 'lg' : 'sm'}>
          {t('common.cancel')}
        </Button>
        <Button type="submit" color={DESTRUCTIVE.has(action) ? 'red' : undefined} loading={pending} size={phone ? 'lg' : 'sm'}>
          {lookup(t, `actions.${action}.submit`, actionLabel(t, action))}
        </Button>
      </Group>
    </Stack>
  );
}

/** What some fields need besides their rule: the checklist snapshot, the building of the work order. */
export interface FieldContext {
  checklist?: readonly ChecklistItem[];
  buildingId?: string;
}

function FieldInput({
  action,
  rule,
  value,
  error,
  onChange,
  context,
}: {
  action: string;
  rule: FieldRule;
  value: unknown;
  error?: string;
  onChange: (v: unknown) => void;
  context?: FieldContext;
}) {
  const t = useT();
  const separators = useNumberSeparators();
  const label = fieldLabel(t, action, rule.field);
  const required = !rule.optional;
  const description = lookup(t, `actions.${action}.hints.${rule.field}`, '') || undefined;
  if (rule.field === 'plannedWorkOrderId' && context?.buildingId) {
    return (
      <PlannedWorkOrderSelect
        buildingId={context.buildingId}
        label={label}
        value={(value as string) ?? null}
        onChange={onChange}
        error={error}
      />
    );
  }
  switch (rule.kind) {
    case 'checklist':
      return (
        <ChecklistField items={context?.checklist ?? []} value={value as ChecklistAnswers | undefined} onChange={onChange} error={error} />
      );
    case 'instant':
      return (
        <InstantField
          label={label}
          description={description}
          required={required}
          value={(value as string) ?? null}
          onChange={onChange}
          error={error}
        />
      );
    case 'date':
      return (
        <DateField
          label={label}
          description={description}
          required={required}
          value={(value as string) ?? null}
          onChange={onChange}
          error={error}
          popoverProps={{ withinPortal: true }}
        />
      );
    case 'boolean':
      // A yes/no answer; left unanswered, the field is not sent (the rule is optional).
      return (
        <Radio.Group
          label={label}
          description={description}
          required={required}
          value={value === true ? 'yes' : value === false ? 'no' : ''}
          onChange={(v) => onChange(v === 'yes')}
          error={error}
        >
          <Group gap="md" mt={6}>
            <Radio value="yes" label={t('common.yes')} />
            <Radio value="no" label={t('common.no')} />
          </Group>
        </Radio.Group>
      );
    case 'priority':
      return (
        <Radio.Group
          label={label}
          description={description}
          required={required}
          value={(value as string) ?? ''}
          onChange={onChange}
          error={error}
        >
          <Group gap="md" mt={6}>
            {PRIORITIES.map((p) => (
              <Radio key={p} value={p} label={priorityLabel(t, p)} />
            ))}
          </Group>
        </Radio.Group>
      );
    case 'number':
      return (
        <NumberInput
          label={label}
          description={description}
          required={required}
          value={(value as number | string) ?? ''}
          onChange={onChange}
          error={error}
          min={0}
          step={0.5}
          decimalScale={2}
          allowNegative={false}
          inputMode="decimal"
          decimalSeparator={separators.decimalSeparator}
          thousandSeparator={false}
          maw={220}
        />
      );
    default:
      return (
        <Textarea
          label={label}
          description={description}
          required={required}
          autosize
          minRows={rule.field === 'note' ? 2 : 3}
          maxLength={10_000}
          value={(value as string) ?? ''}
          onChange={(e) => onChange(e.currentTarget.value)}
          error={error}
        />
      );
  }
}

function isBlank(v: unknown): boolean {
  return v === undefined || v === null || (typeof v === 'string' && v.trim() === '');
}

interface ActionFormProps {
  object: ActionObject;
  targetId: string;
  version: number;
  action: string;
  onClose: () => void;
  /** Extra content above the fields (e.g. the documents a completion needs). */
  before?: ReactNode;
  /** Initial values (e.g. the current priority). */
  initial?: Record<string, unknown>;
  /** A planned work order (workflow 2): the planned table's fields. */
  planned?: boolean;
  context?: FieldContext;
}

/** A generic action form: one input per field the domain's table lists for that action. */
export function ActionForm({ object, targetId, version, action, onClose, before, initial, planned, context }: ActionFormProps) {
  const t = useT();
  const target: ActionTarget = { kind: object, id: targetId };
  const rules = actionFields(object, action, planned);
  const checklist = context?.checklist ?? [];
  const [values, setValues] = useState<Record<string, unknown>>(initial ?? {});
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const { mutation, fieldErrors, conflict } = useRunAction(target, action, onClose);
  const reload = useReload(target);
  const errors = { ...fieldErrors, ...localErrors };

  const submit = () => {
    const missing: Record<string, string> = {};
    for (const r of rules) {
      if (r.kind === 'checklist') {
        const left = unanswered(checklist, values[r.field] as ChecklistAnswers | undefined);
        if (left.length) missing[r.field] = t('planned.unanswered', { count: left.length });
      } else if (!r.optional && isBlank(values[r.field])) missing[r.field] = t('form.required');
    }
    setLocalErrors(missing);
    if (Object.keys(missing).length > 0) return;
    const fields: Record<string, unknown> = {};
    for (const r of rules) {
      const v = values[r.field];
      if (r.kind === 'checklist') {
        fields[r.field] = toResults(checklist, (v as ChecklistAnswers | undefined) ?? {});
        continue;
      }
      if (isBlank(v)) continue;
      fields[r.field] = r.kind === 'number' ? Number(v) : typeof v === 'string' ? v.trim() : v;
    }
    mutation.mutate({ version, fields });
  };

  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <Stack gap="md">
        {before}
        {rules.some((r) => !r.optional) && (
          <Text size="sm" c="dimmed">
            {t('form.requiredNote')}
          </Text>
        )}
        {rules.map((r) => (
          <FieldInput
            key={r.field}
            action={action}
            rule={r}
            value={values[r.field]}
            error={errors[r.field]}
            onChange={(v) => setValues((prev) => ({ ...prev, [r.field]: v }))}
            context={context}
          />
        ))}
        <ActionFooter
          action={action}
          pending={mutation.isPending}
          error={mutation.error}
          conflict={conflict}
          onReload={() => void reload().then(onClose)}
          onCancel={onClose}
        />
      </Stack>
    </form>
  );
}
