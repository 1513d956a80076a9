import { SegmentedControl, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, type Language } from '../../api/types';
import { isLanguage } from '../../i18n';
import { useT } from '../../i18n/messages';
import { useChangeLanguage } from '../../app/useChangeLanguage';

/** Language switch as a labelled radio group (login and profile pages). */
export function LanguageSelect({ onChange }: { onChange?: (language: Language) => void }) {
  const t = useT();
  const { i18n } = useTranslation();
  const { change } = useChangeLanguage();
  return (
    <Stack gap={4} align="center">
      <Text id="language-select-label" size="sm" fw={600}>
        {t('language.label')}
      </Text>
      <SegmentedControl
        aria-labelledby="language-select-label"
        value={i18n.language}
        onChange={(value) => {
          if (!isLanguage(value)) return;
          change(value);
          onChange?.(value);
        }}
        data={LANGUAGES.map((lng) => ({ value: lng, label: <span lang={lng}>{t(`languages.${lng}`)}</span> }))}
      />
    </Stack>
  );
}
