import { useState } from 'react';
import { CloseButton, TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useT } from '../i18n/messages';

interface SearchInputProps {
  label: string;
  description?: string;
  value: string;
  onChange: (value: string) => void;
}

/** A search box that reports what was typed after a short pause. */
export function SearchInput({ label, description, value, onChange }: SearchInputProps) {
  const t = useT();
  const [text, setText] = useState(value);
  const report = useDebouncedCallback((next: string) => onChange(next.trim()), 300);
  return (
    <TextInput
      type="search"
      label={label}
      description={description}
      value={text}
      onChange={(e) => {
        setText(e.currentTarget.value);
        report(e.currentTarget.value);
      }}
      onKeyDown={(e) => {
        if (e.key === 'Enter') onChange(text.trim());
      }}
      leftSection={<IconSearch size={16} aria-hidden />}
      rightSection={
        text ? (
          <CloseButton
            size="sm"
            aria-label={t('list.clearSearch')}
            onClick={() => {
              setText('');
              onChange('');
            }}
          />
        ) : null
      }
      miw={220}
    />
  );
}
