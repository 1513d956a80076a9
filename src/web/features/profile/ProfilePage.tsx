import { Stack } from '@mantine/core';
import { useMe } from '../../api/me';
import { PageHeader } from '../../components/PageHeader';
import { useT } from '../../i18n/messages';
import { ProfileForm } from './ProfileForm';
import { TokensSection } from './TokensSection';
import { PasswordSection } from './PasswordSection';
import { SessionsSection } from './SessionsSection';

export function ProfilePage() {
  const t = useT();
  const { data: me } = useMe();
  if (!me) return null;
  return (
    <Stack gap="xl" maw={880}>
      <PageHeader title={t('profile.title')} description={t('profile.description', { username: me.username })} />
      <ProfileForm key={me.id} me={me} />
      <PasswordSection />
      <SessionsSection />
      <TokensSection />
    </Stack>
  );
}
