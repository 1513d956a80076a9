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
  // The value comes from the URL: when it changes to something this box did not send (filters
  // cleared, back button), the box shows it; its own reports never overwrite what is being typed.
  const [seen, setSeen] = useState(value);
  const [sent, setSent] = useState(value);
  if (value !== seen) {
    setSeen(value);
    if (value !== sent) {
      setSent(value);
      setText(value);
    }
  }
  const send = (next: string) => {
    setSent(next.trim());
    onChange(next.trim());
  };
  const report = useDebouncedCallback(send, 300);
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
        if (e.key === 'Enter') send(text);
      }}
      leftSection={<IconSearch size={16} aria-hidden />}
      rightSection={
        text ? (
          <CloseButton
            size="sm"
            aria-label={t('list.clearSearch')}
            onClick={() => {
              setText('');
              send('');
            }}
          />
        ) : null
      }
      miw={220}
    />
  );
}
