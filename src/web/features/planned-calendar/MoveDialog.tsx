import { useState } from 'react';
import { Anchor, Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { Link } from 'react-router';
import type { PlannedWorkItem } from '../../api/planned';
import { DateField } from '../../components/inputs/DateField';
import { useFormat } from '../../i18n/format';
import { useT } from '../../i18n/messages';
import { LateBadge, PlannedStatusBadge, ProgramStatusBadge, windowText } from '../programs/labels';

export type MoveMode = 'program' | 'workOrder' | null;

/** An activity's details, and — for who may — a date field to move it (the keyboard way of dragging). */
export function MoveDialog({
  item,
  mode,
  initialDate,
  onMove,
  onClose,
}: {
  item: PlannedWorkItem;
  mode: MoveMode;
  initialDate?: string;
  onMove: (date: string, reason: string) => void;
  onClose: () => void;
}) {
  const t = useT();
  const format = useFormat();
  const [date, setDate] = useState<string | null>(initialDate ?? item.date);
  const [reason, setReason] = useState('');
  const [touched, setTouched] = useState(false);
  const needsReason = mode === 'workOrder';
  const reasonMissing = needsReason && reason.trim() === '';
  const submit = () => {
    setTouched(true);
    if (!date || reasonMissing || date === item.date) return;
    onMove(date, reason.trim());
    onClose();
  };
  return (
    <Modal
      opened
      onClose={onClose}
      title={mode ? t('planned.calendar.moveTitle', { activity: item.activity }) : item.activity}
      size="lg"
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <Stack gap="md">
        <Stack gap={4}>
          <Text size="sm">
            <strong>{t('planned.fields.activity')}:</strong> {item.activity}
            {item.assetName ? ` · ${item.assetName}` : ''}
          </Text>
          <Text size="sm">
            <strong>{t('planned.fields.building')}:</strong> {item.buildingName}
          </Text>
          <Text size="sm">
            <strong>{t('planned.fields.date')}:</strong> {format.dayLong(item.date)} · {windowText(t, item.windowFrom, item.windowTo)}
          </Text>
          <Text size="sm">
            <strong>{t('planned.fields.technician')}:</strong> {item.technician ?? t('planned.noTechnician')}
          </Text>
          <Group gap="xs">
            {item.workOrderStatus ? (
              <PlannedStatusBadge status={item.workOrderStatus} t={t} />
            ) : item.programStatus ? (
              <ProgramStatusBadge status={item.programStatus} t={t} size="sm" />
            ) : null}
            {item.late && <LateBadge t={t} />}
          </Group>
          <Group gap="md">
            {item.workOrderId && (
              <Anchor component={Link} to={`/work-orders/${item.workOrderId}`} size="sm">
                {t('planned.calendar.openWorkOrder')}
                {item.workOrderNumber ? ` ${item.workOrderNumber}` : ''}
              </Anchor>
            )}
            {item.programId && (
              <Anchor component={Link} to={`/programs/${item.programId}`} size="sm">
                {t('planned.calendar.openProgram')}
              </Anchor>
            )}
          </Group>
        </Stack>
        {mode && (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              submit();
            }}
          >
            <Stack gap="sm">
              <DateField label={t('planned.fields.newDate')} value={date} onChange={(v) => setDate(v)} required />
              {needsReason && (
                <Textarea
                  label={t('planned.fields.reason')}
                  description={t('planned.calendar.reasonRequired')}
                  withAsterisk
                  aria-required
                  autosize
                  minRows={2}
                  value={reason}
                  onChange={(e) => setReason(e.currentTarget.value)}
                  error={touched && reasonMissing ? t('form.required') : undefined}
                />
              )}
              <Group justify="flex-end" gap="sm">
                <Button variant="default" onClick={onClose}>
                  {t('common.cancel')}
                </Button>
                <Button type="submit">{t('planned.calendar.move')}</Button>
              </Group>
            </Stack>
          </form>
        )}
      </Stack>
    </Modal>
  );
}
