import { useState } from 'react';
import { notify } from '../../components/notify';
import { Button } from '@mantine/core';
import { IconCircleCheck, IconCircleOff } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { adoptSaved, ENTITY_API, patchItem } from '../../api/registry';
import { isVersionConflict } from '../../api/problem';
import type { RegistryItem } from '../../api/types';
import type { EntityKey } from '../../app/permissions';
import { ConfirmModal } from '../../components/ConfirmModal';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useT } from '../../i18n/messages';

interface DeactivateButtonProps<T extends RegistryItem> {
  entity: EntityKey;
  item: T;
  name: string;
  onSaved: (saved: T) => void;
  onConflict: (error: unknown) => void;
}

/** Deactivate or reactivate (there is no delete), after a confirmation. */
export function DeactivateButton<T extends RegistryItem>({ entity, item, name, onSaved, onConflict }: DeactivateButtonProps<T>) {
  const t = useT();
  const queryClient = useQueryClient();
  const [opened, setOpened] = useState(false);
  const deactivating = item.active;
  const mutation = useMutation({
    mutationFn: () => patchItem<T>(ENTITY_API[entity], item.id, { active: !item.active, version: item.version }),
    onSuccess: (saved) => {
      adoptSaved(queryClient, ENTITY_API[entity], saved);
      setOpened(false);
      onSaved(saved);
      notify(saved.active ? t('form.reactivated', { name }) : t('form.deactivated', { name }));
    },
    onError: (error) => {
      if (isVersionConflict(error)) {
        setOpened(false);
        onConflict(error);
      }
    },
  });
  return (
    <>
      <Button
        variant="outline"
        color={deactivating ? 'red' : 'green'}
        leftSection={deactivating ? <IconCircleOff size={16} aria-hidden /> : <IconCircleCheck size={16} aria-hidden />}
        onClick={() => {
          mutation.reset();
          setOpened(true);
        }}
      >
        {deactivating ? t('form.deactivate') : t('form.reactivate')}
      </Button>
      <ConfirmModal
        opened={opened}
        onClose={() => setOpened(false)}
        title={deactivating ? t('form.deactivateTitle', { name }) : t('form.reactivateTitle', { name })}
        message={deactivating ? t(`entities.${entity}.deactivateMessage`) : t('form.reactivateMessage')}
        confirmLabel={deactivating ? t('form.deactivate') : t('form.reactivate')}
        danger={deactivating}
        loading={mutation.isPending}
        error={mutation.isError && !isVersionConflict(mutation.error) ? <ProblemAlert error={mutation.error} /> : null}
        onConfirm={() => mutation.mutate()}
      />
    </>
  );
}
