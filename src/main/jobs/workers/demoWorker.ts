/** Worker-thread entry of the demo's simulation job (built to out/main/demoWorker.js). */
import { SIMULATION_JOB } from '../../imports/simulationJob';
import { serveJob } from '../jobWorker';

serveJob('demoWorker', SIMULATION_JOB.run);
