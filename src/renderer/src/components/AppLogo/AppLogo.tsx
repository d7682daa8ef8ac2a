import { Group, ThemeIcon, Title } from '@mantine/core';
import { IconShieldLock } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

/** The app's mark and name. */
export function AppLogo({ size = 'md' }: { size?: 'md' | 'lg' }) {
  const { t } = useTranslation();
  return (
    <Group gap="xs" wrap="nowrap">
      <ThemeIcon size={size === 'lg' ? 'xl' : 'lg'} radius="md" variant="filled" aria-hidden>
        <IconShieldLock size={size === 'lg' ? 26 : 20} stroke={1.8} />
      </ThemeIcon>
      <Title order={size === 'lg' ? 2 : 4} fw={650} style={{ whiteSpace: 'nowrap' }}>
        {t('app.name')}
      </Title>
    </Group>
  );
}
