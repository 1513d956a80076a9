import { useState } from 'react';
import { Autocomplete, Button, Group, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconLink, IconSearch, IconUnlink } from '@tabler/icons-react';
import { useCallers, type CallerDto } from '../../api/workflow';
import { useT } from '../../i18n/messages';

/** What the call center reads in the list: name, then how to reach them and where they work. */
export const callerLine = (c: CallerDto) => [c.displayName, c.phone, c.email, c.organisation].filter(Boolean).join(' · ');

/**
 * The call center's caller lookup: type a name, an e-mail or a phone number, pick the user with
 * the arrow keys and Enter. The picked user is linked to the ticket (its requester, who gets the
 * notices); `linked` shows who is linked now, with a button to undo it.
 */
export function CallerLookup({
  linked,
  onPick,
  onUnlink,
}: {
  linked: { id: string; label: string } | null;
  onPick: (caller: CallerDto) => void;
  onUnlink: () => void;
}) {
  const t = useT();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search, 250);
  const callers = useCallers(q);
  const items = callers.data?.items ?? [];
  // Autocomplete's options are strings: one line per user, unique by its id at the end of the key.
  const lines = new Map(items.map((c) => [callerLine(c), c]));
  return (
    <>
      <Autocomplete
        label={t('callers.lookup')}
        description={q.trim().length >= 2 && callers.isSuccess && items.length === 0 ? t('callers.none') : t('callers.lookupHint')}
        placeholder={t('callers.lookupPlaceholder')}
        leftSection={<IconSearch size={16} aria-hidden />}
        value={search}
        onChange={setSearch}
        data={[...lines.keys()]}
        filter={({ options }) => options}
        limit={20}
        autoComplete="off"
        comboboxProps={{ withinPortal: true }}
        onOptionSubmit={(line) => {
          const c = lines.get(line);
          if (c) onPick(c);
          setSearch('');
        }}
      />
      {linked && (
        <Group gap="sm" role="status">
          <IconLink size={16} aria-hidden />
          <Text size="sm">{t('callers.linked', { name: linked.label })}</Text>
          <Button variant="subtle" size="compact-sm" leftSection={<IconUnlink size={14} aria-hidden />} onClick={onUnlink}>
            {t('callers.unlink')}
          </Button>
        </Group>
      )}
    </>
  );
}
