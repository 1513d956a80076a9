import { Badge, NavLink, Stack, Text } from '@mantine/core';
import { Link, useLocation } from 'react-router';
import type { Me } from '../api/types';
import { useWorklistCounts, type WorklistCount } from '../api/workflow';
import { useT } from '../i18n/messages';
import { navigationFor, type NavItem } from './navigation';

/** An entry is current when the path matches and, for a work list, the `view` too. */
function isActive(pathname: string, search: string, to: string): boolean {
  const [path, query] = to.split('?');
  const view = new URLSearchParams(search).get('view');
  if (query !== undefined) return pathname === path && view === new URLSearchParams(query).get('view');
  if (path === '/') return pathname === '/';
  if ((path === '/tickets' || path === '/work-orders') && pathname === path) return view === null;
  if (path === '/tickets' && pathname === '/tickets/new') return false;
  return pathname === path || pathname.startsWith(`${path}/`);
}

function countOf(counts: WorklistCount[] | undefined, item: NavItem): WorklistCount | undefined {
  if (!item.badge || !counts) return undefined;
  return counts.find((c) => c.resource === item.badge?.resource && c.view === item.badge?.view);
}

/** The role's navigation, with the size of each work list ("Da qualificare 4"). The current page is marked with aria-current, bold text and a bar. */
export function NavMenu({ me, onNavigate }: { me: Me; onNavigate: () => void }) {
  const t = useT();
  const { pathname, search } = useLocation();
  const counts = useWorklistCounts();
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
                const active = isActive(pathname, search, item.to);
                const Icon = item.icon;
                const count = countOf(counts.data?.items, item);
                return (
                  <li key={item.to}>
                    <NavLink
                      component={Link}
                      to={item.to}
                      label={t(item.label)}
                      leftSection={<Icon size={18} aria-hidden />}
                      rightSection={
                        count ? (
                          <Badge
                            size="sm"
                            variant={count.count > 0 ? 'filled' : 'outline'}
                            color={count.count > 0 ? 'primary' : 'gray'}
                            className="tabular-nums"
                          >
                            {count.capped ? `${count.count}+` : count.count}
                          </Badge>
                        ) : undefined
                      }
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
