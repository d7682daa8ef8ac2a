/**
 * Worker-thread entry of scoring jobs (built to out/main/scoringWorker.js): runs runScoringJob with
 * its own database connection.
 */
import { serveJob } from '../jobWorker';
import { runScoringJob } from '../../scoring/scoringJob';

serveJob('scoringWorker', runScoringJob);
