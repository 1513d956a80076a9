import { useState } from 'react';
import { Badge, Button, Group, Paper, ScrollArea, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { IconLogout, IconX } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { listSessions, revokeOtherSessions, revokeSession, sessionsKey } from '../../api/account';
import type { OwnSession } from '../../api/types';
import { ConfirmModal } from '../../components/ConfirmModal';
import { notify } from '../../components/notify';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useFormat } from '../../i18n/format';
import { useT } from '../../i18n/messages';

const BROWSERS: Array<[RegExp, string]> = [
  [/Edg\//, 'Edge'],
  [/Firefox\//, 'Firefox'],
  [/Chrom(e|ium)\//, 'Chrome'],
  [/Safari\//, 'Safari'],
];
const SYSTEMS: Array<[RegExp, string]> = [
  [/Android/, 'Android'],
  [/iPhone|iPad/, 'iOS'],
  [/Windows/, 'Windows'],
  [/Mac OS X|Macintosh/, 'macOS'],
  [/Linux/, 'Linux'],
];

/** "Firefox · Windows" from a User-Agent header; the header itself when nothing is recognised. */
export function describeAgent(ua: string): string {
  const browser = BROWSERS.find(([re]) => re.test(ua))?.[1];
  const system = SYSTEMS.find(([re]) => re.test(ua))?.[1];
  return browser || system ? [browser, system].filter(Boolean).join(' · ') : ua;
}

/** Own open sessions (#7): recognise them, close one, or all but this one. */
export function SessionsSection() {
  const t = useT();
  const format = useFormat();
  const queryClient = useQueryClient();
  const sessions = useQuery({ queryKey: sessionsKey, queryFn: listSessions });
  const [closing, setClosing] = useState<OwnSession | null>(null);
  const [closingOthers, setClosingOthers] = useState(false);

  const revoke = useMutation({
    mutationFn: (s: OwnSession) => revokeSession(s.id),
    onSuccess: () => {
      setClosing(null);
      notify(t('account.sessions.revoked'));
      void queryClient.invalidateQueries({ queryKey: sessionsKey });
    },
  });
  const revokeOthers = useMutation({
    mutationFn: revokeOtherSessions,
    onSuccess: (r) => {
      setClosingOthers(false);
      notify(t('account.sessions.revokedOthers', { count: r.revoked }));
      void queryClient.invalidateQueries({ queryKey: sessionsKey });
    },
  });

  const items = sessions.data?.items ?? [];
  const others = items.filter((s) => !s.current);

  return (
    <Paper withBorder p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby="sessions-title">
      <Stack gap="md">
        <Title order={2} size="h3" id="sessions-title">
          {t('account.sessions.title')}
        </Title>
        <Text size="sm">{t('account.sessions.description')}</Text>
        {sessions.isError ? (
          <ProblemAlert error={sessions.error} />
        ) : sessions.isPending ? (
          <Text size="sm" c="dimmed">
            {t('common.loading')}
          </Text>
        ) : (
          <ScrollArea type="auto">
            <Table striped withTableBorder miw={640} aria-labelledby="sessions-title">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('account.sessions.device')}</Table.Th>
                  <Table.Th scope="col">{t('account.sessions.address')}</Table.Th>
                  <Table.Th scope="col">{t('account.sessions.createdAt')}</Table.Th>
                  <Table.Th scope="col">{t('account.sessions.lastSeenAt')}</Table.Th>
                  <Table.Th scope="col">
                    <VisuallyHidden>{t('common.actions')}</VisuallyHidden>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((s) => (
                  <Table.Tr key={s.id}>
                    <Table.Td>
                      <Group gap={6} wrap="nowrap">
                        <span title={s.userAgent ?? undefined}>
                          {s.userAgent ? describeAgent(s.userAgent) : t('account.sessions.unknown')}
                        </span>
                        {s.current && (
                          <Badge variant="light" color="green" size="sm">
                            {t('account.sessions.current')}
                          </Badge>
                        )}
                      </Group>
                    </Table.Td>
                    <Table.Td>{s.clientAddress ?? t('account.sessions.unknown')}</Table.Td>
                    <Table.Td>{format.dateTime(s.createdAt)}</Table.Td>
                    <Table.Td>{s.lastSeenAt ? format.dateTime(s.lastSeenAt) : t('account.sessions.unknown')}</Table.Td>
                    <Table.Td>
                      {!s.current && (
                        <Button
                          size="xs"
                          variant="outline"
                          color="red"
                          leftSection={<IconX size={14} aria-hidden />}
                          onClick={() => {
                            revoke.reset();
                            setClosing(s);
                          }}
                          aria-label={t('account.sessions.revokeNamed', { date: format.dateTime(s.createdAt) })}
                        >
                          {t('account.sessions.revoke')}
                        </Button>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollArea>
        )}
        {sessions.isSuccess &&
          (others.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('account.sessions.onlyThis')}
            </Text>
          ) : (
            <div>
              <Button
                variant="outline"
                color="red"
                leftSection={<IconLogout size={16} aria-hidden />}
                onClick={() => {
                  revokeOthers.reset();
                  setClosingOthers(true);
                }}
              >
                {t('account.sessions.revokeOthers')}
              </Button>
            </div>
          ))}
      </Stack>
      <ConfirmModal
        opened={closing !== null}
        onClose={() => setClosing(null)}
        title={t('account.sessions.revokeTitle')}
        message={t('account.sessions.revokeMessage')}
        confirmLabel={t('account.sessions.revoke')}
        danger
        loading={revoke.isPending}
        error={revoke.isError ? <ProblemAlert error={revoke.error} /> : null}
        onConfirm={() => closing && revoke.mutate(closing)}
      />
      <ConfirmModal
        opened={closingOthers}
        onClose={() => setClosingOthers(false)}
        title={t('account.sessions.revokeOthersTitle')}
        message={t('account.sessions.revokeOthersMessage')}
        confirmLabel={t('account.sessions.revokeOthers')}
        danger
        loading={revokeOthers.isPending}
        error={revokeOthers.isError ? <ProblemAlert error={revokeOthers.error} /> : null}
        onConfirm={() => revokeOthers.mutate()}
      />
    </Paper>
  );
}
