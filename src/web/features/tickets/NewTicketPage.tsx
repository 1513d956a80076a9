import { useState } from 'react';
import {
  Alert,
  Anchor,
  Button,
  CloseButton,
  FileButton,
  Group,
  List,
  Paper,
  Radio,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertOctagon, IconCamera, IconPhone, IconPhoto, IconSend } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router';
import { useMe } from '../../api/me';
import { openTicket, refreshWorkflow, uploadAttachment, type TicketDto } from '../../api/workflow';
import { canRead } from '../../app/permissions';
import { EntitySelect } from '../../components/EntitySelect';
import { focusFirstError } from '../../components/focusFirstError';
import { notify } from '../../components/notify';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { ACCEPT } from '../../components/workflow/AttachmentList';
import { useFormat } from '../../i18n/format';
import { useT } from '../../i18n/messages';
import { checkEmail } from '../registry/formHelpers';
import { mapServerErrors } from '../registry/serverErrors';
import { CallerLookup } from './CallerLookup';

interface Values {
  /** The user the call center linked (GET /api/callers): the ticket's requester. */
  requester: { id: string; label: string } | null;
  callerName: string;
  callerPhone: string;
  callerEmail: string;
  buildingId: string | null;
  floorId: string | null;
  spaceId: string | null;
  assetId: string | null;
  subject: string;
  description: string;
  danger: 'yes' | 'no';
}

/** After sending: the number, and at once the phone number to call when there is a danger. */
function Sent({ ticket, photoError }: { ticket: TicketDto; photoError: unknown }) {
  const t = useT();
  return (
    <Stack gap="md" maw={720}>
      <PageHeader title={t('newTicket.sentTitle', { number: ticket.number })} />
      {ticket.emergencyHint && (
        <Alert color="red" variant="filled" icon={<IconAlertOctagon aria-hidden />} title={t('newTicket.emergencyTitle')} role="alert">
          <Stack gap="sm">
            <Text>{ticket.emergencyHint.message}</Text>
            <Button
              component="a"
              href={`tel:${ticket.emergencyHint.phone.replace(/\s/g, '')}`}
              size="xl"
              color="white"
              variant="white"
              c="red.8"
              leftSection={<IconPhone aria-hidden />}
            >
              {t('newTicket.call', { phone: ticket.emergencyHint.phone })}
            </Button>
          </Stack>
        </Alert>
      )}
      <Text>{t('newTicket.sentText')}</Text>
      {photoError !== null && <ProblemAlert error={photoError} title={t('newTicket.photosFailed')} />}
      <Group>
        <Button component={Link} to={`/tickets/${ticket.id}`}>
          {t('newTicket.openTicket', { number: ticket.number })}
        </Button>
        <Anchor component={Link} to="/tickets/new" reloadDocument>
          {t('newTicket.another')}
        </Anchor>
      </Group>
    </Stack>
  );
}

/**
 * "Segnala un guasto": where (building by name or code, floor, room, optionally the asset), what
 * is wrong, photos from the phone's camera, and whether people are in danger. The call center
 * enters it for a caller (name, phone, e-mail) while on the phone.
 */
