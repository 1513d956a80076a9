import { useState } from 'react';
import { Button, Group, Select, Stack, Text, Textarea } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { proposePenalty, refreshPenalties, useContractCaps } from '../../api/penalties';
import { fieldPath, isApiError } from '../../api/problem';
import { notify } from '../../components/notify';
import { EuroInput } from '../../components/inputs/EuroInput';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useT } from '../../i18n/messages';
import { eurosToCents } from '../../lib/money';

/** "Propose a penalty": contract, amount, reason and text evidence (docs/API.md POST /api/penalties); the cap may clip it. */
export function ManualPenaltyForm({ contractId, onClose }: { contractId?: string; onClose: () => void }) {
  const t = useT();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const caps = useContractCaps();
  const [contract, setContract] = useState<string | null>(contractId ?? null);
  const [amount, setAmount] = useState<number | string>('');
  const [reason, setReason] = useState('');
  const [evidence, setEvidence] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const mutation = useMutation({
    mutationFn: proposePenalty,
    onMutate: () => setErrors({}),
    onSuccess: (saved) => {
      void refreshPenalties(queryClient);
      notify(saved.clippedByCap ? t('penalties.propose.doneClipped') : t('penalties.propose.done'));
      onClose();
      void navigate(`/penalties/${saved.id}`);
    },
    onError: (error) => {
      if (!isApiError(error)) return;
      const found: Record<string, string> = {};
      for (const e of error.errors) if (e.field) found[fieldPath(e.field)] = e.message;
      setErrors(found);
    },
  });

  const submit = () => {
    const local: Record<string, string> = {};
    const cents = eurosToCents(amount);
    if (!contract) local.contractId = t('form.required');
    if (cents === null || cents <= 0) local.amountCents = t('penalties.amountInvalid');
    if (!reason.trim()) local.reason = t('form.required');
    setErrors(local);
    if (Object.keys(local).length > 0 || !contract || cents === null) return;
    mutation.mutate({
      contractId: contract,
      amountCents: cents,
      reason: reason.trim(),
      ...(evidence.trim() ? { evidence: evidence.trim() } : {}),
    });
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
        <Text size="sm" c="dimmed">
          {t('penalties.propose.help')}
        </Text>
        <Select
          label={t('penalties.contract')}
          required
          data={(caps.data?.items ?? []).map((k) => ({ value: k.contract.id, label: `${k.contract.lot} – ${k.contract.contractor}` }))}
          value={contract}
          onChange={setContract}
          error={errors.contractId}
        />
        <EuroInput
          label={t('penalties.propose.amount')}
          required
          value={amount}
          onChange={setAmount}
          error={errors.amountCents}
          maw={260}
        />
        <Textarea
          label={t('penalties.fields.reason')}
          required
          autosize
          minRows={3}
          maxLength={10_000}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          error={errors.reason}
        />
        <Textarea
          label={t('penalties.propose.evidence')}
          autosize
          minRows={2}
          maxLength={10_000}
          value={evidence}
          onChange={(e) => setEvidence(e.currentTarget.value)}
          error={errors.evidence}
        />
        {mutation.error && !Object.keys(errors).length ? <ProblemAlert error={mutation.error} title={t('actions.failed')} /> : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('penalties.propose.cancel')}
          </Button>
          <Button type="submit" loading={mutation.isPending}>
            {t('penalties.propose.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
