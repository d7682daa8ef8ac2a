import { fireEvent, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { renderApp } from '../../testing/render';
import { APP_VERSION, SCHEMA_VERSION, STANDARD_ACCOUNTS, openWorkbench, type Workbench } from '../../testing/workbench';

let workbench: Workbench;
beforeEach(async () => {
  workbench = await openWorkbench({ accounts: STANDARD_ACCOUNTS });
});
afterEach(() => workbench.close());

describe('AboutModal', () => {
  it('shows app.info: version, schema version, data folder and anonymization', async () => {
    const { transport } = await renderApp(workbench, { as: 'auditor' });
    await screen.findByTestId('navigation');
    expect(transport.callsOf('app.info')).toHaveLength(0);
    fireEvent.click(screen.getByTestId('about-button'));
    expect((await screen.findByTestId('about-app-version')).textContent).toBe(APP_VERSION);
    expect(screen.getByTestId('about-schema-version').textContent).toBe(String(SCHEMA_VERSION));
    expect(screen.getByTestId('about-data-folder').textContent).toBe(workbench.dataDir);
    expect(screen.getByTestId('about-anonymization').dataset.anonymization).toBe('on');
    expect(transport.callsOf('app.info')).toHaveLength(1);
  });

  it('says when anonymization is off', async () => {
    const admin = await workbench.admin();
    await admin.value('settings.setAnonymization', { enabled: false, reason: 'Legal hold needs names' });
    await renderApp(workbench, { as: 'admin' });
    await screen.findByTestId('navigation');
    fireEvent.click(screen.getByTestId('about-button'));
    const anonymization = await screen.findByTestId('about-anonymization');
    expect(anonymization.dataset.anonymization).toBe('off');
    expect(anonymization.textContent).toBe('OffReal names are shown');
  });
});
