import { useState } from 'react';
import { Button, Group, NumberInput, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { isApiError, isVersionConflict } from '../../api/problem';
import { detailKey, patchItem } from '../../api/registry';
import type { Contract } from '../../api/types';
import { ProblemAlert } from '../../components/ProblemAlert';
import { VersionConflictAlert } from '../../components/VersionConflictAlert';
import { notify } from '../../components/notify';
import { Section } from '../../components/workflow/Section';
import { useT } from '../../i18n/messages';

/**
 * The days a contractor has to attach the documents declared "to follow" at completion (#9 item
 * 7a): a contract setting beside its SLA, edited by admins with the contract's version (the same
 * PATCH as the registry form), 1..365; the late-documents penalty counts from the day after.
 */
export function DocumentsDaysSection({ contract, canEdit }: { contract: Contract; canEdit: boolean }) {
  const t = useT();
  const queryClient = useQueryClient();
  const [days, setDays] = useState<number | string | null>(null);
  const value = Number(days);
  const valid = days !== '' && Number.isInteger(value) && value >= 1 && value <= 365;

  const save = useMutation({
    mutationFn: () => patchItem<Contract>('/api/contracts', contract.id, { version: contract.version, documentsDueDays: value }),
    onSuccess: (saved) => {
      queryClient.setQueryData(detailKey('/api/contracts', contract.id), saved);
      notify(t('adminSla.documentsDays.saved'));
      setDays(null);
    },
  });
  const reload = async () => {
    await queryClient.invalidateQueries({ queryKey: detailKey('/api/contracts', contract.id) });
    setDays(null);
    save.reset();
  };
  const serverError = isApiError(save.error) && !isVersionConflict(save.error) ? save.error : null;

  return (
    <Section
      title={t('adminSla.documentsDays.title')}
      actions={
        canEdit && days === null ? (
          <Button variant="default" onClick={() => setDays(contract.documentsDueDays)}>
            {t('adminSla.documentsDays.edit')}
          </Button>
        ) : undefined
      }
    >
      {days === null ? (
        <Text size="sm" data-testid="documents-days">
          {t('adminSla.documentsDays.value', { count: contract.documentsDueDays })}
        </Text>
      ) : (
        <>
          <NumberInput
            label={t('entities.contracts.fields.documentsDueDays')}
            description={t('entities.contracts.documentsDueDaysHint')}
            required
            allowDecimal={false}
            min={1}
            max={365}
            clampBehavior="none"
            maw={420}
            value={days}
            onChange={setDays}
            error={valid ? undefined : t('entities.contracts.documentsDueDaysRange')}
          />
          {isVersionConflict(save.error) && <VersionConflictAlert onReload={() => void reload()} />}
          {serverError && <ProblemAlert error={serverError} />}
          <Group gap="sm">
            <Button onClick={() => save.mutate()} disabled={!valid} loading={save.isPending}>
              {t('form.save')}
            </Button>
            <Button variant="default" onClick={() => setDays(null)}>
              {t('common.cancel')}
            </Button>
          </Group>
        </>
      )}
    </Section>
  );
}
