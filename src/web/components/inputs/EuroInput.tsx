import { NumberInput, type NumberInputProps } from '@mantine/core';
import { useNumberSeparators } from '../../i18n/format';

/** A euro amount with two decimals, in the user's number format; the form keeps euros, the API cents. */
export function EuroInput(props: Omit<NumberInputProps, 'decimalScale' | 'fixedDecimalScale'>) {
  const separators = useNumberSeparators();
  return (
    <NumberInput
      {...separators}
      decimalScale={2}
      fixedDecimalScale
      allowNegative={false}
      hideControls
      inputMode="decimal"
      leftSection={<span aria-hidden>€</span>}
      {...props}
    />
  );
}
