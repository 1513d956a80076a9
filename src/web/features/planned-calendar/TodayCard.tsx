import { useId, useState } from 'react';
import { Anchor, Card, Group, Stack, Text, Title } from '@mantine/core';
import { IconArrowRight } from '@tabler/icons-react';
import { Link } from 'react-router';
import { EntitySelect } from '../../components/EntitySelect';
import { useT } from '../../i18n/messages';
import { TodayList } from './TodayList';

/** The call center's home card "Oggi negli edifici": pick a building, see who comes today. */
export function TodayCard() {
  const t = useT();
  const id = useId();
  const [buildingId, setBuildingId] = useState<string | null>(null);
  return (
    <Card withBorder padding="md" component="section" aria-labelledby={id}>
      <Group justify="space-between" mb="sm" gap="xs">
        <Title order={2} size="h4" id={id}>
          {t('planned.today.title')}
        </Title>
        <Anchor component={Link} to={buildingId ? `/planned-today?buildingId=${buildingId}` : '/planned-today'} size="sm">
          {t('home.seeAll')} <IconArrowRight size={14} aria-hidden style={{ verticalAlign: 'middle' }} />
        </Anchor>
      </Group>
      <Stack gap="sm">
        <EntitySelect entity="buildings" label={t('planned.fields.building')} value={buildingId} onChange={setBuildingId} />
        {buildingId ? (
          <TodayList buildingId={buildingId} />
        ) : (
          <Text size="sm" c="dimmed">
            {t('planned.today.pickBuilding')}
          </Text>
        )}
      </Stack>
    </Card>
  );
}
