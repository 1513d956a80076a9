import { Button, Card, Center, Group, Loader, Stack, Title } from '@mantine/core';
import { IconEye, IconPencil, IconPlus } from '@tabler/icons-react';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ENTITY_API, useRegistryItem } from '../../../api/registry';
import type { Building } from '../../../api/types';
import { useMe } from '../../../api/me';
import { canSeeAllocations, canWrite, hasRole } from '../../../app/permissions';
import { ActiveBadge } from '../../../components/ActiveBadge';
import { entityLabel } from '../../../components/entityLabels';
import { PageHeader } from '../../../components/PageHeader';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { useT } from '../../../i18n/messages';
import { RegistryList } from '../RegistryList';
import { floorList } from '../floors/list';
import { spaceList } from '../spaces/list';
import { AllocationRuleSection } from '../../accounting/AllocationRuleSection';
import { BuildingSummary } from './BuildingSummary';

/** One building: its data, its floors and its spaces; for the money roles, its cost-allocation rule. */
export function BuildingDetailPage() {
  const t = useT();
  const { i18n } = useTranslation();
  const { id = '' } = useParams();
  const { data: me } = useMe();
  const building = useRegistryItem<Building>(ENTITY_API.buildings, id);
  const crumbs = [{ label: t('entities.buildings.title'), to: '/registry/buildings' }];

  if (building.isPending) {
    return (
      <Center py="xl">
        <Loader aria-label={t('common.loading')} />
      </Center>
    );
  }
  if (building.isError) {
    return (
      <>
        <PageHeader title={t('entities.buildings.singular')} crumbs={crumbs} />
        <ProblemAlert error={building.error} />
      </>
    );
  }

  const b = building.data;
  const editable = canWrite(me, 'buildings');
  const floorsWritable = canWrite(me, 'floors');
  const spacesWritable = canWrite(me, 'spaces');

  return (
    <Stack gap="xl">
      <PageHeader
        title={entityLabel('buildings', b, i18n.language)}
        crumbs={crumbs}
        badge={<ActiveBadge active={b.active} />}
        actions={
          <Button
            component={Link}
            to={`/registry/buildings/${b.id}/edit`}
            variant={editable ? 'filled' : 'default'}
            leftSection={editable ? <IconPencil size={16} aria-hidden /> : <IconEye size={16} aria-hidden />}
          >
            {editable ? t('entities.buildings.edit') : t('entities.buildings.allData')}
          </Button>
        }
      />
      <Card withBorder padding="lg">
        <BuildingSummary building={b} />
      </Card>

      <section aria-labelledby="floors-title">
        <Group justify="space-between" mb="sm">
          <Title order={2} size="h3" id="floors-title">
            {t('entities.floors.title')}
          </Title>
          {floorsWritable && (
            <Button
              component={Link}
              to={`/registry/buildings/${b.id}/floors/new`}
              variant="light"
              leftSection={<IconPlus size={16} aria-hidden />}
            >
              {t('entities.floors.new')}
            </Button>
          )}
        </Group>
        <RegistryList config={floorList(b.id)} paramPrefix="floors." canCreate={floorsWritable} />
      </section>

      <section aria-labelledby="spaces-title">
        <Group justify="space-between" mb="sm">
          <Title order={2} size="h3" id="spaces-title">
            {t('entities.spaces.title')}
          </Title>
          {spacesWritable && (
            <Button
              component={Link}
              to={`/registry/buildings/${b.id}/spaces/new`}
              variant="light"
              leftSection={<IconPlus size={16} aria-hidden />}
            >
              {t('entities.spaces.new')}
            </Button>
          )}
        </Group>
        <RegistryList config={spaceList(b.id)} paramPrefix="spaces." canCreate={spacesWritable} />
      </section>

      {canSeeAllocations(me) && <AllocationRuleSection owner="building" ownerId={b.id} canEdit={hasRole(me, 'admin')} />}
    </Stack>
  );
}
