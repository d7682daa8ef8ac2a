import { Alert, Button, Menu, Modal, Select, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconUserCheck, IconUserMinus } from '@tabler/icons-react';
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { DISMISS_REASONS, type DismissReason } from '../../../../shared/detection';
import type { AlertSummary } from '../../../../shared/contract';
import { TRIAGE_BATCH_LIMIT } from '../../../../shared/limits';
import { useApiMutation, useApiQuery } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert/ErrorAlert';
import { formatCount } from '../../format';
import { ModalActions } from '../../components/ModalActions/ModalActions';

/**
 * Dismisses alerts with a reason and a note after one confirmation that says how many: only
 * alerts that need review can be dismissed, and at most TRIAGE_BATCH_LIMIT at once.
 */
export function DismissModal({ alerts, onClose, onDone }: { alerts: AlertSummary[] | null; onClose(): void; onDone(ids: number[]): void }) {
  const { t, i18n } = useTranslation();
  const [reason, setReason] = useState<DismissReason | null>(null);
  const [note, setNote] = useState('');
  const dismiss = useApiMutation('alerts.dismiss');
  const { reset } = dismiss;
  useEffect(() => {
    if (!alerts) return;
    setReason(null);
    setNote('');
    reset();
  }, [alerts, reset]);
  const eligible = (alerts ?? []).filter((alert) => alert.status === 'NeedsReview');
  const batch = eligible.slice(0, TRIAGE_BATCH_LIMIT);
  const skipped = (alerts?.length ?? 0) - eligible.length;
  const overLimit = eligible.length > TRIAGE_BATCH_LIMIT;
  const submit = () => {
    if (!reason || batch.length === 0) return;
    dismiss.mutate(
      { ids: batch.map((alert) => alert.id), reason, note: note.trim() },
      {
        onSuccess: (result) => {
          notifications.show({ color: 'teal', message: t('alerts.dismissed', { count: result.dismissed, shown: formatCount(result.dismissed, i18n.language) }) });
          onDone(batch.map((alert) => alert.id));
          onClose();
        },
      },
    );
  };
  return (
    <Modal opened={alerts !== null} onClose={onClose} title={t('alerts.dismissTitle', { count: batch.length, shown: formatCount(batch.length, i18n.language) })} size="md">
      <Stack gap="md" data-testid="dismiss-modal">
        {skipped > 0 && (
          <Alert color="yellow" p="xs">
            {t('alerts.dismissSkipped', { count: skipped })}
          </Alert>
        )}
        {overLimit && (
          <Alert color="yellow" p="xs">
            {t('alerts.dismissLimit', { max: TRIAGE_BATCH_LIMIT })}
          </Alert>
        )}
        <Select
          label={t('alerts.dismissReason')}
          placeholder={t('alerts.dismissReasonPlaceholder')}
          data={DISMISS_REASONS.map((value) => ({ value, label: t(`dismissReasons.${value}`) }))}
          value={reason}
          onChange={(value) => setReason(value as DismissReason | null)}
          withAsterisk
          data-testid="dismiss-reason"
        />
        <Textarea
          label={t('alerts.dismissNote')}
          description={t('alerts.dismissNoteHint')}
          value={note}
          onChange={(event) => setNote(event.currentTarget.value)}
          autosize
          minRows={2}
          maxLength={2000}
          data-testid="dismiss-note"
        />
        <ErrorAlert error={dismiss.error} />
        <ModalActions onCancel={onClose}>
          <Button color="red" disabled={!reason || batch.length === 0} loading={dismiss.isPending} onClick={submit} data-testid="dismiss-confirm">
            {t('alerts.dismissConfirm', { count: batch.length, shown: formatCount(batch.length, i18n.language) })}
          </Button>
        </ModalActions>
      </Stack>
    </Modal>
  );
}

