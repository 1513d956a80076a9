import { useMemo, useState } from 'react';
import {
  Alert,
  Button,
  Group,
  Modal,
  NumberInput,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { IconCalculator, IconPlus, IconTrash } from '@tabler/icons-react';
import {
  analysisPrice,
  DEFAULT_OVERHEADS_BP,
  OVERHEADS_BP_RANGE,
  PROFIT_BP,
  useEditFinalAccount,
  type FinalAccount,
  type FinalAccountLineInput,
  type LineCategory,
} from '../../api/final-accounts';
import { fieldPath, isApiError, isVersionConflict } from '../../api/problem';
import { DEFAULT_VAT_BP, LINE_CATEGORIES, quoteTotals } from '../../api/workflow';
import { EuroInput } from '../../components/inputs/EuroInput';
import { notify } from '../../components/notify';
import { ProblemAlert } from '../../components/ProblemAlert';
import { VersionConflictAlert } from '../../components/VersionConflictAlert';
import { useFormat, useNumberSeparators } from '../../i18n/format';
import { useT } from '../../i18n/messages';
import { eurosToCents } from '../../lib/money';
import { PriceListPicker, quantityMilli } from './QuoteForm';
import { QuoteTotals } from './QuoteView';

type Kind = 'list' | 'free' | 'analysis';

interface Line {
  key: number;
  kind: Kind;
  priceListItemId: string | null;
  code: string;
  description: string;
  unit: string;
  /** Free lines: the unit price in euro as typed; list lines carry the list price in cents. */
  price: number | string;
  listPriceCents: number | null;
  quantity: number | string;
  category: LineCategory;
  /** New price by analysis: costs of one unit in euro as typed, overheads in percent. */
  materials: number | string;
  labour: number | string;
  equipment: number | string;
  overheadsPercent: number | string;
}

const blank = (kind: Kind, key: number): Line => ({
  key,
  kind,
  priceListItemId: null,
  code: '',
  description: '',
  unit: '',
  price: '',
  listPriceCents: null,
  quantity: 1,
  category: 'works',
  materials: '',
  labour: '',
  equipment: '',
  overheadsPercent: DEFAULT_OVERHEADS_BP / 100,
});

const cents = (v: number | string) => (v === '' ? 0 : eurosToCents(v));

/** The analysis of a line in cents and basis points, or null while a figure is not valid. */
function analysisOf(l: Line) {
  const materialsCents = cents(l.materials);
  const labourCents = cents(l.labour);
  const equipmentCents = cents(l.equipment);
  const overheadsBp = Math.round(Number(l.overheadsPercent) * 100);
  if (materialsCents === null || labourCents === null || equipmentCents === null || !Number.isFinite(overheadsBp)) return null;
  return { materialsCents, labourCents, equipmentCents, overheadsBp };
}

function unitPriceOf(l: Line): number | null {
  if (l.kind === 'list') return l.listPriceCents;
  if (l.kind === 'free') return eurosToCents(l.price);
  const a = analysisOf(l);
  if (!a) return null;
  const r = analysisPrice(a);
  return r.ok ? r.price.unitPriceCents : null;
}

const euros = (c: number) => c / 100;

function fromAccount(account: FinalAccount): Line[] {
  return account.lines.map((l, i) => ({
    ...blank(l.analysis ? 'analysis' : l.priceListItemId ? 'list' : 'free', i + 1),
    priceListItemId: l.priceListItemId,
    code: l.code ?? '',
    description: l.description,
    unit: l.unit,
    price: l.analysis || l.priceListItemId ? '' : euros(l.unitPriceCents),
    listPriceCents: l.priceListItemId ? l.unitPriceCents : null,
    quantity: l.quantity,
    category: l.category,
    ...(l.analysis
      ? {
          materials: euros(l.analysis.materialsCents),
          labour: euros(l.analysis.labourCents),
          equipment: euros(l.analysis.equipmentCents),
          overheadsPercent: l.analysis.overheadsBp / 100,
        }
      : {}),
  }));
}

/**
 * The contractor's lines of a final account (#10 item 2): items of the lot's price list at the
 * list price, free lines at their own price, new prices by analysis (DPR 207/2010 art. 32: cost of
 * materials, labour and equipment, 13–17 % overheads, 10 % profit); hours and materials worked.
 * The totals are a preview with the domain's rules; the server recomputes the stored ones.
 */
export function FinalAccountEditor({ account, onClose }: { account: FinalAccount; onClose: () => void }) {
  const t = useT();
  const format = useFormat();
  const separators = useNumberSeparators();
  const mutation = useEditFinalAccount();
  const [lines, setLines] = useState<Line[]>(() => fromAccount(account));
  const [nextKey, setNextKey] = useState(account.lines.length + 1);
  const [hours, setHours] = useState<number | string>(account.hours ?? '');
  const [materials, setMaterials] = useState(account.materials ?? '');
  const [errors, setErrors] = useState<Record<string, string>>({});

  const add = (line: Line) => {
    setLines((ls) => [...ls, line]);
    setNextKey((k) => k + 1);
  };
  const update = (key: number, patch: Partial<Line>) => setLines((ls) => ls.map((l) => (l.key === key ? { ...l, ...patch } : l)));
  const discountPercent = account.discountBp / 100;

  const preview = useMemo(() => {
    const valid = lines
      .map((l) => ({ quantityMilli: quantityMilli(l.quantity), unitPriceCents: unitPriceOf(l), category: l.category }))
      .filter(
        (l): l is { quantityMilli: number; unitPriceCents: number; category: LineCategory } =>
          l.quantityMilli !== null && l.unitPriceCents !== null,
      );
    return quoteTotals(valid, account.discountBp);
  }, [lines, account.discountBp]);

  const serverErrors: Record<string, string> = {};
  if (isApiError(mutation.error))
    for (const e of mutation.error.problem.errors ?? []) serverErrors[fieldPath(e.field ?? '').replace(/^lines\./, '')] = e.message;
  const err = (k: string) => errors[k] ?? serverErrors[k];

  const submit = () => {
    const e: Record<string, string> = {};
    lines.forEach((l, i) => {
      if (quantityMilli(l.quantity) === null) e[`${i}.quantity`] = t('quote.invalidQuantity');
      if (l.kind === 'list') return;
      if (!l.description.trim()) e[`${i}.description`] = t('form.required');
      if (!l.unit.trim()) e[`${i}.unit`] = t('form.required');
      if (l.kind === 'free' && eurosToCents(l.price) === null) e[`${i}.unitPriceCents`] = t('form.invalidAmount');
      if (l.kind === 'analysis') {
        const a = analysisOf(l);
        if (!a || a.materialsCents + a.labourCents + a.equipmentCents === 0) e[`${i}.analysis`] = t('finalAccounts.editor.analysisEmpty');
        else if (a.overheadsBp < OVERHEADS_BP_RANGE.min || a.overheadsBp > OVERHEADS_BP_RANGE.max)
          e[`${i}.analysis.overheadsBp`] = t('finalAccounts.editor.overheadsRange');
      }
    });
    const h = hours === '' ? null : Number(hours);
    if (h !== null && (!Number.isFinite(h) || h < 0)) e.hours = t('finalAccounts.editor.invalidHours');
    setErrors(e);
    if (Object.keys(e).length > 0) return;
    const body: FinalAccountLineInput[] = lines.map((l) => {
      const quantity = Number(l.quantity);
      if (l.kind === 'list') return { priceListItemId: l.priceListItemId!, quantity, category: l.category };
      const own = { ...(l.code.trim() ? { code: l.code.trim() } : {}), description: l.description.trim(), unit: l.unit.trim() };
      if (l.kind === 'free') return { ...own, quantity, unitPriceCents: eurosToCents(l.price)!, category: l.category };
      return { ...own, quantity, category: l.category, analysis: analysisOf(l)! };
    });
    mutation.mutate(
      { account, edit: { lines: body, hours: h, materials: materials.trim() || null } },
      {
        onSuccess: () => {
          notify(t('finalAccounts.editor.saved', { number: account.workOrder.number }));
          onClose();
        },
      },
    );
  };

  const categoryOptions = LINE_CATEGORIES.map((c) => ({ value: c, label: t(`quote.categories.${c}`) }));
  const number = {
    decimalSeparator: separators.decimalSeparator,
    thousandSeparator: false as const,
    hideControls: true,
    allowNegative: false,
    inputMode: 'decimal' as const,
  };

  return (
    <Modal
      opened
      onClose={onClose}
      size="xl"
      title={t('finalAccounts.editor.title', { number: account.workOrder.number })}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <form
        noValidate
        onSubmit={(ev) => {
          ev.preventDefault();
          submit();
        }}
      >
        <Stack gap="md">
          <Text size="sm">{t('quote.discountNote', { percent: format.percent(discountPercent), lot: account.contract.lot })}</Text>
          <PriceListPicker
            contractId={account.contract.id}
            onPick={(item) =>
              add({
                ...blank('list', nextKey),
                priceListItemId: item.id,
                code: item.code,
                description: item.description,
                unit: item.unit,
                listPriceCents: item.priceCents,
              })
            }
          />
          <Group>
            <Button variant="light" leftSection={<IconPlus size={16} aria-hidden />} onClick={() => add(blank('free', nextKey))}>
              {t('quote.addFreeLine')}
            </Button>
            <Button variant="light" leftSection={<IconCalculator size={16} aria-hidden />} onClick={() => add(blank('analysis', nextKey))}>
              {t('finalAccounts.editor.addAnalysis')}
            </Button>
          </Group>

          {lines.map((l, i) => {
            const unit = unitPriceOf(l);
            const milli = quantityMilli(l.quantity);
            const amount = unit !== null && milli !== null ? Math.round((milli * unit) / 1000) : null;
            const a = l.kind === 'analysis' ? analysisOf(l) : null;
            const priced = a ? analysisPrice(a) : null;
            return (
              <Paper key={l.key} withBorder p="sm" component="fieldset" style={{ minWidth: 0 }} data-testid="final-account-line">
                <Title order={3} size="h6" component="legend" px={4}>
                  {t('quote.lineTitle', { n: i + 1 })} · {l.kind === 'list' ? l.code : t(`finalAccounts.editor.kind.${l.kind}`)}
                </Title>
                <Stack gap="xs">
                  {l.kind === 'list' ? (
                    <Text size="sm" lineClamp={4}>
                      {l.description}
                    </Text>
                  ) : (
                    <>
                      <SimpleGrid cols={{ base: 1, sm: 3 }}>
                        <TextInput
                          label={t('quote.code')}
                          value={l.code}
                          maxLength={40}
                          onChange={(e) => update(l.key, { code: e.currentTarget.value })}
                        />
                        <TextInput
                          label={t('quote.unit')}
                          required
                          value={l.unit}
                          maxLength={20}
                          onChange={(e) => update(l.key, { unit: e.currentTarget.value })}
                          error={err(`${i}.unit`)}
                        />
                        {l.kind === 'free' && (
                          <EuroInput
                            label={t('quote.unitPrice')}
                            required
                            value={l.price}
                            onChange={(v) => update(l.key, { price: v })}
                            error={err(`${i}.unitPriceCents`)}
                          />
                        )}
                      </SimpleGrid>
                      <Textarea
                        label={t('quote.description')}
                        required
                        autosize
                        minRows={2}
                        value={l.description}
                        onChange={(e) => update(l.key, { description: e.currentTarget.value })}
                        error={err(`${i}.description`)}
                      />
                    </>
                  )}
                  {l.kind === 'analysis' && (
                    <Stack gap={4}>
                      <Text size="sm" c="dimmed">
                        {t('finalAccounts.editor.analysisHint', { profit: format.percent(PROFIT_BP / 100) })}
                      </Text>
                      <SimpleGrid cols={{ base: 1, sm: 4 }}>
                        <EuroInput
                          label={t('finalAccounts.editor.materials')}
                          value={l.materials}
                          onChange={(v) => update(l.key, { materials: v })}
                        />
                        <EuroInput
                          label={t('finalAccounts.editor.labour')}
                          value={l.labour}
                          onChange={(v) => update(l.key, { labour: v })}
                        />
                        <EuroInput
                          label={t('finalAccounts.editor.equipment')}
                          value={l.equipment}
                          onChange={(v) => update(l.key, { equipment: v })}
                        />
                        <NumberInput
                          {...number}
                          label={t('finalAccounts.editor.overheads')}
                          description={t('finalAccounts.editor.overheadsHint')}
                          decimalScale={2}
                          min={13}
                          max={17}
                          suffix=" %"
                          value={l.overheadsPercent}
                          onChange={(v) => update(l.key, { overheadsPercent: v })}
                          error={err(`${i}.analysis.overheadsBp`)}
                        />
                      </SimpleGrid>
                      {err(`${i}.analysis`) && (
                        <Text size="sm" c="red" role="alert">
                          {err(`${i}.analysis`)}
                        </Text>
                      )}
                      {priced?.ok && (
                        <Text size="sm" className="tabular-nums" data-testid="analysis-price">
                          {t('finalAccounts.editor.analysisPrice', {
                            cost: format.euro(priced.price.costCents),
                            overheads: format.euro(priced.price.overheadsCents),
                            profit: format.euro(priced.price.profitCents),
                            price: format.euro(priced.price.unitPriceCents),
                          })}
                        </Text>
                      )}
                    </Stack>
                  )}
                  <SimpleGrid cols={{ base: 1, sm: 3 }}>
                    <NumberInput
                      {...number}
                      label={l.kind === 'list' ? t('quote.quantityIn', { unit: l.unit }) : t('quote.quantity')}
                      required
                      value={l.quantity}
                      onChange={(v) => update(l.key, { quantity: v })}
                      decimalScale={3}
                      min={0}
                      error={err(`${i}.quantity`)}
                    />
                    <Select
                      label={t('quote.category')}
                      data={categoryOptions}
                      value={l.category}
                      onChange={(v) => v && update(l.key, { category: v as LineCategory })}
                      allowDeselect={false}
                    />
                    <Stack gap={2}>
                      <Text size="sm" fw={500}>
                        {t('quote.amount')}
                      </Text>
                      <Text className="tabular-nums" py={6}>
                        {format.euro(amount)}
                        {unit !== null ? ` (${format.euro(unit)}/${l.unit || '—'})` : ''}
                      </Text>
                    </Stack>
                  </SimpleGrid>
                  <Group justify="flex-end">
                    <Button
                      variant="subtle"
                      color="red"
                      size="xs"
                      leftSection={<IconTrash size={14} aria-hidden />}
                      onClick={() => setLines((ls) => ls.filter((x) => x.key !== l.key))}
                    >
                      {t('quote.removeLine', { n: i + 1 })}
                    </Button>
                  </Group>
                </Stack>
              </Paper>
            );
          })}

          {lines.length === 0 && <Text size="sm">{t('finalAccounts.editor.noLines')}</Text>}

          <QuoteTotals
            totals={preview}
            discountPercent={discountPercent}
            vatPercent={DEFAULT_VAT_BP / 100}
            label={t('finalAccounts.editor.preview')}
          />
          {account.basis === 'flat_fee' && (
            <Alert variant="light" color="blue">
              {t('finalAccounts.flatFeeNote')}
            </Alert>
          )}

          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <NumberInput
              {...number}
              label={t('fields.hours')}
              decimalScale={2}
              min={0}
              value={hours}
              onChange={setHours}
              error={err('hours') ?? serverErrors.hours}
            />
            <Textarea
              label={t('fields.materials')}
              autosize
              minRows={2}
              maxLength={4000}
              value={materials}
              onChange={(e) => setMaterials(e.currentTarget.value)}
            />
          </SimpleGrid>

          {mutation.error &&
            (isVersionConflict(mutation.error) ? <VersionConflictAlert onReload={onClose} /> : <ProblemAlert error={mutation.error} />)}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={mutation.isPending}>
              {t('form.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
