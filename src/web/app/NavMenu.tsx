import { NavLink, Stack, Text } from '@mantine/core';
import { Link, useLocation } from 'react-router';
import type { Me } from '../api/types';
import { useT } from '../i18n/messages';
import { navigationFor } from './navigation';

function isActive(pathname: string, to: string): boolean {
  return to === '/' ? pathname === '/' : pathname === to || pathname.startsWith(`${to}/`);
}

/** The role's navigation. The current page is marked with aria-current, bold text and a bar. */
export function NavMenu({ me, onNavigate }: { me: Me; onNavigate: () => void }) {
  const t = useT();
  const { pathname } = useLocation();
  return (
    <Stack gap="md">
      {navigationFor(me).map((group, index) => {
        const headingId = `nav-group-${index}`;
        return (
          <div key={group.label ?? 'main'} role={group.label ? 'group' : undefined} aria-labelledby={group.label ? headingId : undefined}>
            {group.label && (
              <Text id={headingId} size="xs" fw={700} tt="uppercase" c="dimmed" px="sm" mb={4}>
                {t(group.label)}
              </Text>
            )}
            <ul style={{ listStyle: 'none', margin: 0, padding: 0 }}>
              {group.items.map((item) => {
                const active = isActive(pathname, item.to);
                const Icon = item.icon;
                return (
                  <li key={item.to}>
                    <NavLink
                      component={Link}
                      to={item.to}
                      label={t(item.label)}
                      leftSection={<Icon size={18} aria-hidden />}
                      active={active}
                      aria-current={active ? 'page' : undefined}
                      className="nav-link"
                      onClick={onNavigate}
                    />
                  </li>
                );
              })}
            </ul>
          </div>
        );
      })}
    </Stack>
  );
}
