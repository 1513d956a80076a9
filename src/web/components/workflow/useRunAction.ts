import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { fieldPath, isApiError, isVersionConflict } from '../../api/problem';
import { postAction, refreshWorkflow, workflowKeys, type ActionTarget } from '../../api/workflow';
import { useT } from '../../i18n/messages';
import { notify } from '../notify';
import { actionLabel, lookup } from './labels';

/**
 * Runs one action on a ticket or work order: POST with the version read, then the page, the lists
 * and the badges refresh. Field errors come back keyed by field; a stale version is reported apart.
 */
export function useRunAction<T extends { version: number }>(target: ActionTarget, action: string, onDone?: (saved: T) => void) {
  const t = useT();
  const queryClient = useQueryClient();
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const mutation = useMutation({
    mutationFn: ({ version, fields }: { version: number; fields: Record<string, unknown> }) =>
      postAction<T>(target, action, version, fields),
    onMutate: () => setFieldErrors({}),
    onSuccess: (saved) => {
      const key = target.kind === 'ticket' ? workflowKeys.ticket(target.id) : workflowKeys.workOrder(target.id);
      queryClient.setQueryData(key, saved);
      void refreshWorkflow(queryClient);
      notify(lookup(t, `actions.${action}.done`, t('actions.done', { action: actionLabel(t, action) })));
      onDone?.(saved);
    },
    onError: (error) => {
      if (!isApiError(error)) return;
      const errors: Record<string, string> = {};
      for (const e of error.errors) if (e.field) errors[fieldPath(e.field)] = e.message;
      setFieldErrors(errors);
    },
  });
  const conflict = isVersionConflict(mutation.error);
  return { mutation, fieldErrors, conflict };
}

/** Reloads the object after a version conflict. */
export function useReload(target: ActionTarget) {
  const queryClient = useQueryClient();
  return () => {
    const key = target.kind === 'ticket' ? workflowKeys.ticket(target.id) : workflowKeys.workOrder(target.id);
    return queryClient.invalidateQueries({ queryKey: key }).then(() => refreshWorkflow(queryClient));
  };
}
