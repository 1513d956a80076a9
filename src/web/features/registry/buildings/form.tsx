import { Checkbox, Radio, SimpleGrid, Stack, TextInput } from '@mantine/core';
import type { Building } from '../../../api/types';
import { EntitySelect } from '../../../components/EntitySelect';
import { EntityLabel } from '../../../components/EntityLabel';
import { useT } from '../../../i18n/messages';
import { sumPercent } from '../../../lib/money';
import type { FieldsProps, RegistryFormConfig } from '../formTypes';
import { requireFields } from '../formHelpers';
import { ManagersSelect } from './ManagersSelect';
import { OccupanciesEditor } from './OccupanciesEditor';
import type { BuildingValues, NewTicketNotices } from './values';

const NEW_TICKET_NOTICES: readonly NewTicketNotices[] = ['all', 'danger', 'none'];

function BuildingFields({ form, readOnly }: FieldsProps<BuildingValues>) {
  const t = useT();
  const competence = form.getInputProps('competence');
  return (
    <>
      <EntitySelect entity="sites" label={t('entities.buildings.fields.siteId')} required {...form.getInputProps('siteId')} />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput label={t('entities.buildings.fields.code')} required maxLength={32} {...form.getInputProps('code')} />
        <TextInput label={t('entities.buildings.fields.name')} required {...form.getInputProps('name')} />
      </SimpleGrid>
      <TextInput label={t('entities.buildings.fields.address')} required autoComplete="off" {...form.getInputProps('address')} />
      <Radio.Group
        label={t('entities.buildings.fields.competence')}
        description={t('entities.buildings.competenceHint')}
        required
        {...competence}
        onChange={(value) => {
          form.setFieldValue('competence', value === 'department' ? 'department' : 'central');
          if (value !== 'department') form.setFieldValue('competenceDepartmentId', null);
        }}
      >
        <Stack gap="xs" mt="xs">
          <Radio value="central" label={t('entities.buildings.competence.central')} />
          <Radio value="department" label={t('entities.buildings.competence.department')} />
        </Stack>
      </Radio.Group>
      {form.values.competence === 'department' && (
        <EntitySelect
          entity="departments"
          label={t('entities.buildings.fields.competenceDepartmentId')}
          required
          {...form.getInputProps('competenceDepartmentId')}
        />
      )}
      <ManagersSelect {...form.getInputProps('managerIds')} />
      <OccupanciesEditor form={form} readOnly={readOnly} />
      <Checkbox
        label={t('entities.buildings.fields.notifyOccupantsPlanned')}
        description={t('entities.buildings.notifyOccupantsPlannedHint')}
        {...form.getInputProps('notifyOccupantsPlanned', { type: 'checkbox' })}
      />
      <Radio.Group
        label={t('entities.buildings.fields.newTicketNotices')}
        description={t('entities.buildings.newTicketNoticesHint')}
        {...form.getInputProps('newTicketNotices')}
      >
        <Stack gap="xs" mt="xs">
          {NEW_TICKET_NOTICES.map((v) => (
            <Radio key={v} value={v} label={t(`entities.buildings.newTicketNotices.${v}`)} />
          ))}
        </Stack>
      </Radio.Group>
    </>
  );
}

export const buildingForm: RegistryFormConfig<Building, BuildingValues> = {
  entity: 'buildings',
  listPath: (_params, item) => (item ? `/registry/buildings/${item.id}` : '/registry/buildings'),
  afterSavePath: (saved) => `/registry/buildings/${saved.id}`,
  crumbs: (params, item, t) => [
    { label: t('entities.buildings.title'), to: '/registry/buildings' },
    ...(item && params.id ? [{ label: <EntityLabel entity="buildings" id={params.id} />, to: `/registry/buildings/${params.id}` }] : []),
  ],
  empty: () => ({
    siteId: null,
    code: '',
    name: '',
    address: '',
    competence: 'central',
    competenceDepartmentId: null,
    managerIds: [],
    occupancies: [],
    notifyOccupantsPlanned: false,
    newTicketNotices: 'all',
  }),
  fromItem: (b) => ({
    siteId: b.siteId,
    code: b.code,
    name: b.name,
    address: b.address,
    competence: b.competence,
    competenceDepartmentId: b.competenceDepartmentId,
    managerIds: [...b.managerIds],
    occupancies: b.occupancies.map((o) => ({ departmentId: o.departmentId, sharePercent: o.sharePercent })),
    notifyOccupantsPlanned: b.notifyOccupantsPlanned,
    newTicketNotices: b.newTicketNotices,
  }),
  toBody: (v) => ({
    siteId: v.siteId,
    code: v.code.trim(),
    name: v.name.trim(),
    address: v.address.trim(),
    competence: v.competence,
    competenceDepartmentId: v.competence === 'department' ? v.competenceDepartmentId : null,
    managerIds: [...v.managerIds].sort(),
    occupancies: v.occupancies.map((o) => ({ departmentId: o.departmentId, sharePercent: Number(o.sharePercent) })),
    notifyOccupantsPlanned: v.notifyOccupantsPlanned,
    newTicketNotices: v.newTicketNotices,
  }),
  validate: (v, t) => {
    const errors = requireFields(v, ['siteId', 'code', 'name', 'address'], t);
    if (v.competence === 'department' && !v.competenceDepartmentId) errors.competenceDepartmentId = t('form.required');
    const seen = new Set<string>();
    v.occupancies.forEach((o, i) => {
      if (!o.departmentId) errors[`occupancies.${i}.departmentId`] = t('form.required');
      else if (seen.has(o.departmentId)) errors[`occupancies.${i}.departmentId`] = t('entities.buildings.occupancyDuplicate');
      else seen.add(o.departmentId);
      const share = Number(o.sharePercent);
      if (o.sharePercent === '' || !(share > 0) || share > 100) errors[`occupancies.${i}.sharePercent`] = t('form.invalidPercent');
    });
    if (v.occupancies.length > 0 && sumPercent(v.occupancies.map((o) => o.sharePercent)) !== 100) {
      errors.occupancies = t('entities.buildings.occupancyTotalMust');
    }
    return errors;
  },
  Fields: BuildingFields,
};
