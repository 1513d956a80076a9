import { useState, type FormEvent } from 'react';
import { Button, FileInput, Group, Modal, SegmentedControl, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { IconFileUpload, IconReceipt } from '@tabler/icons-react';
import { useNavigate } from 'react-router';
import { useRegisterInvoice, useStatementsToInvoice, type StatementToInvoice, type VatCollectability } from '../../../api/invoices';
import { fieldPath, isApiError } from '../../../api/problem';
import { DateField } from '../../../components/inputs/DateField';
import { EuroInput } from '../../../components/inputs/EuroInput';
import { notify } from '../../../components/notify';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { useFormat } from '../../../i18n/format';
import { useT } from '../../../i18n/messages';

type Mode = 'file' | 'manual';
const MANUAL_FIELDS = ['number', 'issueDate', 'supplierVatNumber', 'cig', 'taxableCents', 'vatCents', 'totalCents', 'vatCollectability'];

/**
 * "Registra fattura" (#10 item 5): the contractor's invoice against an approved statement, from its
 * FatturaPA XML or entered by hand. With `statementId` (a statement's page) the statement is fixed;
 * without, the dialog offers the approved statements still waiting for an accepted invoice.
 */
export function RegisterInvoiceButton({ statementId }: { statementId?: string }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button leftSection={<IconReceipt size={16} aria-hidden />} onClick={() => setOpen(true)}>
        {t('invoices.register.button')}
      </Button>
      <Modal
        opened={open}
        onClose={() => setOpen(false)}
        title={t('invoices.register.title')}
        size="lg"
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        {open && <RegisterInvoiceForm statementId={statementId} onClose={() => setOpen(false)} />}
      </Modal>
    </>
  );
}

const euroToCents = (v: string | number) => (v === '' ? null : Math.round(Number(v) * 100));

