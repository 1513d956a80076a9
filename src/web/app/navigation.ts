import type { ComponentType } from 'react';
import {
  IconBuilding,
  IconBuildingCommunity,
  IconCategory,
  IconFileImport,
  IconFileText,
  IconHome,
  IconSitemap,
  IconTool,
  IconTruck,
  IconUsers,
} from '@tabler/icons-react';
import type { Me } from '../api/types';
import type { MessageKey } from '../i18n/messages';
import { canImport, canRead, type EntityKey } from './permissions';

export interface NavItem {
  to: string;
  label: MessageKey;
  icon: ComponentType<{ size?: number; 'aria-hidden'?: boolean }>;
}

export interface NavGroup {
  label: MessageKey | null;
  items: NavItem[];
}

/** The registry pages in menu order, with the entity that decides who sees them. */
export const REGISTRY_PAGES: Array<NavItem & { entity: EntityKey }> = [
  { entity: 'sites', to: '/registry/sites', label: 'entities.sites.title', icon: IconBuildingCommunity },
  { entity: 'buildings', to: '/registry/buildings', label: 'entities.buildings.title', icon: IconBuilding },
  { entity: 'departments', to: '/registry/departments', label: 'entities.departments.title', icon: IconSitemap },
  {
    entity: 'technologyClasses',
    to: '/registry/technology-classes',
    label: 'entities.technologyClasses.title',
    icon: IconCategory,
  },
  { entity: 'contractors', to: '/registry/contractors', label: 'entities.contractors.title', icon: IconTruck },
  { entity: 'contracts', to: '/registry/contracts', label: 'entities.contracts.title', icon: IconFileText },
  { entity: 'assets', to: '/registry/assets', label: 'entities.assets.title', icon: IconTool },
  { entity: 'users', to: '/registry/users', label: 'entities.users.title', icon: IconUsers },
];

export function navigationFor(me: Me): NavGroup[] {
  const groups: NavGroup[] = [{ label: null, items: [{ to: '/', label: 'nav.home', icon: IconHome }] }];
  const registry = REGISTRY_PAGES.filter((p) => canRead(me, p.entity));
  if (registry.length > 0) groups.push({ label: 'nav.registry', items: registry });
  if (canImport(me)) {
    groups.push({ label: 'nav.tools', items: [{ to: '/import', label: 'nav.import', icon: IconFileImport }] });
  }
  return groups;
}
