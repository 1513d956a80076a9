import { Alert, List } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { isApiError } from '../api/problem';
import { useT } from '../i18n/messages';
import { problemMessage } from './problemMessage';

interface ProblemAlertProps {
  error: unknown;
  /** Field errors already shown next to their fields are left out of the list. */
  shownFields?: ReadonlySet<string>;
  title?: string;
}

/** A server problem in words: its detail, and the field errors that have no field on screen. */
export function ProblemAlert({ error, shownFields, title }: ProblemAlertProps) {
  const t = useT();
  if (!error) return null;
  const rest = isApiError(error) ? error.errors.filter((e) => e.field === undefined || !shownFields?.has(e.field)) : [];
  return (
    <Alert color="red" variant="light" role="alert" icon={<IconAlertTriangle aria-hidden />} title={title ?? t('errors.title')}>
      {problemMessage(error, t)}
      {rest.length > 0 && (
        <List size="sm" mt="xs">
          {rest.map((e, i) => (
            <List.Item key={`${e.field ?? ''}-${i}`}>{e.message}</List.Item>
          ))}
        </List>
      )}
    </Alert>
  );
}