function RegisterInvoiceForm({ statementId, onClose }: { statementId?: string; onClose: () => void }) {
  const t = useT();
  const format = useFormat();
  const navigate = useNavigate();
  const statements = useStatementsToInvoice(!statementId);
  const mutation = useRegisterInvoice();
  const [statement, setStatement] = useState<string | null>(statementId ?? null);
  const [mode, setMode] = useState<Mode>('file');
  const [file, setFile] = useState<File | null>(null);
  const [number, setNumber] = useState('');
  const [issueDate, setIssueDate] = useState<string | null>(null);
  const [supplierVatNumber, setSupplierVatNumber] = useState('');
  const [cig, setCig] = useState('');
  const [taxable, setTaxable] = useState<string | number>('');
  const [vat, setVat] = useState<string | number>('');
  const [total, setTotal] = useState<string | number>('');
  const [collectability, setCollectability] = useState<VatCollectability>('S');
  const [errors, setErrors] = useState<Record<string, string[]>>({});

  const label = (s: StatementToInvoice) =>
    `${s.contract.lot} – ${s.contractor.name} · ${t('invoices.statementLabel', { number: s.number, month: format.month(s.period) })} · ${format.euro(s.totalCents)}`;
  const serverErrors = (error: unknown) => {
    if (!isApiError(error)) return;
    const found: Record<string, string[]> = {};
    for (const e of error.errors) if (e.field) (found[fieldPath(e.field)] ??= []).push(e.message);
    setErrors(found);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const local: Record<string, string[]> = {};
    const required = (key: string, missing: boolean) => {
      if (missing) local[key] = [t('form.required')];
    };
    required('statementId', !statement);
    if (mode === 'file') required('file', !file);
    else {
      required('number', !number.trim());
      required('issueDate', !issueDate);
      required('supplierVatNumber', !supplierVatNumber.trim());
      required('taxableCents', taxable === '');
      required('vatCents', vat === '');
      required('totalCents', total === '');
    }
    setErrors(local);
    if (Object.keys(local).length > 0 || !statement) return;
    const done = {
      onSuccess: (invoice: { id: string; number: string }) => {
        notify(t('invoices.register.done', { number: invoice.number }));
        onClose();
        void navigate(`/accounting/invoices/${invoice.id}`);
      },
      onError: serverErrors,
    };
    if (mode === 'file') mutation.mutate({ statementId: statement, file: file! }, done);
    else
      mutation.mutate(
        {
          statementId: statement,
          manual: {
            number: number.trim(),
            issueDate: issueDate!,
            supplierVatNumber: supplierVatNumber.trim(),
            cig: cig.trim() || null,
            taxableCents: euroToCents(taxable)!,
            vatCents: euroToCents(vat)!,
            totalCents: euroToCents(total)!,
            vatCollectability: collectability,
          },
        },
        done,
      );
  };

  const err = (key: string) =>
    errors[key] ? (
      <Stack gap={0} component="span">
        {errors[key].map((m, i) => (
          <span key={i}>{m}</span>
        ))}
      </Stack>
    ) : undefined;
  const shown = new Set(mode === 'file' ? ['file'] : MANUAL_FIELDS);

  return (
    <form noValidate onSubmit={submit}>
      <Stack gap="md">
        {!statementId && (
          <Select
            label={t('invoices.statement')}
            description={t('invoices.register.statementHint')}
            required
            searchable
            nothingFoundMessage={t('invoices.register.noStatements')}
            placeholder={statements.isPending ? t('common.loadingShort') : undefined}
            data={(statements.data?.items ?? []).map((s) => ({ value: s.id, label: label(s) }))}
            value={statement}
            onChange={setStatement}
            error={err('statementId')}
          />
        )}
        {statements.isError && <ProblemAlert error={statements.error} />}
        <SegmentedControl
          aria-label={t('invoices.register.mode')}
          value={mode}
          onChange={(v) => {
            setMode(v as Mode);
            setErrors({});
            mutation.reset();
          }}
          data={[
            { value: 'file', label: t('invoices.register.fromFile') },
            { value: 'manual', label: t('invoices.register.byHand') },
          ]}
        />
        {mode === 'file' ? (
          <FileInput
            label={t('invoices.register.file')}
            description={t('invoices.register.fileHint')}
            required
            accept=".xml,application/xml,text/xml"
            leftSection={<IconFileUpload size={16} aria-hidden />}
            value={file}
            onChange={setFile}
            error={err('file')}
            clearable
            clearButtonProps={{ 'aria-label': t('common.clear') }}
          />
        ) : (
          <>
            <Text size="sm" c="dimmed">
              {t('invoices.register.byHandHint')}
            </Text>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput
                label={t('invoices.fields.number')}
                required
                maxLength={20}
                value={number}
                onChange={(e) => setNumber(e.currentTarget.value)}
                error={err('number')}
              />
              <DateField
                label={t('invoices.fields.issueDate')}
                required
                value={issueDate}
                onChange={setIssueDate}
                error={err('issueDate')}
              />
              <TextInput
                label={t('invoices.fields.supplierVatNumber')}
                required
                maxLength={30}
                value={supplierVatNumber}
                onChange={(e) => setSupplierVatNumber(e.currentTarget.value)}
                error={err('supplierVatNumber')}
              />
              <TextInput
                label={t('invoices.fields.cig')}
                maxLength={15}
                value={cig}
                onChange={(e) => setCig(e.currentTarget.value)}
                error={err('cig')}
              />
              <EuroInput
                label={t('invoices.fields.taxableCents')}
                required
                value={taxable}
                onChange={setTaxable}
                error={err('taxableCents')}
              />
              <EuroInput label={t('invoices.fields.vatCents')} required value={vat} onChange={setVat} error={err('vatCents')} />
              <EuroInput label={t('invoices.fields.totalCents')} required value={total} onChange={setTotal} error={err('totalCents')} />
              <Select
                label={t('invoices.fields.vatCollectability')}
                required
                allowDeselect={false}
                data={(['S', 'I', 'D'] as const).map((c) => ({ value: c, label: t(`invoices.collectability.${c}`) }))}
                value={collectability}
                onChange={(v) => v && setCollectability(v as VatCollectability)}
                error={err('vatCollectability')}
              />
            </SimpleGrid>
          </>
        )}
        {mutation.error && <ProblemAlert error={mutation.error} shownFields={shown} />}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={mutation.isPending}>
            {t('invoices.register.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
