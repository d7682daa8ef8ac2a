/** Classification of activity rows into indicators with the settings in force (domain lists, organisation, exclusions). */
import BetterSqlite3 from 'better-sqlite3';
import { beforeEach, describe, expect, it } from 'vitest';
import { migrate } from '../store/migrations';
import { insertTestPersons } from '../testing/testPersons';
import { createSettingsStore } from '../settings/settingsStore';
import {
  DOMAIN_FLAG,
  RECIPIENT_FLAG,
  createDomainClassifier,
  domainOfText,
  extensionOf,
  indicatorMaskSql,
  indicatorsOfMask,
  installClassifier,
  readClassificationSettings,
  type ClassificationSettings,
} from './classify';
import { DAY, signalWriter, type TestActivity } from '../testing/testSignals';

let db: BetterSqlite3.Database;
let person: number;

beforeEach(() => {
  db = new BetterSqlite3(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db);
  [person] = insertTestPersons(db, [{ key: 'ann@corp.example', displayName: 'Ann' }]) as [number];
});

function settings(): ClassificationSettings {
  return readClassificationSettings(
    db,
    createSettingsStore(db, () => 0),
  );
}

/** The indicators one activity feeds under the current settings. */
function indicatorsOf(activity: Omit<TestActivity, 'person' | 'time'>): string[] {
  const [id] = signalWriter(db).activities([{ person, time: 20_000 * DAY, ...activity }]);
  const current = settings();
  installClassifier(db, createDomainClassifier(current));
  const mask = indicatorMaskSql(current, 'a');
  const value = db.prepare(`SELECT ${mask.sql} AS mask FROM activities a WHERE a.id = @id`).get({ ...mask.params, id }) as {
    mask: number;
  };
  return indicatorsOfMask(value.mask);
}

describe('domains', () => {
  it('match themselves and every subdomain, never a look-alike', () => {
    const classifier = createDomainClassifier({ ...settings(), organisationDomains: ['corp.example'] });
    expect(classifier.domainFlags('https://www.dropbox.com/upload')).toBe(DOMAIN_FLAG.personalCloud);
    expect(classifier.domainFlags('eu.files.dropbox.com')).toBe(DOMAIN_FLAG.personalCloud);
    expect(classifier.domainFlags('notdropbox.com')).toBe(0);
    expect(classifier.domainFlags('dropbox.com.evil.example')).toBe(0);
    expect(classifier.domainFlags('careers.indeed.com')).toBe(DOMAIN_FLAG.jobSearch);
    expect(classifier.domainFlags('intranet.corp.example')).toBe(DOMAIN_FLAG.organisation);
  });

  it('lets the allowed list and the organisation win over any category', () => {
    const classifier = createDomainClassifier({
      ...settings(),
      lists: { ...settings().lists, allowed: ['dropbox.com'], unallowed: ['dropbox.com'] },
    });
    expect(classifier.domainFlags('www.dropbox.com')).toBe(DOMAIN_FLAG.allowed);
  });

  it('classifies recipient lists: external, personal webmail, unallowed', () => {
    const classifier = createDomainClassifier({
      ...settings(),
      organisationDomains: ['corp.example'],
      lists: { ...settings().lists, unallowed: ['rival.example'] },
    });
    expect(classifier.recipientFlags('bob@corp.example; carol@Corp.Example')).toBe(RECIPIENT_FLAG.known);
    expect(classifier.recipientFlags('bob@corp.example;me@gmail.com')).toBe(
      RECIPIENT_FLAG.known | RECIPIENT_FLAG.external | RECIPIENT_FLAG.webmail,
    );
    expect(classifier.recipientFlags('"Eve" <eve@rival.example>')).toBe(
      RECIPIENT_FLAG.known | RECIPIENT_FLAG.external | RECIPIENT_FLAG.unallowed,
    );
    expect(classifier.recipientFlags('no addresses here')).toBe(0);
  });

  it('reads hosts out of URLs and addresses', () => {
    expect(domainOfText('https://WWW.Example.com:8443/a?b')).toBe('example.com');
    expect(domainOfText('Someone <x@Mail.Example.org>')).toBe('mail.example.org');
    expect(domainOfText('not a domain')).toBeNull();
    expect(extensionOf('C:\\Users\\ann\\Q3 plan.final.XLSX')).toBe('xlsx');
    expect(extensionOf('/tmp/.bashrc')).toBe('');
  });
});

