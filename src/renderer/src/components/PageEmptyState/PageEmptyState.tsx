import { EmptyState, Paper, Text } from '@mantine/core';
import type { ReactNode } from 'react';

/** An honest empty state: what will fill this place, and what to do next. */
export function PageEmptyState({
  icon,
  title,
  description,
  nextStep,
  actions,
  color,
  testId,
}: {
  icon: ReactNode;
  title: string;
  description: string;
  nextStep?: string;
  actions?: ReactNode;
  color?: string;
  testId?: string;
}) {
  return (
    <Paper radius="lg" py={48} px="xl" data-testid={testId ?? 'empty-state'}>
      <EmptyState icon={icon} title={title} variant="light" color={color} size="md">
        <EmptyState.Description maw={560}>{description}</EmptyState.Description>
        {nextStep && (
          <Text size="sm" fw={500} ta="center" maw={560} data-testid="empty-state-next-step">
            {nextStep}
          </Text>
        )}
        {actions && <EmptyState.Actions>{actions}</EmptyState.Actions>}
      </EmptyState>
    </Paper>
  );
}
