import { ActionIcon, Badge, Button, Group, Loader, Modal, MultiSelect, Paper, SegmentedControl, Stack, Table, Text, TextInput, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlus, IconTrash, IconUserMinus, IconUsersGroup } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLE_GROUPS, type RoleGroup } from '../../../../../shared/access';
import type { MethodOutput, PersonView } from '../../../../../shared/contract';
import { useApiMutation, useApiQuery } from '../../../api';
import { ErrorAlert } from '../../../components/ErrorAlert/ErrorAlert';
import { PageEmptyState } from '../../../components/PageEmptyState/PageEmptyState';
import { useSession } from '../../../features/auth/session';
import { PersonPicker, personSubtitle } from '../../../features/persons/PersonPicker';
import { ModalActions } from '../../../components/ModalActions/ModalActions';

type GroupView = MethodOutput<'groups.list'>[number];
type GroupKind = GroupView['kind'];

/** What the groups tab lets this account do. */
function useGroupPermissions() {
  const session = useSession();
  return { canEdit: session.permissions.includes('configure'), canSearch: session.permissions.includes('viewUsers') };
}

/** Role groups that may view a priority group's members (DOMAIN.md §1), as a multi-select. */
function ViewerRoleGroups({ value, onChange, testId, disabled }: { value: RoleGroup[]; onChange(value: RoleGroup[]): void; testId: string; disabled?: boolean }) {
  const { t } = useTranslation();
  return (
    <MultiSelect
      label={t('groups.viewers')}
      description={t('groups.viewersHint')}
      data={ROLE_GROUPS.map((group) => ({ value: group, label: t(`roleGroups.${group}`) }))}
      value={value}
      onChange={(groups) => onChange(groups as RoleGroup[])}
      disabled={disabled}
      error={value.length === 0 ? t('groups.viewersRequired') : undefined}
      data-testid={testId}
    />
  );
}

/** The "new group" form: name, kind, who may view a priority group, and its first members. */
function CreateGroupModal({ opened, onClose }: { opened: boolean; onClose(): void }) {
  const { t } = useTranslation();
  const { canSearch } = useGroupPermissions();
  const [name, setName] = useState('');
  const [kind, setKind] = useState<GroupKind>('pilot');
  const [viewers, setViewers] = useState<RoleGroup[]>(['InsiderRiskManagement']);
  const [members, setMembers] = useState<PersonView[]>([]);
  const [tried, setTried] = useState(false);
  const reset = () => {
    setName('');
    setKind('pilot');
    setViewers(['InsiderRiskManagement']);
    setMembers([]);
    setTried(false);
  };
  const create = useApiMutation('groups.create', {
    onSuccess: (group) => {
      notifications.show({ color: 'teal', message: t('groups.created', { name: group.name, count: group.members }) });
      reset();
      onClose();
    },
  });
  const nameError = tried && !name.trim() ? t('groups.nameRequired') : undefined;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (!name.trim() || (kind === 'priority' && viewers.length === 0)) return;
    create.mutate({
      name: name.trim(),
      kind,
      personIds: members.map((person) => person.id),
      personKeys: [],
      viewerAccountIds: [],
      viewerRoleGroups: kind === 'priority' ? viewers : [],
    });
  };
  return (
    <Modal
      opened={opened}
      onClose={() => {
        create.reset();
        onClose();
      }}
      title={t('groups.createTitle')}
      size="lg"
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="md" data-testid="group-create-form">
          <TextInput label={t('groups.name')} description={t('groups.nameHint')} value={name} onChange={(event) => setName(event.currentTarget.value)} error={nameError} maxLength={200} data-autofocus data-testid="group-name" />
          <Stack gap={4}>
            <Text size="sm" fw={500}>
              {t('groups.kind')}
            </Text>
            <SegmentedControl
              value={kind}
              onChange={(value) => setKind(value as GroupKind)}
              data={(['pilot', 'priority'] as const).map((value) => ({ value, label: t(`groups.kinds.${value}`) }))}
              data-testid="group-kind"
            />
            <Text size="xs" c="dimmed">
              {t(`groups.kindHints.${kind}`)}
            </Text>
          </Stack>
          {kind === 'priority' && <ViewerRoleGroups value={viewers} onChange={setViewers} testId="group-viewers" />}
          {canSearch && <PersonPicker value={members} onChange={setMembers} testId="group-create-members" label={t('groups.firstMembers')} />}
          <ErrorAlert error={create.error} />
          <ModalActions onCancel={onClose}>
            <Button type="submit" loading={create.isPending} leftSection={<IconPlus size={16} />} data-testid="group-create-submit">
              {t('groups.create')}
            </Button>
          </ModalActions>
        </Stack>
      </form>
    </Modal>
  );
}

