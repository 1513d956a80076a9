import { Button, Divider, Group, Stack, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useT } from '../../i18n/messages';
import { arrangeActions } from './actions';
import { actionLabel } from './labels';

/**
 * The buttons of the actions the server offers now, and only those: the primary one first and
 * filled, the others plain, the destructive ones apart and red. On a phone they are big and stacked.
 */
export function ActionBar({ actions, onRun, label }: { actions: readonly string[]; onRun: (action: string) => void; label: string }) {
  const t = useT();
  const phone = useMediaQuery('(max-width: 47.99em)') === true;
  const { primary, secondary, destructive } = arrangeActions(actions);
  if (!primary && secondary.length === 0 && destructive.length === 0) {
    return (
      <Text size="sm" c="dimmed" role="note">
        {t('actions.none')}
      </Text>
    );
  }
  const size = phone ? 'lg' : 'sm';
  const Wrap = phone ? Stack : Group;
  return (
    <Wrap gap="sm" aria-label={label} role="group">
      {primary && (
        <Button size={size} fullWidth={phone} onClick={() => onRun(primary)}>
          {actionLabel(t, primary)}
        </Button>
      )}
      {secondary.map((a) => (
        <Button key={a} size={size} fullWidth={phone} variant="default" onClick={() => onRun(a)}>
          {actionLabel(t, a)}
        </Button>
      ))}
      {destructive.length > 0 && (primary || secondary.length > 0) && (
        <Divider orientation={phone ? 'horizontal' : 'vertical'} aria-hidden />
      )}
      {destructive.map((a) => (
        <Button key={a} size={size} fullWidth={phone} variant="outline" color="red" onClick={() => onRun(a)}>
          {actionLabel(t, a)}
        </Button>
      ))}
    </Wrap>
  );
}
