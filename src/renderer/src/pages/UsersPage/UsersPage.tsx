import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../api';
import { PlaceholderPage } from '../PlaceholderPage/PlaceholderPage';

/** Users: nobody is in a policy's scope until detection lands; says how many persons are already known. */
export function UsersPage() {
  const { t } = useTranslation();
  const count = useApiQuery('persons.count', {});
  const known = count.data?.count;
  return (
    <PlaceholderPage
      id="users"
      description={known === undefined ? undefined : `${t('pages.users.emptyDescription')} ${t('pages.users.knownPersons', { count: known })}`}
    />
  );
}
