// The extraction worker: runs extractReusable for big documents on its own thread, so a language
// server keeps answering while a 50 MB manifest is read. Messages: {id, file, text, kind} in,
// {id, result} (the extraction without its text) or {id, error} out.
import { parentPort } from 'node:worker_threads';
import type { ReferenceSource } from '../model/reference.js';
import { extractReusable } from './reextract.js';

interface Job {
  id: number;
  file: string;
  text: string;
  kind: ReferenceSource | null;
}

parentPort?.on('message', (job: Job) => {
  try {
    const { file, kind, references, problems, chunks } = extractReusable(job.file, job.text, job.kind);
    parentPort?.postMessage({ id: job.id, result: { file, kind, references, problems, chunks } });
  } catch (e) {
    parentPort?.postMessage({ id: job.id, error: e instanceof Error ? e.message : String(e) });
  }
});
