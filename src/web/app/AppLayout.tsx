import { Suspense, useEffect, useRef } from 'react';
import { Anchor, AppShell, Burger, Group, ScrollArea } from '@mantine/core';
import { useDisclosure, useMediaQuery } from '@mantine/hooks';
import { Link, Outlet, useLocation } from 'react-router';
import type { Me } from '../api/types';
import { useT } from '../i18n/messages';
import { LanguageMenu } from './LanguageMenu';
import { NavMenu } from './NavMenu';
import { UserMenu } from './UserMenu';
import { NotificationBell } from '../features/notifications/NotificationBell';
import { PageLoader } from '../components/FullPageLoader';

const NAV_ID = 'main-navigation';
export const MAIN_ID = 'main-content';

/** After a client-side navigation, move focus to the main region so screen readers start there. */
function useFocusMainOnNavigate() {
  const { pathname } = useLocation();
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    document.getElementById(MAIN_ID)?.focus({ preventScroll: false });
  }, [pathname]);
}

export function AppLayout({ me }: { me: Me }) {
  const t = useT();
  const [opened, { toggle, close }] = useDisclosure(false);
  // On a phone the closed navbar only slides out of view: hide it from keyboard and screen readers too.
  const phone = useMediaQuery('(max-width: 47.99em)');
  const navHidden = phone === true && !opened;
  useFocusMainOnNavigate();

  return (
    <>
      <a className="skip-link" href={`#${MAIN_ID}`}>
        {t('shell.skipToContent')}
      </a>
      <AppShell
        header={{ height: 60 }}
        navbar={{ width: 260, breakpoint: 'sm', collapsed: { mobile: !opened } }}
        padding={{ base: 'sm', sm: 'lg' }}
      >
        <AppShell.Header className="app-header" bg="primary.6" c="white" withBorder={false}>
          <Group h="100%" px="sm" justify="space-between" wrap="nowrap" gap="xs">
            <Group gap="xs" wrap="nowrap">
              <Burger
                opened={opened}
                onClick={toggle}
                hiddenFrom="sm"
                size="sm"
                color="white"
                aria-label={opened ? t('shell.closeNavigation') : t('shell.openNavigation')}
                aria-expanded={opened}
                aria-controls={NAV_ID}
              />
              <Anchor component={Link} to="/" c="white" fw={700} fz="xl" underline="never" aria-label={t('shell.homeLink')}>
                {t('app.name')}
              </Anchor>
            </Group>
            <Group gap={4} wrap="nowrap">
              <NotificationBell />
              <LanguageMenu />
              <UserMenu me={me} />
            </Group>
          </Group>
        </AppShell.Header>
        <AppShell.Navbar id={NAV_ID} aria-label={t('shell.navigation')} p="sm" style={navHidden ? { visibility: 'hidden' } : undefined}>
          <AppShell.Section grow component={ScrollArea}>
            <NavMenu me={me} onNavigate={close} />
          </AppShell.Section>
        </AppShell.Navbar>
        <AppShell.Main id={MAIN_ID} tabIndex={-1}>
          <Suspense fallback={<PageLoader />}>
            <Outlet />
          </Suspense>
        </AppShell.Main>
      </AppShell>
    </>
  );
}
