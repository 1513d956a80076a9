import { Card, Stack, Text } from '@mantine/core';
import { useSearchParams } from 'react-router';
import { useMe } from '../../api/me';
import { hasRole } from '../../app/permissions';
import { EntitySelect } from '../../components/EntitySelect';
import { CalendarFeeds } from '../programs/CalendarFeeds';
import { PageHeader } from '../../components/PageHeader';
import { useFormat } from '../../i18n/format';
import { useT } from '../../i18n/messages';
import { romeToday } from '../programs/labels';
import { TodayList } from './TodayList';

/** The call center's "Oggi negli edifici": a building picker and today's planned work there. */
export function TodayPage() {
  const t = useT();
  const format = useFormat();
  const [params, setParams] = useSearchParams();
  const buildingId = params.get('buildingId');
  const { data: me } = useMe();
  return (
    <Stack gap="md">
      <PageHeader title={t('planned.today.title')} description={`${t('planned.today.description')} ${format.dayLong(romeToday())}`} />
      <Card withBorder padding="md">
        <Stack gap="md">
          <EntitySelect
            entity="buildings"
            label={t('planned.fields.building')}
            value={buildingId}
            onChange={(v) => setParams(v ? { buildingId: v } : {}, { replace: true })}
            w={360}
          />
          {buildingId ? (
            <TodayList buildingId={buildingId} />
          ) : (
            <Text size="sm" c="dimmed">
              {t('planned.today.pickBuilding')}
            </Text>
          )}
        </Stack>
      </Card>
      {buildingId && hasRole(me, 'call_center', 'building_manager', 'service_head', 'admin') && (
        <CalendarFeeds buildingId={buildingId} defaultName={t('planned.today.title')} />
      )}
    </Stack>
  );
}
