import type { ComponentType } from 'react';
import type { Params } from 'react-router';
import type { FormErrors, UseFormReturnType } from '@mantine/form';
import type { RegistryItem } from '../../api/types';
import type { EntityKey } from '../../app/permissions';
import type { Crumb } from '../../components/PageHeader';
import type { Translate } from '../../i18n/messages';

export interface FieldsProps<V> {
  form: UseFormReturnType<V>;
  mode: 'create' | 'edit';
  readOnly: boolean;
  /** Route params (e.g. the building of a floor). */
  params: Readonly<Params>;
}

export interface RegistryFormConfig<T extends RegistryItem, V> {
  entity: EntityKey;
  /** Form values of a new object. */
  empty: (params: Readonly<Params>) => V;
  /** Form values of a stored object. */
  fromItem: (item: T) => V;
  /** The request body for these values (without `version`). */
  toBody: (values: V, mode: 'create' | 'edit') => Record<string, unknown>;
  /** Checks made before sending; the server checks again and has the last word. */
  validate?: (values: V, t: Translate, mode: 'create' | 'edit') => FormErrors;
  /** Server field → form path where they differ (e.g. netAmountCents → netAmount). */
  serverFields?: Record<string, string>;
  Fields: ComponentType<FieldsProps<V>>;
  /** Where the list of these objects is, for breadcrumbs, "Cancel" and after saving. */
  listPath: (params: Readonly<Params>, item?: T) => string;
  /** Extra breadcrumbs between the list and this page (e.g. the building of a floor). */
  crumbs?: (params: Readonly<Params>, item: T | undefined, t: Translate) => Crumb[];
  /**
   * A part of the edit page with its own saving below the form (a class's required documents);
   * `onVersion` hands back the object's new version when that saving moved it.
   */
  Below?: ComponentType<{ item: T; readOnly: boolean; onVersion: (version: number) => void }>;
  /** Where to go after saving; the list by default. */
  afterSavePath?: (saved: T, params: Readonly<Params>) => string;
}
