import { useState } from 'react';
import { Button, Group, Radio, Stack, Textarea } from '@mantine/core';
import { IconSend } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { addComment, refreshWorkflow, type ActionTarget, type Visibility } from '../../api/workflow';
import { useT } from '../../i18n/messages';
import { notify } from '../notify';
import { ProblemAlert } from '../ProblemAlert';

/** A comment on a ticket or work order; staff choose public (the requester sees it) or internal. */
export function CommentBox({ target, staff }: { target: ActionTarget; staff: boolean }) {
  const t = useT();
  const queryClient = useQueryClient();
  const [body, setBody] = useState('');
  const [visibility, setVisibility] = useState<Visibility>(target.kind === 'workOrder' ? 'internal' : 'public');
  const [error, setError] = useState<string | null>(null);
  const send = useMutation({
    mutationFn: () => addComment(target, body.trim(), staff ? visibility : undefined),
    onSuccess: () => {
      setBody('');
      notify(t('comments.sent'));
      void refreshWorkflow(queryClient);
    },
  });
  return (
    <form
      noValidate
      aria-label={t('comments.title')}
      onSubmit={(e) => {
        e.preventDefault();
        if (!body.trim()) {
          setError(t('form.required'));
          return;
        }
        setError(null);
        send.mutate();
      }}
    >
      <Stack gap="sm">
        <Textarea
          label={t('comments.body')}
          description={staff ? undefined : t('comments.publicHint')}
          autosize
          minRows={3}
          maxLength={10_000}
          value={body}
          error={error}
          onChange={(e) => setBody(e.currentTarget.value)}
        />
        {staff && (
          <Radio.Group
            label={t('comments.visibility')}
            value={visibility}
            onChange={(v) => setVisibility(v === 'internal' ? 'internal' : 'public')}
          >
            <Group gap="lg" mt={4}>
              <Radio value="public" label={t('comments.public')} />
              <Radio value="internal" label={t('comments.internalLong')} />
            </Group>
          </Radio.Group>
        )}
        {send.isError && <ProblemAlert error={send.error} />}
        <Group>
          <Button type="submit" loading={send.isPending} leftSection={<IconSend size={16} aria-hidden />}>
            {t('comments.send')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