export function NewTicketPage() {
  const t = useT();
  const format = useFormat();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { data: me } = useMe();
  const onBehalf = !!me && (me.roles.includes('call_center') || me.roles.includes('admin'));
  const callerRequired = !!me && me.roles.includes('call_center');
  const withAssets = canRead(me, 'assets');
  const [photos, setPhotos] = useState<File[]>([]);
  const [sent, setSent] = useState<{ ticket: TicketDto; photoError: unknown } | null>(null);
  const [shownFields, setShownFields] = useState<ReadonlySet<string>>(new Set());

  const form = useForm<Values>({
    initialValues: {
      requester: null,
      callerName: '',
      callerPhone: '',
      callerEmail: '',
      buildingId: null,
      floorId: null,
      spaceId: null,
      assetId: null,
      subject: '',
      description: '',
      danger: 'no',
    },
    validate: (v) => {
      const errors: Record<string, string> = {};
      if (!v.buildingId) errors.buildingId = t('newTicket.buildingRequired');
      if (!v.description.trim())
        errors.description = onBehalf ? t('newTicket.phone.descriptionRequired') : t('newTicket.descriptionRequired');
      const anyCaller = v.callerName.trim() || v.callerPhone.trim() || v.callerEmail.trim();
      if ((callerRequired || anyCaller) && !v.callerName.trim() && !v.requester) errors.callerName = t('form.required');
      checkEmail(errors, 'callerEmail', v.callerEmail, t);
      return errors;
    },
  });

  const send = useMutation({
    mutationFn: async (v: Values) => {
      const caller =
        onBehalf && (v.callerName.trim() || v.requester)
          ? {
              ...(v.requester ? { requesterId: v.requester.id } : {}),
              ...(v.callerName.trim() ? { callerName: v.callerName.trim() } : {}),
              ...(v.callerPhone.trim() ? { callerPhone: v.callerPhone.trim() } : {}),
              ...(v.callerEmail.trim() ? { callerEmail: v.callerEmail.trim() } : {}),
            }
          : {};
      const ticket = await openTicket({
        buildingId: v.buildingId ?? '',
        ...(v.spaceId ? { spaceId: v.spaceId } : {}),
        ...(v.assetId ? { assetId: v.assetId } : {}),
        ...(v.subject.trim() ? { subject: v.subject.trim() } : {}),
        description: v.description.trim(),
        danger: v.danger === 'yes',
        ...caller,
      });
      // Photos go up once the ticket exists; a failed photo does not undo the ticket.
      let photoError: unknown = null;
      for (const file of photos) {
        try {
          await uploadAttachment({ kind: 'ticket', id: ticket.id }, file, 'photo');
        } catch (error) {
          photoError = error;
        }
      }
      return { ticket, photoError };
    },
    onMutate: () => setShownFields(new Set()),
    onSuccess: (result) => {
      void refreshWorkflow(queryClient);
      if (result.ticket.emergencyHint || result.photoError) {
        setSent(result);
        window.scrollTo({ top: 0 });
        return;
      }
      notify(t('newTicket.sentTitle', { number: result.ticket.number }));
      void navigate(`/tickets/${result.ticket.id}`);
    },
    onError: (error, values) => {
      const { formErrors, shown } = mapServerErrors(error, values);
      form.setErrors(formErrors);
      setShownFields(shown);
      focusFirstError(formErrors);
    },
  });

  if (sent) return <Sent ticket={sent.ticket} photoError={sent.photoError} />;

  const title = onBehalf ? t('newTicket.titlePhone') : t('newTicket.title');
  const danger = form.values.danger === 'yes';

  return (
    <>
      <PageHeader title={title} description={onBehalf ? t('newTicket.phone.intro') : t('newTicket.intro')} />
      <Paper withBorder p={{ base: 'md', sm: 'lg' }} maw={820}>
        <form
          noValidate
          aria-label={title}
          onSubmit={form.onSubmit(
            (v) => send.mutate(v),
            (errors) => focusFirstError(errors),
          )}
        >
          <Stack gap="lg">
            <Text size="sm" c="dimmed">
              {t('form.requiredNote')}
            </Text>
            {send.isError && <ProblemAlert error={send.error} shownFields={shownFields} title={t('newTicket.failed')} />}

            {onBehalf && (
              <Stack gap="sm" component="fieldset" style={{ border: 0, padding: 0, margin: 0, minWidth: 0 }}>
                <Title order={2} size="h4" component="legend" mb="xs">
                  {t('newTicket.callerTitle')}
                </Title>
                <CallerLookup
                  linked={form.values.requester}
                  onPick={(c) => {
                    form.setFieldValue('requester', { id: c.id, label: c.displayName });
                    form.setFieldValue('callerName', c.displayName);
                    form.setFieldValue('callerPhone', c.phone ?? '');
                    form.setFieldValue('callerEmail', c.email ?? '');
                    form.clearFieldError('callerName');
                  }}
                  onUnlink={() => form.setFieldValue('requester', null)}
                />
                <SimpleGrid cols={{ base: 1, sm: 3 }}>
                  <TextInput
                    label={t('newTicket.callerName')}
                    required={callerRequired && !form.values.requester}
                    autoComplete="off"
                    {...form.getInputProps('callerName')}
                  />
                  <TextInput label={t('newTicket.callerPhone')} type="tel" autoComplete="off" {...form.getInputProps('callerPhone')} />
                  <TextInput label={t('newTicket.callerEmail')} type="email" autoComplete="off" {...form.getInputProps('callerEmail')} />
                </SimpleGrid>
              </Stack>
            )}

            <Stack gap="sm" component="fieldset" style={{ border: 0, padding: 0, margin: 0, minWidth: 0 }}>
              <Title order={2} size="h4" component="legend" mb="xs">
                {t('newTicket.whereTitle')}
              </Title>
              <EntitySelect
                entity="buildings"
                label={t('newTicket.building')}
                description={t('newTicket.buildingHint')}
                placeholder={t('newTicket.buildingPlaceholder')}
                required
                {...form.getInputProps('buildingId')}
                onChange={(v) => {
                  form.setFieldValue('buildingId', v);
                  form.setFieldValue('floorId', null);
                  form.setFieldValue('spaceId', null);
                  form.setFieldValue('assetId', null);
                }}
              />
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <EntitySelect
                  key={`floor-${form.values.buildingId ?? ''}`}
                  entity="floors"
                  label={t('newTicket.floor')}
                  placeholder={form.values.buildingId ? t('newTicket.floorPlaceholder') : t('newTicket.chooseBuildingFirst')}
                  disabled={!form.values.buildingId}
                  params={{ buildingId: form.values.buildingId ?? undefined }}
                  {...form.getInputProps('floorId')}
                  onChange={(v) => {
                    form.setFieldValue('floorId', v);
                    form.setFieldValue('spaceId', null);
                  }}
                />
                <EntitySelect
                  key={`space-${form.values.buildingId ?? ''}-${form.values.floorId ?? ''}`}
                  entity="spaces"
                  label={t('newTicket.space')}
                  placeholder={form.values.buildingId ? t('newTicket.spacePlaceholder') : t('newTicket.chooseBuildingFirst')}
                  disabled={!form.values.buildingId}
                  params={{ buildingId: form.values.buildingId ?? undefined, floorId: form.values.floorId ?? undefined }}
                  {...form.getInputProps('spaceId')}
                />
              </SimpleGrid>
              {withAssets && (
                <EntitySelect
                  key={`asset-${form.values.buildingId ?? ''}`}
                  entity="assets"
                  label={t('newTicket.asset')}
                  description={t('newTicket.assetHint')}
                  disabled={!form.values.buildingId}
                  params={{ buildingId: form.values.buildingId ?? undefined }}
                  {...form.getInputProps('assetId')}
                />
              )}
            </Stack>

            <Stack gap="sm" component="fieldset" style={{ border: 0, padding: 0, margin: 0, minWidth: 0 }}>
              <Title order={2} size="h4" component="legend" mb="xs">
                {onBehalf ? t('newTicket.phone.whatTitle') : t('newTicket.whatTitle')}
              </Title>
              {onBehalf && (
                <TextInput
                  label={t('newTicket.subject')}
                  description={t('newTicket.subjectHint')}
                  maxLength={200}
                  {...form.getInputProps('subject')}
                />
              )}
              <Textarea
                label={onBehalf ? t('newTicket.phone.description') : t('newTicket.description')}
                description={onBehalf ? t('newTicket.phone.descriptionHint') : t('newTicket.descriptionHint')}
                required
                autosize
                minRows={4}
                maxLength={10_000}
                {...form.getInputProps('description')}
              />
              <Stack gap={6}>
                <Text size="sm" fw={500}>
                  {t('newTicket.photos')}
                </Text>
                <Text size="xs" c="dimmed">
                  {t('newTicket.photosHint')}
                </Text>
                <Group gap="sm">
                  <FileButton onChange={(files) => setPhotos((p) => [...p, ...files])} accept="image/*" capture="environment" multiple>
                    {(props) => (
                      <Button {...props} variant="light" leftSection={<IconCamera size={18} aria-hidden />}>
                        {t('newTicket.takePhoto')}
                      </Button>
                    )}
                  </FileButton>
                  <FileButton onChange={(files) => setPhotos((p) => [...p, ...files])} accept={ACCEPT} multiple>
                    {(props) => (
                      <Button {...props} variant="default" leftSection={<IconPhoto size={18} aria-hidden />}>
                        {t('newTicket.choosePhoto')}
                      </Button>
                    )}
                  </FileButton>
                </Group>
                {photos.length > 0 && (
                  <List size="sm" aria-label={t('newTicket.photosChosen')}>
                    {photos.map((f, i) => (
                      <List.Item key={`${f.name}-${i}`}>
                        <Group gap={4} wrap="nowrap">
                          <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                            {f.name} ({format.bytes(f.size)})
                          </Text>
                          <CloseButton
                            size="sm"
                            aria-label={t('newTicket.removePhoto', { name: f.name })}
                            onClick={() => setPhotos((p) => p.filter((_, j) => j !== i))}
                          />
                        </Group>
                      </List.Item>
                    ))}
                  </List>
                )}
              </Stack>
            </Stack>

            {onBehalf ? (
              <Switch
                size="md"
                label={t('newTicket.emergencyToggle')}
                description={t('newTicket.emergencyToggleHint')}
                checked={danger}
                onChange={(e) => form.setFieldValue('danger', e.currentTarget.checked ? 'yes' : 'no')}
              />
            ) : (
              <Radio.Group label={t('newTicket.danger')} description={t('newTicket.dangerHint')} {...form.getInputProps('danger')}>
                <Group gap="xl" mt="xs">
                  <Radio value="no" label={t('common.no')} />
                  <Radio value="yes" label={t('common.yes')} />
                </Group>
              </Radio.Group>
            )}
            {danger && (
              <Alert
                color="red"
                variant="light"
                icon={<IconAlertOctagon aria-hidden />}
                title={t('newTicket.dangerWarningTitle')}
                role="alert"
              >
                {onBehalf ? t('newTicket.phone.dangerWarning') : t('newTicket.dangerWarning')}
              </Alert>
            )}

            <Group>
              <Button
                type="submit"
                size="md"
                loading={send.isPending}
                leftSection={<IconSend size={18} aria-hidden />}
                color={danger ? 'red' : undefined}
              >
                {onBehalf
                  ? danger
                    ? t('newTicket.phone.submitEmergency')
                    : t('newTicket.phone.submit')
                  : danger
                    ? t('newTicket.submitEmergency')
                    : t('newTicket.submit')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>
    </>
  );
}
