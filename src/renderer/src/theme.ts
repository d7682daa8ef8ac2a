/** The one Mantine theme: colours, type and component defaults for the whole app. */
import {
  ActionIcon,
  Alert,
  AppShell,
  Badge,
  Button,
  Card,
  Drawer,
  Loader,
  Modal,
  NavLink,
  Notification,
  Paper,
  PasswordInput,
  Select,
  Table,
  TextInput,
  Title,
  Tooltip,
  createTheme,
} from '@mantine/core';

/** The app theme (light and dark from the same tokens). */
export const theme = createTheme({
  primaryColor: 'indigo',
  primaryShade: { light: 6, dark: 5 },
  autoContrast: true,
  defaultRadius: 'md',
  cursorType: 'pointer',
  fontFamily:
    'Inter, "Segoe UI", system-ui, -apple-system, "Helvetica Neue", Arial, "Noto Sans", "Liberation Sans", sans-serif',
  fontFamilyMonospace: 'ui-monospace, "Cascadia Code", "Source Code Pro", Menlo, Consolas, "DejaVu Sans Mono", monospace',
  headings: { fontWeight: '650' },
  components: {
    ActionIcon: ActionIcon.extend({ defaultProps: { variant: 'subtle', color: 'gray' } }),
    Alert: Alert.extend({ defaultProps: { variant: 'light' } }),
    AppShell: AppShell.extend({ defaultProps: { padding: 'lg' } }),
    Badge: Badge.extend({ defaultProps: { variant: 'light', radius: 'sm' } }),
    Button: Button.extend({ defaultProps: { radius: 'md' } }),
    Card: Card.extend({ defaultProps: { withBorder: true, padding: 'lg' } }),
    Drawer: Drawer.extend({ styles: { title: { fontWeight: 650, fontSize: 'var(--mantine-font-size-lg)' } } }),
    Loader: Loader.extend({ defaultProps: { type: 'dots' } }),
    Modal: Modal.extend({
      defaultProps: { centered: true, overlayProps: { backgroundOpacity: 0.45, blur: 2 } },
      styles: { title: { fontWeight: 650, fontSize: 'var(--mantine-font-size-lg)' } },
    }),
    NavLink: NavLink.extend({ defaultProps: { variant: 'light' } }),
    Notification: Notification.extend({ defaultProps: { withBorder: true } }),
    Paper: Paper.extend({ defaultProps: { withBorder: true } }),
    PasswordInput: PasswordInput.extend({ defaultProps: { autoComplete: 'current-password' } }),
    Select: Select.extend({ defaultProps: { allowDeselect: false, comboboxProps: { shadow: 'md' } } }),
    Table: Table.extend({ defaultProps: { highlightOnHover: true, verticalSpacing: 'sm' } }),
    TextInput: TextInput.extend({ defaultProps: { spellCheck: false } }),
    // Headings in the brightest text colour: full contrast in dark mode too.
    Title: Title.extend({ defaultProps: { c: 'bright' } }),
    Tooltip: Tooltip.extend({ defaultProps: { withArrow: true, openDelay: 300 } }),
  },
});
