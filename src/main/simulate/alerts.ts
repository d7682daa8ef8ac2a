/**
 * Microsoft Graph security alerts (v2) for the endpoint security signals: the benign noise every
 * organisation has (blocked adware, a remediated download, admins' scripts, security staff's scan
 * tools) and the alerts of the security-violation and snooping scenarios.
 */
import { isoDateTime } from './calendar';
import { ORGANISATION_DOMAIN, ORGANISATION_NETBIOS } from './catalog';
import { hex } from './m365';
import type { Person } from './organisation';
import { randomUuid, type Random } from './random';

/** Graph alert categories the simulator writes. */
export type AlertCategory = 'DefenseEvasion' | 'UnwantedSoftware' | 'Malware' | 'CredentialAccess' | 'Execution';
/** Graph alert severities. */
export type AlertSeverity = 'informational' | 'low' | 'medium' | 'high';

/** The kind of alert: title, category, severity and the evidence it comes with. */
export interface AlertTemplate {
  title: string;
  category: AlertCategory;
  severity: AlertSeverity;
  serviceSource: 'microsoftDefenderForEndpoint' | 'microsoftDefenderForIdentity';
  detectionSource: string;
  threat?: string;
  mitre: string[];
  description: string;
  file?: { name: string; path: string };
  commandLine?: string;
  /** Classification and determination when the alert is resolved. */
  resolution?: [string, string];
}

/** Alerts innocent people get now and then. */
export const BENIGN_ALERTS: Record<string, AlertTemplate> = {
  adware: { title: "'Presenoker' potentially unwanted application was prevented", category: 'UnwantedSoftware', severity: 'low', serviceSource: 'microsoftDefenderForEndpoint', detectionSource: 'antivirus', threat: 'PUA:Win32/Presenoker', mitre: [], resolution: ['truePositive', 'unwantedSoftware'], description: 'A potentially unwanted application bundled with a free download was prevented from running.', file: { name: 'pdf_converter_setup.exe', path: 'C:\\Users\\{user}\\Downloads' } },
  wacatac: { title: "'Wacatac' malware was prevented", category: 'Malware', severity: 'medium', serviceSource: 'microsoftDefenderForEndpoint', detectionSource: 'antivirus', threat: 'Trojan:Win32/Wacatac.B!ml', mitre: [], resolution: ['truePositive', 'malware'], description: 'Malware was detected in a downloaded file and quarantined before it ran.', file: { name: 'invoice_scan.zip', path: 'C:\\Users\\{user}\\Downloads' } },
  powershell: { title: 'Suspicious PowerShell command line', category: 'Execution', severity: 'informational', serviceSource: 'microsoftDefenderForEndpoint', detectionSource: 'microsoftDefenderForEndpoint', mitre: ['T1059.001'], description: 'A PowerShell command line with encoded arguments was run.', commandLine: 'powershell.exe -NoProfile -ExecutionPolicy Bypass -File \\\\fs01\\it$\\scripts\\Reset-PrinterQueue.ps1' },
  exclusion: { title: 'Suspicious Microsoft Defender Antivirus exclusion', category: 'DefenseEvasion', severity: 'low', serviceSource: 'microsoftDefenderForEndpoint', detectionSource: 'microsoftDefenderForEndpoint', mitre: ['T1562.001'], description: 'An exclusion was added to Microsoft Defender Antivirus for a build folder.', commandLine: 'powershell.exe Add-MpPreference -ExclusionPath C:\\BuildAgent\\work' },
  nmap: { title: "'Nmap' hacktool was detected", category: 'UnwantedSoftware', severity: 'low', serviceSource: 'microsoftDefenderForEndpoint', detectionSource: 'antivirus', threat: 'HackTool:Win32/Nmap', mitre: ['T1046'], description: 'A network scanning tool was detected.', file: { name: 'nmap.exe', path: 'C:\\Program Files (x86)\\Nmap' } },
};

