import { useQuery } from '@tanstack/react-query';
import type { MultiSelectProps } from '@mantine/core';
import { api } from '../../../api/client';
import { isApiError } from '../../../api/problem';
import type { Page, User } from '../../../api/types';
import { EntityMultiSelect } from '../../../components/EntitySelect';
import { useT } from '../../../i18n/messages';

type Props = Omit<MultiSelectProps, 'data' | 'value' | 'onChange'> & { value?: string[]; onChange: (value: string[]) => void };

/**
 * Building managers: users with the role building_manager. Listing users may be refused to the
 * caller (admin only): then the field is not shown at all.
 */
export function ManagersSelect(props: Props) {
  const t = useT();
  const probe = useQuery({
    queryKey: ['/api/users', 'options', 'probe-building-managers'],
    queryFn: () => api.get<Page<User>>('/api/users', { role: 'building_manager', limit: 1 }),
    staleTime: 5 * 60_000,
  });
  if (probe.isPending) return null;
  if (probe.isError && isApiError(probe.error) && (probe.error.status === 403 || probe.error.status === 401)) return null;
  return (
    <EntityMultiSelect
      entity="users"
      params={{ role: 'building_manager' }}
      label={t('entities.buildings.fields.managerIds')}
      description={t('entities.buildings.managersHint')}
      {...props}
    />
  );
}
