import { useState } from 'react';
import {
  Button,
  Center,
  Checkbox,
  Fieldset,
  Group,
  List,
  Loader,
  NumberInput,
  Paper,
  Radio,
  Select,
  Stack,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDebouncedValue } from '@mantine/hooks';
import { IconArrowLeft, IconDeviceFloppy } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router';
import { useMe } from '../../api/me';
import { METERS_API, PLAN_DOCUMENTS, PLANS_API, SCHEDULE_KINDS, usePlanPreview, type Meter, type Plan } from '../../api/plans';
import { isApiError, isVersionConflict } from '../../api/problem';
import { adoptSaved, createItem, detailKey, fetchItem, patchItem, useRegistryItem, useRegistryList } from '../../api/registry';
import { ActiveBadge } from '../../components/ActiveBadge';
import { EntitySelect } from '../../components/EntitySelect';
import { DateField } from '../../components/inputs/DateField';
import { focusFirstError } from '../../components/focusFirstError';
import { notify } from '../../components/notify';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { VersionConflictAlert } from '../../components/VersionConflictAlert';
import { useFormat } from '../../i18n/format';
import { useT } from '../../i18n/messages';
import { changedFields, mapServerErrors } from '../registry/serverErrors';
import { canWritePlans } from './access';
import { ChecklistEditor } from './ChecklistEditor';
import { emptyPlan, fromPlan, ruleOf, toBody, type PlanFormValues } from './planForm';
import { RecurrenceEditor } from './RecurrenceEditor';

/** Create (/plans/new) or show and edit (/plans/:id) one maintenance plan. */
export function PlanEditorPage() {
  const t = useT();
  const { id } = useParams();
  const plan = useRegistryItem<Plan>(PLANS_API, id);
  if (id && plan.isPending)
    return (
      <Center py="xl">
        <Loader aria-label={t('common.loading')} />
      </Center>
    );
  if (id && plan.isError) {
    return (
      <>
        <PageHeader title={t('plans.singular')} crumbs={[{ label: t('plans.title'), to: '/plans' }]} />
        <ProblemAlert error={plan.error} />
      </>
    );
  }
  return <PlanEditor key={id ?? 'new'} initial={plan.data} />;
}

/** Where each server field's error is shown in the form. */
const SERVER_FIELDS = { rrule: 'presetKind', estimatedMinutes: 'estimatedHours', shift: 'presetKind' };

