// The parts of a planned work order's page (workflow 2): the documents its plan requires, ticked
// when attached, and the checklist results with the measurements out of range marked.
import { Badge, List, Table, Text, ThemeIcon } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck, IconCircleDashed } from '@tabler/icons-react';
import type { WorkOrderDto } from '../../api/workflow';
import { attachmentKindLabel } from '../../components/workflow/labels';
import { useFormat } from '../../i18n/format';
import { useT } from '../../i18n/messages';

export function PlannedDocuments({ workOrder: w }: { workOrder: WorkOrderDto }) {
  const t = useT();
  if (w.requiredDocuments.length === 0) return <Text size="sm">{t('planned.documentsNone')}</Text>;
  return (
    <List spacing="xs" aria-label={t('planned.documents')}>
      {w.requiredDocuments.map((kind) => {
        const missing = w.missingDocuments.includes(kind);
        return (
          <List.Item
            key={kind}
            icon={
              <ThemeIcon color={missing ? 'orange' : 'green'} variant="light" size={22} radius="xl">
                {missing ? <IconCircleDashed size={14} aria-hidden /> : <IconCircleCheck size={14} aria-hidden />}
              </ThemeIcon>
            }
          >
            {attachmentKindLabel(t, kind)} — {missing ? t('planned.missing') : t('planned.attached')}
          </List.Item>
        );
      })}
    </List>
  );
}

export function ChecklistResults({ workOrder: w }: { workOrder: WorkOrderDto }) {
  const t = useT();
  const format = useFormat();
  const results = new Map((w.checklistResults ?? []).map((r) => [r.key, r]));
  return (
    <Table.ScrollContainer minWidth={420}>
      <Table striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('planned.checklist')}</Table.Th>
            <Table.Th>{t('planned.result')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {w.checklist.map((item) => {
            const r = results.get(item.key);
            const out = w.outOfRange.includes(item.key);
            const answer = !r
              ? t('planned.noAnswer')
              : item.kind === 'yes_no'
                ? r.ok
                  ? t('planned.yes')
                  : t('planned.no')
                : `${format.number(r.value ?? 0)} ${item.unit ?? ''}`.trim();
            return (
              <Table.Tr key={item.key}>
                <Table.Td>
                  {item.label}
                  {item.kind === 'measure' && (item.min !== undefined || item.max !== undefined) && (
                    <Text size="xs" c="dimmed">
                      {t('planned.range', { min: item.min ?? '–', max: item.max ?? '–', unit: item.unit ?? '' })}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  {answer}{' '}
                  {out && (
                    <Badge color="orange" variant="light" tt="none" leftSection={<IconAlertTriangle size={12} aria-hidden />}>
                      {t('planned.outOfRangeShort')}
                    </Badge>
                  )}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
