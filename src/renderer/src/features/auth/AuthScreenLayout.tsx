import { Box, Center, Group, Paper, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { AppLogo } from '../../components/AppLogo/AppLogo';
import { ColorSchemeToggle } from '../../components/ColorSchemeToggle/ColorSchemeToggle';
import { LanguageSwitch } from '../../components/LanguageSwitch/LanguageSwitch';

/** The frame of the first-run, sign-in and lock screens: logo, one card, language and colour scheme. */
export function AuthScreenLayout({ title, subtitle, children, testId }: { title: string; subtitle?: string; children: ReactNode; testId: string }) {
  return (
    <Box mih="100vh" bg="var(--mantine-color-default-hover)" data-testid={testId}>
      <Group justify="flex-end" p="md" gap="sm">
        <LanguageSwitch />
        <ColorSchemeToggle />
      </Group>
      <Center px="md" pb={64} pt="xl">
        <Stack w="100%" maw={440} gap="lg">
          <Center>
            <AppLogo size="lg" />
          </Center>
          <Paper radius="lg" p="xl" shadow="sm">
            <Stack gap="md">
              <Stack gap={4}>
                <Text component="h1" fz="xl" fw={650} m={0}>
                  {title}
                </Text>
                {subtitle && (
                  <Text size="sm" c="dimmed">
                    {subtitle}
                  </Text>
                )}
              </Stack>
              {children}
            </Stack>
          </Paper>
        </Stack>
      </Center>
    </Box>
  );
}
