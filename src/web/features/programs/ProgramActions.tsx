import { useState } from 'react';
import { Button, Group, Modal, Radio, Stack, Text, Textarea } from '@mantine/core';
import { IconArrowBackUp, IconCalendarCheck, IconRefresh, IconSend, IconSpeakerphone } from '@tabler/icons-react';
import { isVersionConflict } from '../../api/problem';
import { GROUPINGS, PROGRAM_ACTIONS, programAction, type ProgramAction, type ProgramDto } from '../../api/planned';
import { notify } from '../../components/notify';
import { ProblemAlert } from '../../components/ProblemAlert';
import { VersionConflictAlert } from '../../components/VersionConflictAlert';
import { useT } from '../../i18n/messages';

const ICON = { submit: IconSend, return: IconArrowBackUp, approve: IconCalendarCheck, publish: IconSpeakerphone, regenerate: IconRefresh };
const isAction = (a: string): a is ProgramAction => (PROGRAM_ACTIONS as readonly string[]).includes(a);

/** The actions the server offers on this program (availableActions), each with its form. */
export function ProgramActions({ program, onDone, onReload }: { program: ProgramDto; onDone: () => void; onReload: () => void }) {
  const t = useT();
  const [open, setOpen] = useState<ProgramAction | null>(null);
  const actions = program.availableActions.filter(isAction);
  if (actions.length === 0) return null;
  return (
    <>
      <Group gap="sm" role="group" aria-label={t('common.actions')}>
        {actions.map((a) => {
          const Icon = ICON[a];
          return (
            <Button
              key={a}
              variant={a === 'regenerate' || a === 'return' ? 'default' : 'filled'}
              leftSection={<Icon size={16} aria-hidden />}
              onClick={() => setOpen(a)}
            >
              {t(`planned.actions.${a}`)}
            </Button>
          );
        })}
      </Group>
      {open && <ActionForm key={open} action={open} program={program} onClose={() => setOpen(null)} onDone={onDone} onReload={onReload} />}
    </>
  );
}

function ActionForm({
  action,
  program,
  onClose,
  onDone,
  onReload,
}: {
  action: ProgramAction;
  program: ProgramDto;
  onClose: () => void;
  onDone: () => void;
  onReload: () => void;
}) {
  const t = useT();
  const [text, setText] = useState('');
  const [grouping, setGrouping] = useState<string>(program.grouping ?? 'activity');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [touched, setTouched] = useState(false);
  const remarksMissing = action === 'return' && text.trim() === '';

  const submit = async () => {
    setTouched(true);
    if (remarksMissing) return;
    const body: Record<string, unknown> = { version: program.version };
    if (action === 'return') body.remarks = text.trim();
    if ((action === 'submit' || action === 'approve') && text.trim()) body.note = text.trim();
    if (action === 'publish') body.grouping = grouping;
    setBusy(true);
    setError(null);
    try {
      await programAction(program.id, action, body);
      notify(t(`planned.actionDone.${action}`));
      onDone();
      onClose();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal opened onClose={onClose} title={t(`planned.actions.${action}`)} size="lg" closeButtonProps={{ 'aria-label': t('common.close') }}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <Stack gap="md">
          {action === 'return' && (
            <Textarea
              label={t('planned.fields.remarks')}
              description={t('planned.fields.remarksHint')}
              withAsterisk
              aria-required
              autosize
              minRows={3}
              value={text}
              onChange={(e) => setText(e.currentTarget.value)}
              error={touched && remarksMissing ? t('form.required') : undefined}
              data-autofocus
            />
          )}
          {(action === 'submit' || action === 'approve') && (
            <Textarea
              label={t('planned.fields.note')}
              autosize
              minRows={2}
              value={text}
              onChange={(e) => setText(e.currentTarget.value)}
              data-autofocus
            />
          )}
          {action === 'publish' && (
            <Radio.Group label={t('planned.fields.grouping')} value={grouping} onChange={setGrouping}>
              <Stack gap="xs" mt="xs">
                {GROUPINGS.map((g) => (
                  <Radio key={g} value={g} label={t(`planned.grouping.${g}`)} />
                ))}
              </Stack>
            </Radio.Group>
          )}
          {action === 'regenerate' && <Text size="sm">{t('planned.programs.emptyGenerate')}</Text>}
          {isVersionConflict(error) ? (
            <VersionConflictAlert
              onReload={() => {
                onReload();
                onClose();
              }}
            />
          ) : error ? (
            <ProblemAlert error={error} />
          ) : null}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={busy}>
              {t(`planned.actions.${action}`)}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
