import { useMemo, useState, type FormEvent } from 'react';
import { Anchor, Button, Card, EmptyState, Group, NumberInput, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconDatabaseOff, IconPlus } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { useMe } from '../../api/me';
import { addReading, createMeter, METERS_API, type Meter, type Reading } from '../../api/plans';
import { useRegistryItem, useRegistryList } from '../../api/registry';
import { hasRole } from '../../app/permissions';
import { EntitySelect } from '../../components/EntitySelect';
import { EntityTable } from '../../components/EntityTable';
import { InstantField } from '../../components/inputs/InstantField';
import { notify } from '../../components/notify';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useFormat } from '../../i18n/format';
import { useT } from '../../i18n/messages';
import { useListParams } from '../registry/useListParams';
import { canWritePlans } from './access';

/** The meters of the assets (running hours, cycles…), filtered by asset in the URL; new meter for plan writers. */
export function MetersPage() {
  const t = useT();
  const format = useFormat();
  const { data: me } = useMe();
  const params = useListParams();
  const assetId = params.get('assetId');
  const list = useRegistryList<Meter>(METERS_API, { assetId: assetId ?? undefined });
  const records = useMemo(() => list.data?.pages.flatMap((p) => p.items) ?? [], [list.data]);
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [unit, setUnit] = useState('h');
  const create = useMutation({
    mutationFn: () => createMeter({ assetId: assetId!, name, unit }),
    onSuccess: (m) => {
      notify(t('form.created', { name: m.name }));
      setName('');
      void queryClient.invalidateQueries({ queryKey: [METERS_API, 'list'] });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate();
  };

  return (
    <>
      <PageHeader title={t('meters.title')} description={t('meters.description')} crumbs={[{ label: t('plans.title'), to: '/plans' }]} />
      <Group component="search" align="flex-end" gap="md" mb="md" aria-label={t('list.filtersOf', { what: t('meters.title') })}>
        <EntitySelect
          entity="assets"
          label={t('meters.fields.assetId')}
          placeholder={t('list.any')}
          value={assetId}
          onChange={(v) => params.set('assetId', v)}
          miw={320}
        />
      </Group>
      {list.isError ? (
        <ProblemAlert error={list.error} />
      ) : (
        <EntityTable<Meter>
          label={t('meters.title')}
          records={records}
          fetching={list.isFetching}
          hasMore={list.hasNextPage}
          loadingMore={list.isFetchingNextPage}
          onLoadMore={() => void list.fetchNextPage()}
          empty={
            <Card withBorder padding="xl">
              <EmptyState
                icon={<IconDatabaseOff size={28} aria-hidden />}
                title={t('meters.emptyTitle')}
                description={t('meters.emptyDescription')}
              />
            </Card>
          }
          columns={[
            {
              accessor: 'name',
              title: t('meters.fields.name'),
              render: (m) => (
                <Anchor component={Link} to={`/meters/${m.id}`} fw={600}>
                  {m.name}
                </Anchor>
              ),
            },
            { accessor: 'assetCode', title: t('meters.fields.assetId'), render: (m) => `${m.assetCode} · ${m.assetName}` },
            {
              accessor: 'lastValue',
              title: t('meters.fields.lastValue'),
              noWrap: true,
              render: (m) => (m.lastValue == null ? '—' : `${format.number(m.lastValue)} ${m.unit}`),
            },
            { accessor: 'lastReadAt', title: t('meters.fields.lastReadAt'), noWrap: true, render: (m) => format.dateTime(m.lastReadAt) },
          ]}
        />
      )}
      {canWritePlans(me) && (
        <Paper withBorder p="md" mt="lg" maw={720}>
          <form noValidate onSubmit={submit} aria-labelledby="new-meter-title">
            <Stack gap="sm">
              <Title order={2} size="h4" id="new-meter-title">
                {t('meters.new')}
              </Title>
              {!assetId && (
                <Text size="sm" c="dimmed">
                  {t('meters.pickAsset')}
                </Text>
              )}
              {create.isError && <ProblemAlert error={create.error} />}
              <Group grow align="flex-end">
                <TextInput
                  label={t('meters.fields.name')}
                  required
                  placeholder={t('meters.namePlaceholder')}
                  value={name}
                  onChange={(e) => setName(e.currentTarget.value)}
                />
                <TextInput
                  label={t('meters.fields.unit')}
                  required
                  value={unit}
                  onChange={(e) => setUnit(e.currentTarget.value)}
                  maw={140}
                />
                <Button
                  type="submit"
                  disabled={!assetId || !name.trim() || !unit.trim()}
                  loading={create.isPending}
                  leftSection={<IconPlus size={16} aria-hidden />}
                >
                  {t('meters.add')}
                </Button>
              </Group>
            </Stack>
          </form>
        </Paper>
      )}
    </>
  );
}

/** One meter: its readings, newest first, and "add reading". */
export function MeterPage() {
  const t = useT();
  const format = useFormat();
  const { id } = useParams();
  const { data: me } = useMe();
  const meter = useRegistryItem<Meter>(METERS_API, id);
  const readings = useRegistryList<Reading & { active: boolean; version: number; createdAt: string; updatedAt: string }>(
    `${METERS_API}/${id}/readings`,
    {},
  );
  const records = useMemo(() => readings.data?.pages.flatMap((p) => p.items) ?? [], [readings.data]);
  const queryClient = useQueryClient();
  const [value, setValue] = useState<number | string>('');
  const [readAt, setReadAt] = useState<string | null>(null);
  const add = useMutation({
    mutationFn: () => addReading(id!, { value: Number(value), readAt: readAt! }),
    onSuccess: (r) => {
      notify(r.opened.length ? t('meters.readingOpened', { count: r.opened.length }) : t('meters.readingSaved'));
      setValue('');
      void queryClient.invalidateQueries({ queryKey: [`${METERS_API}/${id}/readings`] });
      void queryClient.invalidateQueries({ queryKey: [METERS_API] });
    },
  });
  const mayRead = hasRole(me, 'admin', 'service_head', 'building_manager', 'contractor');
  if (meter.isError)
    return (
      <>
        <PageHeader title={t('meters.singular')} crumbs={[{ label: t('meters.title'), to: '/meters' }]} />
        <ProblemAlert error={meter.error} />
      </>
    );
  const m = meter.data;
  const title = m ? `${m.name} · ${m.assetCode}` : t('meters.singular');
  return (
    <>
      <PageHeader
        title={title}
        description={m ? `${m.assetName} — ${t('meters.fields.unit')}: ${m.unit}` : undefined}
        crumbs={[{ label: t('meters.title'), to: '/meters' }]}
      />
      {mayRead && (
        <Paper withBorder p="md" mb="lg" maw={720}>
          <form
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              add.mutate();
            }}
            aria-labelledby="add-reading-title"
          >
            <Stack gap="sm">
              <Title order={2} size="h4" id="add-reading-title">
                {t('meters.addReading')}
              </Title>
              {add.isError && <ProblemAlert error={add.error} />}
              <NumberInput
                label={m ? `${t('meters.fields.value')} (${m.unit})` : t('meters.fields.value')}
                required
                min={0}
                decimalScale={3}
                value={value}
                onChange={setValue}
                maw={260}
              />
              <InstantField label={t('meters.fields.readAt')} required value={readAt} onChange={setReadAt} />
              <Group>
                <Button type="submit" disabled={value === '' || !readAt} loading={add.isPending}>
                  {t('meters.saveReading')}
                </Button>
              </Group>
            </Stack>
          </form>
        </Paper>
      )}
      <Title order={2} size="h4" mb="sm">
        {t('meters.readings')}
      </Title>
      <EntityTable
        label={t('meters.readings')}
        records={records}
        fetching={readings.isFetching}
        hasMore={readings.hasNextPage}
        loadingMore={readings.isFetchingNextPage}
        onLoadMore={() => void readings.fetchNextPage()}
        empty={
          <Text size="sm" c="dimmed">
            {t('meters.noReadings')}
          </Text>
        }
        columns={[
          { accessor: 'readAt', title: t('meters.fields.readAt'), render: (r) => format.dateTime(r.readAt) },
          { accessor: 'value', title: t('meters.fields.value'), render: (r) => `${format.number(r.value)} ${m?.unit ?? ''}` },
          { accessor: 'source', title: t('meters.fields.source'), render: (r) => t(`meters.sources.${r.source as 'manual'}`) },
        ]}
      />
    </>
  );
}
