// The extraction worker: runs extractFile for big documents on its own thread, so a language
// server keeps answering while a 50 MB manifest is read. Messages: {id, file, text, kind} in,
// {id, result} or {id, error} out.
import { parentPort } from 'node:worker_threads';
import type { ReferenceSource } from '../model/reference.js';
import { extractFile } from './index.js';

interface Job {
  id: number;
  file: string;
  text: string;
  kind: ReferenceSource | undefined;
}

parentPort?.on('message', (job: Job) => {
  try {
    parentPort?.postMessage({ id: job.id, result: extractFile(job.file, job.text, job.kind) });
  } catch (e) {
    parentPort?.postMessage({ id: job.id, error: e instanceof Error ? e.message : String(e) });
  }
});
