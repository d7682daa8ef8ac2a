import { DemoDataCard } from '../../features/demo/DemoDataCard';
import { PlaceholderPage } from '../PlaceholderPage/PlaceholderPage';

/** Imports: the history and file picker arrive with the imports feature; the demo organisation is offered here too. */
export function ImportsPage() {
  return (
    <PlaceholderPage id="imports">
      <DemoDataCard />
    </PlaceholderPage>
  );
}
