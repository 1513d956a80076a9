import type { ReactNode } from 'react';
import { Anchor, Badge, Box, Group, Paper, Stack, Text, ThemeIcon } from '@mantine/core';
import { IconArrowRight, IconBolt, IconLock, IconMail, IconMessage, IconPaperclip } from '@tabler/icons-react';
import type { TimelineItem } from '../../api/workflow';
import { useFormat, type Formatters } from '../../i18n/format';
import { useT, type Translate } from '../../i18n/messages';
import { attachmentKindLabel, lookup, priorityLabel, ticketStatusLabel, workOrderStatusLabel } from './labels';

/** Event data worth showing, in this order, with how to show each value. */
const DATA_FIELDS: Array<[string, 'text' | 'instant' | 'date' | 'priority' | 'number' | 'boolean' | 'stars']> = [
  ['workOrderNumber', 'text'],
  ['technicianName', 'text'],
  ['previousTechnicianName', 'text'],
  ['priority', 'priority'],
  ['inspectionAt', 'instant'],
  ['scheduledAt', 'instant'],
  ['expectedOn', 'date'],
  ['reason', 'text'],
  ['text', 'text'],
  ['findings', 'text'],
  ['changesInstallation', 'boolean'],
  ['plannedActivity', 'text'],
  ['report', 'text'],
  ['hours', 'number'],
  ['materials', 'text'],
  ['stars', 'stars'],
  ['workDone', 'boolean'],
  ['comment', 'text'],
  ['note', 'text'],
];

function formatValue(kind: (typeof DATA_FIELDS)[number][1], value: unknown, t: Translate, format: Formatters): string | null {
  if (value === null || value === undefined || value === '') return null;
  switch (kind) {
    case 'instant':
      return typeof value === 'string' ? format.dateTime(value) : null;
    case 'date':
      return typeof value === 'string' ? format.date(value) : null;
    case 'priority':
      return typeof value === 'string' ? priorityLabel(t, value) : null;
    case 'number':
      return typeof value === 'number' ? format.number(value) : null;
    case 'boolean':
      return value === true ? t('common.yes') : value === false ? t('common.no') : null;
    case 'stars':
      return typeof value === 'number' ? t('rating.starsValue', { count: value }) : null;
    default:
      return typeof value === 'string' ? value : String(value);
  }
}

/** A triage (PATCH of a new ticket) lists each field it changed: old → new. */
function TriageChanges({ changes }: { changes: Array<{ field: string; from: unknown; to: unknown }> }) {
  const t = useT();
  const show = (field: string, v: unknown) =>
    v === null || v === undefined || v === ''
      ? t('triage.none')
      : typeof v === 'boolean'
        ? v
          ? t('common.yes')
          : t('common.no')
        : field === 'priority'
          ? priorityLabel(t, String(v))
          : String(v);
  return (
    <Box component="dl" m={0} className="timeline-data">
      {changes.map((c) => (
        <Group key={c.field} gap={6} align="baseline" wrap="nowrap">
          <Text component="dt" size="sm" c="dimmed" style={{ flexShrink: 0 }}>
            {lookup(t, `triage.fields.${c.field}`, c.field)}:
          </Text>
          <Text component="dd" size="sm" m={0} style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
            {t('triage.change', { from: show(c.field, c.from), to: show(c.field, c.to) })}
          </Text>
        </Group>
      ))}
    </Box>
  );
}

