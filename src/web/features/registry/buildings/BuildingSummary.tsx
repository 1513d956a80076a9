import type { ReactNode } from 'react';
import { List, SimpleGrid, Stack, Text } from '@mantine/core';
import type { Building } from '../../../api/types';
import { useMe } from '../../../api/me';
import { canRead } from '../../../app/permissions';
import { EntityLabel } from '../../../components/EntityLabel';
import { useFormat } from '../../../i18n/format';
import { useT } from '../../../i18n/messages';

function Item({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text component="dt" size="sm" c="dimmed" fw={600}>
        {label}
      </Text>
      <Text component="dd" m={0}>
        {children}
      </Text>
    </div>
  );
}

/** The building's own data as a description list. */
export function BuildingSummary({ building }: { building: Building }) {
  const t = useT();
  const format = useFormat();
  const { data: me } = useMe();
  return (
    <Stack gap="md">
      <SimpleGrid component="dl" cols={{ base: 1, sm: 2, md: 3 }} m={0}>
        <Item label={t('entities.buildings.fields.code')}>{building.code}</Item>
        <Item label={t('entities.buildings.fields.siteId')}>
          <EntityLabel entity="sites" id={building.siteId} />
        </Item>
        <Item label={t('entities.buildings.fields.address')}>{building.address}</Item>
        <Item label={t('entities.buildings.fields.competence')}>
          {building.competence === 'central' ? (
            t('entities.buildings.competence.central')
          ) : (
            <>
              {t('entities.buildings.competence.department')}: <EntityLabel entity="departments" id={building.competenceDepartmentId} />
            </>
          )}
        </Item>
        <Item label={t('entities.buildings.fields.occupancies')}>
          {building.occupancies.length === 0 ? (
            t('entities.buildings.noOccupancies')
          ) : (
            <List size="sm" spacing={2}>
              {building.occupancies.map((o) => (
                <List.Item key={o.departmentId}>
                  <EntityLabel entity="departments" id={o.departmentId} />: {format.percent(o.sharePercent)}
                </List.Item>
              ))}
            </List>
          )}
        </Item>
        <Item label={t('entities.buildings.fields.notifyOccupantsPlanned')}>
          {building.notifyOccupantsPlanned ? t('common.yes') : t('common.no')}
        </Item>
        <Item label={t('entities.buildings.fields.newTicketNotices')}>
          {t(`entities.buildings.newTicketNotices.${building.newTicketNotices}`)}
        </Item>
        <Item label={t('entities.buildings.fields.managerIds')}>
          {canRead(me, 'users') && building.managerIds.length > 0 ? (
            <List size="sm" spacing={2}>
              {building.managerIds.map((id) => (
                <List.Item key={id}>
                  <EntityLabel entity="users" id={id} />
                </List.Item>
              ))}
            </List>
          ) : (
            t('entities.buildings.managersCount', { count: building.managerIds.length })
          )}
        </Item>
      </SimpleGrid>
    </Stack>
  );
}
