import { useCallback, useEffect, useRef, useState } from 'react';
import { Button, Group, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import i18n from '../../i18n';

/** How long a move waits for "Annulla" before it is saved. */
export const UNDO_MS = 5_000;

export interface PendingMove {
  key: string;
  date: string;
  label: string;
  save: () => Promise<void>;
}

/**
 * Moves shown at once but saved only when their notification closes (after UNDO_MS, or closed by
 * hand): "Annulla" drops the move before anything reaches the server, so nothing is ever saved
 * and then reverted. Leaving the page saves what is still pending.
 */
export function usePendingMoves(onSaved: (move: PendingMove) => void, onError: (error: unknown) => void) {
  const [pending, setPending] = useState<Record<string, string>>({});
  const moves = useRef(new Map<string, { move: PendingMove; undone: boolean }>());
  const callbacks = useRef({ onSaved, onError });
  useEffect(() => {
    callbacks.current = { onSaved, onError };
  });

  const commit = useCallback(async (id: string) => {
    const entry = moves.current.get(id);
    if (!entry) return;
    moves.current.delete(id);
    if (!entry.undone) {
      try {
        await entry.move.save();
        callbacks.current.onSaved(entry.move);
      } catch (error) {
        callbacks.current.onError(error);
      }
    }
    setPending((p) => {
      const { [entry.move.key]: _drop, ...rest } = p;
      return rest;
    });
  }, []);

  const propose = useCallback(
    (move: PendingMove) => {
      const id = `move-${move.key}-${Date.now()}`;
      moves.current.set(id, { move, undone: false });
      setPending((p) => ({ ...p, [move.key]: move.date }));
      const undo = () => {
        const entry = moves.current.get(id);
        if (entry) entry.undone = true;
        notifications.hide(id);
      };
      notifications.show({
        id,
        autoClose: UNDO_MS,
        withBorder: true,
        closeButtonProps: { 'aria-label': i18n.t('common.close') },
        onClose: () => void commit(id),
        message: (
          <Group gap="sm" wrap="nowrap" justify="space-between">
            <Text size="sm">{move.label}</Text>
            <Button size="xs" variant="default" onClick={undo}>
              {i18n.t('planned.calendar.undo')}
            </Button>
          </Group>
        ),
      });
    },
    [commit],
  );

  // Leaving the page: what is still waiting is saved now (the user did not undo it).
  useEffect(() => {
    const current = moves.current;
    return () => {
      for (const id of [...current.keys()]) {
        void commit(id);
        notifications.hide(id);
      }
    };
  }, [commit]);

  return { pending, propose };
}
