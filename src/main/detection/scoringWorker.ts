/**
 * Worker-thread entry of scoring jobs (built to out/main/scoringWorker.js): runs runScoringJob with
 * its own database connection.
 */
import { serveJob } from '../jobs/jobWorker';
import { runScoringJob } from './scoringJob';

serveJob('scoringWorker', runScoringJob);
