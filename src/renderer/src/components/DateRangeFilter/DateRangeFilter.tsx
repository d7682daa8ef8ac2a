import { DatePickerInput, type DatesRangeValue } from '@mantine/dates';
import { IconCalendar } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

/** A filter bar's date range (ISO days, either end may stay open), in the UI's language. */
export function DateRangeFilter({
  label,
  placeholder,
  value,
  onChange,
  width,
  testId,
}: {
  label: string;
  placeholder: string;
  value: DatesRangeValue<string>;
  onChange(range: DatesRangeValue<string>): void;
  width: number;
  testId: string;
}) {
  const { i18n } = useTranslation();
  // Mantine types the value by the input's configuration; with string values it is this range.
  function change(range: unknown) {
    onChange(range as DatesRangeValue<string>);
  }
  return (
    <DatePickerInput
      type="range"
      label={label}
      placeholder={placeholder}
      leftSection={<IconCalendar size={16} />}
      value={value}
      onChange={change}
      locale={i18n.language}
      valueFormat="YYYY-MM-DD"
      clearable
      allowSingleDateInRange
      w={width}
      data-testid={testId}
    />
  );
}
