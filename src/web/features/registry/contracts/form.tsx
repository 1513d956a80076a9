import { Anchor, NumberInput, SimpleGrid, TextInput } from '@mantine/core';
import { Link } from 'react-router';
import type { Contract } from '../../../api/types';
import { EntityMultiSelect, EntitySelect } from '../../../components/EntitySelect';
import { DateField } from '../../../components/inputs/DateField';
import { EuroInput } from '../../../components/inputs/EuroInput';
import { PercentInput } from '../../../components/inputs/PercentInput';
import { useT } from '../../../i18n/messages';
import { centsToEuros, eurosToCents } from '../../../lib/money';
import type { FieldsProps, RegistryFormConfig } from '../formTypes';
import { requireFields } from '../formHelpers';

interface ContractValues {
  lot: string;
  cig: string;
  title: string;
  contractorId: string | null;
  startsOn: string | null;
  endsOn: string | null;
  /** Euros as the input holds them; cents only in the request. */
  netAmount: number | string;
  yearlyFee: number | string;
  discountPercent: number | string;
  /** The framework agreement's maximum for the lot, in euros; '' when not recorded. */
  lotCeiling: number | string;
  technologyClassIds: string[];
  buildingIds: string[];
  /** Days to attach the documents declared "to follow" at completion (#9 item 7a), 1..365. */
  documentsDueDays: number | string;
  /** The conformity check's day (the final statement needs it), null: not yet. */
  conformityCheckedOn: string | null;
  /** #10 item 2: a final account's variance over this share of the approved quote goes back to the service head. */
  varianceThresholdPercent: number | string;
  /** The server left the money out: not this caller's business (the call center). Never sent. */
  moneyHidden: boolean;
}

const CIG = /^[0-9A-Z]{10}$/;
/** The server's default (src/shared/schemas/registry.ts DOCUMENTS_DUE_DAYS_DEFAULT; not imported: the schemas stay out of the bundle). */
const DOCUMENTS_DUE_DAYS_DEFAULT = 30;
/** The server's default (VARIANCE_THRESHOLD_PERCENT_DEFAULT, same reason). */
const VARIANCE_THRESHOLD_PERCENT_DEFAULT = 20;

function ContractFields({ form, mode, params }: FieldsProps<ContractValues>) {
  const t = useT();
  return (
    <>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput label={t('entities.contracts.fields.lot')} required {...form.getInputProps('lot')} />
        <TextInput
          label={t('entities.contracts.fields.cig')}
          description={t('entities.contracts.cigHint')}
          required
          maxLength={10}
          autoCapitalize="characters"
          spellCheck={false}
          {...form.getInputProps('cig')}
        />
      </SimpleGrid>
      <TextInput label={t('entities.contracts.fields.title')} required {...form.getInputProps('title')} />
      <EntitySelect
        entity="contractors"
        label={t('entities.contracts.fields.contractorId')}
        required
        {...form.getInputProps('contractorId')}
      />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <DateField label={t('entities.contracts.fields.startsOn')} required {...form.getInputProps('startsOn')} />
        <DateField label={t('entities.contracts.fields.endsOn')} required {...form.getInputProps('endsOn')} />
      </SimpleGrid>
      {!form.values.moneyHidden && (
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <EuroInput label={t('entities.contracts.fields.netAmountCents')} required {...form.getInputProps('netAmount')} />
          <EuroInput label={t('entities.contracts.fields.yearlyFeeCents')} required {...form.getInputProps('yearlyFee')} />
          <PercentInput label={t('entities.contracts.fields.discountPercent')} required {...form.getInputProps('discountPercent')} />
          <EuroInput
            label={t('entities.contracts.fields.lotCeilingCents')}
            description={t('entities.contracts.lotCeilingHint')}
            {...form.getInputProps('lotCeiling')}
          />
        </SimpleGrid>
      )}
      <EntityMultiSelect
        entity="technologyClasses"
        label={t('entities.contracts.fields.technologyClassIds')}
        {...form.getInputProps('technologyClassIds')}
      />
      <EntityMultiSelect entity="buildings" label={t('entities.contracts.fields.buildingIds')} {...form.getInputProps('buildingIds')} />
      <NumberInput
        label={t('entities.contracts.fields.documentsDueDays')}
        description={t('entities.contracts.documentsDueDaysHint')}
        required
        allowDecimal={false}
        min={1}
        max={365}
        // Out of range is said, not silently changed to 365 on leaving the field.
        clampBehavior="none"
        maw={320}
        {...form.getInputProps('documentsDueDays')}
      />
      <DateField
        label={t('entities.contracts.fields.conformityCheckedOn')}
        description={t('entities.contracts.conformityHint')}
        maw={320}
        {...form.getInputProps('conformityCheckedOn')}
      />
      <PercentInput
        label={t('entities.contracts.fields.varianceThresholdPercent')}
        description={t('entities.contracts.varianceThresholdHint')}
        required
        maw={320}
        {...form.getInputProps('varianceThresholdPercent')}
      />
      {mode === 'edit' && params.id && (
        <Anchor component={Link} to={`/admin/contracts/${encodeURIComponent(params.id)}/sla`}>
          {t('adminSla.link')}
        </Anchor>
      )}
    </>
  );
}

