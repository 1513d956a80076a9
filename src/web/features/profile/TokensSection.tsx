import { useState } from 'react';
import { notify } from '../../components/notify';
import { Badge, Button, Group, Paper, Select, Stack, Table, Text, TextInput, Title, ScrollArea, VisuallyHidden } from '@mantine/core';
import { IconKey, IconPlus, IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { createToken, listTokens, revokeToken, tokensKey } from '../../api/me';
import type { ApiToken, CreatedApiToken } from '../../api/types';
import { ConfirmModal } from '../../components/ConfirmModal';
import { ProblemAlert } from '../../components/ProblemAlert';
import { fieldPath, isApiError } from '../../api/problem';
import { useFormat } from '../../i18n/format';
import { useT } from '../../i18n/messages';
import { NewTokenAlert } from './NewTokenAlert';

/** Token lifetimes offered (#7); the server takes 1–365 days, 90 when not told. */
const DAY_CHOICES = [7, 30, 90, 180, 365];
const DEFAULT_DAYS = 90;

/** Personal API tokens for integrations: list, create (shown once, with an expiry), revoke. */
export function TokensSection() {
  const t = useT();
  const format = useFormat();
  const queryClient = useQueryClient();
  const tokens = useQuery({ queryKey: tokensKey, queryFn: listTokens });
  const [name, setName] = useState('');
  const [days, setDays] = useState(String(DEFAULT_DAYS));
  // When the page opened: enough to mark tokens that had already expired.
  const [openedAt] = useState(() => Date.now());
  const [nameError, setNameError] = useState<string | null>(null);
  const [created, setCreated] = useState<CreatedApiToken | null>(null);
  const [revoking, setRevoking] = useState<ApiToken | null>(null);

  const create = useMutation({
    mutationFn: (tokenName: string) => createToken(tokenName, Number(days)),
    onSuccess: (token) => {
      setCreated(token);
      setName('');
      void queryClient.invalidateQueries({ queryKey: tokensKey });
    },
    onError: (error) => {
      const nameProblem = isApiError(error) ? error.errors.find((e) => e.field && fieldPath(e.field) === 'name') : undefined;
      if (nameProblem) setNameError(nameProblem.message);
    },
  });

  const revoke = useMutation({
    mutationFn: (token: ApiToken) => revokeToken(token.id),
    onSuccess: (_void, token) => {
      setRevoking(null);
      if (created?.id === token.id) setCreated(null);
      notify(t('tokens.revoked', { name: token.name }));
      void queryClient.invalidateQueries({ queryKey: tokensKey });
    },
  });

  const items = tokens.data?.items ?? [];

  return (
    <Paper withBorder p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby="tokens-title">
      <Stack gap="md">
        <Title order={2} size="h3" id="tokens-title">
          {t('tokens.title')}
        </Title>
        <Text size="sm">
          {t('tokens.description')} {t('account.tokens.passwordNote')}
        </Text>

        {created && <NewTokenAlert token={created} onDismiss={() => setCreated(null)} />}

        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            if (!name.trim()) {
              setNameError(t('form.required'));
              return;
            }
            setNameError(null);
            create.mutate(name.trim());
          }}
        >
          <Group align="flex-end" gap="sm">
            <TextInput
              label={t('tokens.name')}
              description={t('tokens.nameHint')}
              required
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              error={nameError}
              maxLength={100}
              style={{ flex: 1, minWidth: 220 }}
            />
            <Select
              label={t('account.tokens.expiry')}
              description={t('account.tokens.expiryHint')}
              required
              allowDeselect={false}
              data={DAY_CHOICES.map((d) => ({ value: String(d), label: t('account.tokens.days', { count: d }) }))}
              value={days}
              onChange={(v) => v && setDays(v)}
              w={200}
            />
            <Button type="submit" loading={create.isPending} leftSection={<IconPlus size={16} aria-hidden />}>
              {t('tokens.create')}
            </Button>
          </Group>
        </form>
        {create.isError && !nameError && <ProblemAlert error={create.error} />}

        {tokens.isError ? (
          <ProblemAlert error={tokens.error} />
        ) : tokens.isPending ? (
          <Text size="sm" c="dimmed">
            {t('common.loading')}
          </Text>
        ) : items.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('tokens.none')}
          </Text>
        ) : (
          <ScrollArea type="auto">
            <Table striped withTableBorder miw={680} aria-labelledby="tokens-title">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('tokens.name')}</Table.Th>
                  <Table.Th scope="col">{t('tokens.prefix')}</Table.Th>
                  <Table.Th scope="col">{t('tokens.createdAt')}</Table.Th>
                  <Table.Th scope="col">{t('tokens.lastUsedAt')}</Table.Th>
                  <Table.Th scope="col">{t('account.tokens.expiresAt')}</Table.Th>
                  <Table.Th scope="col">
                    <VisuallyHidden>{t('common.actions')}</VisuallyHidden>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((token) => (
                  <Table.Tr key={token.id}>
                    <Table.Td>
                      <Group gap={6} wrap="nowrap">
                        <IconKey size={16} aria-hidden />
                        {token.name}
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      <code>{token.prefix}…</code>
                    </Table.Td>
                    <Table.Td>{format.dateTime(token.createdAt)}</Table.Td>
                    <Table.Td>{token.lastUsedAt ? format.dateTime(token.lastUsedAt) : t('tokens.neverUsed')}</Table.Td>
                    <Table.Td>
                      {token.expiresAt && Date.parse(token.expiresAt) <= openedAt ? (
                        <Badge color="gray" variant="light">
                          {t('account.tokens.expired')}
                        </Badge>
                      ) : (
                        format.dateTime(token.expiresAt)
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Button
                        size="xs"
                        variant="outline"
                        color="red"
                        leftSection={<IconTrash size={14} aria-hidden />}
                        onClick={() => {
                          revoke.reset();
                          setRevoking(token);
                        }}
                        aria-label={t('tokens.revokeNamed', { name: token.name })}
                      >
                        {t('tokens.revoke')}
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollArea>
        )}
      </Stack>
      <ConfirmModal
        opened={revoking !== null}
        onClose={() => setRevoking(null)}
        title={t('tokens.revokeTitle', { name: revoking?.name ?? '' })}
        message={t('tokens.revokeMessage')}
        confirmLabel={t('tokens.revoke')}
        danger
        loading={revoke.isPending}
        error={revoke.isError ? <ProblemAlert error={revoke.error} /> : null}
        onConfirm={() => revoking && revoke.mutate(revoking)}
      />
    </Paper>
  );
}
