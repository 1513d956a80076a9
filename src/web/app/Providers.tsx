import type { ReactNode } from 'react';
import { MantineProvider } from '@mantine/core';
import { DatesProvider } from '@mantine/dates';
import { Notifications } from '@mantine/notifications';
import { QueryClientProvider } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { cssVariablesResolver, theme } from './theme';
import { queryClient } from './queryClient';
import { dayjsLocaleOf } from '../i18n';

export function Providers({ children }: { children: ReactNode }) {
  const { i18n } = useTranslation();
  return (
    <QueryClientProvider client={queryClient}>
      <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} forceColorScheme="light">
        <DatesProvider settings={{ locale: dayjsLocaleOf(i18n.language), firstDayOfWeek: 1, consistentWeeks: true }}>
          <Notifications position="top-right" limit={4} />
          {children}
        </DatesProvider>
      </MantineProvider>
    </QueryClientProvider>
  );
}
