import { useEffect, useState } from 'react';
import { Alert, Box, Button, Center, Loader, Paper, Radio, Group, Stack, Text, Textarea, Title } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck, IconSend } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { submitRating, useRatingInfo } from '../../api/notices';
import { StarRating } from '../../components/inputs/StarRating';
import { problemMessage } from '../../components/problemMessage';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useFormat } from '../../i18n/format';
import { useT } from '../../i18n/messages';
import { LanguageSelect } from '../auth/LanguageSelect';

/**
 * The public rating page, opened from the closing e-mail without logging in: stars, a comment,
 * and whether the work was really done ("no" reopens the ticket). One use per link.
 */
export function RatingPage() {
  const t = useT();
  const format = useFormat();
  const { token = '' } = useParams();
  const info = useRatingInfo(token);
  const [stars, setStars] = useState<number | null>(null);
  const [comment, setComment] = useState('');
  const [workDone, setWorkDone] = useState<string>('');
  const [errors, setErrors] = useState<{ stars?: string; workDone?: string }>({});
  const send = useMutation({
    mutationFn: () =>
      submitRating(token, { stars: stars ?? 0, workDone: workDone === 'yes', ...(comment.trim() ? { comment: comment.trim() } : {}) }),
  });

  useEffect(() => {
    document.title = `${t('rating.title')} · ${t('app.name')}`;
  }, [t]);

  let content;
  if (info.isPending) {
    content = <Loader aria-label={t('common.loading')} />;
  } else if (info.isError) {
    content = (
      <Stack>
        <Title order={1} size="h3">
          {t('rating.invalidTitle')}
        </Title>
        <Alert color="orange" variant="light" icon={<IconAlertTriangle aria-hidden />} role="alert">
          {problemMessage(info.error, t)}
        </Alert>
        <Text size="sm">{t('rating.invalidHelp')}</Text>
      </Stack>
    );
  } else if (send.isSuccess) {
    content = (
      <Stack>
        <Title order={1} size="h3">
          {t('rating.thanksTitle')}
        </Title>
        <Alert color="green" variant="light" icon={<IconCircleCheck aria-hidden />} role="status">
          {send.data.reopened
            ? t('rating.thanksReopened', { number: send.data.ticketNumber })
            : t('rating.thanks', { number: send.data.ticketNumber })}
        </Alert>
      </Stack>
    );
  } else {
    const data = info.data;
    content = (
      <form
        noValidate
        aria-labelledby="rating-title"
        onSubmit={(e) => {
          e.preventDefault();
          const next: typeof errors = {};
          if (!stars) next.stars = t('rating.starsRequired');
          if (!workDone) next.workDone = t('rating.workDoneRequired');
          setErrors(next);
          if (Object.keys(next).length === 0) send.mutate();
        }}
      >
        <Stack gap="lg">
          <Title order={1} size="h3" id="rating-title">
            {t('rating.title')}
          </Title>
          <Stack gap={2}>
            <Text fw={700}>{t('ticket.title', { number: data.ticketNumber })}</Text>
            <Text>{data.subject}</Text>
            <Text size="sm" c="dimmed">
              {data.building.code} – {data.building.name}
              {data.closedAt ? ` · ${t('rating.closedOn', { date: format.dateTime(data.closedAt) })}` : ''}
            </Text>
          </Stack>
          <StarRating label={t('rating.stars')} required value={stars} onChange={setStars} error={errors.stars} />
          <Radio.Group
            label={t('rating.workDone')}
            required
            value={workDone}
            onChange={setWorkDone}
            error={errors.workDone}
            description={t('rating.workDoneHint')}
          >
            <Group gap="xl" mt="xs">
              <Radio value="yes" label={t('common.yes')} />
              <Radio value="no" label={t('common.no')} />
            </Group>
          </Radio.Group>
          <Textarea
            label={t('rating.comment')}
            autosize
            minRows={3}
            maxLength={2000}
            value={comment}
            onChange={(e) => setComment(e.currentTarget.value)}
          />
          {send.isError && <ProblemAlert error={send.error} />}
          <Button type="submit" size="md" loading={send.isPending} leftSection={<IconSend size={18} aria-hidden />}>
            {t('rating.submit')}
          </Button>
          <Text size="xs" c="dimmed">
            {t('rating.expires', { date: format.dateTime(data.expiresAt) })}
          </Text>
        </Stack>
      </form>
    );
  }

  return (
    <Center mih="100vh" p="md" bg="gray.1">
      <Box w="100%" maw={560}>
        <header>
          <Text ta="center" fw={700} fz={32} c="primary.7">
            {t('app.name')}
          </Text>
          <Text ta="center" c="dimmed" mb="md">
            {t('app.tagline')}
          </Text>
        </header>
        <main>
          <Paper withBorder shadow="sm" p="lg" radius="md">
            {content}
          </Paper>
          <Box mt="lg">
            <LanguageSelect />
          </Box>
        </main>
      </Box>
    </Center>
  );
}
