import { Button, Menu } from '@mantine/core';
import { IconCheck, IconLanguage } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { LANGUAGES } from '../api/types';
import { useT } from '../i18n/messages';
import { useChangeLanguage } from './useChangeLanguage';

/** Header language switch: a menu with the two languages, each named in its own language. */
export function LanguageMenu() {
  const t = useT();
  const { i18n } = useTranslation();
  const { change } = useChangeLanguage();
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button
          variant="subtle"
          color="white"
          c="white"
          leftSection={<IconLanguage size={18} aria-hidden />}
          aria-label={t('language.switchLabel', { language: t(`languages.${i18n.language === 'en' ? 'en' : 'it'}`) })}
          px="xs"
        >
          {i18n.language.toUpperCase()}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{t('language.label')}</Menu.Label>
        {LANGUAGES.map((lng) => (
          <Menu.Item
            key={lng}
            lang={lng}
            onClick={() => change(lng)}
            leftSection={lng === i18n.language ? <IconCheck size={16} aria-hidden /> : <span style={{ width: 16 }} />}
            aria-current={lng === i18n.language ? 'true' : undefined}
          >
            {t(`languages.${lng}`)}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}
