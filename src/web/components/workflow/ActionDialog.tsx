import { useState, type ReactNode } from 'react';
import { Alert, Button, Group, Modal, NumberInput, Radio, Stack, Text, Textarea } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconAlertTriangle } from '@tabler/icons-react';
import { PRIORITIES, type ActionTarget } from '../../api/workflow';
import { useNumberSeparators } from '../../i18n/format';
import { useT, type Translate } from '../../i18n/messages';
import { DateField } from '../inputs/DateField';
import { InstantField } from '../inputs/InstantField';
import { ProblemAlert } from '../ProblemAlert';
import { VersionConflictAlert } from '../VersionConflictAlert';
import { actionFields, DESTRUCTIVE, type ActionObject, type FieldRule } from './actions';
import { ChecklistInput, unanswered, type ChecklistAnswer, type ChecklistItem } from './ChecklistInput';
import { actionLabel, lookup, priorityLabel } from './labels';
import { useReload, useRunAction } from './useRunAction';

export function fieldLabel(t: Translate, action: string, field: string): string {
  return lookup(t, `actions.${action}.fields.${field}`, lookup(t, `fields.${field}`, field));
}

/** The modal shell every action form shares: title, what the action does, a warning when it cannot be undone. */
export function ActionModal({ action, opened, onClose, children }: { action: string; opened: boolean; onClose: () => void; children: ReactNode }) {
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
export function ActionFooter({ action, pending, error, conflict, onReload, onCancel }: {
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

function FieldInput({ action, rule, value, error, onChange, checklist }: { action: string; rule: FieldRule; value: unknown; error?: string; onChange: (v: unknown) => void; checklist?: readonly ChecklistItem[] }) {
  const t = useT();
  const separators = useNumberSeparators();
  const label = fieldLabel(t, action, rule.field);
  const required = !rule.optional;
  const description = lookup(t, `actions.${action}.hints.${rule.field}`, '') || undefined;
  switch (rule.kind) {
    case 'checklist':
      return <ChecklistInput label={label} items={checklist ?? []} value={(value as ChecklistAnswer[] | undefined) ?? []} error={error} onChange={onChange} />;
    case 'instant':
      return <InstantField label={label} description={description} required={required} value={(value as string) ?? null} onChange={onChange} error={error} />;
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
    case 'priority':
      return (
        <Radio.Group label={label} description={description} required={required} value={(value as string) ?? ''} onChange={onChange} error={error}>
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
  /** A planned work order (#8): its own table of actions, and the checklist to answer at completion. */
  kind?: string;
  checklist?: readonly ChecklistItem[];
}

/** A generic action form: one input per field the domain's table lists for that action. */
export function ActionForm({ object, targetId, version, action, onClose, before, initial, kind, checklist }: ActionFormProps) {
  const t = useT();
  const target: ActionTarget = { kind: object, id: targetId };
  const rules = actionFields(object, action, kind);
  const [values, setValues] = useState<Record<string, unknown>>(initial ?? {});
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const { mutation, fieldErrors, conflict } = useRunAction(target, action, onClose);
  const reload = useReload(target);
  const errors = { ...fieldErrors, ...localErrors };

  const submit = () => {
    const missing: Record<string, string> = {};
    for (const r of rules) if (!r.optional && isBlank(values[r.field]) && r.kind !== 'checklist') missing[r.field] = t('form.required');
    for (const r of rules) {
      if (r.kind !== 'checklist') continue;
      const open = unanswered(checklist ?? [], (values[r.field] as ChecklistAnswer[] | undefined) ?? []);
      if (open.length) missing[r.field] = t('planned.checklist.missing', { items: open.map((i) => i.label).join(', ') });
    }
    setLocalErrors(missing);
    if (Object.keys(missing).length > 0) return;
    const fields: Record<string, unknown> = {};
    for (const r of rules) {
      const v = values[r.field];
      if (r.kind === 'checklist') {
        fields[r.field] = (v as ChecklistAnswer[] | undefined) ?? [];
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
            checklist={checklist}
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