export const contractForm: RegistryFormConfig<Contract, ContractValues> = {
  entity: 'contracts',
  listPath: () => '/registry/contracts',
  serverFields: { netAmountCents: 'netAmount', yearlyFeeCents: 'yearlyFee', lotCeilingCents: 'lotCeiling' },
  empty: () => ({
    lot: '',
    cig: '',
    title: '',
    contractorId: null,
    startsOn: null,
    endsOn: null,
    netAmount: '',
    yearlyFee: '',
    discountPercent: '',
    lotCeiling: '',
    technologyClassIds: [],
    buildingIds: [],
    documentsDueDays: DOCUMENTS_DUE_DAYS_DEFAULT,
    conformityCheckedOn: null,
    varianceThresholdPercent: VARIANCE_THRESHOLD_PERCENT_DEFAULT,
    moneyHidden: false,
  }),
  fromItem: (c) => ({
    lot: c.lot,
    cig: c.cig,
    title: c.title,
    contractorId: c.contractorId,
    startsOn: c.startsOn,
    endsOn: c.endsOn,
    netAmount: centsToEuros(c.netAmountCents),
    yearlyFee: centsToEuros(c.yearlyFeeCents),
    discountPercent: c.discountPercent ?? '',
    lotCeiling: centsToEuros(c.lotCeilingCents),
    technologyClassIds: [...c.technologyClassIds],
    buildingIds: [...c.buildingIds],
    documentsDueDays: c.documentsDueDays,
    conformityCheckedOn: c.conformityCheckedOn ?? null,
    varianceThresholdPercent: c.varianceThresholdPercent,
    moneyHidden: c.netAmountCents === null,
  }),
  toBody: (v) => ({
    lot: v.lot.trim(),
    cig: v.cig.trim().toUpperCase(),
    title: v.title.trim(),
    contractorId: v.contractorId,
    startsOn: v.startsOn,
    endsOn: v.endsOn,
    netAmountCents: eurosToCents(v.netAmount),
    yearlyFeeCents: eurosToCents(v.yearlyFee),
    discountPercent: v.discountPercent === '' ? null : Number(v.discountPercent),
    lotCeilingCents: v.lotCeiling === '' ? null : eurosToCents(v.lotCeiling),
    technologyClassIds: [...v.technologyClassIds].sort(),
    buildingIds: [...v.buildingIds].sort(),
    documentsDueDays: Number(v.documentsDueDays),
    conformityCheckedOn: v.conformityCheckedOn || null,
    varianceThresholdPercent: Number(v.varianceThresholdPercent),
  }),
  validate: (v, t) => {
    const errors = requireFields(v, ['lot', 'cig', 'title', 'contractorId', 'startsOn', 'endsOn'], t);
    if (v.cig.trim() && !CIG.test(v.cig.trim().toUpperCase())) errors.cig = t('entities.contracts.cigInvalid');
    if (v.startsOn && v.endsOn && v.endsOn < v.startsOn) errors.endsOn = t('entities.contracts.endsBeforeStart');
    for (const field of ['netAmount', 'yearlyFee'] as const) {
      if (v[field] === '') errors[field] = t('form.required');
      else if (eurosToCents(v[field]) === null) errors[field] = t('form.invalidAmount');
    }
    const ceiling = eurosToCents(v.lotCeiling);
    if (v.lotCeiling !== '' && ceiling === null) errors.lotCeiling = t('form.invalidAmount');
    else if (ceiling !== null && eurosToCents(v.netAmount) !== null && ceiling < eurosToCents(v.netAmount)!)
      errors.lotCeiling = t('entities.contracts.ceilingBelowAmount');
    const days = Number(v.documentsDueDays);
    if (v.documentsDueDays === '' || !Number.isInteger(days) || days < 1 || days > 365)
      errors.documentsDueDays = t('entities.contracts.documentsDueDaysRange');
    const threshold = Number(v.varianceThresholdPercent);
    if (v.varianceThresholdPercent === '') errors.varianceThresholdPercent = t('form.required');
    else if (!Number.isFinite(threshold) || threshold < 0 || threshold > 100) errors.varianceThresholdPercent = t('form.invalidPercent');
    if (v.discountPercent === '') errors.discountPercent = t('form.required');
    else {
      const d = Number(v.discountPercent);
      if (!Number.isFinite(d) || d < 0 || d > 100) errors.discountPercent = t('form.invalidPercent');
    }
    return errors;
  },
  Fields: ContractFields,
};
