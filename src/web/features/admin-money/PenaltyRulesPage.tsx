import { useState } from 'react';
import { Button, Group, Modal, NumberInput, Paper, ScrollArea, Select, Stack, Switch, Table, Text, VisuallyHidden } from '@mantine/core';
import { IconPencil, IconPlus } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import {
  createPenaltyRule,
  patchPenaltyRule,
  refreshPenaltyRules,
  RULE_CLOCKS,
  RULE_EVENTS,
  RULE_KINDS,
  RULE_PRIORITIES,
  usePenaltyRules,
  type PenaltyRuleDto,
  type PenaltyRuleInput,
  type RuleKind,
} from '../../api/admin-money';
import { fieldPath, isApiError, isVersionConflict } from '../../api/problem';
import { ActiveBadge } from '../../components/ActiveBadge';
import { EntitySelect } from '../../components/EntitySelect';
import { EuroInput } from '../../components/inputs/EuroInput';
import { notify } from '../../components/notify';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { VersionConflictAlert } from '../../components/VersionConflictAlert';
import { lookup, priorityLabel } from '../../components/workflow/labels';
import { useFormat, useNumberSeparators } from '../../i18n/format';
import { useT, type Translate } from '../../i18n/messages';
import { centsToEuros, eurosToCents } from '../../lib/money';
import { clockLabel, ruleText } from '../penalties/labels';

const kindLabel = (t: Translate, kind: string) => lookup(t, `adminMoney.rules.kinds.${kind}`, kind);
const eventLabel = (t: Translate, event: string | null) => (event ? lookup(t, `adminMoney.rules.events.${event}`, event) : '—');
/** per_mille_per_day rules are a ‰ of the net amount; the others an amount in euro. */
const usesPerMille = (kind: string) => kind === 'per_mille_per_day';

/** The server's field errors by field, or none. */
function fieldErrors(error: unknown): Record<string, string> {
  const found: Record<string, string> = {};
  if (isApiError(error)) for (const e of error.errors) if (e.field) found[fieldPath(e.field)] = e.message;
  return found;
}

