import { useMutation, useQueryClient } from '@tanstack/react-query';
import { notify } from '../components/notify';
import { meKey, updateMe, useMe } from '../api/me';
import type { Language } from '../api/types';
import { applyLanguage } from '../i18n';
import { useT } from '../i18n/messages';
import { problemMessage } from '../components/problemMessage';

/** Switches the UI language; for a signed-in user it is saved in the profile too. */
export function useChangeLanguage() {
  const { data: me } = useMe();
  const queryClient = useQueryClient();
  const t = useT();
  const mutation = useMutation({
    mutationFn: (language: Language) => updateMe({ language }),
    onSuccess: (saved) => queryClient.setQueryData(meKey, saved),
    onError: (error) => notify(problemMessage(error, t), 'error', t('language.saveFailed')),
  });
  return {
    change: (language: Language) => {
      applyLanguage(language);
      if (me && me.language !== language) mutation.mutate(language);
    },
    pending: mutation.isPending,
  };
}
