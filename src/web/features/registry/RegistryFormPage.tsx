import { useState } from 'react';
import { notify } from '../../components/notify';
import { Button, Center, Fieldset, Group, Loader, Paper, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconArrowLeft, IconDeviceFloppy } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams, type Params } from 'react-router';
import { useTranslation } from 'react-i18next';
import { adoptSaved, createItem, detailKey, ENTITY_API, fetchItem, patchItem, useRegistryItem } from '../../api/registry';
import { isApiError, isVersionConflict } from '../../api/problem';
import type { RegistryItem } from '../../api/types';
import { useMe } from '../../api/me';
import { canWrite } from '../../app/permissions';
import { ActiveBadge } from '../../components/ActiveBadge';
import { entityLabel } from '../../components/entityLabels';
import { PageHeader } from '../../components/PageHeader';
import { focusFirstError } from '../../components/focusFirstError';
import { ProblemAlert } from '../../components/ProblemAlert';
import { VersionConflictAlert } from '../../components/VersionConflictAlert';
import { useT } from '../../i18n/messages';
import { DeactivateButton } from './DeactivateButton';
import type { RegistryFormConfig } from './formTypes';
import { changedFields, mapServerErrors } from './serverErrors';

/** Create (`…/new`) or show/edit (`…/:id`) one registry object. */
export function RegistryFormPage<T extends RegistryItem, V extends object>({ config }: { config: RegistryFormConfig<T, V> }) {
  const t = useT();
  const params = useParams();
  const id = params.id;
  const item = useRegistryItem<T>(ENTITY_API[config.entity], id);
  if (id && item.isPending) {
    return (
      <Center py="xl">
        <Loader aria-label={t('common.loading')} />
      </Center>
    );
  }
  if (id && item.isError) {
    return (
      <>
        <PageHeader
          title={t(`entities.${config.entity}.singular`)}
          crumbs={[{ label: t(`entities.${config.entity}.title`), to: config.listPath(params) }]}
        />
        <ProblemAlert error={item.error} />
      </>
    );
  }
  return <RegistryForm key={`${config.entity}:${id ?? 'new'}`} config={config} initial={item.data} params={params} />;
}

interface RegistryFormProps<T extends RegistryItem, V> {
  config: RegistryFormConfig<T, V>;
  initial: T | undefined;
  params: Readonly<Params>;
}

function RegistryForm<T extends RegistryItem, V extends object>({ config, initial, params }: RegistryFormProps<T, V>) {
  const t = useT();
  const { i18n } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { data: me } = useMe();
  const apiPath = ENTITY_API[config.entity];
  const mode = initial ? 'edit' : 'create';
  const readOnly = !canWrite(me, config.entity);

  // The object as last read from the server: its version goes with the next PATCH.
  const [base, setBase] = useState<T | undefined>(initial);
  const [conflict, setConflict] = useState(false);
  const [shownFields, setShownFields] = useState<ReadonlySet<string>>(new Set());

  const form = useForm<V>({
    initialValues: base ? config.fromItem(base) : config.empty(params),
    validate: (values) => config.validate?.(values, t, mode) ?? {},
  });

  const listPath = config.listPath(params, base);
  const name = base ? entityLabel(config.entity, base, i18n.language) : '';

  const save = useMutation({
    mutationFn: async (values: V): Promise<T | null> => {
      if (!base) return createItem<T>(apiPath, config.toBody(values, 'create'));
      const changes = changedFields(config.toBody(config.fromItem(base), 'edit'), config.toBody(values, 'edit'));
      if (Object.keys(changes).length === 0) return null;
      return patchItem<T>(apiPath, base.id, { ...changes, version: base.version });
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
      adoptSaved(queryClient, apiPath, saved);
      notify(t(base ? 'form.saved' : 'form.created', { name: entityLabel(config.entity, saved, i18n.language) }));
      void navigate(config.afterSavePath?.(saved, params) ?? listPath);
    },
    onError: (error, values) => {
      if (isVersionConflict(error)) {
        setConflict(true);
        return;
      }
      const { formErrors, shown } = mapServerErrors(error, values, config.serverFields);
      form.setErrors(formErrors);
      setShownFields(shown);
      focusFirstError(formErrors);
    },
  });

  function adopt(current: T) {
    queryClient.setQueryData(detailKey(apiPath, current.id), current);
    setBase(current);
    const values = config.fromItem(current);
    form.setValues(values);
    form.resetDirty(values);
    form.clearErrors();
    setConflict(false);
    save.reset();
  }

  const reload = useMutation({
    mutationFn: async () => {
      if (!base) throw new Error('nothing to reload');
      const current = isApiError(save.error) ? save.error.problem.current : undefined;
      return current && typeof current === 'object' && 'version' in current ? (current as T) : fetchItem<T>(apiPath, base.id);
    },
    onSuccess: (current) => adopt(current),
  });

  const title = base ? name : t(`entities.${config.entity}.new`);
  const crumbs = config.crumbs?.(params, base, t) ?? [{ label: t(`entities.${config.entity}.title`), to: listPath }];
  const showError = save.isError && !conflict;

  return (
    <>
      <PageHeader
        title={title}
        crumbs={crumbs}
        badge={base ? <ActiveBadge active={base.active} /> : null}
        description={readOnly ? t('form.readOnlyNote') : undefined}
        actions={
          base && !readOnly ? (
            <DeactivateButton
              entity={config.entity}
              item={base}
              name={name}
              onSaved={(saved) => setBase(saved)}
              onConflict={() => setConflict(true)}
            />
          ) : null
        }
      />
      <Paper withBorder p={{ base: 'md', sm: 'lg' }} maw={880}>
        <form
          noValidate
          onSubmit={form.onSubmit(
            (values) => save.mutate(values),
            (errors) => focusFirstError(errors),
          )}
          aria-label={title}
        >
          <Stack gap="md">
            {!readOnly && (
              <Text size="sm" c="dimmed">
                {t('form.requiredNote')}
              </Text>
            )}
            {conflict && <VersionConflictAlert onReload={() => reload.mutate()} reloading={reload.isPending} />}
            {reload.isError && <ProblemAlert error={reload.error} />}
            {showError && <ProblemAlert error={save.error} shownFields={shownFields} title={t('form.saveFailed')} />}
            <Fieldset
              variant="unstyled"
              disabled={readOnly}
              className={readOnly ? 'read-only-fields' : undefined}
              p={0}
              m={0}
              style={{ border: 0, minWidth: 0 }}
            >
              <Stack gap="md">
                <config.Fields form={form} mode={mode} readOnly={readOnly} params={params} />
              </Stack>
            </Fieldset>
            <Group gap="sm" mt="sm">
              {!readOnly && (
                <Button type="submit" loading={save.isPending} leftSection={<IconDeviceFloppy size={16} aria-hidden />}>
                  {mode === 'create' ? t('form.create') : t('form.save')}
                </Button>
              )}
              <Button component={Link} to={listPath} variant="default" leftSection={<IconArrowLeft size={16} aria-hidden />}>
                {readOnly ? t('form.back') : t('common.cancel')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>
      {base && config.Below && (
        <config.Below item={base} readOnly={readOnly} onVersion={(version) => setBase((b) => (b ? { ...b, version } : b))} />
      )}
    </>
  );
}
