import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderApp, signedInAs } from '../../testing/render';

describe('AboutModal', () => {
  it('shows app.info: version, schema version, data folder and anonymization', async () => {
    const { backend } = renderApp({
      fake: signedInAs('auditor', { appInfo: { appVersion: '9.8.7', schemaVersion: 42, dataDir: '/data/irm-test', anonymization: true } }),
    });
    await screen.findByTestId('navigation');
    expect(backend.callsOf('app.info')).toHaveLength(0);
    fireEvent.click(screen.getByTestId('about-button'));
    expect((await screen.findByTestId('about-app-version')).textContent).toBe('9.8.7');
    expect(screen.getByTestId('about-schema-version').textContent).toBe('42');
    expect(screen.getByTestId('about-data-folder').textContent).toBe('/data/irm-test');
    expect(screen.getByTestId('about-anonymization').dataset.anonymization).toBe('on');
    expect(backend.callsOf('app.info')).toHaveLength(1);
  });

  it('says when anonymization is off', async () => {
    renderApp({ fake: signedInAs('admin', { appInfo: { anonymization: false } }) });
    await screen.findByTestId('navigation');
    fireEvent.click(screen.getByTestId('about-button'));
    const anonymization = await screen.findByTestId('about-anonymization');
    expect(anonymization.dataset.anonymization).toBe('off');
    expect(anonymization.textContent).toBe('OffReal names are shown');
  });
});