/** Alerts of deliberate security violations. */
export const VIOLATION_ALERTS: Record<string, AlertTemplate> = {
  disableDefender: { title: 'Attempt to turn off Microsoft Defender Antivirus protection', category: 'DefenseEvasion', severity: 'high', serviceSource: 'microsoftDefenderForEndpoint', detectionSource: 'microsoftDefenderForEndpoint', mitre: ['T1562.001'], description: 'An attempt was made to turn off real-time protection of Microsoft Defender Antivirus.', commandLine: 'powershell.exe Set-MpPreference -DisableRealtimeMonitoring $true' },
  tamper: { title: 'Tampering with Microsoft Defender for Endpoint sensor settings', category: 'DefenseEvasion', severity: 'high', serviceSource: 'microsoftDefenderForEndpoint', detectionSource: 'microsoftDefenderForEndpoint', mitre: ['T1562.001', 'T1112'], description: 'Registry settings of the endpoint sensor were modified.', commandLine: 'reg.exe add "HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows Defender" /v DisableAntiSpyware /t REG_DWORD /d 1 /f' },
  clearLogs: { title: 'Event log was cleared', category: 'DefenseEvasion', severity: 'medium', serviceSource: 'microsoftDefenderForEndpoint', detectionSource: 'microsoftDefenderForEndpoint', mitre: ['T1070.001'], description: 'The security event log was cleared.', commandLine: 'wevtutil.exe cl Security' },
  credentialDump: { title: 'Possible credential dumping via Mimikatz', category: 'CredentialAccess', severity: 'high', serviceSource: 'microsoftDefenderForEndpoint', detectionSource: 'microsoftDefenderForEndpoint', threat: 'HackTool:Win32/Mimikatz', mitre: ['T1003.001'], description: 'A process accessed LSASS memory in a way typical of credential theft tools.', file: { name: 'mimikatz.exe', path: 'C:\\Users\\{user}\\Downloads\\mimikatz_trunk\\x64' } },
  bruteForce: { title: 'Suspected brute-force attack (Kerberos, NTLM)', category: 'CredentialAccess', severity: 'medium', serviceSource: 'microsoftDefenderForIdentity', detectionSource: 'microsoftDefenderForIdentity', mitre: ['T1110.001'], description: 'Several failed sign-in attempts to another user\'s account were made from one device.' },
};

/** An alert for a tool the person downloaded (category and threat from the tool). */
export function toolAlert(tool: { file: string; threat: string; category: 'UnwantedSoftware' | 'Malware' | 'CredentialAccess' }, severity: AlertSeverity): AlertTemplate {
  return {
    title: `'${tool.threat.replace(/^[A-Za-z]+:Win32\//, '')}' ${tool.category === 'UnwantedSoftware' ? 'unwanted software' : 'hacktool'} was detected`,
    category: tool.category === 'CredentialAccess' ? 'CredentialAccess' : tool.category,
    severity,
    serviceSource: 'microsoftDefenderForEndpoint',
    detectionSource: 'antivirus',
    threat: tool.threat,
    mitre: tool.category === 'CredentialAccess' ? ['T1003'] : ['T1056.001'],
    description: `${tool.threat} was detected on the device.`,
    file: { name: tool.file, path: 'C:\\Users\\{user}\\Downloads' },
  };
}

function graphTime(random: Random, time: number): string {
  return `${isoDateTime(time)}.${random.characters(7, '0123456789')}Z`;
}

