import { useState } from 'react';
import { Alert, Button, Group, List, Loader, NativeSelect, Stack, Text } from '@mantine/core';
import { InstantField } from '../../components/inputs/InstantField';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useFormat } from '../../i18n/format';
import { useT } from '../../i18n/messages';
import { CLOCKS, PRIORITIES, useSlaPreview, type Limits } from './api';

/**
 * "A ticket opened now with priority urgent …": the due instants the server computes with the
 * contract's real calendar (working week, holidays, patron saint, closures) for the table in force
 * at the chosen instant (now by default; a version saved for a later day counts from that day), or
 * the draft being edited. Nothing of the deadline arithmetic runs in the browser.
 */
export function SlaPreview({
  contractId,
  limits,
  draftInvalid,
  draftFrom = null,
}: {
  contractId: string;
  limits: Limits | null;
  draftInvalid: boolean;
  /** The day the draft would take effect (YYYY-MM-DD), named above its preview. */
  draftFrom?: string | null;
}) {
  const t = useT();
  const format = useFormat();
  const [siteId, setSiteId] = useState<string | null>(null);
  const [at, setAt] = useState<string | null>(null);
  // Remounts the instant field when cleared ("now"), so its day and time empty too.
  const [atKey, setAtKey] = useState(0);
  const preview = useSlaPreview(contractId, limits, siteId, !draftInvalid, at);
  const data = preview.data;
  const opened = data && at ? t('adminSla.preview.openedAt', { at: format.dateTime(data.at) }) : t('adminSla.preview.openedNow');

  return (
    <Stack gap={6} component="section" aria-labelledby="sla-preview-title">
      <Text fw={700} size="sm" component="h3" m={0} id="sla-preview-title">
        {limits ? t('adminSla.preview.titleDraft') : t('adminSla.preview.title')}
      </Text>
      <Group align="flex-end" gap="sm">
        <InstantField key={atKey} label={t('adminSla.preview.at')} description={t('adminSla.preview.atHint')} value={at} onChange={setAt} />
        {at && (
          <Button
            variant="default"
            onClick={() => {
              setAt(null);
              setAtKey((k) => k + 1);
            }}
          >
            {t('adminSla.preview.atNow')}
          </Button>
        )}
      </Group>
      {data && data.sites.length > 1 && (
        <NativeSelect
          label={t('adminSla.preview.site')}
          w={320}
          data={data.sites.map((s) => ({ value: s.id, label: `${s.code} · ${s.name}` }))}
          value={data.site?.id ?? ''}
          onChange={(e) => setSiteId(e.currentTarget.value)}
        />
      )}
      {draftInvalid && (
        <Alert variant="light" color="yellow">
          {t('adminSla.preview.fixCells')}
        </Alert>
      )}
      {preview.isError ? (
        <ProblemAlert error={preview.error} />
      ) : !data ? (
        <Loader size="sm" aria-label={t('common.loading')} />
      ) : (
        <>
          <Text size="sm" data-testid="sla-preview-version">
            {limits
              ? draftFrom
                ? t('adminSla.preview.usingDraft', { date: format.date(draftFrom) })
                : t('adminSla.preview.usingDraftNoDate')
              : data.slaVersion && data.slaVersion.number > 0
                ? t('adminSla.preview.usingVersion', { number: data.slaVersion.number, at: format.dateTime(data.slaVersion.effectiveFrom) })
                : t('adminSla.preview.usingDefaults')}
          </Text>
          <Text size="sm" c="dimmed">
            {data.site
              ? t('adminSla.preview.calendarOf', { site: `${data.site.code} · ${data.site.name}` })
              : t('adminSla.preview.calendarNoSite')}
          </Text>
          <List size="sm" spacing={4} aria-live="polite" data-testid="sla-preview">
            {PRIORITIES.map((p) => {
              const parts = CLOCKS.flatMap((c) => {
                const item = data.items.find((i) => i.priority === p && i.clock === c);
                return item?.dueAt ? [t(`adminSla.preview.parts.${c}`, { at: format.dateTime(item.dueAt) })] : [];
              });
              const priority = t(`priority.${p}`).toLowerCase();
              return (
                <List.Item key={p}>
                  {parts.length
                    ? t('adminSla.preview.sentence', { priority, opened, parts: parts.join(', ') })
                    : t('adminSla.preview.noClock', { priority, opened })}
                </List.Item>
              );
            })}
          </List>
        </>
      )}
    </Stack>
  );
}
