import type { ReactNode } from 'react';
import { Group, Paper, Stack, Text, UnstyledButton } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import type { FigureDto, KpiFigureName } from '../../api/kpi';
import { useFormat } from '../../i18n/format';
import { useT } from '../../i18n/messages';
import { asPercent, judge, TARGETS } from './indicators';

/**
 * One figure as a card: the share as a percentage, numerator over denominator, "nessun dato" when
 * there is nothing to measure, red with "fuori obiettivo" (text, not colour alone) when it misses
 * the dashboard's target. The whole card is a button that opens the work orders behind it.
 */
export function FigureCard({
  figure,
  label,
  value,
  selected,
  onOpen,
}: {
  figure: KpiFigureName;
  label: string;
  value: FigureDto;
  selected: boolean;
  onOpen: () => void;
}) {
  const t = useT();
  const format = useFormat();
  const judgement = judge(figure, value.value);
  const target = TARGETS[figure];
  const shown = value.value === null ? t('indicators.noData') : format.percent(asPercent(value.value));
  const ratio = t('indicators.ratio', { numerator: format.integer(value.numerator), denominator: format.integer(value.denominator) });
  const targetText = target
    ? target.min !== undefined
      ? t('indicators.targetMin', { percent: format.percent(target.min * 100) })
      : t('indicators.targetMax', { percent: format.percent((target.max ?? 0) * 100) })
    : null;
  const status = judgement === 'bad' ? t('indicators.belowTarget') : judgement === 'good' ? t('indicators.onTarget') : null;
  return (
    <CardButton
      selected={selected}
      bad={judgement === 'bad'}
      onClick={onOpen}
      label={t('indicators.figureButton', { label, value: shown, ratio, status: status ?? targetText ?? '' })}
      testId={`figure-${figure}`}
    >
      <Text size="sm" fw={600}>
        {label}
      </Text>
      <Text fz={28} fw={700} lh={1.1} c={judgement === 'bad' ? 'red.9' : undefined} className="tabular-nums">
        {shown}
      </Text>
      <Text size="sm" c="dimmed" className="tabular-nums">
        {ratio}
      </Text>
      {judgement === 'bad' ? (
        <Group gap={4} c="red.9">
          <IconAlertTriangle size={16} aria-hidden />
          <Text size="sm" fw={600} c="red.9">
            {t('indicators.belowTarget')}
          </Text>
        </Group>
      ) : (
        targetText && (
          <Text size="xs" c="dimmed">
            {targetText}
          </Text>
        )
      )}
    </CardButton>
  );
}

/** A card that opens a drill-down: a real button, focusable and pressed while its list is shown. */
export function CardButton({
  selected,
  bad = false,
  onClick,
  label,
  testId,
  children,
}: {
  selected: boolean;
  bad?: boolean;
  onClick: () => void;
  label: string;
  testId?: string;
  children: ReactNode;
}) {
  return (
    <UnstyledButton onClick={onClick} aria-label={label} aria-pressed={selected} data-testid={testId} className="kpi-card">
      <Paper
        withBorder
        p="md"
        h="100%"
        style={{
          borderColor: bad ? 'var(--mantine-color-red-9)' : selected ? 'var(--mantine-primary-color-filled)' : undefined,
          borderWidth: bad || selected ? 2 : undefined,
        }}
      >
        <Stack gap={4}>{children}</Stack>
      </Paper>
    </UnstyledButton>
  );
}
