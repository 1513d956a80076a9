import { Badge } from '@mantine/core';
import type { DurcState, Statement, StatementState } from '../../api/statements';
import { useFormat } from '../../i18n/format';
import { useT } from '../../i18n/messages';

const DURC_COLOR: Record<DurcState, string> = { valid: 'green', expiring: 'orange', expired: 'red', missing: 'red' };

export function StatementStatusBadge({ status }: { status: StatementState }) {
  const t = useT();
  return (
    <Badge variant="light" color={status === 'approved' ? 'green' : 'gray'}>
      {t(`statements.states.${status}`)}
    </Badge>
  );
}

/** The contractor's DURC on the statement: its state and the last valid day. */
export function DurcBadge({ durc }: { durc: Statement['durc'] }) {
  const t = useT();
  const format = useFormat();
  return (
    <Badge variant="light" color={DURC_COLOR[durc.state]}>
      {durc.validUntil
        ? t(`statements.durcStates.${durc.state}`, { date: format.date(durc.validUntil) })
        : t('statements.durcStates.missing')}
    </Badge>
  );
}