describe('indicator mask', () => {
  it('classifies each kind of row by the catalogue', () => {
    expect(indicatorsOf({ kind: 'usbCopy', target: 'E:\\plans.docx' })).toEqual(['usb_copy']);
    expect(indicatorsOf({ kind: 'usbCopy', target: 'E:\\plans.ZIP' })).toEqual(['file_archive', 'usb_copy']);
    expect(indicatorsOf({ kind: 'fileCopy', target: 'C:\\tmp\\all.7z' })).toEqual(['file_archive']);
    expect(indicatorsOf({ kind: 'usbConnect', device: 'PC-1' })).toEqual(['usb_mount']);
    expect(indicatorsOf({ kind: 'sharepointDownload', target: 'https://corp.sharepoint.com/a.docx' })).toEqual([
      'sharepoint_download',
    ]);
    expect(indicatorsOf({ kind: 'fileDelete', target: 'C:\\a.docx' })).toEqual(['mass_delete']);
    expect(indicatorsOf({ kind: 'labelDowngrade', target: 'a.docx' })).toEqual(['label_downgrade']);
    expect(indicatorsOf({ kind: 'fileRename', target: 'a.jpg', detail: 'a.docx' })).toEqual(['file_rename_extension']);
    expect(indicatorsOf({ kind: 'fileRename', target: 'b.docx', detail: 'a.docx' })).toEqual([]);
    expect(indicatorsOf({ kind: 'print', target: 'a.pdf' })).toEqual(['print']);
    expect(indicatorsOf({ kind: 'logon', device: 'PC-1' })).toEqual([]);
  });

  it('scores e-mail by its recipients with the organisation domains in force now', () => {
    const send = (recipients: string, attachments: number, kind: 'emailSend' | 'emailSendInternal' = 'emailSend') =>
      indicatorsOf({ kind, recipients, attachments });
    expect(send('bob@corp.example', 2)).toEqual([]);
    expect(send('bob@partner.example', 2)).toEqual(['email_external_attachments']);
    expect(send('bob@partner.example', 0)).toEqual([]);
    expect(send('ann.private@gmail.com', 0)).toEqual(['email_personal_webmail']);
    expect(send('ann.private@gmail.com', 1)).toEqual(['email_external_attachments', 'email_personal_webmail']);
    // The importer called it internal with yesterday's domains; today corp.example is not ours.
    createSettingsStore(db, () => 0).set('organisation.domains', ['newcorp.example']);
    expect(send('bob@corp.example', 1, 'emailSendInternal')).toEqual(['email_external_attachments']);
  });

  it('scores web rows by domain category, and uploads only outside the organisation', () => {
    expect(indicatorsOf({ kind: 'webVisit', domain: 'www.indeed.com', target: 'https://www.indeed.com/jobs' })).toEqual([
      'browse_job_search',
    ]);
    expect(indicatorsOf({ kind: 'webVisit', domain: 'wikileaks.org' })).toEqual(['browse_leak_site']);
    expect(indicatorsOf({ kind: 'webVisit', domain: 'www.dropbox.com', target: 'https://www.dropbox.com/home' })).toEqual([
      'browse_cloud_storage',
    ]);
    expect(indicatorsOf({ kind: 'webVisit', domain: 'www.dropbox.com', target: 'https://www.dropbox.com/upload' })).toEqual([
      'cloud_upload',
      'browse_cloud_storage',
    ]);
    expect(indicatorsOf({ kind: 'webUpload', domain: 'files.example.net', target: 'https://files.example.net/u' })).toEqual([
      'cloud_upload',
    ]);
    expect(
      indicatorsOf({ kind: 'webUpload', domain: 'intranet.corp.example', target: 'https://intranet.corp.example/u' }),
    ).toEqual([]);
    expect(indicatorsOf({ kind: 'webDownload', domain: 'www.spyrix.com', target: 'https://www.spyrix.com/skm.exe' })).toEqual([
      'hacking_tool_download',
    ]);
    expect(
      indicatorsOf({ kind: 'webDownload', domain: 'downloads.example.net', target: 'https://downloads.example.net/tool.exe' }),
    ).toEqual([]);
    expect(
      indicatorsOf({ kind: 'webDownload', domain: 'downloads.example.net', target: 'https://downloads.example.net/paper.pdf' }),
    ).toEqual([]);
    createSettingsStore(db, () => 0).set('domains.unallowed', ['rival.example']);
    expect(indicatorsOf({ kind: 'webVisit', domain: 'shop.rival.example' })).toEqual(['unallowed_domain']);
  });

  it('drops excluded file types, paths and keywords before scoring', () => {
    const store = createSettingsStore(db, () => 0);
    store.set('exclusions.fileTypes', ['mp3']);
    store.set('exclusions.keywords', ['Payslip']);
    expect(indicatorsOf({ kind: 'usbCopy', target: 'E:\\music\\song.MP3' })).toEqual([]);
    expect(indicatorsOf({ kind: 'usbCopy', target: 'C:\\Users\\ann\\AppData\\Local\\Temp\\x.docx' })).toEqual([]);
    expect(indicatorsOf({ kind: 'usbCopy', target: 'C:/Users/ann/AppData/Roaming/x.docx' })).toEqual([]);
    expect(indicatorsOf({ kind: 'usbCopy', target: 'E:\\my payslip 2026.pdf' })).toEqual([]);
    expect(indicatorsOf({ kind: 'usbCopy', target: 'E:\\plans.docx' })).toEqual(['usb_copy']);
  });
});
