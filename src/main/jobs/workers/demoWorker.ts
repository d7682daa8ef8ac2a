/** Worker-thread entry of the demo job (built to out/main/demoWorker.js). */
import { DEMO_JOB } from '../../imports/demoJob';
import { serveJob } from '../jobWorker';

serveJob('demoWorker', DEMO_JOB.run);
