import { Center, SegmentedControl, Tooltip, VisuallyHidden, useMantineColorScheme, type MantineColorScheme } from '@mantine/core';
import { IconDeviceDesktop, IconMoon, IconSun } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

const OPTIONS: { value: MantineColorScheme; icon: typeof IconSun; label: 'light' | 'dark' | 'system' }[] = [
  { value: 'light', icon: IconSun, label: 'light' },
  { value: 'dark', icon: IconMoon, label: 'dark' },
  { value: 'auto', icon: IconDeviceDesktop, label: 'system' },
];

/** Light / dark / system colour scheme; Mantine's colorSchemeManager keeps the choice in localStorage. */
export function ColorSchemeToggle() {
  const { t } = useTranslation();
  const { colorScheme, setColorScheme } = useMantineColorScheme();
  return (
    <SegmentedControl
      size="xs"
      radius="md"
      value={colorScheme}
      onChange={(value) => setColorScheme(value as MantineColorScheme)}
      aria-label={t('colorScheme.label')}
      data-testid="color-scheme-toggle"
      data-color-scheme={colorScheme}
      data={OPTIONS.map(({ value, icon: Icon, label }) => ({
        value,
        label: (
          <Tooltip label={t(`colorScheme.${label}`)}>
            <Center style={{ minWidth: 18 }} data-testid={`color-scheme-${label}`}>
              <Icon size={16} stroke={1.8} aria-hidden />
              <VisuallyHidden>{t(`colorScheme.${label}`)}</VisuallyHidden>
            </Center>
          </Tooltip>
        ),
      }))}
    />
  );
}
