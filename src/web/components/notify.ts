import { notifications } from '@mantine/notifications';
import i18n from '../i18n';

type Kind = 'success' | 'info' | 'error';

const COLOR: Record<Kind, string | undefined> = { success: 'green', info: undefined, error: 'red' };

/** A short-lived message in the corner; its close button is labelled in the user's language. */
export function notify(message: string, kind: Kind = 'success', title?: string): void {
  notifications.show({
    color: COLOR[kind],
    title,
    message,
    withBorder: true,
    closeButtonProps: { 'aria-label': i18n.t('common.close') },
  });
}
