import { Button, Modal, PasswordInput, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { RoleGroup } from '../../../../shared/access';
import type { AccountSummary } from '../../../../shared/contract/accounts';
import { isApiError, useApiMutation } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert/ErrorAlert';
import { MIN_PASSWORD_LENGTH, accountNameProblem } from '../auth/validation';
import { RoleGroupsInput } from './RoleGroupsInput';
import { ScopesEditor, scopesForApi, type ScopeDraft } from './ScopesEditor';
import { ModalActions } from '../../components/ModalActions/ModalActions';

/** Which account dialog is open, and for which account. */
export type AccountDialog =
  | { kind: 'create' }
  | { kind: 'roleGroups' | 'scopes' | 'password' | 'lock'; account: AccountSummary };

/** A cancelled password prompt is not an error worth showing twice: the form stays as it was. */
function visibleError(error: unknown): unknown {
  return isApiError(error, 'CANCELLED') ? null : error;
}

function DialogForm({
  title,
  onClose,
  onSubmit,
  submitLabel,
  pending,
  error,
  children,
  testId,
  danger,
}: {
  title: string;
  onClose(): void;
  onSubmit(): void;
  submitLabel: string;
  pending: boolean;
  error: unknown;
  children: ReactNode;
  testId: string;
  danger?: boolean;
}) {
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit();
  };
  return (
    <Modal opened onClose={onClose} title={title} size="lg">
      <form onSubmit={submit} noValidate data-testid={testId}>
        <Stack gap="md">
          {children}
          <ErrorAlert error={visibleError(error)} />
          <ModalActions onCancel={onClose}>
            <Button type="submit" loading={pending} color={danger ? 'red' : undefined} data-testid={`${testId}-submit`}>
              {submitLabel}
            </Button>
          </ModalActions>
        </Stack>
      </form>
    </Modal>
  );
}

function useDone(onClose: () => void) {
  const { t } = useTranslation();
  return (message: string) => {
    notifications.show({ color: 'teal', title: t('accounts.saved'), message });
    onClose();
  };
}

/** Creates an account with name, password, role groups and scopes. */
export function CreateAccountModal({ onClose }: { onClose(): void }) {
  const { t } = useTranslation();
  const done = useDone(onClose);
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [roleGroups, setRoleGroups] = useState<RoleGroup[]>([]);
  const [scopes, setScopes] = useState<ScopeDraft[]>([]);
  const [submitted, setSubmitted] = useState(false);
  const create = useApiMutation('accounts.create', {
    onSuccess: (account) => done(t('accounts.created', { name: account.name })),
  });
  const nameProblem = accountNameProblem(name);
  const passwordProblem = password.length < MIN_PASSWORD_LENGTH;
  const roleGroupsProblem = roleGroups.length === 0;
  return (
    <DialogForm
      title={t('accounts.createTitle')}
      onClose={onClose}
      submitLabel={t('accounts.create')}
      pending={create.isPending}
      error={create.error}
      testId="create-account"
      onSubmit={() => {
        setSubmitted(true);
        if (nameProblem || passwordProblem || roleGroupsProblem) return;
        create.mutate({ name: name.trim(), password, roleGroups, scopes: scopesForApi(scopes) });
      }}
    >
      <TextInput
        label={t('fields.accountName')}
        description={t('fields.accountNameHint')}
        value={name}
        onChange={(event) => setName(event.currentTarget.value)}
        error={submitted && nameProblem ? t(`validation.${nameProblem}`) : null}
        autoComplete="off"
        data-autofocus
        data-testid="create-account-name"
      />
      <PasswordInput
        label={t('accounts.initialPassword')}
        description={t('fields.passwordHint', { count: MIN_PASSWORD_LENGTH })}
        value={password}
        onChange={(event) => setPassword(event.currentTarget.value)}
        error={submitted && passwordProblem ? t('validation.passwordTooShort', { count: MIN_PASSWORD_LENGTH }) : null}
        autoComplete="new-password"
        data-testid="create-account-password"
      />
      <RoleGroupsInput value={roleGroups} onChange={setRoleGroups} error={submitted && roleGroupsProblem ? t('validation.roleGroupsRequired') : null} />
      <ScopesEditor value={scopes} onChange={setScopes} />
    </DialogForm>
  );
}

/** Replaces an account's role groups (re-authentication and the zero-administrator guard apply). */
export function EditRoleGroupsModal({ account, onClose }: { account: AccountSummary; onClose(): void }) {
  const { t } = useTranslation();
  const done = useDone(onClose);
  const [roleGroups, setRoleGroups] = useState<RoleGroup[]>(account.roleGroups);
  const [submitted, setSubmitted] = useState(false);
  const save = useApiMutation('accounts.setRoleGroups', {
    onSuccess: (saved) => done(t('accounts.roleGroupsSaved', { name: saved.name })),
  });
  return (
    <DialogForm
      title={t('accounts.roleGroupsTitle', { name: account.name })}
      onClose={onClose}
      submitLabel={t('actions.save')}
      pending={save.isPending}
      error={save.error}
      testId="edit-role-groups"
      onSubmit={() => {
        setSubmitted(true);
        if (roleGroups.length === 0) return;
        save.mutate({ accountId: account.id, roleGroups });
      }}
    >
      <RoleGroupsInput value={roleGroups} onChange={setRoleGroups} error={submitted && roleGroups.length === 0 ? t('validation.roleGroupsRequired') : null} />
    </DialogForm>
  );
}

