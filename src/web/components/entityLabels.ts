// How each kind of registry object is named in selects, labels and breadcrumbs.
import type {
  Asset,
  Building,
  Contract,
  Contractor,
  Department,
  Floor,
  RegistryItem,
  Site,
  Space,
  TechnologyClass,
  User,
} from '../api/types';
import type { EntityKey } from '../app/permissions';

const codeName = (i: { code: string; name: string }) => `${i.code} – ${i.name}`;

export function technologyClassName(item: TechnologyClass, language: string): string {
  return language === 'en' ? item.nameEn : item.nameIt;
}

export function entityLabel(entity: EntityKey, item: RegistryItem, language: string): string {
  switch (entity) {
    case 'sites':
      return codeName(item as Site);
    case 'departments':
      return codeName(item as Department);
    case 'buildings':
      return codeName(item as Building);
    case 'floors':
      return codeName(item as Floor);
    case 'spaces':
      return codeName(item as Space);
    case 'assets':
      return codeName(item as Asset);
    case 'technologyClasses': {
      const c = item as TechnologyClass;
      return `${c.code} – ${technologyClassName(c, language)}`;
    }
    case 'contractors': {
      const c = item as Contractor;
      return c.name;
    }
    case 'contracts': {
      const c = item as Contract;
      return `${c.lot} – ${c.title}`;
    }
    case 'users': {
      const u = item as User;
      return `${u.displayName} (${u.username})`;
    }
  }
}
