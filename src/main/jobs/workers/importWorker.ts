/**
 * Worker-thread entry of import jobs (built to out/main/importWorker.js): runs runImportJob with its
 * own database connection. The job's second thread, the activity writer, has its own entry
 * (activityWriterWorker.ts).
 */
import { checkpointAfterImport, runImportJob } from '../../ingest/importJob';
import { serveJob } from '../jobWorker';

serveJob('importWorker', runImportJob, (input, result) => {
  // After the result, so the import is visible first; if this fails, a later commit checkpoints.
  if (result.state === 'succeeded') checkpointAfterImport(input.databaseFile);
});
