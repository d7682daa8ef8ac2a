/**
 * Worker-thread entry of an import's second thread, the activity writer (built to
 * out/main/activityWriterWorker.js). Its own entry, so the thread loads only activityWriter.ts and
 * better-sqlite3, not the whole import job: it starts while the job is still hashing.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { runActivityWriterThread, type WriterData, type WriterMessage, type WriterReply } from '../../ingest/activityWriter';

const port = parentPort;
if (!port) throw new Error('activityWriterWorker must run in a worker thread');

runActivityWriterThread(workerData as WriterData, {
  on: (event, listener) => port.on(event, listener as (message: WriterMessage) => void),
  postMessage: (reply: WriterReply) => port.postMessage(reply),
});
