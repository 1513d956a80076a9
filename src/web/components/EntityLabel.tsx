import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useMe } from '../api/me';
import { ENTITY_API, useRegistryItem } from '../api/registry';
import type { RegistryItem } from '../api/types';
import { canRead, type EntityKey } from '../app/permissions';
import { useT } from '../i18n/messages';
import { entityLabel } from './entityLabels';

/** The name of a referenced registry object, fetched (and cached) by id. */
export function EntityLabel({ entity, id, fallback }: { entity: EntityKey; id: string | null | undefined; fallback?: string }) {
  const t = useT();
  const { i18n } = useTranslation();
  const { data: me } = useMe();
  // Never ask for what the role may not read (a contractor and departments): the answer would be a 403.
  const readable = canRead(me, entity);
  const query = useRegistryItem<RegistryItem>(ENTITY_API[entity], readable ? id : null);
  if (!id) return <Text span>—</Text>;
  if (!readable) return <Unreadable fallback={fallback} />;
  if (query.isPending)
    return (
      <Text span c="dimmed">
        {t('common.loadingShort')}
      </Text>
    );
  // Not visible to this user (a row outside its scope): say what is known.
  if (query.isError || !query.data) return <Unreadable fallback={fallback} />;
  return (
    <Text span inherit>
      {entityLabel(entity, query.data, i18n.language)}
    </Text>
  );
}

function Unreadable({ fallback }: { fallback?: string }) {
  const t = useT();
  return fallback ? (
    <Text span inherit>
      {fallback}
    </Text>
  ) : (
    <Text span c="dimmed">
      {t('common.unavailable')}
    </Text>
  );
}
