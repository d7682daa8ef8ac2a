import { Button, Group, Loader, Modal, SegmentedControl, Stack, Tabs, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAdjustments, IconListCheck, IconPlus, IconUsersGroup } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import type { PolicyState } from '../../../../shared/detection';
import type { PolicyView } from '../../../../shared/contract';
import { useApiMutation, useApiQuery } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert/ErrorAlert';
import { PageEmptyState } from '../../components/PageEmptyState/PageEmptyState';
import { PageHeader } from '../../components/PageHeader/PageHeader';
import { DetectionSettingsPanel } from '../../features/detectionSettings/DetectionSettingsPanel';
import { ScoringStatus } from '../../features/scoring/ScoringStatus';
import { GroupsTab } from './groups/GroupsTab';
import { ManualAdditionsModal } from './ManualAdditions';
import { PolicyCard } from './PolicyCard';
import { PolicyWizard, type WizardMode } from './wizard/PolicyWizard';
import { ModalActions } from '../../components/ModalActions/ModalActions';

type StateFilter = 'all' | PolicyState;

/** The list of policies with scoring status, the wizard, and copy / delete confirmations. */
function PolicyListTab() {
  const { t } = useTranslation();
  const policies = useApiQuery('policies.list', {});
  const [wizard, setWizard] = useState<WizardMode | null>(null);
  const [copying, setCopying] = useState<{ policy: PolicyView; name: string } | null>(null);
  const [deleting, setDeleting] = useState<PolicyView | null>(null);
  const [manualId, setManualId] = useState<number | null>(null);
  const [filter, setFilter] = useState<StateFilter>('all');
  const setState = useApiMutation('policies.setState', {
    onSuccess: (policy) => notifications.show({ color: 'teal', message: t('policies.stateChanged', { name: policy.name, state: t(`policyStates.${policy.state}`) }) }),
  });
  const copy = useApiMutation('policies.copy', {
    onSuccess: (policy) => {
      setCopying(null);
      notifications.show({ color: 'teal', message: t('policies.copied', { name: policy.name }) });
    },
  });
  const remove = useApiMutation('policies.delete', {
    onSuccess: () => {
      notifications.show({ color: 'teal', message: t('policies.deleted', { name: deleting?.name ?? '' }) });
      setDeleting(null);
    },
  });
  const shown = useMemo(() => (policies.data ?? []).filter((policy) => filter === 'all' || policy.state === filter), [policies.data, filter]);
  const actions = {
    onEdit: (policy: PolicyView) => setWizard({ kind: 'edit', policy }),
    onSetState: (policy: PolicyView, state: PolicyState) => setState.mutate({ id: policy.id, state }),
    onCopy: (policy: PolicyView) => setCopying({ policy, name: t('policies.copyName', { name: policy.name }) }),
    onDelete: (policy: PolicyView) => setDeleting(policy),
    onManual: (policy: PolicyView) => setManualId(policy.id),
  };

  return (
    <Stack gap="md">
      <ScoringStatus />
      <Group justify="space-between">
        <SegmentedControl
          value={filter}
          onChange={(value) => setFilter(value as StateFilter)}
          data={(['all', 'active', 'test', 'paused'] as const).map((state) => ({
            value: state,
            label: `${state === 'all' ? t('policies.filterAll') : t(`policyStates.${state}`)} (${(policies.data ?? []).filter((policy) => state === 'all' || policy.state === state).length})`,
          }))}
          data-testid="policy-filter"
        />
        <Button leftSection={<IconPlus size={16} />} onClick={() => setWizard({ kind: 'create' })} data-testid="policy-create">
          {t('policies.create')}
        </Button>
      </Group>
      <ErrorAlert error={policies.error ?? setState.error} />
      {policies.isPending && <Loader size="sm" />}
      {policies.isSuccess && policies.data.length === 0 && (
        <PageEmptyState
          testId="policies-empty"
          icon={<IconListCheck size={30} stroke={1.6} />}
          title={t('pages.policies.emptyTitle')}
          description={t('pages.policies.emptyDescription')}
          nextStep={t('pages.policies.emptyNext')}
          actions={
            <Button leftSection={<IconPlus size={16} />} onClick={() => setWizard({ kind: 'create' })}>
              {t('policies.create')}
            </Button>
          }
        />
      )}
      <Stack gap="sm" data-testid="policy-list">
        {shown.map((policy) => (
          <PolicyCard key={policy.id} policy={policy} actions={{ ...actions, busy: setState.isPending && setState.variables?.id === policy.id }} />
        ))}
      </Stack>

      <PolicyWizard
        mode={wizard}
        onClose={() => setWizard(null)}
        onSaved={(policy) => notifications.show({ color: 'teal', message: wizard?.kind === 'edit' ? t('policies.saved', { name: policy.name }) : t('policies.created', { name: policy.name }) })}
      />

      <ManualAdditionsModal policy={policies.data?.find((policy) => policy.id === manualId) ?? null} onClose={() => setManualId(null)} />

      <Modal opened={copying !== null} onClose={() => setCopying(null)} title={t('policies.copyTitle', { name: copying?.policy.name ?? '' })} size="md">
        <form
          onSubmit={(event) => {
            event.preventDefault();
            if (copying && copying.name.trim()) copy.mutate({ id: copying.policy.id, name: copying.name.trim() });
          }}
        >
          <Stack gap="md">
            <Text size="sm">{t('policies.copyExplanation')}</Text>
            <TextInput
              label={t('policies.wizard.name')}
              value={copying?.name ?? ''}
              onChange={(event) => {
                const name = event.currentTarget.value;
                setCopying((previous) => (previous ? { ...previous, name } : previous));
              }}
              data-autofocus
              data-testid="policy-copy-name"
            />
            <ErrorAlert error={copy.error} />
            <ModalActions onCancel={() => setCopying(null)}>
              <Button type="submit" loading={copy.isPending} disabled={!copying?.name.trim()} data-testid="policy-copy-submit">
                {t('policies.actions.copy')}
              </Button>
            </ModalActions>
          </Stack>
        </form>
      </Modal>

      <Modal opened={deleting !== null} onClose={() => setDeleting(null)} title={t('policies.deleteTitle', { name: deleting?.name ?? '' })} size="md">
        <Stack gap="md">
          <Text size="sm">{t('policies.deleteExplanation', { count: (deleting?.stats.activeAlerts ?? 0) + (deleting?.stats.confirmedAlerts ?? 0) })}</Text>
          <ErrorAlert error={remove.error} />
          <ModalActions onCancel={() => setDeleting(null)}>
            <Button color="red" loading={remove.isPending} onClick={() => deleting && remove.mutate({ id: deleting.id })} data-testid="policy-delete-confirm">
              {t('policies.actions.delete')}
            </Button>
          </ModalActions>
        </Stack>
      </Modal>
    </Stack>
  );
}

