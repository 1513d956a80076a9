import type { ReactNode } from 'react';
import { Box } from '@mantine/core';

/**
 * A wide table on a narrow screen scrolls sideways inside this box, never the page. The box is a
 * named region that takes keyboard focus, so the arrow keys can scroll it too.
 */
export function ScrollBox({ label, minWidth, children }: { label: string; minWidth: number; children: ReactNode }) {
  return (
    <Box role="region" aria-label={label} tabIndex={0} style={{ overflowX: 'auto', maxWidth: '100%' }}>
      <Box miw={minWidth}>{children}</Box>
    </Box>
  );
}