/** One group's members (remove one, add several), its viewers and the policies that use it. */
function GroupDetailModal({ groupId, onClose, onDelete }: { groupId: number | null; onClose(): void; onDelete(group: GroupView): void }) {
  const { t } = useTranslation();
  const { canEdit, canSearch } = useGroupPermissions();
  const group = useApiQuery('groups.get', { id: groupId ?? 0 }, { enabled: groupId !== null });
  const [adding, setAdding] = useState<PersonView[]>([]);
  // A new key empties the picker's search after members were added.
  const [pickerKey, setPickerKey] = useState(0);
  const [viewers, setViewers] = useState<RoleGroup[] | null>(null);
  const update = useApiMutation('groups.update', {
    onSuccess: (after, input) => {
      if (input.add) {
        notifications.show({ color: 'teal', message: t('groups.membersAdded', { name: after.name, count: input.add.personIds?.length ?? 0 }) });
        setAdding([]);
        setPickerKey((key) => key + 1);
      } else if (input.remove) {
        notifications.show({ color: 'teal', message: t('groups.memberRemoved', { name: after.name }) });
      } else {
        notifications.show({ color: 'teal', message: t('groups.viewersSaved', { name: after.name }) });
        setViewers(null);
      }
    },
  });
  const close = () => {
    setAdding([]);
    setViewers(null);
    update.reset();
    onClose();
  };
  const data = group.data;
  const shownViewers = viewers ?? data?.viewers.roleGroups ?? [];
  return (
    <Modal opened={groupId !== null} onClose={close} title={data ? t('groups.detailTitle', { name: data.name }) : t('groups.loading')} size="xl">
      <Stack gap="md" data-testid="group-detail" data-group-id={groupId ?? undefined}>
        <ErrorAlert error={group.error} />
        {group.isPending && <Loader size="sm" />}
        {data && (
          <>
            <Group gap="xs">
              <Badge variant="light" color={data.kind === 'priority' ? 'grape' : 'cyan'}>
                {t(`groups.kinds.${data.kind}`)}
              </Badge>
              <Text size="sm" c="dimmed" data-testid="group-detail-count">
                {t('groups.memberCount', { count: data.members })}
              </Text>
            </Group>
            {data.usedBy.length > 0 && (
              <Text size="sm" data-testid="group-detail-used-by">
                {t('groups.usedBy', { policies: data.usedBy.map((policy) => policy.name).join(', ') })}
              </Text>
            )}
            {data.kind === 'priority' && (
              <Stack gap="xs">
                <ViewerRoleGroups value={shownViewers} onChange={setViewers} testId="group-detail-viewers" disabled={!canEdit} />
                {data.viewers.accounts.length > 0 && (
                  <Text size="xs" c="dimmed">
                    {t('groups.viewerAccounts', { names: data.viewers.accounts.map((account) => account.name).join(', ') })}
                  </Text>
                )}
                {canEdit && viewers !== null && (
                  <Group justify="flex-end">
                    <Button
                      size="xs"
                      disabled={viewers.length === 0}
                      loading={update.isPending && update.variables?.viewerRoleGroups !== undefined}
                      onClick={() => update.mutate({ id: data.id, viewerRoleGroups: viewers })}
                      data-testid="group-viewers-save"
                    >
                      {t('groups.saveViewers')}
                    </Button>
                  </Group>
                )}
              </Stack>
            )}
            <Paper withBorder radius="md" p={0}>
              {data.persons.length === 0 ? (
                <Text size="sm" c="dimmed" p="md" data-testid="group-members-empty">
                  {canEdit ? t('groups.noMembersNext') : t('groups.noMembers')}
                </Text>
              ) : (
                <Table.ScrollContainer minWidth={420} maxHeight={320}>
                  <Table striped highlightOnHover data-testid="group-members">
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th>{t('groups.member')}</Table.Th>
                        <Table.Th>{t('groups.memberDetails')}</Table.Th>
                        {canEdit && <Table.Th w={60} />}
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {data.persons.map((person) => (
                        <Table.Tr key={person.id} data-testid="group-member" data-person-id={person.id}>
                          <Table.Td fw={600}>{person.displayName}</Table.Td>
                          <Table.Td c="dimmed">{personSubtitle(person)}</Table.Td>
                          {canEdit && (
                            <Table.Td>
                              <Tooltip label={t('groups.removeMember', { name: person.displayName })}>
                                <ActionIcon
                                  variant="subtle"
                                  color="red"
                                  aria-label={t('groups.removeMember', { name: person.displayName })}
                                  loading={update.isPending && update.variables?.remove?.personIds[0] === person.id}
                                  onClick={() => update.mutate({ id: data.id, remove: { personIds: [person.id] } })}
                                  data-testid="group-member-remove"
                                >
                                  <IconUserMinus size={16} />
                                </ActionIcon>
                              </Tooltip>
                            </Table.Td>
                          )}
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </Table.ScrollContainer>
              )}
            </Paper>
            {canEdit && canSearch && (
              <Stack gap="xs">
                <PersonPicker key={pickerKey} value={adding} onChange={setAdding} exclude={data.persons.map((person) => person.id)} testId="group-add-members" label={t('groups.addMembers')} />
                <Group justify="flex-end">
                  <Button
                    leftSection={<IconPlus size={16} />}
                    disabled={adding.length === 0}
                    loading={update.isPending && update.variables?.add !== undefined}
                    onClick={() => update.mutate({ id: data.id, add: { personIds: adding.map((person) => person.id), personKeys: [] } })}
                    data-testid="group-add-submit"
                  >
                    {adding.length > 0 ? t('groups.addChosen', { count: adding.length }) : t('groups.addNone')}
                  </Button>
                </Group>
              </Stack>
            )}
            <ErrorAlert error={update.error} />
            <Group justify="space-between">
              {canEdit ? (
                <Button variant="subtle" color="red" leftSection={<IconTrash size={16} />} onClick={() => onDelete(data)} data-testid="group-detail-delete">
                  {t('groups.delete')}
                </Button>
              ) : (
                <span />
              )}
              <Button variant="default" onClick={close}>
                {t('groups.close')}
              </Button>
            </Group>
          </>
        )}
      </Stack>
    </Modal>
  );
}

/** Priority user groups and pilot groups: create, open (members, viewers), delete. */
export function GroupsTab() {
  const { t } = useTranslation();
  const { canEdit } = useGroupPermissions();
  const groups = useApiQuery('groups.list', {});
  const [creating, setCreating] = useState(false);
  const [openId, setOpenId] = useState<number | null>(null);
  const [deleting, setDeleting] = useState<GroupView | null>(null);
  const remove = useApiMutation('groups.delete', {
    onSuccess: (result) => {
      notifications.show({ color: 'teal', message: t('groups.deleted', { name: deleting?.name ?? '', count: result.pausedPolicies.length }) });
      setDeleting(null);
      setOpenId(null);
    },
  });
  const createButton = canEdit && (
    <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)} data-testid="group-create">
      {t('groups.create')}
    </Button>
  );
  return (
    <Stack gap="md" data-testid="groups-tab">
      <Group justify="space-between" align="flex-start">
        <Text size="sm" c="dimmed" maw={720}>
          {t('groups.intro')}
        </Text>
        {groups.isSuccess && groups.data.length > 0 && createButton}
      </Group>
      <ErrorAlert error={groups.error} />
      {groups.isPending && <Loader size="sm" />}
      {groups.isSuccess && groups.data.length === 0 && (
        <PageEmptyState
          testId="groups-empty"
          icon={<IconUsersGroup size={30} stroke={1.6} />}
          title={t('groups.emptyTitle')}
          description={t('groups.emptyDescription')}
          nextStep={canEdit ? t('groups.emptyNext') : undefined}
          actions={createButton || undefined}
        />
      )}
      <Stack gap="sm" data-testid="group-list">
        {(groups.data ?? []).map((group) => (
          <Paper key={group.id} p="md" data-testid="group-card" data-group-id={group.id} data-kind={group.kind}>
            <Group justify="space-between" wrap="nowrap" align="flex-start">
              <Stack gap={4} style={{ minWidth: 0 }}>
                <Group gap="xs">
                  <Text fw={650} size="lg" data-testid="group-name-text">
                    {group.name}
                  </Text>
                  <Badge variant="light" color={group.kind === 'priority' ? 'grape' : 'cyan'} data-testid="group-kind-badge">
                    {t(`groups.kinds.${group.kind}`)}
                  </Badge>
                </Group>
                <Text size="sm" c="dimmed" data-testid="group-members-count">
                  {t('groups.memberCount', { count: group.members })}
                  {group.usedBy.length > 0 ? ` · ${t('groups.usedBy', { policies: group.usedBy.map((policy) => policy.name).join(', ') })}` : ` · ${t('groups.unused')}`}
                </Text>
                {group.kind === 'priority' && (
                  <Text size="xs" c="dimmed">
                    {t('groups.viewedBy', {
                      viewers: [...group.viewers.roleGroups.map((role) => t(`roleGroups.${role}`)), ...group.viewers.accounts.map((account) => account.name)].join(', '),
                    })}
                  </Text>
                )}
              </Stack>
              <Group gap="xs" wrap="nowrap">
                <Button variant="default" size="xs" onClick={() => setOpenId(group.id)} data-testid="group-open">
                  {canEdit ? t('groups.manage') : t('groups.view')}
                </Button>
                {canEdit && (
                  <ActionIcon variant="default" size="lg" color="red" aria-label={t('groups.deleteNamed', { name: group.name })} onClick={() => setDeleting(group)} data-testid="group-delete">
                    <IconTrash size={16} />
                  </ActionIcon>
                )}
              </Group>
            </Group>
          </Paper>
        ))}
      </Stack>

      <CreateGroupModal opened={creating} onClose={() => setCreating(false)} />
      <GroupDetailModal groupId={openId} onClose={() => setOpenId(null)} onDelete={setDeleting} />

      <Modal opened={deleting !== null} onClose={() => setDeleting(null)} title={t('groups.deleteTitle', { name: deleting?.name ?? '' })} size="md">
        <Stack gap="md">
          <Text size="sm">
            {deleting && deleting.usedBy.length > 0
              ? t('groups.deletePauses', { count: deleting.usedBy.length, policies: deleting.usedBy.map((policy) => policy.name).join(', ') })
              : t('groups.deleteUnused')}
          </Text>
          <ErrorAlert error={remove.error} />
          <ModalActions onCancel={() => setDeleting(null)}>
            <Button color="red" loading={remove.isPending} onClick={() => deleting && remove.mutate({ id: deleting.id })} data-testid="group-delete-confirm">
              {t('groups.delete')}
            </Button>
          </ModalActions>
        </Stack>
      </Modal>
    </Stack>
  );
}
