import { useMemo, useState } from 'react';
import { Alert, Button, Group, NumberInput, Paper, Select, SimpleGrid, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { IconCalculator, IconPlus, IconTrash } from '@tabler/icons-react';
import {
  DEFAULT_VAT_BP,
  LINE_CATEGORIES,
  quoteTotals,
  usePriceListItems,
  usePriceLists,
  type LineCategory,
  type PriceListItem,
  type WorkOrderDto,
} from '../../api/workflow';
import { EuroInput } from '../../components/inputs/EuroInput';
import { ActionFooter } from '../../components/workflow/ActionDialog';
import { useReload, useRunAction } from '../../components/workflow/useRunAction';
import { useFormat, useNumberSeparators } from '../../i18n/format';
import { useT } from '../../i18n/messages';
import { eurosToCents } from '../../lib/money';
import { QuoteTotals } from './QuoteView';

interface Line {
  key: number;
  priceListItemId: string | null;
  code: string;
  description: string;
  unit: string;
  /** Euro for free lines (as typed); list lines carry the list price in cents. */
  price: number | string;
  listPriceCents: number | null;
  quantity: number | string;
  category: LineCategory;
}

const QUANTITY = /^\d+(\.\d{1,3})?$/;

/** A typed quantity in thousandths (three decimals at most, above zero), or null. */
export function quantityMilli(q: number | string): number | null {
  const text = typeof q === 'number' ? String(q) : q.trim();
  if (!QUANTITY.test(text)) return null;
  const [whole, fraction = ''] = text.split('.');
  const milli = Number(whole) * 1000 + Number(fraction.padEnd(3, '0'));
  return milli > 0 ? milli : null;
}

const priceCents = (l: Line): number | null => (l.priceListItemId ? l.listPriceCents : eurosToCents(l.price));

/** Search the price lists of the work order's lot (its own first) and add a line from one. */
export function PriceListPicker({ contractId, onPick }: { contractId: string; onPick: (item: PriceListItem) => void }) {
  const t = useT();
  const format = useFormat();
  const lists = usePriceLists(contractId);
  const [listId, setListId] = useState<string | null>(null);
  const [search, setSearch] = useState('');
  const active = listId ?? lists.data?.items.find((l) => l.active)?.id ?? null;
  const items = usePriceListItems(active, search.trim());
  const options = (items.data?.items ?? []).map((i) => ({
    value: i.id,
    label: `${i.code} – ${i.description.slice(0, 90)}${i.description.length > 90 ? '…' : ''} (${i.priceCents === null ? t('quote.surchargeRow') : `${format.euro(i.priceCents)}/${i.unit}`})`,
    disabled: i.priceCents === null,
  }));
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }}>
      <Select
        label={t('quote.priceList')}
        data={(lists.data?.items ?? []).map((l) => ({
          value: l.id,
          label: `${l.code} – ${l.contract ? `${l.contract.lot} – ` : ''}${l.name}`,
        }))}
        value={active}
        onChange={setListId}
        allowDeselect={false}
        nothingFoundMessage={t('quote.noPriceLists')}
      />
      <Select
        label={t('quote.searchItem')}
        description={t('quote.searchItemHint')}
        searchable
        data={options}
        value={null}
        searchValue={search}
        onSearchChange={setSearch}
        filter={({ options: all }) => all}
        onChange={(id) => {
          const item = items.data?.items.find((i) => i.id === id);
          if (item) {
            onPick(item);
            setSearch('');
          }
        }}
        nothingFoundMessage={items.isFetching ? t('common.loadingShort') : t('common.noOptions')}
        comboboxProps={{ withinPortal: true }}
      />
    </SimpleGrid>
  );
}

/**
 * "Submit quote": lines from the price list (list price) or free lines (own price), each a works,
 * safety or labour cost. The totals below are a preview computed in the browser with the
 * domain's own rules; the server computes the stored ones on submit.
 */