/** Change a rule's amount (or ‰) and whether it is active: PATCH with the version read. */
function EditRuleForm({ rule, onClose }: { rule: PenaltyRuleDto; onClose: () => void }) {
  const t = useT();
  const separators = useNumberSeparators();
  const queryClient = useQueryClient();
  const perMille = usesPerMille(rule.kind);
  const [amount, setAmount] = useState<number | string>(perMille ? (rule.perMille ?? '') : centsToEuros(rule.amountCents));
  const [active, setActive] = useState(rule.active);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const mutation = useMutation({
    mutationFn: (body: { amountCents?: number; perMille?: number; active?: boolean }) => patchPenaltyRule(rule, body),
    onMutate: () => setErrors({}),
    onSuccess: () => {
      void refreshPenaltyRules(queryClient, rule.contractId);
      notify(t('adminMoney.rules.saved'));
      onClose();
    },
    onError: (error) => setErrors(fieldErrors(error)),
  });
  const submit = () => {
    const body: { amountCents?: number; perMille?: number; active?: boolean } = { active };
    if (perMille) {
      const n = typeof amount === 'number' ? amount : Number(amount);
      if (amount === '' || !Number.isFinite(n) || n <= 0) return setErrors({ perMille: t('adminMoney.rules.perMilleInvalid') });
      body.perMille = n;
    } else {
      const cents = eurosToCents(amount);
      if (cents === null || cents <= 0) return setErrors({ amountCents: t('penalties.amountInvalid') });
      body.amountCents = cents;
    }
    mutation.mutate(body);
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
        <Text size="sm">
          {kindLabel(t, rule.kind)} ·{' '}
          {rule.clock ? `${clockLabel(t, rule.clock)}, ${priorityLabel(t, rule.priority)}` : eventLabel(t, rule.event)}
        </Text>
        {perMille ? (
          <NumberInput
            label={t('adminMoney.rules.perMille')}
            required
            value={amount}
            onChange={setAmount}
            error={errors.perMille}
            decimalScale={3}
            decimalSeparator={separators.decimalSeparator}
            thousandSeparator={false}
            allowNegative={false}
            hideControls
            maw={260}
          />
        ) : (
          <EuroInput
            label={t('adminMoney.rules.amount')}
            required
            value={amount}
            onChange={setAmount}
            error={errors.amountCents}
            maw={260}
          />
        )}
        <Switch label={t('adminMoney.rules.active')} checked={active} onChange={(e) => setActive(e.currentTarget.checked)} />
        {isVersionConflict(mutation.error) ? (
          <VersionConflictAlert onReload={() => void refreshPenaltyRules(queryClient, rule.contractId).then(onClose)} />
        ) : mutation.error && Object.keys(errors).length === 0 ? (
          <ProblemAlert error={mutation.error} title={t('form.saveFailed')} />
        ) : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={mutation.isPending}>
            {t('form.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Add a rule: its kind decides which fields it needs (docs/API.md POST /api/contracts/{id}/penalty-rules). */
function NewRuleForm({ contractId, onClose }: { contractId: string; onClose: () => void }) {
  const t = useT();
  const separators = useNumberSeparators();
  const queryClient = useQueryClient();
  const [kind, setKind] = useState<RuleKind>('per_hour');
  const [clock, setClock] = useState<string | null>('take_charge');
  const [priority, setPriority] = useState<string | null>('urgent');
  const [event, setEvent] = useState<string | null>('late_documents');
  const [amount, setAmount] = useState<number | string>('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const mutation = useMutation({
    mutationFn: (body: PenaltyRuleInput) => createPenaltyRule(contractId, body),
    onMutate: () => setErrors({}),
    onSuccess: () => {
      void refreshPenaltyRules(queryClient, contractId);
      notify(t('adminMoney.rules.created'));
      onClose();
    },
    onError: (error) => setErrors(fieldErrors(error)),
  });
  const fixed = kind === 'fixed';
  const perMille = usesPerMille(kind);
  const submit = () => {
    const local: Record<string, string> = {};
    const body: PenaltyRuleInput = { kind };
    if (fixed) {
      if (!event) local.event = t('form.required');
      else body.event = event;
    } else {
      if (!clock) local.clock = t('form.required');
      else body.clock = clock;
      if (!priority) local.priority = t('form.required');
      else body.priority = priority;
    }
    if (perMille) {
      const n = typeof amount === 'number' ? amount : Number(amount);
      if (amount === '' || !Number.isFinite(n) || n <= 0) local.perMille = t('adminMoney.rules.perMilleInvalid');
      else body.perMille = n;
    } else {
      const cents = eurosToCents(amount);
      if (cents === null || cents <= 0) local.amountCents = t('penalties.amountInvalid');
      else body.amountCents = cents;
    }
    setErrors(local);
    if (Object.keys(local).length === 0) mutation.mutate(body);
  };
  const options = <T extends string>(values: readonly T[], label: (v: T) => string) => values.map((v) => ({ value: v, label: label(v) }));
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <Stack gap="md">
        <Select
          label={t('adminMoney.rules.kind')}
          required
          allowDeselect={false}
          data={options(RULE_KINDS, (k) => kindLabel(t, k))}
          value={kind}
          onChange={(v) => {
            if (v) setKind(v as RuleKind);
            setAmount('');
          }}
        />
        {fixed ? (
          <Select
            label={t('adminMoney.rules.event')}
            required
            data={options(RULE_EVENTS, (e) => eventLabel(t, e))}
            value={event}
            onChange={setEvent}
            error={errors.event}
          />
        ) : (
          <Group grow align="flex-start">
            <Select
              label={t('adminMoney.rules.clock')}
              required
              data={options(RULE_CLOCKS, (c) => clockLabel(t, c))}
              value={clock}
              onChange={setClock}
              error={errors.clock}
            />
            <Select
              label={t('priority.label')}
              required
              data={options(RULE_PRIORITIES, (p) => priorityLabel(t, p))}
              value={priority}
              onChange={setPriority}
              error={errors.priority}
            />
          </Group>
        )}
        {perMille ? (
          <NumberInput
            label={t('adminMoney.rules.perMille')}
            required
            value={amount}
            onChange={setAmount}
            error={errors.perMille}
            decimalScale={3}
            decimalSeparator={separators.decimalSeparator}
            thousandSeparator={false}
            allowNegative={false}
            hideControls
            maw={260}
          />
        ) : (
          <EuroInput
            label={t('adminMoney.rules.amount')}
            description={t(`adminMoney.rules.amountHint.${kind as 'per_hour'}`)}
            required
            value={amount}
            onChange={setAmount}
            error={errors.amountCents}
            maw={260}
          />
        )}
        {mutation.error && Object.keys(errors).length === 0 ? <ProblemAlert error={mutation.error} title={t('form.saveFailed')} /> : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={mutation.isPending}>
            {t('form.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Admin: a contract's penalty rules, with their amounts in euro (or ‰); add, change, (de)activate. */
export function PenaltyRulesPage() {
  const t = useT();
  const format = useFormat();
  const [params, setParams] = useSearchParams();
  const contractId = params.get('contract');
  const rules = usePenaltyRules(contractId);
  const [editing, setEditing] = useState<PenaltyRuleDto | null>(null);
  const [adding, setAdding] = useState(false);
  const items = rules.data?.items ?? [];
  return (
    <>
      <PageHeader
        title={t('adminMoney.rules.title')}
        description={t('adminMoney.rules.description')}
        actions={
          contractId ? (
            <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setAdding(true)}>
              {t('adminMoney.rules.add')}
            </Button>
          ) : null
        }
      />
      <Stack gap="md">
        <EntitySelect
          entity="contracts"
          label={t('adminMoney.contract')}
          value={contractId}
          onChange={(id) => setParams(id ? { contract: id } : {}, { replace: true })}
          maw={520}
        />
        {!contractId ? (
          <Text c="dimmed">{t('adminMoney.rules.pickContract')}</Text>
        ) : rules.error ? (
          <ProblemAlert error={rules.error} />
        ) : (
          <Paper withBorder>
            <ScrollArea type="auto">
              <Table striped miw={720} aria-label={t('adminMoney.rules.title')}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('adminMoney.rules.kind')}</Table.Th>
                    <Table.Th scope="col">{t('adminMoney.rules.clock')}</Table.Th>
                    <Table.Th scope="col">{t('priority.label')}</Table.Th>
                    <Table.Th scope="col">{t('adminMoney.rules.event')}</Table.Th>
                    <Table.Th scope="col">{t('adminMoney.rules.amountColumn')}</Table.Th>
                    <Table.Th scope="col">{t('adminMoney.rules.active')}</Table.Th>
                    <Table.Th scope="col">
                      <VisuallyHidden>{t('adminMoney.rules.edit')}</VisuallyHidden>
                    </Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {items.length === 0 && !rules.isLoading ? (
                    <Table.Tr>
                      <Table.Td colSpan={7}>
                        <Text c="dimmed">{t('adminMoney.rules.empty')}</Text>
                      </Table.Td>
                    </Table.Tr>
                  ) : null}
                  {items.map((r) => (
                    <Table.Tr key={r.id} data-testid="penalty-rule">
                      <Table.Td>{kindLabel(t, r.kind)}</Table.Td>
                      <Table.Td>{clockLabel(t, r.clock)}</Table.Td>
                      <Table.Td>{r.priority ? priorityLabel(t, r.priority) : '—'}</Table.Td>
                      <Table.Td>{eventLabel(t, r.event)}</Table.Td>
                      <Table.Td title={ruleText(t, format, r)} className="tabular-nums">
                        {usesPerMille(r.kind) ? `${format.number(r.perMille)}‰` : format.euro(r.amountCents)}
                      </Table.Td>
                      <Table.Td>
                        <ActiveBadge active={r.active} />
                      </Table.Td>
                      <Table.Td>
                        <Button
                          size="xs"
                          variant="light"
                          leftSection={<IconPencil size={14} aria-hidden />}
                          aria-label={t('adminMoney.rules.editOne', { rule: ruleText(t, format, r) })}
                          onClick={() => setEditing(r)}
                        >
                          {t('adminMoney.rules.edit')}
                        </Button>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </ScrollArea>
          </Paper>
        )}
      </Stack>
      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={t('adminMoney.rules.editTitle')}
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        {editing ? <EditRuleForm rule={editing} onClose={() => setEditing(null)} /> : null}
      </Modal>
      <Modal
        opened={adding}
        onClose={() => setAdding(false)}
        title={t('adminMoney.rules.addTitle')}
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        {adding && contractId ? <NewRuleForm contractId={contractId} onClose={() => setAdding(false)} /> : null}
      </Modal>
    </>
  );
}