/** Builds the Graph alert object for a person on a computer. */
export function graphAlert(random: Random, tenantId: string, template: AlertTemplate, person: Person, computer: string, time: number, status: 'new' | 'inProgress' | 'resolved', incidentNumber: number, target?: Person): Record<string, unknown> {
  const id = `da${random.characters(18, '0123456789')}_${random.characters(10, '0123456789')}`;
  const deviceId = hex(random, 40);
  const created = graphTime(random, time + 60_000 * random.integer(1, 20));
  const userAccount = (someone: Person) => ({ accountName: someone.userId, domainName: ORGANISATION_NETBIOS, userSid: someone.sid, azureAdUserId: someone.entraId, userPrincipalName: someone.email, displayName: someone.displayName });
  const evidence: Record<string, unknown>[] = [
    {
      '@odata.type': '#microsoft.graph.security.deviceEvidence',
      createdDateTime: created,
      verdict: 'unknown',
      remediationStatus: 'none',
      remediationStatusDetails: null,
      roles: [],
      detailedRoles: [],
      tags: [],
      firstSeenDateTime: graphTime(random, time - 86_400_000 * random.integer(200, 900)),
      mdeDeviceId: deviceId,
      azureAdDeviceId: randomUuid(random),
      deviceDnsName: `${computer.toLowerCase()}.corp.${ORGANISATION_DOMAIN}`,
      hostName: computer.toLowerCase(),
      ntDomain: ORGANISATION_NETBIOS,
      dnsDomain: `corp.${ORGANISATION_DOMAIN}`,
      osPlatform: 'Windows11',
      osBuild: 22631,
      version: '23H2',
      healthStatus: 'active',
      riskScore: template.severity === 'high' ? 'high' : template.severity === 'medium' ? 'medium' : 'low',
      rbacGroupId: 0,
      rbacGroupName: null,
      onboardingStatus: 'onboarded',
      defenderAvStatus: 'updated',
      ipInterfaces: [`10.${random.integer(16, 31)}.${random.integer(0, 255)}.${random.integer(2, 254)}`],
      loggedOnUsers: [{ accountName: person.userId, domainName: ORGANISATION_NETBIOS }],
    },
    {
      '@odata.type': '#microsoft.graph.security.userEvidence',
      createdDateTime: created,
      verdict: template.severity === 'high' ? 'suspicious' : 'unknown',
      remediationStatus: 'none',
      remediationStatusDetails: null,
      roles: [],
      detailedRoles: [],
      tags: [],
      userAccount: userAccount(person),
    },
  ];
  if (target) {
    evidence.push({ '@odata.type': '#microsoft.graph.security.userEvidence', createdDateTime: created, verdict: 'unknown', remediationStatus: 'none', remediationStatusDetails: null, roles: ['compromised'], detailedRoles: [], tags: [], userAccount: userAccount(target) });
  }
  if (template.file) {
    evidence.push({
      '@odata.type': '#microsoft.graph.security.fileEvidence',
      createdDateTime: created,
      verdict: template.category === 'Execution' ? 'unknown' : 'malicious',
      remediationStatus: status === 'resolved' ? 'prevented' : 'none',
      remediationStatusDetails: null,
      roles: [],
      detailedRoles: [],
      tags: [],
      detectionStatus: status === 'resolved' ? 'prevented' : 'detected',
      mdeDeviceId: deviceId,
      fileDetails: { sha1: hex(random, 40), sha256: hex(random, 64), fileName: template.file.name, filePath: template.file.path.replace('{user}', person.userId), filePublisher: null, fileSize: random.integer(40_000, 9_000_000), issuer: null, signer: null },
    });
  }
  if (template.commandLine) {
    evidence.push({
      '@odata.type': '#microsoft.graph.security.processEvidence',
      createdDateTime: created,
      verdict: 'suspicious',
      remediationStatus: 'none',
      remediationStatusDetails: null,
      roles: [],
      detailedRoles: [],
      tags: [],
      processId: random.integer(1000, 30000),
      processCommandLine: template.commandLine,
      processCreationDateTime: graphTime(random, time),
      detectionStatus: 'detected',
      mdeDeviceId: deviceId,
      userAccount: userAccount(person),
    });
  }
  return {
    id,
    providerAlertId: id,
    incidentId: String(incidentNumber),
    status,
    severity: template.severity,
    classification: status === 'resolved' ? (template.resolution?.[0] ?? 'informationalExpectedActivity') : null,
    determination: status === 'resolved' ? (template.resolution?.[1] ?? 'notMalicious') : null,
    serviceSource: template.serviceSource,
    detectionSource: template.detectionSource,
    detectorId: randomUuid(random),
    tenantId,
    title: template.title,
    description: template.description,
    recommendedActions: 'Review the device timeline and the user\'s activity around the alert; contact the user if the activity was not expected.',
    category: template.category,
    assignedTo: null,
    alertWebUrl: `https://security.microsoft.com/alerts/${id}?tid=${tenantId}`,
    incidentWebUrl: `https://security.microsoft.com/incidents/${incidentNumber}?tid=${tenantId}`,
    actorDisplayName: null,
    threatDisplayName: template.threat ?? null,
    threatFamilyName: template.threat ? template.threat.replace(/^[A-Za-z]+:Win32\//, '').replace(/[.!].*$/, '') : null,
    mitreTechniques: template.mitre,
    createdDateTime: created,
    lastUpdateDateTime: created,
    resolvedDateTime: status === 'resolved' ? graphTime(random, time + 3_600_000 * random.integer(2, 48)) : null,
    firstActivityDateTime: graphTime(random, time),
    lastActivityDateTime: graphTime(random, time + 60_000 * random.integer(0, 5)),
    comments: [],
    evidence,
    systemTags: [],
  };
}
