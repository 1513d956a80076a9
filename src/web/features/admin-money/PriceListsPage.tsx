import { useState, type FormEvent } from 'react';
import {
  Alert,
  Button,
  FileInput,
  Group,
  Paper,
  ScrollArea,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconCircleCheck, IconFileUpload, IconUpload } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { importPriceList, useAdminPriceLists, usePriceListPage, type AdminPriceList } from '../../api/admin-money';
import { fieldPath, isApiError } from '../../api/problem';
import { EntitySelect } from '../../components/EntitySelect';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { SearchInput } from '../../components/SearchInput';
import { useFormat } from '../../i18n/format';
import { useT } from '../../i18n/messages';
import { ImportErrorsTable } from '../import/ImportErrorsTable';

const lotOf = (l: AdminPriceList, everyLot: string) => (l.contract ? `${l.contract.lot} (${l.contract.cig})` : everyLot);

/** The import of a regional price list (CSV or XLSX) into a chosen lot: all rows or none. */
function ImportForm({ onImported }: { onImported: (list: AdminPriceList) => void }) {
  const t = useT();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [year, setYear] = useState(String(new Date().getFullYear()));
  const [source, setSource] = useState('');
  const [contractId, setContractId] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const mutation = useMutation({
    mutationFn: importPriceList,
    onMutate: () => setErrors({}),
    onSuccess: (result) => {
      void queryClient.invalidateQueries({ queryKey: ['price-lists'] });
      onImported(result.priceList);
    },
    onError: (error) => {
      if (!isApiError(error) || error.code === 'IMPORT_INVALID') return;
      const found: Record<string, string> = {};
      for (const e of error.errors) if (e.field) found[fieldPath(e.field)] = e.message;
      setErrors(found);
    },
  });
  const invalid = isApiError(mutation.error) && mutation.error.code === 'IMPORT_INVALID' ? mutation.error : null;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const local: Record<string, string> = {};
    if (!file) local.file = t('import.fileRequired');
    if (!code.trim()) local.code = t('form.required');
    if (!name.trim()) local.name = t('form.required');
    if (!/^\d{4}$/.test(year.trim())) local.year = t('adminMoney.priceLists.yearInvalid');
    setErrors(local);
    if (Object.keys(local).length > 0 || !file) return;
    mutation.mutate({ file, code: code.trim(), name: name.trim(), year: year.trim(), source: source.trim(), contractId });
  };
  return (
    <Paper withBorder p="md">
      <form noValidate onSubmit={submit} aria-labelledby="price-list-import-title">
        <Stack gap="md">
          <Title order={2} size="h3" id="price-list-import-title">
            {t('adminMoney.priceLists.importTitle')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('adminMoney.priceLists.importHelp')}
          </Text>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <EntitySelect
              entity="contracts"
              label={t('adminMoney.priceLists.lot')}
              description={t('adminMoney.priceLists.lotHint')}
              value={contractId}
              onChange={setContractId}
              error={errors.contractId}
              clearable
            />
            <FileInput
              label={t('import.file')}
              required
              accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              leftSection={<IconFileUpload size={16} aria-hidden />}
              value={file}
              onChange={setFile}
              error={errors.file}
              clearable
              clearButtonProps={{ 'aria-label': t('common.clear') }}
            />
            <TextInput
              label={t('adminMoney.priceLists.code')}
              required
              maxLength={40}
              value={code}
              onChange={(e) => setCode(e.currentTarget.value)}
              error={errors.code}
            />
            <TextInput
              label={t('adminMoney.priceLists.name')}
              required
              maxLength={200}
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              error={errors.name}
            />
            <TextInput
              label={t('adminMoney.priceLists.year')}
              required
              inputMode="numeric"
              maxLength={4}
              value={year}
              onChange={(e) => setYear(e.currentTarget.value)}
              error={errors.year}
            />
            <TextInput
              label={t('adminMoney.priceLists.source')}
              maxLength={200}
              value={source}
              onChange={(e) => setSource(e.currentTarget.value)}
              error={errors.source}
            />
          </SimpleGrid>
          <Group>
            <Button type="submit" loading={mutation.isPending} leftSection={<IconUpload size={16} aria-hidden />}>
              {t('adminMoney.priceLists.import')}
            </Button>
          </Group>
          {mutation.isSuccess ? (
            <Alert
              color="green"
              variant="light"
              role="status"
              icon={<IconCircleCheck aria-hidden />}
              title={t('adminMoney.priceLists.imported', { code: mutation.data.priceList.code })}
            >
              {t('adminMoney.priceLists.importedCount', { count: mutation.data.items })}
            </Alert>
          ) : null}
          {invalid ? <ImportErrorsTable error={invalid} /> : null}
          {mutation.error && !invalid && Object.keys(errors).length === 0 ? (
            <ProblemAlert error={mutation.error} title={t('import.failedTitle')} />
          ) : null}
        </Stack>
      </form>
    </Paper>
  );
}