/** A menu assigning alerts to an account that may triage them, or unassigning them. */
export function AssignMenu({
  ids,
  target,
  opened,
  onChange,
  onDone,
}: {
  ids: number[];
  target: ReactNode;
  opened?: boolean;
  onChange?(opened: boolean): void;
  onDone?(): void;
}) {
  const { t } = useTranslation();
  const assignees = useApiQuery('alerts.assignees', {}, { staleTime: 60_000 });
  const assign = useApiMutation('alerts.assign', {
    onSuccess: (result, input) => {
      const name = assignees.data?.find((account) => account.id === input.accountId)?.name;
      notifications.show({ color: 'teal', message: name ? t('alerts.assigned', { count: result.assigned, name }) : t('alerts.unassignedDone', { count: result.assigned }) });
      onDone?.();
    },
    onError: (error) => notifications.show({ color: 'red', title: t('errors.title'), message: error.message }),
  });
  const batch = ids.slice(0, TRIAGE_BATCH_LIMIT);
  return (
    <Menu opened={opened} onChange={onChange} position="bottom-end" withinPortal shadow="md">
      <Menu.Target>{target}</Menu.Target>
      <Menu.Dropdown data-testid="assign-menu">
        <Menu.Label>{t('alerts.assignTo', { count: batch.length })}</Menu.Label>
        {(assignees.data ?? []).map((account) => (
          <Menu.Item key={account.id} leftSection={<IconUserCheck size={14} />} disabled={batch.length === 0} onClick={() => assign.mutate({ ids: batch, accountId: account.id })} data-testid={`assign-${account.name}`}>
            {account.name}
          </Menu.Item>
        ))}
        <Menu.Divider />
        <Menu.Item leftSection={<IconUserMinus size={14} />} disabled={batch.length === 0} onClick={() => assign.mutate({ ids: batch, accountId: null })} data-testid="assign-none">
          {t('alerts.unassign')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}

/** Confirms an alert: creates a case for its person, or adds it to the person's active case. */
export function ConfirmModal({ alert, onClose, onDone }: { alert: AlertSummary | null; onClose(): void; onDone(caseId: number): void }) {
  const { t } = useTranslation();
  const [caseName, setCaseName] = useState('');
  const [comment, setComment] = useState('');
  const confirm = useApiMutation('alerts.confirm');
  const { reset } = confirm;
  useEffect(() => {
    if (!alert) return;
    setCaseName('');
    setComment('');
    reset();
  }, [alert, reset]);
  const submit = () => {
    if (!alert) return;
    confirm.mutate(
      { ids: [alert.id], ...(caseName.trim() ? { caseName: caseName.trim() } : {}), comment: comment.trim() },
      {
        onSuccess: (result) => {
          notifications.show({ color: 'teal', message: result.created ? t('alerts.caseCreated', { id: result.caseId }) : t('alerts.caseJoined', { id: result.caseId }) });
          onDone(result.caseId);
          onClose();
        },
      },
    );
  };
  return (
    <Modal opened={alert !== null} onClose={onClose} title={t('alerts.confirmTitle', { id: alert?.id ?? '' })} size="md">
      <Stack gap="md" data-testid="confirm-modal">
        <Text size="sm">{t('alerts.confirmExplanation', { person: alert?.person.displayName ?? '' })}</Text>
        <TextInput
          label={t('alerts.caseName')}
          description={t('alerts.caseNameHint')}
          placeholder={t('alerts.caseNamePlaceholder', { person: alert?.person.displayName ?? '' })}
          value={caseName}
          onChange={(event) => setCaseName(event.currentTarget.value)}
          data-testid="confirm-case-name"
        />
        <Textarea
          label={t('alerts.confirmComment')}
          description={t('alerts.confirmCommentHint')}
          value={comment}
          onChange={(event) => setComment(event.currentTarget.value)}
          autosize
          minRows={2}
          data-testid="confirm-comment"
        />
        <ErrorAlert error={confirm.error} />
        <ModalActions onCancel={onClose}>
          <Button loading={confirm.isPending} onClick={submit} data-testid="confirm-submit">
            {t('alerts.confirmSubmit')}
          </Button>
        </ModalActions>
      </Stack>
    </Modal>
  );
}
