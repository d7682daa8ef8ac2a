import { Button, Group } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** A dialog's footer, right-aligned: Cancel (or `cancelLabel`), then the primary action given as children. */
export function ModalActions({ onCancel, cancelLabel, children }: { onCancel(): void; cancelLabel?: string; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Group justify="flex-end">
      <Button variant="default" onClick={onCancel}>
        {cancelLabel ?? t('actions.cancel')}
      </Button>
      {children}
    </Group>
  );
}
