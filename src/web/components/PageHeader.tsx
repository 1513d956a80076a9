import { useEffect, type ReactNode } from 'react';
import { Anchor, Breadcrumbs, Group, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { useT } from '../i18n/messages';

export interface Crumb {
  label: ReactNode;
  to: string;
}

interface PageHeaderProps {
  title: string;
  description?: ReactNode;
  crumbs?: Crumb[];
  actions?: ReactNode;
  badge?: ReactNode;
}

/** The page's h1, its document title, breadcrumbs and main actions. */
export function PageHeader({ title, description, crumbs, actions, badge }: PageHeaderProps) {
  const t = useT();
  useEffect(() => {
    document.title = `${title} · ${t('app.name')}`;
  }, [title, t]);
  return (
    <Stack gap="xs" mb="lg">
      {crumbs && crumbs.length > 0 && (
        <nav aria-label={t('shell.breadcrumbs')}>
          <Breadcrumbs separator="›">
            {crumbs.map((c) => (
              <Anchor key={c.to} component={Link} to={c.to} size="sm">
                {c.label}
              </Anchor>
            ))}
          </Breadcrumbs>
        </nav>
      )}
      <Group justify="space-between" align="flex-start" gap="sm">
        <Group gap="sm" align="center">
          <Title order={1} size="h2">
            {title}
          </Title>
          {badge}
        </Group>
        {actions && <Group gap="xs">{actions}</Group>}
      </Group>
      {description && (
        <Text c="dimmed" size="sm">
          {description}
        </Text>
      )}
    </Stack>
  );
}
