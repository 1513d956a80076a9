import { DateInput, type DateInputProps } from '@mantine/dates';
import { useT } from '../../i18n/messages';
// Its CSS comes with the first date field, not with the login page (#12).
import '@mantine/dates/styles.layer.css';

/** A calendar date typed as DD/MM/YYYY or picked; the value is `YYYY-MM-DD`. */
export function DateField(props: DateInputProps) {
  const t = useT();
  return (
    <DateInput
      valueFormat="DD/MM/YYYY"
      placeholder={t('form.datePlaceholder')}
      clearable={!props.required}
      clearButtonProps={{ 'aria-label': t('common.clear') }}
      ariaLabels={{
        nextMonth: t('calendar.nextMonth'),
        previousMonth: t('calendar.previousMonth'),
        nextYear: t('calendar.nextYear'),
        previousYear: t('calendar.previousYear'),
        nextDecade: t('calendar.nextDecade'),
        previousDecade: t('calendar.previousDecade'),
        monthLevelControl: t('calendar.monthLevel'),
        yearLevelControl: t('calendar.yearLevel'),
      }}
      {...props}
    />
  );
}
