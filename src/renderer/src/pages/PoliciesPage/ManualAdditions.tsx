import { ActionIcon, Badge, Button, Group, Modal, NumberInput, Paper, Stack, Table, Text, Textarea, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconUserMinus, IconUserPlus } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { PersonView, PolicyView } from '../../../../shared/contract';
import { useApiMutation } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert/ErrorAlert';
import { useSession } from '../../features/auth/session';
import { PersonPicker } from '../../features/persons/PersonPicker';
import { formatDate } from '../../format';
import { ModalActions } from '../../components/ModalActions/ModalActions';

/** The bounds of a manual addition (DOMAIN.md §5: 5–30 days). */
export const MANUAL_DAYS = { min: 5, max: 30, default: 14 } as const;
const REASON_MIN = 3;

/**
 * People added to a policy by hand: the current additions with their window, reason and who added
 * them (removable), and a form to add more for 5–30 days with a reason (scoring skips the trigger).
 */
export function ManualAdditionsModal({ policy, onClose, now = Date.now() }: { policy: PolicyView | null; onClose(): void; now?: number }) {
  const { t, i18n } = useTranslation();
  const session = useSession();
  const canSearch = session.permissions.includes('viewUsers');
  const [chosen, setChosen] = useState<PersonView[]>([]);
  const [days, setDays] = useState<number | string>(MANUAL_DAYS.default);
  const [reason, setReason] = useState('');
  const [tried, setTried] = useState(false);
  // A new key empties the picker's search after people were added.
  const [pickerKey, setPickerKey] = useState(0);
  const reset = () => {
    setPickerKey((key) => key + 1);
    setChosen([]);
    setDays(MANUAL_DAYS.default);
    setReason('');
    setTried(false);
  };
  const add = useApiMutation('policies.addPersons', {
    onSuccess: (result) => {
      notifications.show({ color: 'teal', message: t('policies.manual.added', { count: result.added, name: policy?.name ?? '' }) });
      reset();
    },
  });
  const remove = useApiMutation('policies.removePerson', {
    onSuccess: () => notifications.show({ color: 'teal', message: t('policies.manual.removed', { name: policy?.name ?? '' }) }),
  });
  const close = () => {
    reset();
    add.reset();
    remove.reset();
    onClose();
  };

  const dayCount = typeof days === 'number' ? days : Number.NaN;
  const errors = {
    persons: chosen.length === 0 ? t('policies.manual.personsRequired') : undefined,
    days: !Number.isInteger(dayCount) || dayCount < MANUAL_DAYS.min || dayCount > MANUAL_DAYS.max ? t('policies.manual.daysRange') : undefined,
    reason: reason.trim().length < REASON_MIN ? t('policies.manual.reasonRequired') : undefined,
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (!policy || errors.persons || errors.days || errors.reason) return;
    add.mutate({ policyId: policy.id, personIds: chosen.map((person) => person.id), personKeys: [], days: dayCount, reason: reason.trim() });
  };
  const additions = policy?.manualAdditions ?? [];

  return (
    <Modal opened={policy !== null} onClose={close} title={t('policies.manual.title', { name: policy?.name ?? '' })} size="xl">
      <Stack gap="md" data-testid="manual-additions" data-policy-id={policy?.id}>
        <Text size="sm" c="dimmed">
          {t('policies.manual.intro')}
        </Text>
        <Paper withBorder radius="md" p={0}>
          {additions.length === 0 ? (
            <Text size="sm" c="dimmed" p="md" data-testid="manual-empty">
              {t('policies.manual.empty')}
            </Text>
          ) : (
            <Table.ScrollContainer minWidth={560} maxHeight={280}>
              <Table striped data-testid="manual-list">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('policies.manual.person')}</Table.Th>
                    <Table.Th>{t('policies.manual.window')}</Table.Th>
                    <Table.Th>{t('policies.manual.reason')}</Table.Th>
                    <Table.Th>{t('policies.manual.addedBy')}</Table.Th>
                    <Table.Th w={50} />
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {additions.map((addition) => (
                    <Table.Tr key={addition.id} data-testid="manual-row" data-person-id={addition.person.id}>
                      <Table.Td fw={600}>{addition.person.displayName}</Table.Td>
                      <Table.Td>
                        <Group gap={6} wrap="nowrap">
                          <Text size="sm" data-testid="manual-until">
                            {t('policies.manual.until', { days: addition.days, date: formatDate(addition.until, i18n.language) })}
                          </Text>
                          {addition.until < now && (
                            <Badge size="xs" color="gray" variant="light">
                              {t('policies.manual.expired')}
                            </Badge>
                          )}
                        </Group>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm" lineClamp={2} data-testid="manual-reason">
                          {addition.reason}
                        </Text>
                      </Table.Td>
                      <Table.Td c="dimmed">{addition.addedBy ?? '—'}</Table.Td>
                      <Table.Td>
                        <Tooltip label={t('policies.manual.remove', { name: addition.person.displayName })}>
                          <ActionIcon
                            variant="subtle"
                            color="red"
                            aria-label={t('policies.manual.remove', { name: addition.person.displayName })}
                            loading={remove.isPending && remove.variables?.personId === addition.person.id}
                            onClick={() => policy && remove.mutate({ policyId: policy.id, personId: addition.person.id })}
                            data-testid="manual-remove"
                          >
                            <IconUserMinus size={16} />
                          </ActionIcon>
                        </Tooltip>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </Paper>
        <ErrorAlert error={remove.error} />
        {canSearch && (
          <form onSubmit={submit} noValidate>
            <Stack gap="sm" data-testid="manual-form">
              <Text fw={600}>{t('policies.manual.addTitle')}</Text>
              <PersonPicker key={pickerKey} value={chosen} onChange={setChosen} testId="manual-persons" />
              {tried && errors.persons && (
                <Text size="xs" c="red" data-testid="manual-persons-error">
                  {errors.persons}
                </Text>
              )}
              <Group align="flex-start" wrap="nowrap">
                <NumberInput
                  label={t('policies.manual.days')}
                  description={t('policies.manual.daysHint')}
                  min={MANUAL_DAYS.min}
                  max={MANUAL_DAYS.max}
                  allowDecimal={false}
                  value={days}
                  onChange={setDays}
                  error={tried ? errors.days : undefined}
                  w={180}
                  data-testid="manual-days"
                />
                <Textarea
                  label={t('policies.manual.reason')}
                  description={t('policies.manual.reasonHint')}
                  required
                  autosize
                  minRows={2}
                  maxLength={1000}
                  value={reason}
                  onChange={(event) => setReason(event.currentTarget.value)}
                  error={tried ? errors.reason : undefined}
                  style={{ flex: 1 }}
                  data-testid="manual-reason-input"
                />
              </Group>
              <ErrorAlert error={add.error} />
              <ModalActions onCancel={close} cancelLabel={t('groups.close')}>
                <Button type="submit" leftSection={<IconUserPlus size={16} />} loading={add.isPending} data-testid="manual-submit">
                  {chosen.length > 0 ? t('policies.manual.submit', { count: chosen.length }) : t('policies.manual.submitNone')}
                </Button>
              </ModalActions>
            </Stack>
          </form>
        )}
      </Stack>
    </Modal>
  );
}
