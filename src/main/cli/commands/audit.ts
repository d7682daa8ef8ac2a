/** `irm audit verify|export`. */
import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { CliError, globalOptions, openCliBackend, output, withSession } from '../runtime';
import { verifyAuditLog } from '../../audit/verifyAuditLog';

export function register(program: Command): void {
  const audit = program.command('audit').description('The tamper-evident audit log');
  audit
    .command('verify')
    .description('Check the hash chain and signed checkpoints; exit 0 when intact, 2 naming the first bad sequence otherwise')
    .action(async (_options, command: Command) => {
      const options = globalOptions(command);
      // Verification reads the log directly: it must work even when the accounts table was tampered with.
      const session = openCliBackend(options);
      try {
        const { auditDb, dataDir, keys } = session.backend.context;
        const verdict = verifyAuditLog(auditDb, dataDir, keys);
        output(options, verdict, () => verdict.message);
        if (!verdict.intact) throw new CliError(verdict.message, 2);
      } finally {
        session.close();
      }
    });
  audit
    .command('export <file>')
    .description('Export the audit log as CSV (needs Auditors or Insider Risk Management)')
    .action(async (file: string, _options, command: Command) => {
      await withSession(command, async (session, global) => {
        const result = await session.call('audit.exportCsv', {});
        writeFileSync(file, result.csv);
        output(global, { file, rows: result.rows }, () => `Wrote ${result.rows} entries to ${file}`);
      });
    });
}
