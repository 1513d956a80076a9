import { Center, Loader } from '@mantine/core';
import { useT } from '../i18n/messages';

export function FullPageLoader() {
  const t = useT();
  return (
    <Center mih="100vh" role="status" aria-live="polite">
      <Loader aria-label={t('common.loading')} />
    </Center>
  );
}

/** Inside the layout, while a page's code comes in: the header and menu stay. */
export function PageLoader() {
  const t = useT();
  return (
    <Center mih="50vh" role="status" aria-live="polite">
      <Loader aria-label={t('common.loading')} />
    </Center>
  );
}
