import type { ReactNode } from 'react';
import type { DataTableColumn } from 'mantine-datatable';
import type { QueryParams } from '../../api/client';
import type { RegistryItem } from '../../api/types';
import type { EntityKey } from '../../app/permissions';
import type { Formatters } from '../../i18n/format';
import type { MessageKey, Translate } from '../../i18n/messages';

export type ListFilterDef =
  | { kind: 'entity'; param: string; label: MessageKey; entity: EntityKey; params?: QueryParams }
  | { kind: 'options'; param: string; label: MessageKey; options: Array<{ value: string; label: MessageKey }> };

export interface ColumnContext<T> {
  t: Translate;
  format: Formatters;
  language: string;
  /** The cell that opens the object: a real link, so the table works from the keyboard. */
  link: (item: T, text: ReactNode) => ReactNode;
}

export interface RegistryListConfig<T extends RegistryItem> {
  entity: EntityKey;
  columns: (ctx: ColumnContext<T>) => DataTableColumn<T>[];
  filters?: ListFilterDef[];
  /** Where a row leads. */
  itemPath: (item: T) => string;
  /** Where "New …" leads; none when creating is not offered here. */
  newPath?: string;
  /** Filters fixed by the page (e.g. the building of its floors), not shown, not in the URL. */
  fixedParams?: QueryParams;
}
