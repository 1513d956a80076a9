import type { TechnologyClass } from '../../../api/types';
import { ActiveBadge } from '../../../components/ActiveBadge';
import type { RegistryListConfig } from '../types';

export const technologyClassList: RegistryListConfig<TechnologyClass> = {
  entity: 'technologyClasses',
  itemPath: (c) => `/registry/technology-classes/${c.id}`,
  newPath: '/registry/technology-classes/new',
  columns: ({ t, link }) => [
    { accessor: 'code', title: t('entities.technologyClasses.fields.code'), render: (c) => link(c, c.code) },
    { accessor: 'nameIt', title: t('entities.technologyClasses.fields.nameIt'), render: (c) => <span lang="it">{c.nameIt}</span> },
    { accessor: 'nameEn', title: t('entities.technologyClasses.fields.nameEn'), render: (c) => <span lang="en">{c.nameEn}</span> },
    {
      accessor: 'dm37Letter',
      title: t('entities.technologyClasses.fields.dm37Letter'),
      render: (c) => (c.dm37Letter ? t(`entities.technologyClasses.dm37.${c.dm37Letter}`) : t('entities.technologyClasses.dm37.none')),
    },
    { accessor: 'active', title: t('common.status'), render: (c) => <ActiveBadge active={c.active} /> },
  ],
};
