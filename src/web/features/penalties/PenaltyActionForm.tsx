import { useState } from 'react';
import { Stack, Text, Textarea } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { penaltyKeys, postPenaltyAction, refreshPenalties, type PenaltyDetailDto } from '../../api/penalties';
import { fieldPath, isApiError, isVersionConflict } from '../../api/problem';
import { EuroInput } from '../../components/inputs/EuroInput';
import { ActionFooter } from '../../components/workflow/ActionDialog';
import { actionLabel, lookup } from '../../components/workflow/labels';
import { notify } from '../../components/notify';
import { useFormat } from '../../i18n/format';
import { useT } from '../../i18n/messages';
import { eurosToCents } from '../../lib/money';

/** The text field each action asks for (docs/API.md: contest note, counter_argue text, apply/reduce/waive/withdraw reason). */
const TEXT_FIELD: Record<string, { field: 'note' | 'text' | 'reason'; optional?: boolean }> = {
  contest: { field: 'note', optional: true },
  counter_argue: { field: 'text' },
  apply: { field: 'reason' },
  reduce: { field: 'reason' },
  waive: { field: 'reason' },
  withdraw: { field: 'reason' },
};

/** One action on a penalty: POST with the version read; reduce asks an amount in euro (sent as integer cents). */
export function PenaltyActionForm({ penalty, action, onClose }: { penalty: PenaltyDetailDto; action: string; onClose: () => void }) {
  const t = useT();
  const format = useFormat();
  const queryClient = useQueryClient();
  const text = TEXT_FIELD[action] ?? { field: 'reason' };
  const [value, setValue] = useState('');
  const [amount, setAmount] = useState<number | string>('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const mutation = useMutation({
    mutationFn: (fields: Record<string, unknown>) => postPenaltyAction(penalty.id, action, penalty.version, fields),
    onMutate: () => setErrors({}),
    onSuccess: (saved) => {
      queryClient.setQueryData(penaltyKeys.one(penalty.id), saved);
      void refreshPenalties(queryClient);
      notify(lookup(t, `actions.${action}.done`, t('actions.done', { action: actionLabel(t, action) })));
      onClose();
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
    const fields: Record<string, unknown> = {};
    if (action === 'reduce') {
      const cents = eurosToCents(amount);
      if (cents === null || cents <= 0) local.amountCents = t('penalties.amountInvalid');
      else fields.amountCents = cents;
    }
    if (value.trim()) fields[text.field] = value.trim();
    else if (!text.optional) local[text.field] = t('form.required');
    setErrors(local);
    if (Object.keys(local).length > 0) return;
    mutation.mutate(fields);
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
          {t('penalties.proposed')}: <strong>{format.euro(penalty.proposedCents)}</strong>
        </Text>
        {!text.optional && (
          <Text size="sm" c="dimmed">
            {t('form.requiredNote')}
          </Text>
        )}
        {action === 'reduce' && (
          <EuroInput
            label={t('penalties.fields.amount')}
            description={t('penalties.fields.amountHint', { max: format.euro(penalty.proposedCents) })}
            required
            value={amount}
            onChange={setAmount}
            error={errors.amountCents}
            maw={260}
          />
        )}
        <Textarea
          label={t(`penalties.fields.${text.field}`)}
          required={!text.optional}
          autosize
          minRows={3}
          maxLength={10_000}
          value={value}
          onChange={(e) => setValue(e.currentTarget.value)}
          error={errors[text.field]}
        />
        <ActionFooter
          action={action}
          pending={mutation.isPending}
          error={mutation.error}
          conflict={isVersionConflict(mutation.error)}
          onReload={() => void queryClient.invalidateQueries({ queryKey: penaltyKeys.one(penalty.id) }).then(onClose)}
          onCancel={onClose}
        />
      </Stack>
    </form>
  );
}