function PlanEditor({ initial }: { initial: Plan | undefined }) {
  const t = useT();
  const format = useFormat();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { data: me } = useMe();
  const readOnly = !canWritePlans(me);
  const [base, setBase] = useState<Plan | undefined>(initial);
  const [conflict, setConflict] = useState(false);
  const [shownFields, setShownFields] = useState<ReadonlySet<string>>(new Set());
  const form = useForm<PlanFormValues>({
    initialValues: base ? fromPlan(base) : emptyPlan(),
    validate: {
      code: (v) => (v.trim() ? null : t('form.required')),
      activity: (v) => (v.trim() ? null : t('form.required')),
      buildingId: (v) => (v ? null : t('form.required')),
      technologyClassId: (v) => (v ? null : t('form.required')),
      startsOn: (v) => (v ? null : t('form.required')),
    },
  });
  const v = form.values;

  const rule = ruleOf(v);
  const [debounced] = useDebouncedValue(
    rule.rrule && v.startsOn
      ? {
          rrule: rule.rrule,
          startsOn: v.startsOn,
          endsOn: v.endsOn,
          seasonFrom: rule.seasonFrom,
          seasonTo: rule.seasonTo,
          shift: rule.shift,
          scheduleKind: v.scheduleKind,
        }
      : null,
    300,
  );
  const preview = usePlanPreview(debounced);
  const meters = useRegistryList<Meter>(METERS_API, { assetId: v.assetId ?? undefined }, v.scheduleKind === 'meter' && !!v.assetId);
  const meterOptions = (meters.data?.pages.flatMap((p) => p.items) ?? []).map((m) => ({ value: m.id, label: `${m.name} (${m.unit})` }));

  const save = useMutation({
    mutationFn: async (values: PlanFormValues): Promise<Plan | null> => {
      if (!base) return createItem<Plan>(PLANS_API, toBody(values));
      const changes = changedFields(toBody(fromPlan(base)), toBody(values));
      if (Object.keys(changes).length === 0) return null;
      return patchItem<Plan>(PLANS_API, base.id, { ...changes, version: base.version });
    },
    onMutate: () => {
      setConflict(false);
      setShownFields(new Set());
    },
    onSuccess: (saved) => {
      if (!saved) {
        notify(t('form.noChanges'), 'info');
        return;
      }
      adoptSaved(queryClient, PLANS_API, saved);
      notify(t(base ? 'form.saved' : 'form.created', { name: saved.code }));
      if (base) {
        setBase(saved);
        form.setValues(fromPlan(saved));
        form.resetDirty(fromPlan(saved));
      } else void navigate(`/plans/${saved.id}`);
    },
    onError: (error, values) => {
      if (isVersionConflict(error)) {
        setConflict(true);
        return;
      }
      const { formErrors, shown } = mapServerErrors(error, values, SERVER_FIELDS);
      form.setErrors(formErrors);
      setShownFields(shown);
      focusFirstError(formErrors);
    },
  });

  const reload = useMutation({
    mutationFn: async () => {
      const current = isApiError(save.error) ? save.error.problem.current : undefined;
      return current && typeof current === 'object' && 'version' in current ? (current as Plan) : fetchItem<Plan>(PLANS_API, base!.id);
    },
    onSuccess: (current) => {
      queryClient.setQueryData(detailKey(PLANS_API, current.id), current);
      setBase(current);
      form.setValues(fromPlan(current));
      form.resetDirty(fromPlan(current));
      form.clearErrors();
      setConflict(false);
      save.reset();
    },
  });

  // Deactivating is a PATCH of `active` alone, with the version read.
  const toggle = useMutation({
    mutationFn: (active: boolean) => patchItem<Plan>(PLANS_API, base!.id, { active, version: base!.version }),
    onSuccess: (saved) => {
      adoptSaved(queryClient, PLANS_API, saved);
      setBase(saved);
      notify(t(saved.active ? 'plans.reactivated' : 'plans.deactivated', { name: saved.code }));
    },
    onError: (error) => {
      if (isVersionConflict(error)) setConflict(true);
      else notify(t('form.saveFailed'), 'error');
    },
  });

  const title = base ? `${base.code} · ${base.activity}` : t('plans.new');
  return (
    <>
      <PageHeader
        title={title}
        crumbs={[{ label: t('plans.title'), to: '/plans' }]}
        badge={base ? <ActiveBadge active={base.active} /> : null}
        description={readOnly ? t('form.readOnlyNote') : undefined}
        actions={
          base && !readOnly ? (
            <Button variant="default" loading={toggle.isPending} onClick={() => toggle.mutate(!base.active)}>
              {base.active ? t('plans.deactivate') : t('plans.reactivate')}
            </Button>
          ) : null
        }
      />
      <Paper withBorder p={{ base: 'md', sm: 'lg' }} maw={960}>
        <form
          noValidate
          aria-label={title}
          onSubmit={form.onSubmit(
            (values) => save.mutate(values),
            (errors) => focusFirstError(errors),
          )}
        >
          <Stack gap="md">
            {!readOnly && (
              <Text size="sm" c="dimmed">
                {t('form.requiredNote')}
              </Text>
            )}
            {conflict && <VersionConflictAlert onReload={() => reload.mutate()} reloading={reload.isPending} />}
            {save.isError && !conflict && <ProblemAlert error={save.error} shownFields={shownFields} title={t('form.saveFailed')} />}
            <Fieldset variant="unstyled" disabled={readOnly} p={0} m={0} style={{ border: 0, minWidth: 0 }}>
              <Stack gap="lg">
                <Stack gap="sm">
                  <Group grow align="flex-start">
                    <TextInput label={t('plans.fields.code')} required maxLength={50} {...form.getInputProps('code')} />
                    <TextInput label={t('plans.fields.regulation')} placeholder="UNI 9994-1" {...form.getInputProps('regulation')} />
                  </Group>
                  <TextInput label={t('plans.fields.activity')} required maxLength={300} {...form.getInputProps('activity')} />
                  <Textarea label={t('plans.fields.description')} autosize minRows={2} {...form.getInputProps('description')} />
                  <Group grow align="flex-start">
                    <EntitySelect
                      entity="buildings"
                      label={t('plans.fields.buildingId')}
                      required
                      {...form.getInputProps('buildingId')}
                      onChange={(b) => {
                        form.setFieldValue('buildingId', b);
                        form.setFieldValue('assetId', null);
                      }}
                    />
                    <EntitySelect
                      entity="technologyClasses"
                      label={t('plans.fields.technologyClassId')}
                      required
                      {...form.getInputProps('technologyClassId')}
                    />
                  </Group>
                  <EntitySelect
                    entity="assets"
                    label={t('plans.fields.assetId')}
                    description={t('plans.assetHint')}
                    params={{ buildingId: v.buildingId ?? undefined }}
                    disabled={readOnly || !v.buildingId}
                    {...form.getInputProps('assetId')}
                  />
                </Stack>

                <Stack gap="sm">
                  <Title order={2} size="h4">
                    {t('plans.sections.schedule')}
                  </Title>
                  <Radio.Group label={t('plans.fields.scheduleKind')} required {...form.getInputProps('scheduleKind')}>
                    <Group mt="xs" gap="lg">
                      {SCHEDULE_KINDS.map((k) => (
                        <Radio key={k} value={k} label={t(`plans.kinds.${k}`)} description={t(`plans.kindHints.${k}`)} />
                      ))}
                    </Group>
                  </Radio.Group>
                  <Group grow align="flex-start">
                    <DateField
                      label={t('plans.fields.startsOn')}
                      description={t('plans.startsOnHint')}
                      required
                      {...form.getInputProps('startsOn')}
                    />
                    <DateField label={t('plans.fields.endsOn')} {...form.getInputProps('endsOn')} />
                    {v.scheduleKind === 'floating' && (
                      <DateField label={t('plans.fields.lastDoneOn')} {...form.getInputProps('lastDoneOn')} />
                    )}
                  </Group>
                  {v.scheduleKind === 'meter' ? (
                    <Group grow align="flex-start">
                      <Select
                        label={t('plans.fields.meterId')}
                        required
                        data={meterOptions}
                        disabled={readOnly || !v.assetId}
                        description={v.assetId ? undefined : t('plans.meterNeedsAsset')}
                        {...form.getInputProps('meterId')}
                      />
                      <NumberInput
                        label={t('plans.fields.meterEvery')}
                        required
                        min={0}
                        decimalScale={3}
                        {...form.getInputProps('meterEvery')}
                      />
                    </Group>
                  ) : (
                    <>
                      <RecurrenceEditor form={form} />
                      <Paper
                        withBorder
                        p="sm"
                        bg="var(--mantine-color-gray-0)"
                        aria-live="polite"
                        aria-label={t('plans.preview.title')}
                        role="region"
                      >
                        <Text size="sm" fw={600}>
                          {t('plans.preview.title')}
                        </Text>
                        {preview.data?.valid ? (
                          <>
                            <Text size="sm" data-testid="rule-text">
                              {preview.data.ruleText}
                            </Text>
                            <Text size="sm" mt={4}>
                              {t('plans.preview.next')}
                            </Text>
                            <List size="sm">
                              {preview.data.dates.map((d) => (
                                <List.Item key={d}>{format.date(d)}</List.Item>
                              ))}
                            </List>
                          </>
                        ) : (
                          <Text size="sm" c="dimmed">
                            {preview.data && !preview.data.valid ? t('plans.preview.invalid') : t('plans.preview.empty')}
                          </Text>
                        )}
                      </Paper>
                    </>
                  )}
                </Stack>

                <Stack gap="sm">
                  <Title order={2} size="h4">
                    {t('plans.sections.checklist')}
                  </Title>
                  <ChecklistEditor form={form} readOnly={readOnly} />
                </Stack>

                <Stack gap="sm">
                  <Title order={2} size="h4">
                    {t('plans.sections.documents')}
                  </Title>
                  <Checkbox.Group label={t('plans.fields.requiredDocuments')} {...form.getInputProps('requiredDocuments')}>
                    <Stack gap={6} mt="xs">
                      {PLAN_DOCUMENTS.map((d) => (
                        <Checkbox key={d} value={d} label={t(`attachments.kinds.${d}`)} />
                      ))}
                    </Stack>
                  </Checkbox.Group>
                  <NumberInput
                    label={t('plans.fields.estimatedHours')}
                    min={0}
                    max={1000}
                    decimalScale={2}
                    w={220}
                    {...form.getInputProps('estimatedHours')}
                  />
                </Stack>
              </Stack>
            </Fieldset>
            <Group gap="sm" mt="sm">
              {!readOnly && (
                <Button type="submit" loading={save.isPending} leftSection={<IconDeviceFloppy size={16} aria-hidden />}>
                  {base ? t('form.save') : t('form.create')}
                </Button>
              )}
              <Button component={Link} to="/plans" variant="default" leftSection={<IconArrowLeft size={16} aria-hidden />}>
                {readOnly ? t('form.back') : t('common.cancel')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>
    </>
  );
}
