import { NumberInput, type NumberInputProps } from '@mantine/core';
import { useNumberSeparators } from '../../i18n/format';

/** A percentage 0–100 with up to two decimals. */
export function PercentInput(props: NumberInputProps) {
  const { decimalSeparator } = useNumberSeparators();
  return (
    <NumberInput
      decimalSeparator={decimalSeparator}
      thousandSeparator={false}
      decimalScale={2}
      min={0}
      max={100}
      clampBehavior="blur"
      allowNegative={false}
      hideControls
      inputMode="decimal"
      rightSection={<span aria-hidden>%</span>}
      {...props}
    />
  );
}