export function QuoteForm({ workOrder, onClose }: { workOrder: WorkOrderDto; onClose: () => void }) {
  const t = useT();
  const format = useFormat();
  const separators = useNumberSeparators();
  const target = { kind: 'workOrder' as const, id: workOrder.id };
  const { mutation, fieldErrors, conflict } = useRunAction(target, 'submit_quote', onClose);
  const reload = useReload(target);
  const [lines, setLines] = useState<Line[]>([]);
  const [nextKey, setNextKey] = useState(1);
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});

  const add = (line: Omit<Line, 'key'>) => {
    setLines((ls) => [...ls, { ...line, key: nextKey }]);
    setNextKey((k) => k + 1);
  };
  const update = (key: number, patch: Partial<Line>) => setLines((ls) => ls.map((l) => (l.key === key ? { ...l, ...patch } : l)));

  const discountPercent = workOrder.contract.discountPercent;
  const preview = useMemo(() => {
    const valid = lines
      .map((l) => ({ quantityMilli: quantityMilli(l.quantity), unitPriceCents: priceCents(l), category: l.category }))
      .filter(
        (l): l is { quantityMilli: number; unitPriceCents: number; category: LineCategory } =>
          l.quantityMilli !== null && l.unitPriceCents !== null,
      );
    return { totals: quoteTotals(valid, Math.round(discountPercent * 100)), complete: valid.length === lines.length };
  }, [lines, discountPercent]);

  const submit = () => {
    const e: Record<string, string> = {};
    if (lines.length === 0) e.lines = t('quote.noLines');
    lines.forEach((l, i) => {
      if (quantityMilli(l.quantity) === null) e[`${i}.quantity`] = t('quote.invalidQuantity');
      if (!l.priceListItemId) {
        if (!l.description.trim()) e[`${i}.description`] = t('form.required');
        if (!l.unit.trim()) e[`${i}.unit`] = t('form.required');
        if (priceCents(l) === null) e[`${i}.price`] = t('form.invalidAmount');
      }
    });
    setErrors(e);
    if (Object.keys(e).length > 0) return;
    const body = lines.map((l) =>
      l.priceListItemId
        ? { priceListItemId: l.priceListItemId, quantity: Number(l.quantity), category: l.category }
        : {
            ...(l.code.trim() ? { code: l.code.trim() } : {}),
            description: l.description.trim(),
            unit: l.unit.trim(),
            quantity: Number(l.quantity),
            unitPriceCents: priceCents(l),
            category: l.category,
          },
    );
    mutation.mutate({ version: workOrder.version, fields: { lines: body, ...(note.trim() ? { note: note.trim() } : {}) } });
  };

  const categoryOptions = LINE_CATEGORIES.map((c) => ({ value: c, label: t(`quote.categories.${c}`) }));

  return (
    <form
      noValidate
      onSubmit={(ev) => {
        ev.preventDefault();
        submit();
      }}
    >
      <Stack gap="md">
        <Text size="sm">{t('quote.discountNote', { percent: format.percent(discountPercent), lot: workOrder.contract.lot })}</Text>
        <PriceListPicker
          contractId={workOrder.contract.id}
          onPick={(item) =>
            add({
              priceListItemId: item.id,
              code: item.code,
              description: item.description,
              unit: item.unit,
              price: '',
              listPriceCents: item.priceCents,
              quantity: 1,
              category: 'works',
            })
          }
        />
        <Group>
          <Button
            variant="light"
            leftSection={<IconPlus size={16} aria-hidden />}
            onClick={() =>
              add({
                priceListItemId: null,
                code: '',
                description: '',
                unit: '',
                price: '',
                listPriceCents: null,
                quantity: 1,
                category: 'works',
              })
            }
          >
            {t('quote.addFreeLine')}
          </Button>
        </Group>

        {(errors.lines || fieldErrors.lines) && (
          <Alert color="red" variant="light" role="alert">
            {errors.lines ?? fieldErrors.lines}
          </Alert>
        )}

        {lines.map((l, i) => {
          const cents = priceCents(l);
          const milli = quantityMilli(l.quantity);
          const amount = cents !== null && milli !== null ? Math.round((milli * cents) / 1000) : null;
          return (
            <Paper key={l.key} withBorder p="sm" component="fieldset" style={{ minWidth: 0 }}>
              <Title order={3} size="h6" component="legend" px={4}>
                {t('quote.lineTitle', { n: i + 1 })}
                {l.priceListItemId ? ` · ${l.code}` : ` · ${t('quote.freeLine')}`}
              </Title>
              <Stack gap="xs">
                {l.priceListItemId ? (
                  <Text size="sm" lineClamp={4}>
                    {l.description}
                  </Text>
                ) : (
                  <>
                    <SimpleGrid cols={{ base: 1, sm: 3 }}>
                      <TextInput
                        label={t('quote.code')}
                        value={l.code}
                        onChange={(e) => update(l.key, { code: e.currentTarget.value })}
                        maxLength={40}
                      />
                      <TextInput
                        label={t('quote.unit')}
                        required
                        value={l.unit}
                        maxLength={20}
                        onChange={(e) => update(l.key, { unit: e.currentTarget.value })}
                        error={errors[`${i}.unit`]}
                      />
                      <EuroInput
                        label={t('quote.unitPrice')}
                        required
                        value={l.price}
                        onChange={(v) => update(l.key, { price: v })}
                        error={errors[`${i}.price`]}
                      />
                    </SimpleGrid>
                    <Textarea
                      label={t('quote.description')}
                      required
                      autosize
                      minRows={2}
                      value={l.description}
                      onChange={(e) => update(l.key, { description: e.currentTarget.value })}
                      error={errors[`${i}.description`]}
                    />
                  </>
                )}
                <SimpleGrid cols={{ base: 1, sm: 3 }}>
                  <NumberInput
                    label={l.priceListItemId ? t('quote.quantityIn', { unit: l.unit }) : t('quote.quantity')}
                    required
                    value={l.quantity}
                    onChange={(v) => update(l.key, { quantity: v })}
                    decimalScale={3}
                    min={0}
                    allowNegative={false}
                    hideControls
                    inputMode="decimal"
                    decimalSeparator={separators.decimalSeparator}
                    thousandSeparator={false}
                    error={errors[`${i}.quantity`]}
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
                      {l.priceListItemId && cents !== null ? ` (${format.euro(cents)}/${l.unit})` : ''}
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

        {lines.length > 0 && (
          <Stack gap={6}>
            <Group gap={6}>
              <IconCalculator size={18} aria-hidden />
              <Text fw={600}>{t('quote.previewTitle')}</Text>
            </Group>
            <Text size="sm" c="dimmed">
              {preview.complete ? t('quote.previewNote') : t('quote.previewIncomplete')}
            </Text>
            <QuoteTotals
              totals={preview.totals}
              discountPercent={discountPercent}
              vatPercent={DEFAULT_VAT_BP / 100}
              label={t('quote.previewTitle')}
            />
          </Stack>
        )}

        <Textarea
          label={t('fields.note')}
          autosize
          minRows={2}
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
          error={fieldErrors.note}
        />
        <ActionFooter
          action="submit_quote"
          pending={mutation.isPending}
          error={mutation.error}
          conflict={conflict}
          onReload={() => void reload().then(onClose)}
          onCancel={onClose}
        />
      </Stack>
    </form>
  );
}