/** The Policies page's tabs (also its routes: `#/policies/<tab>`). */
export const POLICY_TABS = [
  { id: 'list', icon: IconListCheck },
  { id: 'groups', icon: IconUsersGroup },
  { id: 'settings', icon: IconAdjustments },
] as const;
type TabId = (typeof POLICY_TABS)[number]['id'];

/** Policies: the policies built from templates with their health, priority and pilot groups, and Policies → Settings. */
export function PoliciesPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { tab } = useParams();
  const current: TabId = POLICY_TABS.find((entry) => entry.id === tab)?.id ?? 'list';
  return (
    <Stack gap="lg" data-testid="page-policies">
      <PageHeader title={t('pages.policies.title')} description={t('pages.policies.description')} />
      <Tabs value={current} onChange={(value) => void navigate(value && value !== 'list' ? `/policies/${value}` : '/policies')} keepMounted={false}>
        <Tabs.List mb="md">
          {POLICY_TABS.map((entry) => (
            <Tabs.Tab key={entry.id} value={entry.id} leftSection={<entry.icon size={16} />} data-testid={`policies-tab-${entry.id}`}>
              {t(`policies.tabs.${entry.id}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="list">
          <PolicyListTab />
        </Tabs.Panel>
        <Tabs.Panel value="groups">
          <GroupsTab />
        </Tabs.Panel>
        <Tabs.Panel value="settings">
          <DetectionSettingsPanel />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