/** One list's items by code, searched by code or by words (stem and prefix), a page at a time. */
function ItemsTable({ list }: { list: AdminPriceList }) {
  const t = useT();
  const format = useFormat();
  const [q, setQ] = useState('');
  const [cursors, setCursors] = useState<Array<string | null>>([null]);
  const cursor = cursors[cursors.length - 1];
  const page = usePriceListPage(list.id, q, cursor);
  const items = page.data?.items ?? [];
  return (
    <Stack gap="sm">
      <Title order={2} size="h3" id="price-list-items-title">
        {t('adminMoney.priceLists.itemsTitle', { code: list.code })}
      </Title>
      <SearchInput
        label={t('adminMoney.priceLists.search')}
        description={t('adminMoney.priceLists.searchHint')}
        value={q}
        onChange={(v) => {
          setQ(v);
          setCursors([null]);
        }}
      />
      {page.error ? <ProblemAlert error={page.error} /> : null}
      <Paper withBorder>
        <ScrollArea type="auto">
          <Table striped miw={720} aria-labelledby="price-list-items-title">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('adminMoney.priceLists.itemCode')}</Table.Th>
                <Table.Th scope="col">{t('adminMoney.priceLists.description')}</Table.Th>
                <Table.Th scope="col">{t('adminMoney.priceLists.unit')}</Table.Th>
                <Table.Th scope="col" ta="right">
                  {t('adminMoney.priceLists.price')}
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.length === 0 && !page.isLoading ? (
                <Table.Tr>
                  <Table.Td colSpan={4}>
                    <Text c="dimmed">{t('adminMoney.priceLists.noItems')}</Text>
                  </Table.Td>
                </Table.Tr>
              ) : null}
              {items.map((i) => (
                <Table.Tr key={i.id} data-testid="price-list-item">
                  <Table.Td>
                    <code>{i.code}</code>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" lineClamp={3}>
                      {i.description}
                    </Text>
                  </Table.Td>
                  <Table.Td>{i.unit}</Table.Td>
                  <Table.Td ta="right" className="tabular-nums">
                    {i.priceCents === null ? `${format.number(i.surchargePercent)} %` : format.euro(i.priceCents)}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollArea>
      </Paper>
      <Group justify="space-between">
        <Button variant="default" disabled={cursors.length === 1} onClick={() => setCursors((c) => c.slice(0, -1))}>
          {t('adminMoney.priceLists.previous')}
        </Button>
        <Text size="sm" c="dimmed">
          {t('adminMoney.priceLists.pageOf', { page: cursors.length })}
        </Text>
        <Button
          variant="default"
          disabled={!page.data?.nextCursor}
          onClick={() => {
            const next = page.data?.nextCursor;
            if (next) setCursors((c) => [...c, next]);
          }}
        >
          {t('adminMoney.priceLists.next')}
        </Button>
      </Group>
    </Stack>
  );
}

/** Admin: the price lists of each lot (and of every lot), their items, and the import into a lot. */
export function PriceListsPage() {
  const t = useT();
  const format = useFormat();
  const lists = useAdminPriceLists();
  const [params, setParams] = useSearchParams();
  const all = lists.data?.items ?? [];
  const selectedId = params.get('list') ?? all[0]?.id ?? null;
  const selected = all.find((l) => l.id === selectedId) ?? null;
  const everyLot = t('adminMoney.priceLists.everyLot');
  const choose = (id: string) => setParams({ list: id }, { replace: true });
  return (
    <>
      <PageHeader title={t('adminMoney.priceLists.title')} description={t('adminMoney.priceLists.description')} />
      <Stack gap="lg">
        {lists.error ? <ProblemAlert error={lists.error} /> : null}
        <Paper withBorder>
          <ScrollArea type="auto">
            <Table striped miw={720} aria-label={t('adminMoney.priceLists.title')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('adminMoney.priceLists.code')}</Table.Th>
                  <Table.Th scope="col">{t('adminMoney.priceLists.name')}</Table.Th>
                  <Table.Th scope="col">{t('adminMoney.priceLists.lot')}</Table.Th>
                  <Table.Th scope="col" ta="right">
                    {t('adminMoney.priceLists.items')}
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {all.map((l) => (
                  <Table.Tr key={l.id} data-testid="price-list" aria-current={l.id === selectedId ? 'true' : undefined}>
                    <Table.Td>
                      <Button variant={l.id === selectedId ? 'light' : 'subtle'} size="compact-sm" onClick={() => choose(l.id)}>
                        {l.code}
                      </Button>
                    </Table.Td>
                    <Table.Td>
                      {l.name} ({l.year})
                    </Table.Td>
                    <Table.Td>{lotOf(l, everyLot)}</Table.Td>
                    <Table.Td ta="right" className="tabular-nums">
                      {format.number(l.itemCount)}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollArea>
        </Paper>
        <Select
          label={t('adminMoney.priceLists.show')}
          data={all.map((l) => ({ value: l.id, label: `${l.code} – ${lotOf(l, everyLot)}` }))}
          value={selectedId}
          onChange={(id) => id && choose(id)}
          allowDeselect={false}
          maw={520}
        />
        {selected ? <ItemsTable key={selected.id} list={selected} /> : null}
        <ImportForm onImported={(l) => choose(l.id)} />
      </Stack>
    </>
  );
}
