import { useState } from 'react';
import { Anchor, Badge, Button, Card, Checkbox, Group, Select, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import {
  patchFollowUp,
  refreshSatisfaction,
  useFollowUps,
  useRatings,
  useResponseRate,
  type FollowUp,
  type RatingItem,
} from '../../api/satisfaction';
import { fieldPath, isApiError, isVersionConflict } from '../../api/problem';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { VersionConflictAlert } from '../../components/VersionConflictAlert';
import { DateField } from '../../components/inputs/DateField';
import { notify } from '../../components/notify';
import { useFormat } from '../../i18n/format';
import { useT } from '../../i18n/messages';

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/**
 * "Soddisfazione" (#11 item 4), for the service head and the building managers: the follow-ups of
 * low ratings to assign and close with an outcome, the response rate per building, the comments stream.
 */
export function SatisfactionPage() {
  const t = useT();
  return (
    <Stack>
      <PageHeader title={t('satisfaction.title')} />
      <Text size="sm" maw={900}>
        {t('satisfaction.intro')}
      </Text>
      <FollowUpsSection />
      <ResponseRateSection />
      <CommentsSection />
    </Stack>
  );
}

function Stars({ stars }: { stars: number | null }) {
  const t = useT();
  if (stars === null) return null;
  return (
    <Badge color={stars <= 2 ? 'red' : stars === 3 ? 'yellow' : 'green'} variant="light">
      {t('satisfaction.stars', { count: stars })}
    </Badge>
  );
}

function FollowUpsSection() {
  const t = useT();
  const list = useFollowUps();
  const items = list.data?.items ?? [];
  const open = items.filter((f) => f.status === 'open');
  const done = items.filter((f) => f.status === 'done');
  return (
    <Stack component="section" aria-labelledby="follow-ups-title" gap="sm">
      <Title order={2} size="h3" id="follow-ups-title">
        {t('satisfaction.followUps')}
      </Title>
      {list.error ? <ProblemAlert error={list.error} /> : null}
      {list.data && open.length === 0 ? <Text size="sm">{t('satisfaction.noOpenFollowUps')}</Text> : null}
      {open.map((f) => (
        <FollowUpCard key={`${f.id}:${f.version}`} followUp={f} />
      ))}
      {done.length > 0 && (
        <Table.ScrollContainer minWidth={700}>
          <Table striped>
            <Table.Caption>{t('satisfaction.doneFollowUps')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('satisfaction.ticket')}</Table.Th>
                <Table.Th scope="col">{t('satisfaction.score')}</Table.Th>
                <Table.Th scope="col">{t('satisfaction.outcome')}</Table.Th>
                <Table.Th scope="col">{t('satisfaction.doneBy')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {done.map((f) => (
                <DoneRow key={f.id} followUp={f} />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}

function DoneRow({ followUp: f }: { followUp: FollowUp }) {
  const format = useFormat();
  return (
    <Table.Tr>
      <Table.Td>
        <Anchor component={Link} to={`/tickets/${f.ticketId}`} fw={600}>
          {f.ticketNumber}
        </Anchor>{' '}
        <Text span size="sm">
          {f.building.code}
        </Text>
      </Table.Td>
      <Table.Td>
        <Stars stars={f.stars} />
      </Table.Td>
      <Table.Td>
        <Text size="sm">{f.outcome}</Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm">
          {f.doneBy?.name} · {format.dateTime(f.doneAt)}
        </Text>
      </Table.Td>
    </Table.Tr>
  );
}

/** One open follow-up: who has it, and the form that assigns it or records its outcome. */
function FollowUpCard({ followUp: f }: { followUp: FollowUp }) {
  const t = useT();
  const format = useFormat();
  const queryClient = useQueryClient();
  const [assignee, setAssignee] = useState<string | null>(f.assignedTo?.id ?? null);
  const [outcome, setOutcome] = useState(f.outcome ?? '');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const titleId = `follow-up-${f.id}`;
  const mutation = useMutation({
    mutationFn: (body: { assignedToId?: string; outcome?: string; done?: boolean }) => patchFollowUp(f.id, { version: f.version, ...body }),
    onMutate: () => setErrors({}),
    onSuccess: (saved) => {
      notify(saved.status === 'done' ? t('satisfaction.closedDone') : t('satisfaction.saved'));
      void refreshSatisfaction(queryClient);
    },
    onError: (error) => {
      if (!isApiError(error)) return;
      const found: Record<string, string> = {};
      for (const e of error.errors) if (e.field) found[fieldPath(e.field)] = e.message;
      setErrors(found);
    },
  });
  const assign = () => {
    if (!assignee) return setErrors({ assignedToId: t('form.required') });
    mutation.mutate({ assignedToId: assignee });
  };
  const close = () => {
    if (!outcome.trim()) return setErrors({ outcome: t('form.required') });
    mutation.mutate({ outcome: outcome.trim(), done: true });
  };
  return (
    <Card withBorder padding="md" component="article" aria-labelledby={titleId}>
      <Group justify="space-between" align="flex-start" mb="xs">
        <div>
          <Title order={3} size="h4" id={titleId}>
            <Anchor component={Link} to={`/tickets/${f.ticketId}`}>
              {f.ticketNumber}
            </Anchor>{' '}
            · {f.subject}
          </Title>
          <Text size="sm">
            {f.building.code} {f.building.name} · {t('satisfaction.ratedAt', { when: format.dateTime(f.ratedAt) })}
          </Text>
        </div>
        <Group gap="xs">
          <Stars stars={f.stars} />
          {f.workDone === false && (
            <Badge color="red" variant="outline">
              {t('satisfaction.workNotDone')}
            </Badge>
          )}
        </Group>
      </Group>
      {f.comment && (
        <Text size="sm" fs="italic" mb="xs">
          «{f.comment}»
        </Text>
      )}
      <Text size="sm" mb="sm">
        {f.assignedTo
          ? t('satisfaction.assignedTo', { name: f.assignedTo.name, when: format.dateTime(f.assignedAt) })
          : t('satisfaction.unassigned')}
      </Text>
      {mutation.error && isVersionConflict(mutation.error) ? (
        <VersionConflictAlert onReload={() => void refreshSatisfaction(queryClient)} />
      ) : mutation.error && !Object.keys(errors).length ? (
        <ProblemAlert error={mutation.error} />
      ) : null}
      <Group align="flex-end" mb="sm">
        <Select
          label={t('satisfaction.assignee')}
          data={f.assignees.map((a) => ({ value: a.id, label: a.name }))}
          value={assignee}
          onChange={setAssignee}
          error={errors.assignedToId}
          w={280}
        />
        <Button variant="default" onClick={assign} loading={mutation.isPending}>
          {t('satisfaction.assign')}
        </Button>
      </Group>
      <Textarea
        label={t('satisfaction.outcome')}
        description={t('satisfaction.outcomeHint')}
        value={outcome}
        onChange={(e) => setOutcome(e.currentTarget.value)}
        error={errors.outcome}
        autosize
        minRows={2}
        maxLength={4000}
        mb="sm"
      />
      <Group>
        <Button onClick={close} loading={mutation.isPending}>
          {t('satisfaction.recordOutcome')}
        </Button>
      </Group>
    </Card>
  );
}

function ResponseRateSection() {
  const t = useT();
  const format = useFormat();
  const today = new Date();
  const [from, setFrom] = useState<string | null>(isoDay(new Date(today.getTime() - 90 * 86_400_000)));
  const [to, setTo] = useState<string | null>(isoDay(today));
  const rate = useResponseRate(from ?? '', to ?? '', !!from && !!to);
  const share = (v: number | null) => (v === null ? '—' : format.percent(Math.round(v * 1000) / 10));
  const avg = (v: number | null) => (v === null ? '—' : format.number(v, 1));
  const rows = rate.data ? [...rate.data.buildings] : [];
  return (
    <Stack component="section" aria-labelledby="response-rate-title" gap="sm">
      <Title order={2} size="h3" id="response-rate-title">
        {t('satisfaction.responseRate')}
      </Title>
      <Group>
        <DateField label={t('satisfaction.from')} value={from} onChange={(v) => setFrom(v as string | null)} w={180} />
        <DateField label={t('satisfaction.to')} value={to} onChange={(v) => setTo(v as string | null)} w={180} />
      </Group>
      {rate.error ? <ProblemAlert error={rate.error} /> : null}
      {rate.data && rows.length === 0 ? <Text size="sm">{t('satisfaction.noLinks')}</Text> : null}
      {rate.data && rows.length > 0 && (
        <Table.ScrollContainer minWidth={700}>
          <Table striped>
            <Table.Caption>{t('satisfaction.responseRateCaption')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('satisfaction.building')}</Table.Th>
                <Table.Th scope="col" ta="right">
                  {t('satisfaction.sent')}
                </Table.Th>
                <Table.Th scope="col" ta="right">
                  {t('satisfaction.rated')}
                </Table.Th>
                <Table.Th scope="col" ta="right">
                  {t('satisfaction.rate')}
                </Table.Th>
                <Table.Th scope="col" ta="right">
                  {t('satisfaction.average')}
                </Table.Th>
                <Table.Th scope="col" ta="right">
                  {t('satisfaction.low')}
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((r) => (
                <Table.Tr key={r.building.id}>
                  <Table.Th scope="row" fw={400}>
                    {r.building.code} {r.building.name}
                  </Table.Th>
                  <Table.Td ta="right" className="tabular-nums">
                    {r.sent}
                  </Table.Td>
                  <Table.Td ta="right" className="tabular-nums">
                    {r.rated}
                  </Table.Td>
                  <Table.Td ta="right" className="tabular-nums">
                    {share(r.rate)}
                  </Table.Td>
                  <Table.Td ta="right" className="tabular-nums">
                    {avg(r.average)}
                  </Table.Td>
                  <Table.Td ta="right" className="tabular-nums">
                    {r.low}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
            <Table.Tfoot>
              <Table.Tr>
                <Table.Th scope="row">{t('satisfaction.total')}</Table.Th>
                <Table.Td ta="right">{rate.data.total.sent}</Table.Td>
                <Table.Td ta="right">{rate.data.total.rated}</Table.Td>
                <Table.Td ta="right">{share(rate.data.total.rate)}</Table.Td>
                <Table.Td ta="right">{avg(rate.data.total.average)}</Table.Td>
                <Table.Td ta="right">{rate.data.total.low}</Table.Td>
              </Table.Tr>
            </Table.Tfoot>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}

function CommentsSection() {
  const t = useT();
  const [score, setScore] = useState<string | null>(null);
  const [withComment, setWithComment] = useState(false);
  const ratings = useRatings({ score: score ?? undefined, withComment: withComment || undefined });
  const items = ratings.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Stack component="section" aria-labelledby="comments-title" gap="sm">
      <Title order={2} size="h3" id="comments-title">
        {t('satisfaction.comments')}
      </Title>
      <Group align="flex-end">
        <Select
          label={t('satisfaction.score')}
          placeholder={t('satisfaction.anyScore')}
          data={['1', '2', '3', '4', '5'].map((s) => ({ value: s, label: t('satisfaction.stars', { count: Number(s) }) }))}
          value={score}
          onChange={setScore}
          clearable
          w={200}
        />
        <Checkbox
          label={t('satisfaction.withComment')}
          checked={withComment}
          onChange={(e) => setWithComment(e.currentTarget.checked)}
          mb={8}
        />
      </Group>
      {ratings.error ? <ProblemAlert error={ratings.error} /> : null}
      {ratings.data && items.length === 0 ? <Text size="sm">{t('satisfaction.noRatings')}</Text> : null}
      <Stack gap="xs" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {items.map((r) => (
          <RatingRow key={r.ticketId} rating={r} />
        ))}
      </Stack>
      {ratings.hasNextPage && (
        <Group>
          <Button variant="default" onClick={() => void ratings.fetchNextPage()} loading={ratings.isFetchingNextPage}>
            {t('satisfaction.more')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}

function RatingRow({ rating: r }: { rating: RatingItem }) {
  const t = useT();
  const format = useFormat();
  return (
    <Card withBorder padding="sm" component="li">
      <Group justify="space-between" align="flex-start" gap="xs">
        <div>
          <Text size="sm" fw={600}>
            <Anchor component={Link} to={`/tickets/${r.ticketId}`}>
              {r.ticketNumber}
            </Anchor>{' '}
            · {r.subject}
          </Text>
          <Text size="xs">
            {r.building.code} {r.building.name} · {format.dateTime(r.ratedAt)}
            {r.work.length > 0 ? ` · ${r.work.join(', ')}` : ''}
          </Text>
        </div>
        <Group gap="xs">
          <Stars stars={r.stars} />
          {!r.workDone && (
            <Badge color="red" variant="outline">
              {t('satisfaction.workNotDone')}
            </Badge>
          )}
          {r.followUp && (
            <Badge color={r.followUp.status === 'open' ? 'orange' : 'gray'} variant="light">
              {t(r.followUp.status === 'open' ? 'satisfaction.followUpOpen' : 'satisfaction.followUpDone')}
            </Badge>
          )}
        </Group>
      </Group>
      {r.comment && (
        <Text size="sm" mt={4}>
          «{r.comment}»
        </Text>
      )}
    </Card>
  );
}