function EventBody({ item }: { item: TimelineItem }) {
  const t = useT();
  const format = useFormat();
  const e = item.event;
  if (!e) return null;
  const objectKind = e.object === 'ticket' ? 'ticket' : 'workOrder';
  const toLabel = e.to ? (objectKind === 'ticket' ? ticketStatusLabel(t, e.to) : workOrderStatusLabel(t, e.to)) : null;
  const changed = e.from !== e.to && toLabel;
  const details = DATA_FIELDS.map(([field, kind]) => {
    if (field === 'workOrderNumber' && e.object === 'work_order') return null;
    const text = formatValue(kind, (e.data as Record<string, unknown>)[field], t, format);
    return text ? { field, text } : null;
  }).filter((d): d is { field: string; text: string } => d !== null);
  return (
    <Stack gap={4}>
      <Text size="sm">
        <Text span fw={600} inherit>
          {e.actor.label}
        </Text>{' '}
        {lookup(t, `timeline.events.${e.action}`, e.action)}
        {e.workOrderNumber && (
          <Text span inherit c="dimmed">
            {' '}
            · {t('workOrder.short', { number: e.workOrderNumber })}
          </Text>
        )}
      </Text>
      {changed && (
        <Group gap={6} wrap="nowrap">
          <IconArrowRight size={14} aria-hidden />
          <Text size="sm">{t('timeline.newStatus', { status: toLabel })}</Text>
        </Group>
      )}
      {Array.isArray((e.data as { changes?: unknown }).changes) && (
        <TriageChanges changes={(e.data as { changes: Array<{ field: string; from: unknown; to: unknown }> }).changes} />
      )}
      {details.length > 0 && (
        <Box component="dl" m={0} className="timeline-data">
          {details.map((d) => (
            <Group key={d.field} gap={6} align="baseline" wrap="nowrap">
              <Text component="dt" size="sm" c="dimmed" style={{ flexShrink: 0 }}>
                {lookup(t, `fields.${d.field}`, d.field)}:
              </Text>
              <Text component="dd" size="sm" m={0} style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                {d.text}
              </Text>
            </Group>
          ))}
        </Box>
      )}
    </Stack>
  );
}

function ItemBody({ item }: { item: TimelineItem }) {
  const t = useT();
  const format = useFormat();
  if (item.type === 'event') return <EventBody item={item} />;
  if (item.type === 'comment' && item.comment) {
    const c = item.comment;
    return (
      <Stack gap={4}>
        <Group gap="xs">
          <Text size="sm" fw={600}>
            {c.author.label}
          </Text>
          <Text size="sm">{c.source === 'email' ? t('timeline.commentByEmail') : t('timeline.comment')}</Text>
          {c.visibility === 'internal' && (
            <Badge size="sm" variant="outline" color="gray" tt="none" leftSection={<IconLock size={12} aria-hidden />}>
              {t('comments.internal')}
            </Badge>
          )}
        </Group>
        <Paper withBorder p="xs" bg="gray.0">
          <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
            {c.body}
          </Text>
        </Paper>
      </Stack>
    );
  }
  if (item.type === 'attachment' && item.attachment) {
    const a = item.attachment;
    return (
      <Text size="sm">
        {a.uploadedBy && (
          <Text span fw={600} inherit>
            {a.uploadedBy.label}{' '}
          </Text>
        )}
        {t('timeline.attached', { kind: attachmentKindLabel(t, a.kind) })}{' '}
        <Anchor href={a.url} download={a.filename} inherit>
          {a.filename}
        </Anchor>{' '}
        <Text span c="dimmed" inherit>
          ({format.bytes(a.size)})
        </Text>
      </Text>
    );
  }
  if (item.type === 'notice' && item.notice) {
    const n = item.notice;
    return (
      <Text size="sm">
        {t('timeline.notice', { kind: lookup(t, `notices.kinds.${n.kind}`, n.kind), to: n.to })}{' '}
        <Text span c="dimmed" inherit>
          ({lookup(t, `notices.status.${n.status}`, n.status)})
        </Text>
      </Text>
    );
  }
  return null;
}

const ICON: Record<TimelineItem['type'], ReactNode> = {
  event: <IconBolt size={16} aria-hidden />,
  comment: <IconMessage size={16} aria-hidden />,
  attachment: <IconPaperclip size={16} aria-hidden />,
  notice: <IconMail size={16} aria-hidden />,
};

/** What happened, oldest first and newest last: events, comments, files and notices sent. */
export function Timeline({ items, label }: { items: TimelineItem[]; label: string }) {
  const t = useT();
  const format = useFormat();
  if (items.length === 0) return <Text c="dimmed">{t('timeline.empty')}</Text>;
  return (
    <Box component="ol" aria-label={label} p={0} m={0} style={{ listStyle: 'none' }}>
      {items.map((item) => (
        <Box component="li" key={`${item.type}-${item.id}`} py="xs" style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}>
          <Group align="flex-start" gap="sm" wrap="nowrap">
            <ThemeIcon variant="light" color="gray" radius="xl" size="md" aria-hidden>
              {ICON[item.type]}
            </ThemeIcon>
            <Stack gap={2} style={{ minWidth: 0, flex: 1 }}>
              <Text size="xs" c="dimmed">
                <time dateTime={item.at}>{format.dateTime(item.at)}</time> · {format.relative(item.at)}
              </Text>
              <ItemBody item={item} />
            </Stack>
          </Group>
        </Box>
      ))}
    </Box>
  );
}
