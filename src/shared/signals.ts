/** Vocabulary of signals shared by import, detection and the UI (DOMAIN.md §3, reference/indicators.md). */

/** Activity categories used in charts. */
export const ACTIVITY_CATEGORIES = ['Access', 'Collection', 'Exfiltration', 'Obfuscation', 'Deletion', 'Infiltration', 'Security'] as const;
export type ActivityCategory = (typeof ACTIVITY_CATEGORIES)[number];

/** Normalised activity kinds and their category. Importers map source rows to these. */
export const ACTIVITY_KINDS = {
  logon: 'Access',
  logoff: 'Access',
  fileAccessed: 'Access',
  webVisit: 'Access',
  emailReceive: 'Access',
  emailView: 'Access',
  mailItemsAccessed: 'Access',
  sharepointDownload: 'Collection',
  fileOpen: 'Collection',
  fileWrite: 'Collection',
  fileCopy: 'Collection',
  fileArchive: 'Collection',
  usbConnect: 'Exfiltration',
  usbDisconnect: 'Access',
  usbCopy: 'Exfiltration',
  cloudUpload: 'Exfiltration',
  webUpload: 'Exfiltration',
  print: 'Exfiltration',
  networkShareCopy: 'Exfiltration',
  remoteDesktopCopy: 'Exfiltration',
  externalShare: 'Exfiltration',
  /** Sharing with people inside the organisation (company links, internal recipients). */
  internalShare: 'Access',
  emailSend: 'Exfiltration',
  /** An e-mail whose recipients are all inside the organisation's domains. */
  emailSendInternal: 'Access',
  mailForwardRule: 'Exfiltration',
  /** An inbox rule that does not forward outside the organisation. */
  inboxRule: 'Access',
  fileUpload: 'Collection',
  labelDowngrade: 'Obfuscation',
  /** A sensitivity label applied, upgraded or changed without lowering it. */
  labelChange: 'Access',
  fileRename: 'Obfuscation',
  fileMove: 'Access',
  fileDelete: 'Deletion',
  mailDelete: 'Deletion',
  webDownload: 'Infiltration',
  other: 'Access',
} as const satisfies Record<string, (typeof ACTIVITY_CATEGORIES)[number]>;
export type ActivityKind = keyof typeof ACTIVITY_KINDS;

/** HR event kinds (triggers, not indicators). */
export const HR_EVENT_KINDS = ['resignation', 'termination', 'departure', 'jobLevelChange', 'performanceReview', 'improvementPlan'] as const;
export type HrEventKind = (typeof HR_EVENT_KINDS)[number];

/** Import formats (`--format`). */
export const IMPORT_FORMATS = ['hr', 'directory', 'm365', 'alerts', 'cert', 'content'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];