/** Sets an account's scopes (an empty list means unrestricted). */
export function EditScopesModal({ account, onClose }: { account: AccountSummary; onClose(): void }) {
  const { t } = useTranslation();
  const done = useDone(onClose);
  const [scopes, setScopes] = useState<ScopeDraft[]>(account.scopes.map((scope) => ({ ...scope, values: [...scope.values] })));
  const save = useApiMutation('accounts.setScopes', {
    onSuccess: (saved) => done(t('accounts.scopesSaved', { name: saved.name })),
  });
  return (
    <DialogForm
      title={t('accounts.scopesTitle', { name: account.name })}
      onClose={onClose}
      submitLabel={t('actions.save')}
      pending={save.isPending}
      error={save.error}
      testId="edit-scopes"
      onSubmit={() => save.mutate({ accountId: account.id, scopes: scopesForApi(scopes) })}
    >
      <ScopesEditor value={scopes} onChange={setScopes} />
    </DialogForm>
  );
}

/** Sets a new password for an account (re-authentication applies). */
export function ResetPasswordModal({ account, onClose }: { account: AccountSummary; onClose(): void }) {
  const { t } = useTranslation();
  const done = useDone(onClose);
  const [password, setPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const reset = useApiMutation('accounts.resetPassword', {
    onSuccess: (saved) => done(t('accounts.passwordReset', { name: saved.name })),
  });
  const tooShort = password.length < MIN_PASSWORD_LENGTH;
  const mismatch = confirmation !== password;
  return (
    <DialogForm
      title={t('accounts.passwordTitle', { name: account.name })}
      onClose={onClose}
      submitLabel={t('accounts.resetPassword')}
      pending={reset.isPending}
      error={reset.error}
      testId="reset-password"
      onSubmit={() => {
        setSubmitted(true);
        if (tooShort || mismatch) return;
        reset.mutate({ accountId: account.id, password });
      }}
    >
      <PasswordInput
        label={t('accounts.newPassword')}
        description={t('fields.passwordHint', { count: MIN_PASSWORD_LENGTH })}
        value={password}
        onChange={(event) => setPassword(event.currentTarget.value)}
        error={submitted && tooShort ? t('validation.passwordTooShort', { count: MIN_PASSWORD_LENGTH }) : null}
        autoComplete="new-password"
        data-autofocus
        data-testid="reset-password-password"
      />
      <PasswordInput
        label={t('fields.passwordConfirmation')}
        value={confirmation}
        onChange={(event) => setConfirmation(event.currentTarget.value)}
        error={submitted && mismatch ? t('validation.passwordMismatch') : null}
        autoComplete="new-password"
        data-testid="reset-password-confirmation"
      />
    </DialogForm>
  );
}

/** Locks or unlocks an account, with a reason for the audit log (the zero-administrator guard applies). */
export function SetLockedModal({ account, onClose }: { account: AccountSummary; onClose(): void }) {
  const { t } = useTranslation();
  const done = useDone(onClose);
  const [reason, setReason] = useState('');
  const locking = !account.locked;
  const save = useApiMutation('accounts.setLocked', {
    onSuccess: (saved) => done(t(saved.locked ? 'accounts.lockedDone' : 'accounts.unlockedDone', { name: saved.name })),
  });
  return (
    <DialogForm
      title={t(locking ? 'accounts.lockTitle' : 'accounts.unlockTitle', { name: account.name })}
      onClose={onClose}
      submitLabel={t(locking ? 'accounts.lock' : 'accounts.unlock')}
      pending={save.isPending}
      error={save.error}
      testId="set-locked"
      danger={locking}
      onSubmit={() => save.mutate({ accountId: account.id, locked: locking, reason: reason.trim() || undefined })}
    >
      <Text size="sm">{t(locking ? 'accounts.lockExplanation' : 'accounts.unlockExplanation')}</Text>
      <Textarea
        label={t('accounts.reason')}
        description={t('accounts.reasonHint')}
        value={reason}
        onChange={(event) => setReason(event.currentTarget.value)}
        maxLength={500}
        autosize
        minRows={2}
        data-autofocus
        data-testid="set-locked-reason"
      />
    </DialogForm>
  );
}

/** Renders the open account dialog, if any. */
export function AccountDialogs({ dialog, onClose }: { dialog: AccountDialog | null; onClose(): void }) {
  if (!dialog) return null;
  switch (dialog.kind) {
    case 'create':
      return <CreateAccountModal onClose={onClose} />;
    case 'roleGroups':
      return <EditRoleGroupsModal account={dialog.account} onClose={onClose} />;
    case 'scopes':
      return <EditScopesModal account={dialog.account} onClose={onClose} />;
    case 'password':
      return <ResetPasswordModal account={dialog.account} onClose={onClose} />;
    case 'lock':
      return <SetLockedModal account={dialog.account} onClose={onClose} />;
  }
}
